use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::certificates::verify_certificate;
use crate::domain::certificate::{CertificateState, Verification};
use crate::domain::format::{date as long_date, period};
use crate::i18n::{current, t, t_with};
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::loaded::Loaded;

/// `/certificats/{code}`: the public verification of a certificate, for an
/// employer with the code or the QR code of the PDF. It says whether the
/// certificate is valid, revoked (when, why) or replaced (by which), and
/// whose it is; nothing else (no e-mail, no meeting detail).
#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, verify_certificate);
    view! {
        <AuthPage title=t("certificates-verify-title")>
            <Loaded data let:v>
                <VerificationView v />
            </Loaded>
        </AuthPage>
    }
}

#[component]
fn VerificationView(v: Verification) -> impl IntoView {
    let (class, verdict, detail) = match &v.state {
        CertificateState::Valid => ("verdict verdict-valid", t("certificates-state-valid"), None),
        CertificateState::Revoked { at, reason } => (
            "verdict verdict-revoked",
            t("certificates-state-revoked"),
            Some(
                view! {
                    <p class="verdict-detail">
                        {t_with(
                            "certificates-revoked-on",
                            &[("date", (&long_date(current(), at.date_naive())).into()), ("reason", reason.into())],
                        )}
                    </p>
                }
                .into_any(),
            ),
        ),
        CertificateState::Replaced { by } => (
            "verdict verdict-replaced",
            t("certificates-state-replaced"),
            Some(
                view! {
                    <p class="verdict-detail">
                        {format!("{} ", t("certificates-replaced-by"))}
                        <a href=format!("/certificats/{by}")>{by.clone()}</a>
                    </p>
                }
                .into_any(),
            ),
        ),
    };
    view! {
        <p class=class role="status">{verdict}</p>
        {detail}
        <dl class="facts certificate-facts">
            <dt>{t("certificates-fact-code")}</dt>
            <dd class="certificate-code">{v.code.clone()}</dd>
            <dt>{t("certificates-fact-learner")}</dt>
            <dd class="certificate-learner">{v.learner_name.clone()}</dd>
            <dt>{t("certificates-fact-formation")}</dt>
            <dd>{format!("{} ({})", v.formation_name, t(v.level.label_id()))}</dd>
            <dt>{t("certificates-fact-period")}</dt>
            <dd>{period(current(), v.start_date, v.end_date)}</dd>
            <dt>{t("certificates-fact-issued")}</dt>
            <dd>{long_date(current(), v.issued_on)}</dd>
        </dl>
    }
}

use leptos::prelude::*;

use crate::domain::certificate::{pdf_path, CertificateStanding};
use crate::i18n::{t, t_with};

/// What a finished enrollment's card and sessions page say of its
/// certificate: the download and verification links, or why there is none.
#[component]
pub fn CertificateLinks(enrollment_id: i64, standing: CertificateStanding) -> impl IntoView {
    match standing {
        CertificateStanding::None => ().into_any(),
        CertificateStanding::Available { code } => {
            let verify = format!("/certificats/{code}");
            view! {
                <p class="certificate-links">
                    <a class="certificate-download" href=pdf_path(enrollment_id) download="">
                        {t("certificates-download")}
                    </a>
                    " · "
                    <a class="certificate-verify" href=verify>{t("certificates-verification-link")}</a>
                    <span class="certificate-code">{format!(" {code}")}</span>
                </p>
            }
            .into_any()
        }
        CertificateStanding::Revoked => view! {
            <p class="certificate-note">{t("certificates-revoked-note")}</p>
        }
        .into_any(),
        CertificateStanding::BelowThreshold {
            rate_percent,
            required,
        } => view! {
            <p class="certificate-note">
                {t_with(
                    "certificates-below-threshold",
                    &[("rate", rate_percent.into()), ("required", required.into())],
                )}
            </p>
        }
        .into_any(),
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_certificates, AdminIssueCertificate, AdminReissueCertificate, AdminRevokeCertificate,
};
use crate::domain::certificate::{
    AdminCertificateLine, CertificateState, CertificatesView, WithoutCertificate,
};
use crate::domain::format::date as long_date;
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::form_state::{
    form_error, form_state, reload_on_success, QueryForm,
};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::pager::Pager;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::{use_cursor, use_named_cursor, use_route_id};

/// A formation's certificates, newest first (50 a page, older ones by
/// `?avant=<id>`): revoke, reissue, and issue by exception to a finished
/// enrollment below the minimum attendance (50 a page, `?sans=<id>`); CSV
/// of them all.
#[component]
pub fn AdminCertificatesPage() -> impl IntoView {
    let id = use_route_id();
    let before = use_cursor();
    let without_before = use_named_cursor("sans");
    let reload = RwSignal::new(0u32);
    let data = Resource::new(
        move || (id.get(), before.get(), without_before.get(), reload.get()),
        |(id, before, without_before, _)| admin_list_certificates(id, before, without_before),
    );
    view! {
        <Title text=t("certificates-admin-title") />
        <Loaded data plain=true let:data>
            <CertificatesBody data reload />
        </Loaded>
    }
}

#[component]
fn CertificatesBody(data: CertificatesView, reload: RwSignal<u32>) -> impl IntoView {
    let id = data.formation_id;
    let older = data.older_than.map(|before| {
        view! {
            <p><a href=format!("/admin/formations/{id}/certificats?avant={before}")>{t("certificates-admin-older")}</a></p>
        }
    });
    let without_before = use_named_cursor("sans").get_untracked();
    let without = (!data.without.is_empty() || without_before.is_some()).then(|| {
        let rows = data.without.clone();
        let before = use_cursor().get_untracked();
        view! {
            <TitledSection id="without-h" title=t("certificates-admin-without")>
                <ul class="without-certificate">
                    {rows.into_iter().map(|w| view! { <WithoutItem w formation_id=id reload /> }).collect_view()}
                </ul>
                <Pager
                    path=format!("/admin/formations/{id}/certificats")
                    keep=vec![("avant", before.map(|b| b.to_string()).unwrap_or_default())]
                    later=without_before.is_some()
                    next=data.without_older_than
                    key="sans"
                />
            </TitledSection>
        }
    });
    view! {
        <FormationHead
            id
            name=data.formation_name
            title=t("certificates-admin-title")
            csv=format!("/admin/formations/{id}/certificats.csv")
        />
        <DataTable
            caption=t("certificates-admin-title")
            columns=[t("certificates-admin-code"), t("certificates-admin-learner"), t("certificates-admin-issued"),
                t("certificates-admin-state"), t("certificates-admin-actions")]
            empty=t("certificates-admin-empty")
            rows=data.certificates
            row=move |c| view! { <CertificateItem c formation_id=id reload /> }
        />
        {older}
        {without}
    }
}

#[component]
fn CertificateItem(
    c: AdminCertificateLine,
    formation_id: i64,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let revoke = ServerAction::<AdminRevokeCertificate>::new();
    let reissue = ServerAction::<AdminReissueCertificate>::new();
    let (query, revoke_error) = form_state(format!("revoke-{}", c.code), revoke.value());
    let reissue_error = form_error(
        reissue.value(),
        QueryForm::new(format!("reissue-{}", c.code)),
    );
    reload_on_success(revoke.value(), reload);
    reload_on_success(reissue.value(), reload);
    let state = match &c.state {
        CertificateState::Valid => t("certificates-state-valid"),
        CertificateState::Revoked { reason, .. } => {
            format!("{} — {reason}", t("certificates-state-revoked"))
        }
        CertificateState::Replaced { by } => format!("{} → {by}", t("certificates-state-replaced")),
    };
    let exception = c.by_exception.then(|| view! { <span class="hint">{format!(" ({})", t("certificates-admin-by-exception"))}</span> });
    let current_one = !matches!(c.state, CertificateState::Replaced { .. });
    let valid = c.state == CertificateState::Valid;
    let code = c.code.clone();
    let reason_id = format!("reason-{}", c.code);
    view! {
        <tr>
            <td><a href=format!("/certificats/{}", c.code)>{c.code.clone()}</a></td>
            <td>{c.learner_name.clone()}</td>
            <td>{long_date(current(), c.issued_on)}</td>
            <td>{state}{exception}</td>
            <td>
                {valid.then(|| {
                    let code = code.clone();
                    view! {
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="code" value=code />
                            <input type="hidden" name="formation_id" value=formation_id />
                            <TextField id=reason_id.clone() label=t("certificates-admin-reason") name="reason" value=query.value("reason", "") required=true error=revoke_error />
                            <button type="submit" class="danger">{t("certificates-admin-revoke")}</button>
                        </ActionForm>
                    }
                })}
                {current_one.then(|| {
                    let code = code.clone();
                    view! {
                        <ActionForm action=reissue attr:class="inline-form">
                            <input type="hidden" name="code" value=code />
                            <input type="hidden" name="formation_id" value=formation_id />
                            <FieldError error=reissue_error />
                            <button type="submit">{t("certificates-admin-reissue")}</button>
                        </ActionForm>
                    }
                })}
            </td>
        </tr>
    }
}

#[component]
fn WithoutItem(w: WithoutCertificate, formation_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let issue = ServerAction::<AdminIssueCertificate>::new();
    let error = form_error(
        issue.value(),
        QueryForm::new(format!("issue-{}", w.enrollment_id)),
    );
    reload_on_success(issue.value(), reload);
    view! {
        <li>
            {format!("{} — ", w.learner_name)}
            {t_with(
                "certificates-admin-without-rate",
                &[("rate", w.rate_percent.into()), ("required", w.required.into())],
            )}
            <ActionForm action=issue attr:class="inline-form">
                <input type="hidden" name="enrollment_id" value=w.enrollment_id />
                <input type="hidden" name="formation_id" value=formation_id />
                <FieldError error />
                <button type="submit">{t("certificates-admin-issue")}</button>
            </ActionForm>
        </li>
    }
}

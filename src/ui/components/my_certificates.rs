use leptos::prelude::*;

use crate::domain::certificate::{pdf_path, CertificateLine};
use crate::i18n::t;

/// "Mes certificats" on the dashboard: each valid certificate with its
/// download and verification links.
#[component]
pub fn MyCertificates(certificates: Vec<CertificateLine>) -> impl IntoView {
    let body = if certificates.is_empty() {
        view! { <p class="empty">{t("certificates-none-yet")}</p> }.into_any()
    } else {
        view! {
            <ul class="certificate-list">
                {certificates
                    .into_iter()
                    .map(|c| {
                        let verify = format!("/certificats/{}", c.code);
                        view! {
                            <li>
                                <a href=format!("/user/formations/{}", c.enrollment_id)>{c.formation_name}</a>
                                " — "
                                <a class="certificate-download" href=pdf_path(c.enrollment_id) download="">
                                    {t("certificates-download")}
                                </a>
                                " · "
                                <a href=verify>{t("certificates-verification-link")}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="my-certificates" aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{t("certificates-mine")}</h2>
            {body}
        </section>
    }
}

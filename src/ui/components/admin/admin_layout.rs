use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::api::auth::{current_user, Logout};
use crate::i18n::t;
use crate::ui::components::admin::flash::AdminFlash;
use crate::ui::components::lang_switch::LangSwitch;
use crate::ui::hooks::live;

/// The frame of every admin page: its own header and navigation, then the page.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let logout = ServerAction::<Logout>::new();
    // The last action's message goes away when the next form is sent.
    let flash_hidden = RwSignal::new(false);
    view! {
        <header class="site-header admin-header">
            <a class="brand" href="/admin">{t("admin-brand")}</a>
            <nav aria-label=t("admin-nav-label")>
                <A href="/admin" exact=true>{t("admin-dashboard-title")}</A>
                <A href="/admin/formations">{t("admin-formations-title")}</A>
                <A href="/admin/demandes">{t("admin-nav-requests")}</A>
                <A href="/admin/envois">{t("admin-nav-deliveries")}</A>
                <A href="/admin/audit">{t("admin-nav-audit")}</A>
                <A href="/formations">{t("admin-nav-catalogue")}</A>
            </nav>
            <div class="account">
                <LangSwitch />
                <Suspense fallback=|| ()>
                    {live(move || Suspend::new(async move {
                        let name = user.await.ok().flatten().map(|u| u.name).unwrap_or_default();
                        view! { <span class="user-name">{name}</span> }
                    }))}
                </Suspense>
                <ActionForm action=logout>
                    <button type="submit" class="link-button">{t("admin-logout")}</button>
                </ActionForm>
            </div>
        </header>
        <main id="contenu" class="admin-main" on:submit=move |_| flash_hidden.set(true)>
            <AdminFlash hidden=flash_hidden />
            <Outlet />
        </main>
    }
}

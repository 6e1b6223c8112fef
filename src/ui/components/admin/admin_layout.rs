use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::api::auth::{current_user, Logout};
use crate::ui::components::lang_switch::LangSwitch;

/// The frame of every admin page: its own header and navigation, then the page.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="site-header admin-header">
            <a class="brand" href="/admin">"🎓 Formations · Administration"</a>
            <nav aria-label="Navigation de l'administration">
                <A href="/admin" exact=true>"Tableau de bord"</A>
                <A href="/admin/formations">"Formations"</A>
                <A href="/admin/demandes">"Demandes"</A>
                <A href="/admin/audit">"Journal"</A>
                <A href="/formations">"Catalogue"</A>
            </nav>
            <div class="account">
                <LangSwitch />
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let name = user.await.ok().flatten().map(|u| u.name).unwrap_or_default();
                        view! { <span class="user-name">{name}</span> }
                    })}
                </Suspense>
                <ActionForm action=logout>
                    <button type="submit" class="link-button">"Se déconnecter"</button>
                </ActionForm>
            </div>
        </header>
        <main id="contenu" class="admin-main">
            <Outlet />
        </main>
    }
}

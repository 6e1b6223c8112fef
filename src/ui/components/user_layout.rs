use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::api::auth::current_user;
use crate::ui::components::header::Header;
use crate::ui::hooks::live;

/// The frame of every signed-in page: header, then the page.
#[component]
pub fn UserLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Suspense fallback=|| view! { <header class="site-header"></header> }>
            {live(move || Suspend::new(async move {
                let user = user.await.ok().flatten();
                view! { <Header user /> }
            }))}
        </Suspense>
        <main id="contenu">
            <Outlet />
        </main>
    }
}

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::api::auth::current_user;
use crate::ui::components::header::Header;
use crate::ui::components::notice_bell::NoticesChanged;

/// The frame of every signed-in page: header, then the page.
#[component]
pub fn UserLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    provide_context(NoticesChanged(RwSignal::new(0)));
    view! {
        <Suspense fallback=|| view! { <header class="site-header"></header> }>
            {move || Suspend::new(async move {
                let user = user.await.ok().flatten();
                view! { <Header user /> }
            })}
        </Suspense>
        <main id="contenu">
            <Outlet />
        </main>
    }
}

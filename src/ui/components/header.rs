use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::domain::account::SessionUser;
use crate::ui::components::lang_switch::LangSwitch;

#[component]
pub fn Header(user: Option<SessionUser>) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let is_admin = user.as_ref().is_some_and(SessionUser::is_admin);
    let name = user.map(|u| u.name).unwrap_or_default();
    view! {
        <header class="site-header">
            <a class="brand" href="/user">"🎓 Formations"</a>
            <nav aria-label="Navigation principale">
                <a href="/user">"Tableau de bord"</a>
                <a href="/user/formations">"Mes Formations"</a>
                <a href="/user/formations/next">"Prochaines sessions"</a>
                <a href="/formations">"Catalogue"</a>
                <a href="/compte">"Mon compte"</a>
                {is_admin.then(|| view! { <a href="/admin">"Administration"</a> })}
            </nav>
            <div class="account">
                <LangSwitch />
                <span class="user-name">{name}</span>
                <ActionForm action=logout>
                    <button type="submit" class="link-button">"Se déconnecter"</button>
                </ActionForm>
            </div>
        </header>
    }
}

use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::domain::account::SessionUser;
use crate::i18n::t;
use crate::ui::components::lang_switch::LangSwitch;
use crate::ui::components::notice_bell::NoticeBell;

#[component]
pub fn Header(user: Option<SessionUser>) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let is_admin = user.as_ref().is_some_and(SessionUser::is_admin);
    let unread = user.as_ref().map_or(0, |u| u.unread_notices);
    let name = user.map(|u| u.name).unwrap_or_default();
    view! {
        <header class="site-header">
            <a class="brand" href="/user">{t("learner-brand")}</a>
            <nav aria-label=t("learner-nav")>
                <a href="/user">{t("learner-nav-dashboard")}</a>
                <a href="/user/formations">{t("learner-nav-formations")}</a>
                <a href="/user/formations/next">{t("learner-nav-next")}</a>
                <a href="/user/agenda">{t("calendar-title")}</a>
                <a href="/formations">{t("learner-nav-catalogue")}</a>
                <a href="/compte">{t("learner-nav-account")}</a>
                {is_admin.then(|| view! { <a href="/admin">{t("learner-nav-admin")}</a> })}
            </nav>
            <div class="account">
                <NoticeBell unread />
                <LangSwitch />
                <span class="user-name">{name}</span>
                <ActionForm action=logout>
                    <button type="submit" class="link-button">{t("learner-logout")}</button>
                </ActionForm>
            </div>
        </header>
    }
}

use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::domain::account::SessionUser;
use crate::i18n::t;
use crate::ui::components::lang_switch::LangSwitch;
use crate::ui::components::notice_bell::NoticeBell;

/// The learner's menu: each entry's address and the id of its words.
const MENU: [(&str, &str); 7] = [
    ("/user", "learner-nav-dashboard"),
    ("/user/formations", "learner-nav-formations"),
    ("/user/formations/next", "learner-nav-next"),
    ("/user/agenda", "calendar-title"),
    ("/formations", "learner-nav-catalogue"),
    ("/compte", "learner-nav-account"),
    ("/admin", "learner-nav-admin"),
];

/// The menu entry a page belongs to, marked `aria-current="page"`: the
/// longest entry the path is or starts (as a whole segment), so a séance
/// page belongs to "Mes Formations" and "Prochaines sessions" only to itself.
pub fn menu_entry_of(path: &str) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    MENU.iter()
        .map(|(href, _)| *href)
        .filter(|href| {
            path == *href
                || path
                    .strip_prefix(href)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .filter(|href| {
            // "/user" is the dashboard only: its sub-pages have entries or
            // are the learner's own pages under "Mes Formations".
            *href != "/user" || path == "/user"
        })
        .max_by_key(|href| href.len())
}

/// The page's path, read by the header's links. A request whose client went
/// away disposes the page while its last parts may still render: the path
/// then reads empty instead of panicking on a disposed signal.
fn current_path() -> impl Fn() -> String + Copy + Send + Sync {
    let pathname = leptos_router::hooks::use_location().pathname;
    move || pathname.try_get().unwrap_or_default()
}

#[component]
pub fn Header(user: Option<SessionUser>) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let is_admin = user.as_ref().is_some_and(SessionUser::is_admin);
    let unread = user.as_ref().map_or(0, |u| u.unread_notices);
    let Some(user) = user else {
        return view! { <AnonymousHeader /> }.into_any();
    };
    let name = user.name;
    let path = current_path();
    view! {
        <header class="site-header">
            <a class="brand" href="/user">{t("learner-brand")}</a>
            <nav aria-label=t("learner-nav")>
                {MENU
                    .iter()
                    .filter(|(href, _)| is_admin || *href != "/admin")
                    .map(|(href, label)| {
                        let current =
                            move || (menu_entry_of(&path()) == Some(*href)).then_some("page");
                        view! { <a href=*href aria-current=current>{t(label)}</a> }
                    })
                    .collect_view()}
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
    .into_any()
}

/// The header of a public page (the catalogue) read without an account.
#[component]
fn AnonymousHeader() -> impl IntoView {
    let path = current_path();
    // Back here after logging in or signing up.
    let next = move || crate::ui::pages::login::encode_query_value(&path());
    view! {
        <header class="site-header">
            <a class="brand" href="/formations">{t("learner-brand")}</a>
            <nav aria-label=t("learner-nav")>
                <a href="/formations" aria-current=move || {
                    (menu_entry_of(&path()) == Some("/formations")).then_some("page")
                }>{t("learner-nav-catalogue")}</a>
            </nav>
            <div class="account">
                <LangSwitch />
                <a href=move || format!("/login?next={}", next())>{t("catalogue-login")}</a>
                <a href=move || format!("/signup?next={}", next())>{t("catalogue-signup")}</a>
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::menu_entry_of;

    #[test]
    fn each_page_highlights_its_menu_entry() {
        assert_eq!(menu_entry_of("/user"), Some("/user"));
        assert_eq!(menu_entry_of("/user/"), Some("/user"));
        assert_eq!(menu_entry_of("/user/formations"), Some("/user/formations"));
        assert_eq!(
            menu_entry_of("/user/formations/12"),
            Some("/user/formations")
        );
        assert_eq!(
            menu_entry_of("/user/formations/next"),
            Some("/user/formations/next")
        );
        assert_eq!(menu_entry_of("/user/agenda"), Some("/user/agenda"));
        assert_eq!(menu_entry_of("/formations/3"), Some("/formations"));
        assert_eq!(menu_entry_of("/compte/rappels"), Some("/compte"));
        assert_eq!(menu_entry_of("/admin/formations"), Some("/admin"));
        assert_eq!(menu_entry_of("/user/notifications"), None);
        assert_eq!(menu_entry_of("/userx"), None);
    }
}

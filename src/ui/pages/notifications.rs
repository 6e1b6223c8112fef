use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::{get_notices, MarkAllNoticesRead, MarkNoticeRead};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::notification::{Notice, NoticesView, NOTIFICATIONS_PATH};
use crate::i18n::{t, t_with};
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::hooks::use_cursor;
use server_fn::ServerFn;

/// Where the "read" forms post: plain forms, answered by a redirect back
/// to the page, which the browser then loads afresh (bell included), with
/// or without JavaScript.
const MARK_ALL_PATH: &str = MarkAllNoticesRead::PATH;
const MARK_ONE_PATH: &str = MarkNoticeRead::PATH;

/// `/user/notifications`: the learner's notices, newest first (20 a page,
/// older ones by `?avant=<id>`), each linking to its séance's page, with
/// "Tout marquer comme lu". Plain forms and links: it works without
/// JavaScript.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let before = use_cursor();
    let data = Resource::new(move || before.get(), get_notices);
    view! {
        <Title text=t("notifications-title") />
        <PageHeading heading=t("notifications-title") />
        <Loaded data let:view>
            <NoticeList view />
        </Loaded>
    }
}

#[component]
fn NoticeList(view: NoticesView) -> impl IntoView {
    let older = view.older_than.map(|before| {
        view! { <p><a href=format!("{NOTIFICATIONS_PATH}?avant={before}")>{t("notifications-older")}</a></p> }
    });
    let empty = view.notices.is_empty();
    view! {
        <div class="notices-summary">
            <p>{t_with("notifications-unread-count", &[("n", view.unread.into())])}</p>
            {(view.unread > 0).then(|| view! {
                <form method="post" action=MARK_ALL_PATH class="inline-form">
                    <button type="submit">{t("notifications-mark-all")}</button>
                </form>
            })}
        </div>
        {empty.then(|| view! { <p class="empty">{t("notifications-empty")}</p> })}
        <ul class="notices">
            {view.notices.into_iter().map(|n| view! { <NoticeItem n /> }).collect_view()}
        </ul>
        {older}
    }
}

#[component]
fn NoticeItem(n: Notice) -> impl IntoView {
    let unread = !n.read;
    view! {
        <li class="notice-item" class:unread=unread data-notice=n.id>
            <p class="notice-title">
                {unread.then(|| view! { <span class="badge badge-active">{t("notifications-unread")}</span>" " })}
                <strong>{n.title.clone()}</strong>
            </p>
            <p>{n.body.clone()}</p>
            <p class="hint"><LocalTime at=n.created_at timezone=PLATFORM_ZONE.name() /></p>
            <p class="notice-actions">
                <a class="button" href=n.url.clone()>{t("notifications-open")}</a>
                {unread.then(|| view! {
                    <form method="post" action=MARK_ONE_PATH class="inline-form">
                        <input type="hidden" name="id" value=n.id />
                        <button type="submit" class="link-button">{t("notifications-mark-read")}</button>
                    </form>
                })}
            </p>
        </li>
    }
}

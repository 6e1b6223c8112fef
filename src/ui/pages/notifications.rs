use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learner::{get_notices, MarkAllNoticesRead, MarkNoticeRead};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::notification::{Notice, NoticesView, NOTIFICATIONS_PATH};
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::successes;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::notice_bell::NoticesChanged;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::hooks::use_cursor;

/// `/user/notifications`: the learner's notices, newest first (20 a page,
/// older ones by `?avant=<id>`), each linking to its séance's page, with
/// "Tout marquer comme lu". Plain forms and links: it works without
/// JavaScript.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let before = use_cursor();
    let mark_all = ServerAction::<MarkAllNoticesRead>::new();
    let mark_one = ServerAction::<MarkNoticeRead>::new();
    let all_done = successes(mark_all.value());
    let one_done = successes(mark_one.value());
    let changed = use_context::<NoticesChanged>().map(|c| c.0);
    let data = Resource::new(
        move || (before.get(), all_done.get(), one_done.get()),
        move |(before, all, one)| {
            // The bell counts again after a change of what is read.
            if all + one > 0 {
                if let Some(changed) = changed {
                    changed.update(|n| *n += 1);
                }
            }
            get_notices(before)
        },
    );
    view! {
        <Title text=t("notifications-title") />
        <PageHeading heading=t("notifications-title") />
        <Loaded data keep_while_reloading=true let:view>
            <NoticeList view mark_all mark_one />
        </Loaded>
    }
}

#[component]
fn NoticeList(
    view: NoticesView,
    mark_all: ServerAction<MarkAllNoticesRead>,
    mark_one: ServerAction<MarkNoticeRead>,
) -> impl IntoView {
    let older = view.older_than.map(|before| {
        view! { <p><a href=format!("{NOTIFICATIONS_PATH}?avant={before}")>{t("notifications-older")}</a></p> }
    });
    let empty = view.notices.is_empty();
    view! {
        <div class="notices-summary">
            <p>{t_with("notifications-unread-count", &[("n", view.unread.into())])}</p>
            {(view.unread > 0).then(|| view! {
                <ActionForm action=mark_all attr:class="inline-form">
                    <button type="submit">{t("notifications-mark-all")}</button>
                </ActionForm>
            })}
        </div>
        {empty.then(|| view! { <p class="empty">{t("notifications-empty")}</p> })}
        <ul class="notices">
            {view.notices.into_iter().map(|n| view! { <NoticeItem n mark_one /> }).collect_view()}
        </ul>
        {older}
    }
}

#[component]
fn NoticeItem(n: Notice, mark_one: ServerAction<MarkNoticeRead>) -> impl IntoView {
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
                    <ActionForm action=mark_one attr:class="inline-form">
                        <input type="hidden" name="id" value=n.id />
                        <button type="submit" class="link-button">{t("notifications-mark-read")}</button>
                    </ActionForm>
                })}
            </p>
        </li>
    }
}

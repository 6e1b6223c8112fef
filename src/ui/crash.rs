//! What the reader sees when the app's code in the browser stops: a page
//! part that could not be downloaded (the network dropped while a lazily
//! loaded page was fetched, a new release replaced its files), or a bug.
//! WebAssembly cannot go on after a panic, so the page would silently stop
//! answering; instead it says so and offers to reload, which asks the
//! server for the page afresh (and works without the dead code).

use wasm_bindgen::JsCast;

use crate::i18n::{browser_lang, tr};

/// The notice's element id, so a second panic does not add a second one.
const NOTICE_ID: &str = "app-crash";

/// Runs the console's report, then shows the notice.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

fn show() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let (Some(body), Ok(notice), Ok(text), Ok(reload)) = (
        document.body(),
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("a"),
    ) else {
        return;
    };
    // The page's own `<html lang>`, not the reactive context: the panic may
    // have left the reactive system mid-update.
    let lang = browser_lang();
    notice.set_id(NOTICE_ID);
    let _ = notice.set_attribute("class", "app-crash");
    // Read out at once by screen readers: the page no longer reacts.
    let _ = notice.set_attribute("role", "alert");
    text.set_text_content(Some(&tr(lang, "app-crash", &[])));
    // A plain link to where the reader is: the browser loads it from the
    // server, with no help from the stopped code.
    let here = document
        .location()
        .and_then(|l| l.href().ok())
        .unwrap_or_else(|| "/".into());
    let _ = reload.set_attribute("href", &here);
    // Past the router, whose click handler is part of the stopped code: a
    // plain navigation.
    let _ = reload.set_attribute("rel", "external");
    let _ = reload.set_attribute("class", "button-link");
    reload.set_text_content(Some(&tr(lang, "app-crash-reload", &[])));
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&reload);
    let _ = body.prepend_with_node_1(&notice);
    if let Ok(link) = reload.dyn_into::<web_sys::HtmlElement>() {
        let _ = link.focus();
    }
}

//! What only a browser does for notices: listen to the live stream
//! (EventSource, which reconnects by itself and resends `Last-Event-ID`),
//! and subscribe this browser to Web Push through the service worker.

use js_sys::{Promise, JSON};
use serde::Deserialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    EventSource, MessageEvent, Notification, NotificationPermission, PushManager, PushSubscription,
    PushSubscriptionOptionsInit, Request, RequestCredentials, RequestInit, Response,
    ServiceWorkerRegistration,
};

use crate::domain::notification::STREAM_PATH;
use crate::ui::components::push_switch::PushState;

/// A notice as the stream sends it (the fields the toast shows).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LiveNotice {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub url: String,
}

/// An open stream: closed when dropped.
pub struct Listening {
    source: EventSource,
    _on_notice: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Opens the learner's stream; `on_notice` gets each new notice.
pub fn listen(mut on_notice: impl FnMut(LiveNotice) + 'static) -> Option<Listening> {
    let source = EventSource::new(STREAM_PATH).ok()?;
    let on_notice = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(notice) = event
            .data()
            .as_string()
            .and_then(|data| serde_json::from_str::<LiveNotice>(&data).ok())
        {
            on_notice(notice);
        }
    });
    source
        .add_event_listener_with_callback("notice", on_notice.as_ref().unchecked_ref())
        .ok()?;
    Some(Listening {
        source,
        _on_notice: on_notice,
    })
}

/// The service worker path (see `server::notifications::service_worker`).
const WORKER: &str = "/sw.js";
const KEY: &str = "/api/push/vapid-public-key/";
const SUBSCRIPTIONS: &str = "/api/auth/user/push-subscriptions/";

fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let has = |object: &JsValue, name: &str| {
        js_sys::Reflect::has(object, &JsValue::from_str(name)).unwrap_or(false)
    };
    has(&window.navigator(), "serviceWorker")
        && has(&window, "PushManager")
        && has(&window, "Notification")
}

async fn wait(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn registration() -> Result<ServiceWorkerRegistration, JsValue> {
    let container = web_sys::window()
        .ok_or(JsValue::NULL)?
        .navigator()
        .service_worker();
    wait(container.register(WORKER)).await?;
    wait(container.ready()?).await?.dyn_into()
}

async fn manager() -> Result<PushManager, JsValue> {
    registration().await?.push_manager()
}

async fn current(manager: &PushManager) -> Result<Option<PushSubscription>, JsValue> {
    let found = wait(manager.get_subscription()?).await?;
    Ok(found.dyn_into::<PushSubscription>().ok())
}

/// This browser's state, without asking anything of the reader.
pub async fn state() -> PushState {
    if !supported() {
        return PushState::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Denied => return PushState::Denied,
        NotificationPermission::Granted => {}
        _ => return PushState::Off,
    }
    match manager().await {
        Ok(manager) => match current(&manager).await {
            Ok(Some(_)) => PushState::On,
            _ => PushState::Off,
        },
        Err(_) => PushState::Off,
    }
}

/// A same-origin JSON request (the session cookie rides along; the
/// browser adds the Origin the server checks).
async fn send(method: &str, url: &str, body: Option<&str>) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
        let headers = web_sys::Headers::new()?;
        headers.set("Content-Type", "application/json")?;
        init.set_headers(&headers);
    }
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: Response = wait(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    if response.ok() {
        Ok(response)
    } else {
        Err(JsValue::from_f64(f64::from(response.status())))
    }
}

/// Asks the reader's permission, subscribes this browser with the
/// platform's key, and tells the server where to push.
pub async fn subscribe() -> PushState {
    if !supported() {
        return PushState::Unsupported;
    }
    let asked = async {
        wait(Notification::request_permission()?).await?;
        if Notification::permission() != NotificationPermission::Granted {
            return Ok::<_, JsValue>(PushState::Denied);
        }
        let key = wait(send("GET", KEY, None).await?.json()?).await?;
        let key = js_sys::Reflect::get(&key, &JsValue::from_str("key"))?;
        let options = PushSubscriptionOptionsInit::new();
        options.set_user_visible_only(true);
        options.set_application_server_key(&key);
        let manager = manager().await?;
        let subscription = wait(manager.subscribe_with_options(&options)?).await?;
        let body = JSON::stringify(&subscription)?
            .as_string()
            .ok_or(JsValue::NULL)?;
        send("POST", SUBSCRIPTIONS, Some(&body)).await?;
        Ok(PushState::On)
    };
    match asked.await {
        Ok(state) => state,
        Err(err) => {
            leptos::logging::warn!("push subscription failed: {err:?}");
            PushState::Failed
        }
    }
}

/// Unsubscribes this browser, here and on the server.
pub async fn unsubscribe() -> PushState {
    let done = async {
        let manager = manager().await?;
        if let Some(subscription) = current(&manager).await? {
            let body = serde_json::json!({ "endpoint": subscription.endpoint() }).to_string();
            // The server forgets it even if the browser's own unsubscribe
            // fails; a 404 (already gone) is fine too.
            let _ = send("DELETE", SUBSCRIPTIONS, Some(&body)).await;
            wait(subscription.unsubscribe()?).await?;
        }
        Ok::<_, JsValue>(PushState::Off)
    };
    done.await.unwrap_or(PushState::Off)
}

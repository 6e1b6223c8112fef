//! Web Push: the VAPID key pair every instance signs with (RFC 8292, made
//! by the first instance to start and kept in the database), and one push
//! message to one browser, encrypted for it (RFC 8291, `aes128gcm`) and
//! posted to its push service (RFC 8030). The `web-push` crate builds the
//! message; our HTTP client sends it, so a push service is any URL the
//! browser gave, a loopback one in the tests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use web_push::{
    ContentEncoding, SubscriptionInfo, Urgency, VapidSignatureBuilder, WebPushMessageBuilder,
};

use crate::domain::notification::{push_outcome, PushOutcome, PushPayload};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::store::notifications::PushSubscription;

/// The row of `server_keys` holding the VAPID private key.
const KEY_NAME: &str = "vapid_private_key";

/// How long a push service keeps a message for a device that is offline:
/// the push is about a séance an hour away, useless after that.
const TTL_SECONDS: u32 = 3600;

/// The platform's VAPID identity.
#[derive(Clone)]
pub struct Vapid {
    /// The P-256 private key, raw, base64url.
    private: String,
    /// The uncompressed public key, base64url: what browsers subscribe with
    /// (`applicationServerKey`).
    pub public: String,
    /// Who push services may contact (`mailto:` or `https:`).
    pub subject: String,
}
crate::debug_redacted!(Vapid { public, subject } hide { private });

impl Vapid {
    /// The stored key pair, or a new one stored now if there is none.
    pub async fn load(db: &Db, subject: String) -> Result<Vapid, AppError> {
        let private = db
            .server_key(KEY_NAME, || {
                let pair = jwt_simple::algorithms::ES256KeyPair::generate();
                URL_SAFE_NO_PAD.encode(pair.to_bytes())
            })
            .await?;
        let public = VapidSignatureBuilder::from_base64_no_sub(&private)
            .map_err(|_| crate::server::store::corrupt("VAPID key", "(secret)"))?
            .get_public_key();
        Ok(Vapid {
            private,
            public: URL_SAFE_NO_PAD.encode(public),
            subject,
        })
    }
}

/// The origin of a push endpoint (scheme, host and port): the audience of
/// its VAPID token. The crate's default drops the port, which a push
/// service on a non-default port would refuse.
fn audience(endpoint: &str) -> Option<String> {
    let url = url::Url::parse(endpoint).ok()?;
    Some(url.origin().ascii_serialization())
}

/// Sends `payload` to one browser; the outcome says what to do with the
/// subscription and the reminder.
pub async fn send(
    http: &reqwest::Client,
    vapid: &Vapid,
    subscription: &PushSubscription,
    payload: &PushPayload,
) -> PushOutcome {
    let info = SubscriptionInfo::new(
        subscription.endpoint.as_str(),
        subscription.p256dh.as_str(),
        subscription.auth.as_str(),
    );
    let Some(audience) = audience(&info.endpoint) else {
        return PushOutcome::Gone;
    };
    let body = match serde_json::to_vec(payload) {
        Ok(body) => body,
        Err(err) => return PushOutcome::Refused(err.to_string()),
    };
    let message = (|| {
        let mut signature = VapidSignatureBuilder::from_base64(&vapid.private, &info)?;
        signature.add_claim("sub", vapid.subject.as_str());
        signature.add_claim("aud", audience.as_str());
        let mut message = WebPushMessageBuilder::new(&info);
        message.set_payload(ContentEncoding::Aes128Gcm, &body);
        message.set_vapid_signature(signature.build()?);
        message.set_ttl(TTL_SECONDS);
        message.set_urgency(Urgency::High);
        message.build()
    })();
    // A subscription whose keys cannot encrypt (a browser sent garbage past
    // the checks) will never take a message.
    let message = match message {
        Ok(message) => message,
        Err(err) => return PushOutcome::Refused(format!("push message: {err}")),
    };
    let request = web_push::request_builder::build_request::<Vec<u8>>(message);
    let mut post = http.post(request.uri().to_string());
    for (name, value) in request.headers() {
        post = post.header(name.as_str(), value.as_bytes());
    }
    match post.body(request.into_body()).send().await {
        Ok(response) => push_outcome(response.status().as_u16()),
        Err(err) => PushOutcome::Retry(format!("push service unreachable: {err}")),
    }
}

/// Why a subscription sent by a browser is refused, if it is: the
/// endpoint's scheme and host (see
/// [`crate::domain::notification::endpoint_allowed`]) and keys that are
/// what RFC 8291 says (a P-256 point of 65 bytes, a 16-byte secret).
pub fn check_subscription(endpoint: &str, p256dh: &str, auth: &str) -> Result<(), AppError> {
    use crate::error::ErrorCode;
    if !crate::domain::notification::endpoint_allowed(endpoint) {
        return Err(AppError::BadRequest(ErrorCode::PushEndpoint));
    }
    let decoded = |key: &str| {
        URL_SAFE_NO_PAD
            .decode(key.trim_end_matches('='))
            .unwrap_or_default()
    };
    let point = decoded(p256dh);
    if point.len() != 65 || point[0] != 4 || decoded(auth).len() != 16 {
        return Err(AppError::BadRequest(ErrorCode::PushKeys));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audience_keeps_the_port() {
        assert_eq!(
            audience("http://127.0.0.1:8123/push/1").as_deref(),
            Some("http://127.0.0.1:8123")
        );
        assert_eq!(
            audience("https://fcm.googleapis.com/fcm/send/x").as_deref(),
            Some("https://fcm.googleapis.com")
        );
    }

    #[test]
    fn subscriptions_need_real_keys() {
        let point = URL_SAFE_NO_PAD.encode([4u8; 65]);
        let secret = URL_SAFE_NO_PAD.encode([7u8; 16]);
        let url = "https://push.example/x";
        assert!(check_subscription(url, &point, &secret).is_ok());
        assert!(check_subscription("http://push.example/x", &point, &secret).is_err());
        assert!(check_subscription(url, &secret, &secret).is_err());
        assert!(check_subscription(url, &point, &point).is_err());
        assert!(check_subscription(url, "not base64!", &secret).is_err());
    }
}

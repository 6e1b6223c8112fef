//! The client of Zoom's meetings API (Server-to-Server OAuth): one access
//! token per process, shared by every caller and fetched again once when
//! Zoom answers 401; the calls the outbox makes. What the answers mean is
//! decided in `domain::zoom_meetings`.

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};

use crate::domain::zoom_meetings::{self as rules, CreatedMeeting, Failure, MeetingPlan, Token};
use crate::server::config::ZoomApiConfig;

/// A call that hangs is a call that failed (and is tried again).
const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

pub struct ZoomApi {
    config: ZoomApiConfig,
    http: reqwest::Client,
    /// The current token. The lock is held while a new one is fetched, so
    /// concurrent callers wait for that one fetch instead of each asking.
    token: tokio::sync::Mutex<Option<Token>>,
}

impl std::fmt::Debug for ZoomApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZoomApi")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn network(err: reqwest::Error) -> Failure {
    // `without_url`: the URL may carry the account id; the reason is shown
    // to admins and logged.
    Failure::Retry {
        reason: format!("Zoom unreachable: {}", err.without_url()),
        after: None,
    }
}

impl ZoomApi {
    pub fn new(config: ZoomApiConfig, http: reqwest::Client) -> ZoomApi {
        ZoomApi {
            config,
            http,
            token: tokio::sync::Mutex::new(None),
        }
    }

    /// A token valid at `now`: the cached one, or a new one when it is
    /// missing, about to expire, or `stale` (the one Zoom just refused).
    async fn token(&self, now: DateTime<Utc>, stale: Option<&str>) -> Result<String, Failure> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref() {
            if token.fresh(now) && Some(token.value.as_str()) != stale {
                return Ok(token.value.clone());
            }
        }
        let answer = self
            .http
            .post(format!("{}/oauth/token", self.config.oauth_url))
            .query(&[
                ("grant_type", "account_credentials"),
                ("account_id", self.config.account_id.as_str()),
            ])
            .basic_auth(&self.config.client_id, Some(&self.config.client_secret))
            .timeout(CALL_TIMEOUT)
            .send()
            .await
            .map_err(network)?;
        let status = answer.status();
        let body = answer.bytes().await.map_err(network)?;
        if !status.is_success() {
            let reason = format!("OAuth: {}", rules::error_reason(status.as_u16(), &body));
            // Wrong credentials stay wrong; Zoom down comes back.
            return Err(
                if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
                    Failure::Retry {
                        reason,
                        after: None,
                    }
                } else {
                    Failure::Refused(reason)
                },
            );
        }
        let token = rules::parse_token(&body, now).map_err(|e| Failure::Retry {
            reason: format!("OAuth: {e}"),
            after: None,
        })?;
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
    }

    /// One call of the meetings API with the bearer token; a 401 fetches
    /// a new token and tries once more. Answers the body of a success.
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, Failure> {
        let mut stale: Option<String> = None;
        loop {
            let token = self.token(now, stale.as_deref()).await?;
            let mut request = self
                .http
                .request(method.clone(), format!("{}{path}", self.config.api_url))
                .bearer_auth(&token)
                .timeout(CALL_TIMEOUT);
            if let Some(body) = body {
                request = request.json(body);
            }
            let answer = request.send().await.map_err(network)?;
            let status = answer.status();
            if status == StatusCode::UNAUTHORIZED && stale.is_none() {
                stale = Some(token);
                continue;
            }
            let retry_after = answer
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| rules::retry_after(v, now));
            let body = answer.bytes().await.map_err(network)?.to_vec();
            if status.is_success() {
                return Ok(body);
            }
            return Err(rules::classify(status.as_u16(), &body, retry_after));
        }
    }

    /// `POST /users/{host}/meetings`.
    pub async fn create_meeting(
        &self,
        plan: &MeetingPlan,
        now: DateTime<Utc>,
    ) -> Result<CreatedMeeting, Failure> {
        let path = format!(
            "/users/{}/meetings",
            url::form_urlencoded::byte_serialize(self.config.host_user.as_bytes())
                .collect::<String>()
        );
        let body = self
            .call(Method::POST, &path, Some(&plan.create_body()), now)
            .await?;
        rules::parse_created(&body).map_err(|e| Failure::Retry {
            reason: format!("Zoom's answer: {e}"),
            after: None,
        })
    }

    /// `PATCH /meetings/{id}`.
    pub async fn update_meeting(
        &self,
        id: &str,
        plan: &MeetingPlan,
        now: DateTime<Utc>,
    ) -> Result<(), Failure> {
        self.call(
            Method::PATCH,
            &format!("/meetings/{id}"),
            Some(&plan.update_body()),
            now,
        )
        .await
        .map(drop)
    }

    /// `DELETE /meetings/{id}`; a meeting already gone is deleted.
    pub async fn delete_meeting(&self, id: &str, now: DateTime<Utc>) -> Result<(), Failure> {
        match self
            .call(Method::DELETE, &format!("/meetings/{id}"), None, now)
            .await
        {
            Ok(_) | Err(Failure::NotFound) => Ok(()),
            Err(failure) => Err(failure),
        }
    }

    /// `GET /meetings/{id}/recordings`: the replay link, `None` while Zoom
    /// has none.
    pub async fn recording(&self, id: &str, now: DateTime<Utc>) -> Result<Option<String>, Failure> {
        match self
            .call(
                Method::GET,
                &format!("/meetings/{id}/recordings"),
                None,
                now,
            )
            .await
        {
            Ok(body) => rules::parse_recordings(&body).map_err(|e| Failure::Retry {
                reason: format!("Zoom's answer: {e}"),
                after: None,
            }),
            Err(Failure::NotFound) => Ok(None),
            Err(failure) => Err(failure),
        }
    }
}

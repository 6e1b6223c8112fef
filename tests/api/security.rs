use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_post_with_the_session_cookie_is_refused() {
    let app = spawn_app().await;
    app.sign_up_and_log_in(&app.client, "csrf@example.com", "Csrf")
        .await;
    let resp = app
        .client
        .post(app.url("/fn/logout"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    let me = app.current_user(&app.client, None).await;
    assert_eq!(me["email"], "csrf@example.com", "the session survived");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_with_a_session_cookie_but_no_origin_or_referer_is_refused() {
    let app = spawn_app().await;
    let resp = crate::helpers::http()
        .post(app.url("/fn/logout"))
        .header("Cookie", "formations_session=anything")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_api_paths_answer_json_404() {
    let app = spawn_app().await;
    let resp = crate::helpers::http()
        .get(app.url("/api/nothing/here/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["detail"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_login_body_is_a_400_with_a_message() {
    let app = spawn_app().await;
    let resp = crate::helpers::http()
        .post(app.url("/api/auth/login/"))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("JSON"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/login")).send().await.unwrap();
    assert!(resp.headers().get("x-request-id").is_some());
}

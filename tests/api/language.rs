use crate::helpers::{client_for, spawn_app, PASSWORD};

fn html_lang(page: &str) -> &str {
    let at = page.find("<html lang=\"").expect("an <html lang>") + "<html lang=\"".len();
    &page[at..at + page[at..].find('"').unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_language_is_the_switch_then_the_profile_then_the_browser_then_french() {
    let app = spawn_app().await;
    let page = |client: reqwest::Client, accept: Option<&'static str>, path: &'static str| {
        let mut req = client.get(app.url(path));
        if let Some(accept) = accept {
            req = req.header("Accept-Language", accept);
        }
        async move {
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status().as_u16(), 200, "{path}");
            resp.text().await.unwrap()
        }
    };

    // Nobody chose: the browser decides, French when it names nothing we speak.
    let anonymous = client_for(&app.address);
    assert_eq!(
        html_lang(&page(anonymous.clone(), None, "/login").await),
        "fr"
    );
    assert_eq!(
        html_lang(&page(anonymous.clone(), Some("de-DE"), "/login").await),
        "fr"
    );
    let english = page(anonymous.clone(), Some("en-US,en;q=0.9"), "/login").await;
    assert_eq!(html_lang(&english), "en");

    // The switch, without JavaScript: a form post that comes back to the page.
    let resp = anonymous
        .post(app.url("/langue"))
        .form(&[("lang", "en"), ("next", "/login?next=%2Fuser")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "/login?next=%2Fuser");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(
        html_lang(&page(anonymous.clone(), Some("fr"), "/login").await),
        "en"
    );

    // A language that is not ours, or a next that leaves the site.
    let resp = anonymous
        .post(app.url("/langue"))
        .form(&[("lang", "xx"), ("next", "/user")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let resp = anonymous
        .post(app.url("/langue"))
        .form(&[("lang", "fr"), ("next", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with('/'));
    assert!(!resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("//"));

    // Signed in, the choice is saved in the profile, and follows the user
    // to a browser that never saw the cookie.
    let (learner, id) = app.signed_in_learner("lang@example.com").await;
    let saved = |id: i64| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>("SELECT language FROM users WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    // Reading pages in English (from the browser) saves nothing.
    page(learner.clone(), Some("en"), "/user").await;
    assert_eq!(saved(id).await, None);
    let resp = learner
        .post(app.url("/langue"))
        .form(&[("lang", "en"), ("next", "/user")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(saved(id).await.as_deref(), Some("en"));

    let elsewhere = client_for(&app.address);
    let resp = elsewhere
        .post(app.url("/fn/login"))
        .header("Accept", "text/html")
        .form(&[("email", "lang@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_redirection(), "{}", resp.status());
    assert_eq!(
        html_lang(&page(elsewhere.clone(), Some("fr"), "/user").await),
        "en"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_is_refused_from_another_site() {
    let app = spawn_app().await;
    let (learner, id) = app.signed_in_learner("csrf-lang@example.com").await;
    let resp = learner
        .post(app.url("/langue"))
        .header("Origin", "https://evil.example")
        .form(&[("lang", "en"), ("next", "/user")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body["detail"],
        "Requête refusée : elle ne provient pas de ce site."
    );
    // In the browser's language: no profile is read for a cross-site post.
    let english: serde_json::Value = learner
        .post(app.url("/langue"))
        .header("Origin", "https://evil.example")
        .header("Accept-Language", "en-GB,en;q=0.8")
        .form(&[("lang", "en"), ("next", "/user")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        english["detail"],
        "Request refused: it does not come from this site."
    );
    let saved: Option<String> = sqlx::query_scalar("SELECT language FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(saved, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_pages_the_account_and_the_refusal_page_speak_the_readers_language() {
    let app = spawn_app().await;
    let english = |client: &reqwest::Client, path: &str| {
        client
            .get(app.url(path))
            .header("Accept-Language", "en")
            .send()
    };

    let anonymous = client_for(&app.address);
    let login = english(&anonymous, "/login")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        login.contains("<title>Sign in · Formations</title>"),
        "{login}"
    );
    assert!(login.contains("Forgot your password?"), "{login}");

    let (learner, _) = app.signed_in_learner("en-account@example.com").await;
    let account = english(&learner, "/compte")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(account.contains("<h1>My account</h1>"), "{account}");
    assert!(account.contains("<td>Browser</td>"), "{account}");
    assert!(account.contains("At least 8 characters."), "{account}");

    // The login guard answers before any page is rendered: it too reads the
    // reader's language.
    let refused = english(&learner, "/admin").await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let refused = refused.text().await.unwrap();
    assert_eq!(html_lang(&refused), "en");
    assert!(refused.contains("<h1>Access denied</h1>"), "{refused}");
}

//! The app's files under `/pkg` as a release build leaves them (names
//! derived from the content in `hash.txt`, a brotli and a gzip copy beside
//! each), and compression of the dynamic answers.

use crate::helpers::{http, spawn_app_with, TempDir, TestApp};

const CSS_HASH: &str = "Zx9_-cssAAAAAAAAAAAAAA";
const JS_HASH: &str = "Zx9_-jsAAAAAAAAAAAAAAA";
const WASM_HASH: &str = "Zx9_-wasmAAAAAAAAAAAAA";
const CSS: &str = "body { color: #111827; }\n";

/// A site root as `.ci/build` writes it. The copies' bytes only need to be
/// told apart: the server sends them as they are.
fn release_site() -> TempDir {
    let site = TempDir::new("site");
    let pkg = site.path.join("pkg");
    std::fs::create_dir_all(pkg.join("snippets")).unwrap();
    let css = pkg.join(format!("formations.{CSS_HASH}.css"));
    std::fs::write(&css, CSS).unwrap();
    std::fs::write(css.with_extension("css.br"), b"brotli bytes").unwrap();
    std::fs::write(css.with_extension("css.gz"), b"gzip bytes").unwrap();
    // wasm-bindgen's snippets keep their names from one build to the next.
    std::fs::write(pkg.join("snippets/inline0.js"), "export function f() {}\n").unwrap();
    std::fs::write(
        site.path.join("hash.txt"),
        format!("js: {JS_HASH}\nwasm: {WASM_HASH}\ncss: {CSS_HASH}\n"),
    )
    .unwrap();
    site
}

async fn release_app(site: &TempDir) -> TestApp {
    let root = site.path.display().to_string();
    let hash_file = site.path.join("hash.txt");
    spawn_app_with(
        move |config| {
            config.site_root = root;
            config.hash_file = Some(hash_file);
        },
        None,
    )
    .await
}

/// Every value of the header, as one list (`Vary` comes in several lines).
fn header(resp: &reqwest::Response, name: &str) -> String {
    resp.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_name_the_hashed_files_and_the_files_are_kept_for_a_year_in_the_encoding_asked() {
    let site = release_site();
    let app = release_app(&site).await;

    let page = http().get(app.url("/login")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(
        header(&page, "cache-control"),
        "no-store",
        "pages are never cached"
    );
    let html = page.text().await.unwrap();
    let css_path = format!("/pkg/formations.{CSS_HASH}.css");
    assert!(html.contains(&format!("href=\"{css_path}\"")), "{html}");
    assert!(
        html.contains(&format!("/pkg/formations.{JS_HASH}.js")),
        "{html}"
    );
    assert!(html.contains(&format!("formations.{WASM_HASH}")), "{html}");
    assert!(!html.contains("/pkg/formations.css"), "{html}");
    // The module is not preloaded beside the stylesheet, where it would
    // share the bandwidth of the first paint; the page's module script
    // fetches it as it starts, before the glue has arrived, and gives the
    // glue the pending answer.
    assert!(
        !html.contains(&format!(
            "rel=\"preload\" href=\"/pkg/formations.{WASM_HASH}.wasm\""
        )),
        "{html}"
    );
    let fetch = html
        .find(&format!("fetch(\"/pkg/formations.{WASM_HASH}.wasm\")"))
        .expect("the module script fetches the WebAssembly");
    let import = html
        .find(&format!("import(\"/pkg/formations.{JS_HASH}.js\")"))
        .expect("the module script imports the glue");
    assert!(fetch < import, "{html}");
    assert!(html.contains("module_or_path: wasm"), "{html}");
    assert!(
        html.contains(&format!(
            "rel=\"modulepreload\" href=\"/pkg/formations.{JS_HASH}.js\""
        )),
        "{html}"
    );

    // The names were read once, at start-up: a page does not read them
    // again (Leptos' own hydration scripts read the file on every render).
    std::fs::remove_file(site.path.join("hash.txt")).unwrap();
    let (status, again) = app.page(&http(), "/login").await;
    assert_eq!(status, 200);
    assert!(
        again.contains(&format!("/pkg/formations.{JS_HASH}.js"))
            && again.contains(&format!("/pkg/formations.{WASM_HASH}.wasm")),
        "{again}"
    );

    for (accept, encoding, body) in [
        ("br, gzip", "br", &b"brotli bytes"[..]),
        ("gzip", "gzip", &b"gzip bytes"[..]),
        ("identity", "", CSS.as_bytes()),
    ] {
        let resp = http()
            .get(app.url(&css_path))
            .header("Accept-Encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{accept}");
        assert_eq!(header(&resp, "content-encoding"), encoding, "{accept}");
        assert_eq!(
            header(&resp, "cache-control"),
            "public, max-age=31536000, immutable",
            "{accept}"
        );
        assert!(
            header(&resp, "vary").contains("Accept-Encoding"),
            "{accept}"
        );
        assert!(
            header(&resp, "content-type").starts_with("text/css"),
            "{accept}"
        );
        assert_eq!(&resp.bytes().await.unwrap()[..], body, "{accept}");
    }

    // A name that does not change with the content is checked before use.
    let snippet = http()
        .get(app.url("/pkg/snippets/inline0.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(snippet.status(), 200);
    assert_eq!(header(&snippet, "cache-control"), "no-cache");

    // An old build's name is gone: not found, and nothing keeps the answer.
    let gone = http()
        .get(app.url("/pkg/formations.css"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(header(&gone, "cache-control"), "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_written_without_leptos_name_the_hashed_stylesheet_too() {
    let site = release_site();
    let app = release_app(&site).await;
    let (learner, _) = app.signed_in_learner("hashed@example.com").await;
    let resp = learner.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(resp.status(), 403);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains(&format!("href=\"/pkg/formations.{CSS_HASH}.css\"")),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamic_answers_are_compressed_unless_they_may_repeat_the_query_string() {
    let site = release_site();
    let app = release_app(&site).await;
    let (learner, _) = app.signed_in_learner("compressed@example.com").await;

    let plain = learner.get(app.url("/formations")).send().await.unwrap();
    assert_eq!(plain.status(), 200);
    let plain_len = plain.bytes().await.unwrap().len();
    assert!(
        plain_len > 1400,
        "the catalogue is worth compressing: {plain_len} bytes"
    );

    let compressed = learner
        .get(app.url("/formations"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.status(), 200);
    assert_eq!(header(&compressed, "content-encoding"), "br");
    assert_eq!(header(&compressed, "cache-control"), "no-store");
    assert!(header(&compressed, "vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    let compressed_len = compressed.bytes().await.unwrap().len();
    assert!(
        compressed_len * 2 < plain_len,
        "{compressed_len} compressed bytes for {plain_len}"
    );

    // A search echoes its words on the page: never compressed (BREACH).
    let search = learner
        .get(app.url("/formations?q=rust"))
        .header("Accept-Encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(search.status(), 200);
    assert_eq!(header(&search, "content-encoding"), "");

    // Small answers go out as they are.
    let small = http()
        .get(app.url("/api/auth/user/formations/"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(small.status(), 401);
    assert_eq!(header(&small, "content-encoding"), "");
}

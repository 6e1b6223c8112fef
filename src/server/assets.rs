//! The app's own files under `/pkg` (the stylesheet, the WebAssembly and
//! its JavaScript glue, the lazily loaded chunks): their names and how they
//! are served.
//!
//! A release build (`.ci/build`) names each file after its content
//! (`formations.<hash>.css`) and writes the hashes to `hash.txt` beside the
//! binary; it also writes a brotli and a gzip copy beside every file. Such a
//! name never changes meaning, so browsers may keep the file for a year
//! without asking again, and the compressed copy costs no work per request.

use std::io;
use std::path::Path;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

/// Where the app's files are, under the site root and in URLs.
pub const PKG_DIR: &str = "pkg";
/// The name cargo-leptos gives the app's files (`output-name`).
pub const OUTPUT_NAME: &str = "formations";

/// A year: what a name derived from the content may be kept for.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A name that may be reused for new content (a debug build, the
/// `snippets/` that wasm-bindgen names itself): kept, but checked first.
const REVALIDATE: &str = "no-cache";

/// The names the running build gave its files, read once at start-up.
#[derive(Debug, Clone)]
pub struct Assets {
    stylesheet: Arc<str>,
    script: Arc<str>,
    wasm: Arc<str>,
    /// What the lazily loaded pages need to name their chunks (`--split`
    /// builds); `None` without a manifest.
    split: Option<leptos::WasmSplitManifest>,
}

impl Assets {
    /// Reads the hashes of `hash_file` (`None` is a build that kept the
    /// plain names: tests, `cargo leptos watch`) and the split manifest
    /// under `site_root`, if the build wrote one.
    pub fn load(hash_file: Option<&Path>, site_root: &str) -> io::Result<Assets> {
        let hashes = hash_file.map(std::fs::read_to_string).transpose()?;
        let named = |kind: &str, plain: String, ext: &str| match &hashes {
            Some(text) => hash_of(text, kind)
                .map(|hash| format!("/{PKG_DIR}/{OUTPUT_NAME}.{hash}.{ext}"))
                .ok_or_else(|| {
                    io::Error::other(format!(
                        "{} names no {kind} file",
                        hash_file.unwrap_or(Path::new("")).display()
                    ))
                }),
            None => Ok(plain),
        };
        // wasm-bindgen's own name for the module, unless cargo-leptos (which
        // sets LEPTOS_OUTPUT_NAME while building) renamed it.
        let plain_wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            format!("/{PKG_DIR}/{OUTPUT_NAME}.wasm")
        } else {
            format!("/{PKG_DIR}/{OUTPUT_NAME}_bg.wasm")
        };
        let split = split_manifest(site_root, hashes.as_deref())?;
        Ok(Assets {
            stylesheet: named("css", format!("/{PKG_DIR}/{OUTPUT_NAME}.css"), "css")?.into(),
            script: named("js", format!("/{PKG_DIR}/{OUTPUT_NAME}.js"), "js")?.into(),
            wasm: named("wasm", plain_wasm, "wasm")?.into(),
            split,
        })
    }

    /// The stylesheet's URL path, for the pages written without Leptos
    /// (the 403 and 500 pages) as well as the app's shell.
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// The JavaScript glue's URL path.
    pub fn script(&self) -> &str {
        &self.script
    }

    /// The WebAssembly module's URL path.
    pub fn wasm(&self) -> &str {
        &self.wasm
    }

    /// The chunks of the lazily loaded pages, for a render to name.
    pub fn split(&self) -> Option<&leptos::WasmSplitManifest> {
        self.split.as_ref()
    }
}

/// What the lazily loaded pages name their chunks from: the manifest that a
/// `--split` build writes under `site_root` (under its hashed name when
/// `hashes` is `hash.txt`'s text), read once; `None` for a build without it.
fn split_manifest(
    site_root: &str,
    hashes: Option<&str>,
) -> io::Result<Option<leptos::WasmSplitManifest>> {
    let (manifest, script) = match hashes {
        Some(text) => match (hash_of(text, "manifest"), hash_of(text, "split")) {
            (Some(manifest), Some(split)) => (
                format!("__wasm_split_manifest.{manifest}.json"),
                format!("__wasm_split.{split}.js"),
            ),
            _ => return Ok(None),
        },
        None => (
            "__wasm_split_manifest.json".to_string(),
            "__wasm_split.______________________.js".to_string(),
        ),
    };
    let text = match std::fs::read_to_string(Path::new(site_root).join(PKG_DIR).join(&manifest)) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let chunks: std::collections::HashMap<String, Vec<String>> = serde_json::from_str(&text)
        .map_err(|err| io::Error::other(format!("{manifest}: {err}")))?;
    Ok(Some(leptos::WasmSplitManifest(
        leptos::prelude::ArcStoredValue::new((format!("/{PKG_DIR}"), chunks, script)),
    )))
}

/// `hash.txt`'s value for `kind` (`css: Zx9…`).
fn hash_of<'a>(text: &'a str, kind: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (name, hash) = line.split_once(':')?;
        (name.trim() == kind).then(|| hash.trim())
    })
}

/// A file name carrying cargo-leptos' content hash: 22 characters of
/// URL-safe base64 (an MD5) between dots, or in place of its placeholder.
pub fn is_content_named(name: &str) -> bool {
    name.split('.').any(|part| {
        part.len() == 22
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && part != "______________________"
    })
}

/// `/pkg`: files as they are on disk, the precompressed copy when the
/// browser takes it (`Accept-Encoding: br`, else gzip), and a cache lifetime
/// that depends on whether the name is derived from the content. Leptos'
/// own file handler serves neither the copies nor these headers.
pub fn router<S: Clone + Send + Sync + 'static>(site_root: &str) -> Router<S> {
    let files = ServeDir::new(Path::new(site_root).join(PKG_DIR))
        .precompressed_br()
        .precompressed_gzip()
        // A folder is not a file of the app.
        .append_index_html_on_directories(false);
    Router::new()
        .nest_service(&format!("/{PKG_DIR}"), files)
        .layer(axum::middleware::from_fn(cache_headers))
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let immutable = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(is_content_named);
    let mut res = next.run(req).await;
    res.extensions_mut()
        .insert(crate::server::edge::Uncompressed);
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let headers = res.headers_mut();
        let lifetime = if immutable { IMMUTABLE } else { REVALIDATE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
        // One URL, three answers (brotli, gzip, plain): a shared cache must
        // keep them apart.
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_stylesheet_hash() {
        let text = "js: aaaaaaaaaaaaaaaaaaaaaa\nwasm: bbbbbbbbbbbbbbbbbbbbbb\ncss: Zx9_-ccccccccccccccccc\n";
        assert_eq!(hash_of(text, "css"), Some("Zx9_-ccccccccccccccccc"));
        assert_eq!(hash_of(text, "manifest"), None);
    }

    #[test]
    fn only_names_derived_from_the_content_are_kept_for_a_year() {
        assert!(is_content_named("formations.Zx9_-ccccccccccccccccc.css"));
        assert!(is_content_named("__wasm_split.Zx9_-ccccccccccccccccc.js"));
        assert!(is_content_named(
            "formations.Zx9_-ccccccccccccccccc.wasm.br"
        ));
        assert!(!is_content_named("formations.css"));
        assert!(!is_content_named("__wasm_split.______________________.js"));
        assert!(!is_content_named("inline0.js"));
        assert!(!is_content_named("formations.short.css"));
    }
}

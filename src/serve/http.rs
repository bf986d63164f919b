//! Turning a request target into a file of the built site: percent-decoding, refusing anything
//! that could climb out of the site (`..`, encoded slashes, backslashes, NUL), `index.html` for
//! folders, the redirect from `/x` to `/x/`, and the MIME type of each file.

/// Where a request leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Serve this output file (path inside the site, no leading slash).
    File(String),
    /// Redirect to this address (a folder asked for without its trailing slash).
    Redirect(String),
    /// The site has nothing here: the 404 page.
    NotFound,
    /// A malformed or dangerous path: 400 Bad Request.
    Refused,
}

/// Resolves a request target against the site's files; `exists` says whether an output path is a file.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Target {
    let (raw, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let Some(path) = decode(raw) else {
        return Target::Refused;
    };
    if !path.starts_with('/') {
        return Target::Refused;
    }
    let inner = path.trim_start_matches('/');
    if inner.contains(['\\', '\0'])
        || inner
            .split('/')
            .any(|seg| seg == ".." || seg == "." || seg.contains(':'))
    {
        return Target::Refused;
    }
    if inner.is_empty() || inner.ends_with('/') {
        let index = format!("{inner}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(inner) {
        Target::File(inner.to_string())
    } else if exists(&format!("{inner}/index.html")) {
        Target::Redirect(format!("{raw}/{query}"))
    } else {
        Target::NotFound
    }
}

/// Percent-decodes a path; `None` for bad escapes, encoded `/` or `\`, or text that is not UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            if b == b'/' || b == b'\\' || b == 0 {
                return None;
            }
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of an output file, by its extension.
pub fn mime(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        ["index.html", "a/index.html", "css/site.css", "a b.pdf"].contains(&p)
    }

    #[test]
    fn folders_get_their_index_and_a_slash() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/a/?x=1", site),
            Target::File("a/index.html".into())
        );
        assert_eq!(resolve("/a?x=1", site), Target::Redirect("/a/?x=1".into()));
        assert_eq!(
            resolve("/css/site.css", site),
            Target::File("css/site.css".into())
        );
        assert_eq!(resolve("/a%20b.pdf", site), Target::File("a b.pdf".into()));
        assert_eq!(resolve("/nope/", site), Target::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/a%2f..%2f..%2fx",
            "/a%5c..%5cx",
            "/..\\..\\x",
            "/a%00.html",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "/./index.html",
            "/C:/x",
            "relative",
        ] {
            assert_eq!(resolve(bad, site), Target::Refused, "{bad}");
        }
    }

    #[test]
    fn types_by_extension() {
        assert_eq!(mime("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime("css/site.css"), "text/css; charset=utf-8");
        assert_eq!(mime("feed.xml"), "application/xml");
        assert_eq!(mime("x.PNG"), "image/png");
        assert_eq!(mime("LICENSE"), "application/octet-stream");
    }
}

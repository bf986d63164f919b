//! The parent information pack: one printable page per school (cover, contents, the pages listed
//! under `pack:` in site.yaml, a short glossary) and printing it to PDF through a local Chromium.

use crate::output::OutputFile;
use crate::site::Site;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pack's path for a school whose home is at `home` (`/schools/oak/` → `/schools/oak/pack/`).
pub fn pack_path(home: &str) -> String {
    format!("{home}pack/")
}

/// One page of the pack: its index in the site and its rendered body.
pub struct Part<'a> {
    pub page: usize,
    pub html: &'a str,
}

/// Finds the pack's pages for a school; every entry of `pack:` that is not a page is a diagnostic.
pub fn parts(site: &Site, slug: &str, yaml: &str) -> (Vec<usize>, Vec<crate::Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    for entry in &site.config.pack {
        let source = entry.trim_start_matches("./");
        match site.find_source(Some(slug), source) {
            Some(i) => found.push(i),
            None => {
                let line = yaml
                    .lines()
                    .position(|l| l.trim_start().starts_with('-') && l.contains(entry.as_str()))
                    .map_or(0, |i| i + 1);
                diags.push(
                    crate::Diagnostic::error(
                        "pack",
                        "site.yaml",
                        format!("the pack lists `{entry}`, which is not a page (looked for content/{source})"),
                    )
                    .at(line, 0, Some(yaml))
                    .with_hint("list pages by their path inside content/, e.g. `parents/sen-support.md`"),
                );
            }
        }
    }
    (found, diags)
}

/// A term for the pack's glossary.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
}

/// The pack's short glossary: only the terms its pages use, in A–Z order. Glossary linking marks
/// the first use of every term in a page with a link to `/glossary/#<id>`, so the terms a page uses
/// are read off its rendered body without matching the text again.
pub fn glossary_terms(glossary: &crate::glossary::Glossary, parts: &[Part]) -> Vec<GlossaryTerm> {
    const MARK: &str = "glossary/#";
    let mut used = std::collections::BTreeSet::new();
    for part in parts {
        let mut rest = part.html;
        while let Some(i) = rest.find(MARK) {
            rest = &rest[i + MARK.len()..];
            let id = &rest[..rest.find('"').unwrap_or(0)];
            if let Some(e) = glossary.entries.iter().position(|e| e.id == id) {
                used.insert(e);
            }
        }
    }
    let mut terms: Vec<GlossaryTerm> = used
        .into_iter()
        .map(|e| {
            let entry = &glossary.entries[e];
            GlossaryTerm {
                term: match &entry.abbr {
                    Some(a) => format!("{} ({a})", entry.term),
                    None => entry.term.clone(),
                },
                definition: entry.definition.clone(),
            }
        })
        .collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    terms
}

/// The `pack` value of `pack.html`.
pub fn pack_value(site: &Site, parts: &[Part], glossary: &[GlossaryTerm]) -> Value {
    let items: Vec<Value> = parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let p = &site.pages[part.page];
            let id = format!("part-{}", n + 1);
            json!({
                "id": id,
                "title": p.title(),
                "description": p.src.front.description,
                "permalink": site.permalink(&p.path),
                "content": for_print(site, part.html, &id),
            })
        })
        .collect();
    json!({ "parts": items, "glossary": glossary })
}

/// Makes a page body fit inside the pack: headings move down a level, heading ids and in-page
/// links get the part's prefix (no
/// two parts share an id) and site links become full addresses (printed after the link text).
fn for_print(site: &Site, html: &str, prefix: &str) -> String {
    let local = format!("href=\"{}/", site.config.path_prefix());
    // Each part's title is an `h2`, so the page's own headings move one level down.
    let mut html = html.to_string();
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    let html = html
        .replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"))
        .replace(&local, &format!("href=\"{}/", site.config.base()));
    prefix_id_refs(&html, prefix)
}

/// Attributes whose value is a list of ids in the same document.
const ID_REF_ATTRS: [&str; 5] = [
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "for",
    "headers",
];

/// Gives every id named by an id-reference attribute (e.g. a glossary term's `aria-describedby`)
/// the part's prefix, so the references still point at the renamed ids.
fn prefix_id_refs(html: &str, prefix: &str) -> String {
    let mut html = html.to_string();
    for attr in ID_REF_ATTRS {
        let open = format!(" {attr}=\"");
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(i) = rest.find(&open) {
            let start = i + open.len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('"').unwrap_or(rest.len());
            let ids: Vec<String> = rest[..end]
                .split_whitespace()
                .map(|id| format!("{prefix}-{id}"))
                .collect();
            out.push_str(&ids.join(" "));
            rest = &rest[end..];
        }
        out.push_str(rest);
        html = out;
    }
    html
}

/// Problems printing a pack.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("no Chromium browser was found to print the pack (looked for /usr/bin/chromium, and chromium, chromium-browser and google-chrome on PATH).\nInstall one, e.g. `sudo apt-get install chromium` on Debian or Ubuntu, or set CHROMIUM=/path/to/chromium; or open the pack page in any browser and print it to PDF")]
    NoChromium,
    #[error("cannot serve the pack to Chromium: {0}")]
    Serve(String),
    #[error("Chromium could not print the pack: {0}")]
    Chromium(String),
}

/// The Chromium to print with: `CHROMIUM`, `/usr/bin/chromium`, or a browser on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(c) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return c.is_file().then_some(c);
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Prints the page at `path` of the built `files` to `pdf`, serving the files on loopback only.
pub fn print_pdf(
    files: &[OutputFile],
    prefix: &str,
    path: &str,
    pdf: &Path,
) -> Result<(), PackError> {
    let chromium = find_chromium().ok_or(PackError::NoChromium)?;
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| PackError::Serve(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| PackError::Serve(e.to_string()))?
        .port();
    let files: std::sync::Arc<Vec<OutputFile>> = std::sync::Arc::new(files.to_vec());
    let prefix = prefix.to_string();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let thread = {
        let stop = stop.clone();
        std::thread::spawn(move || serve(&listener, &files, &prefix, &stop))
    };
    let profile = tempfile_dir().map_err(|e| PackError::Chromium(e.to_string()))?;
    let mut cmd = Command::new(&chromium);
    cmd.args([
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--no-pdf-header-footer",
    ]);
    if running_as_root() {
        cmd.arg("--no-sandbox");
    }
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd.arg(format!("--print-to-pdf={}", pdf.display()));
    cmd.arg(format!("http://127.0.0.1:{port}{path}"));
    let result = cmd.output();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    // A connection wakes the accept loop so it sees `stop`; without one, the thread is left.
    if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
        let _ = thread.join();
    }
    let _ = std::fs::remove_dir_all(&profile);
    let out = result.map_err(|e| PackError::Chromium(format!("{}: {e}", chromium.display())))?;
    if !out.status.success() || !pdf.is_file() {
        return Err(PackError::Chromium(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(())
}

fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("senpack-chromium-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Serves the built files to the printing browser on loopback, a thread per connection, one
/// request per connection (`Connection: close`). Hand-written because tiny_http 0.12's task pool
/// can leave a request waiting while Chromium holds idle connections open, which stalled
/// printing for five minutes about one time in three.
fn serve(
    listener: &std::net::TcpListener,
    files: &std::sync::Arc<Vec<OutputFile>>,
    prefix: &str,
    stop: &std::sync::atomic::AtomicBool,
) {
    for conn in listener.incoming() {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
        let Ok(conn) = conn else { continue };
        let (files, prefix) = (files.clone(), prefix.to_string());
        std::thread::spawn(move || answer(conn, &files, &prefix));
    }
}

/// Reads one GET request from `conn` and answers it from `files`.
fn answer(conn: std::net::TcpStream, files: &[OutputFile], prefix: &str) {
    use std::io::{BufRead, BufReader, Write};
    let _ = conn.set_read_timeout(Some(std::time::Duration::from_secs(30)));
    let mut reader = BufReader::new(&conn);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers are read and ignored.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line.trim_end() != "" {
        line.clear();
    }
    let url = request_line.split_whitespace().nth(1).unwrap_or("/");
    let url = url.split(['?', '#']).next().unwrap_or("/");
    let rel = url
        .strip_prefix(prefix)
        .unwrap_or(url)
        .trim_start_matches('/');
    let want = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let found = files
        .iter()
        .find(|f| f.path == want)
        .and_then(|f| f.read().ok());
    let mut out = &conn;
    let _ = match found {
        Some(bytes) => out
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    crate::serve::http::mime(&want),
                    bytes.len()
                )
                .as_bytes(),
            )
            .and_then(|()| out.write_all(&bytes)),
        None => out.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
    };
    let _ = out.flush();
}

/// Errors of `senpack pack`.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("there is no school `{0}`; the schools are: {1}")]
    UnknownSchool(String, String),
    #[error(transparent)]
    Print(#[from] PackError),
    #[error(transparent)]
    Write(#[from] crate::output::OutputError),
    #[error("cannot use {0} for the PDF: {1}")]
    Path(PathBuf, std::io::Error),
}

/// `senpack pack`: with `pdf`, prints the school's pack to that file; without, writes the site
/// to `root/output/` and says where the pack is. Returns what to tell the user.
pub fn deliver(
    built: &crate::Build,
    root: &Path,
    slug: &str,
    pdf: Option<&Path>,
) -> Result<String, DeliverError> {
    let file = format!("schools/{slug}/pack/index.html");
    if !built.files.iter().any(|f| f.path == file) {
        let known: Vec<&str> = built
            .files
            .iter()
            .filter_map(|f| {
                f.path
                    .strip_prefix("schools/")?
                    .strip_suffix("/pack/index.html")
            })
            .collect();
        let known = if known.is_empty() {
            "none (add content/schools/<slug>.yaml)".to_string()
        } else {
            known.join(", ")
        };
        return Err(DeliverError::UnknownSchool(slug.to_string(), known));
    }
    let Some(site) = &built.site else {
        return Err(DeliverError::UnknownSchool(slug.to_string(), String::new()));
    };
    let prefix = site.config.path_prefix();
    match pdf {
        Some(pdf) => {
            let pdf =
                std::path::absolute(pdf).map_err(|e| DeliverError::Path(pdf.to_path_buf(), e))?;
            print_pdf(
                &built.files,
                &prefix,
                &format!("{prefix}/schools/{slug}/pack/"),
                &pdf,
            )?;
            Ok(format!(
                "Printed the parent information pack of {slug} to {}",
                pdf.display()
            ))
        }
        None => {
            let out = root.join("output");
            crate::output::write(&out, &built.files, root)?;
            Ok(format!(
                "The parent information pack is at {}; add --pdf FILE to print it to PDF",
                out.join(file).display()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_id_refs;

    #[test]
    fn id_references_get_the_parts_prefix() {
        let html = r#"<a href="/glossary/#x" aria-describedby="gl-def-1">X</a><span id="gl-def-1"></span><label for="q">Q</label><td headers="a b">1</td>"#;
        let out = prefix_id_refs(html, "part-2");
        assert!(
            out.contains(r#"aria-describedby="part-2-gl-def-1""#),
            "{out}"
        );
        assert!(out.contains(r#"for="part-2-q""#), "{out}");
        assert!(out.contains(r#"headers="part-2-a part-2-b""#), "{out}");
        // Ids themselves are left to `for_print`; links and other attributes are untouched.
        assert!(out.contains(r#"<span id="gl-def-1">"#), "{out}");
        assert!(out.contains(r#"href="/glossary/#x""#), "{out}");
    }
}

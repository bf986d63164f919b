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
    #[error("Chromium did not finish printing the pack within {0} s, so it was stopped; try again, or give it longer with `senpack pack --timeout SECS`")]
    Timeout(u64),
    #[error(
        "printing the pack was interrupted (Ctrl-C); Chromium was stopped and no PDF was made"
    )]
    Interrupted,
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

/// How long a print may take unless `senpack pack --timeout` says otherwise.
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The flags that keep the printing Chromium to our loopback server: every host name but
/// 127.0.0.1 resolves to nothing, every request that is not to loopback goes to a proxy that
/// refuses (an address literal never reaches the resolver; loopback always bypasses the proxy),
/// and Chromium's own background calls (updates, sync, metrics, safe browsing) are off. Scripts
/// are stopped by [`PRINT_CSP`] rather than `--blink-settings=scriptEnabled=false`, which stops
/// headless Chromium from printing at all.
pub const CHROMIUM_FLAGS: [&str; 20] = [
    "--headless",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-domain-reliability",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying",
];

/// The Content-Security-Policy of everything served to the printing browser: no script runs (the
/// pack prints without any: `display.js` only applies choices saved in the browser, and the fresh
/// profile has none) and nothing loads from anywhere but our loopback server.
pub const PRINT_CSP: &str = "default-src 'self'; script-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Set by Ctrl-C while a print runs.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints the page at `path` of the built `files` to `pdf`, serving the files on loopback only.
/// Chromium runs in its own process group with a fresh private profile; on `timeout`, on Ctrl-C
/// and when it is done, the whole group is killed and the profile removed.
pub fn print_pdf(
    files: &[OutputFile],
    prefix: &str,
    path: &str,
    pdf: &Path,
    timeout: std::time::Duration,
) -> Result<(), PackError> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let chromium = find_chromium().ok_or(PackError::NoChromium)?;
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| PackError::Serve(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| PackError::Serve(e.to_string()))?
        .port();
    let files: Arc<Vec<OutputFile>> = Arc::new(files.to_vec());
    let prefix = prefix.to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let stop = stop.clone();
        let handler: crate::serve::http::Handler =
            Arc::new(move |req| answer(req, &files, &prefix));
        std::thread::spawn(move || crate::serve::http::serve(listener, stop, handler))
    };
    let result = run_chromium(&chromium, port, path, pdf, timeout);
    stop.store(true, Ordering::SeqCst);
    let _ = server.join();
    result
}

/// Runs Chromium to print `http://127.0.0.1:port/path` to `pdf`, within `timeout`.
fn run_chromium(
    chromium: &Path,
    port: u16,
    path: &str,
    pdf: &Path,
    timeout: std::time::Duration,
) -> Result<(), PackError> {
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::Ordering;
    // Random name, mode 0700, never an existing path (so never someone's symlink).
    let profile = tempfile::Builder::new()
        .prefix("senpack-chromium-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir()
        .map_err(|e| {
            PackError::Chromium(format!(
                "cannot make a private profile folder in {}: {e}; set TMPDIR to a writable folder",
                std::env::temp_dir().display()
            ))
        })?;
    INTERRUPTED.store(false, Ordering::SeqCst);
    // Only the first print of a process installs the handler; it only raises the flag.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let mut cmd = Command::new(chromium);
    cmd.args(CHROMIUM_FLAGS);
    if running_as_root() {
        cmd.arg("--no-sandbox");
    }
    cmd.arg(format!("--user-data-dir={}", profile.path().display()));
    cmd.arg(format!("--print-to-pdf={}", pdf.display()));
    cmd.arg(format!("http://127.0.0.1:{port}{path}"));
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| PackError::Chromium(format!("cannot start {}: {e}", chromium.display())))?;
    let group = child.id() as i32;
    let stderr = child.stderr.take().map(|mut err| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut text);
            text
        })
    });
    let deadline = std::time::Instant::now() + timeout;
    let ended = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(PackError::Chromium(e.to_string())),
        }
        if INTERRUPTED.load(Ordering::SeqCst) {
            break Err(PackError::Interrupted);
        }
        if std::time::Instant::now() >= deadline {
            break Err(PackError::Timeout(timeout.as_secs()));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // Chromium's helpers outlive it unless told: the whole group goes, whatever happened.
    kill_group(group);
    let _ = child.wait();
    let err = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    drop(profile);
    let status = ended?;
    if !status.success() || !pdf.is_file() {
        return Err(PackError::Chromium(err.trim().to_string()));
    }
    Ok(())
}

/// Kills every process of the group `group` and waits (briefly) until none is left.
fn kill_group(group: i32) {
    // SAFETY: kill(2) with a negative pid signals a process group; it touches no memory.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    // SAFETY: as above; signal 0 only asks whether any member is left.
    while unsafe { libc::kill(-group, 0) } == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Answers the printing browser from the built files.
fn answer(
    req: &crate::serve::http::Request,
    files: &[OutputFile],
    prefix: &str,
) -> crate::serve::http::Reply {
    use crate::serve::http::{resolve, Reply, Response, Target};
    let target = req.target.as_str();
    let target = target.strip_prefix(prefix).unwrap_or(target);
    let target = if target.starts_with('/') {
        target.to_string()
    } else {
        format!("/{target}")
    };
    let find = |p: &str| files.iter().find(|f| f.path == p);
    let resp = match resolve(&target, |p| find(p).is_some()) {
        Target::File(p) => match find(&p).and_then(|f| f.read().ok()) {
            Some(bytes) => Response::new(200, crate::serve::http::mime(&p), bytes.into_owned()),
            None => Response::text(404, "Not found\n"),
        },
        Target::Redirect(to) => Response {
            location: Some(format!("{prefix}{to}")),
            ..Response::new(301, "text/html; charset=utf-8", Vec::new())
        },
        Target::NotFound => Response::text(404, "Not found\n"),
        Target::Refused => Response::text(400, "Bad request\n"),
    };
    Reply::Answer(Response {
        csp: Some(PRINT_CSP),
        ..resp
    })
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
    timeout: std::time::Duration,
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
                timeout,
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

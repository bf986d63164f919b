//! Printing a school's parent information pack to PDF: the built site is served on loopback by
//! senpack's own HTTP server (scripts off by CSP) and a local headless Chromium prints the pack
//! page, stopped with its whole process group on timeout or Ctrl-C.

use crate::model::file::OutputFile;
use std::path::{Path, PathBuf};
use std::process::Command;

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

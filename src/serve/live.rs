//! Live reload: the small script added to every page the preview server sends, the Server-Sent
//! Events stream that tells open pages a rebuild happened (reload, or swap the stylesheets), and
//! the error page shown instead of the site while the last build has errors.

use crate::diagnostics::Diagnostic;
use crate::render::theme::escape_html;
use std::io::Write;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The address of the script and of the event stream (no site file can start with `__senpack`).
pub const SCRIPT_PATH: &str = "/__senpack/live.js";
pub const EVENTS_PATH: &str = "/__senpack/events";

/// Reconnects after the server restarts; `css` swaps stylesheets, anything else reloads the page.
pub const SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  var since = me ? me.getAttribute("data-version") : "0";
  var source = new EventSource("/__senpack/events?since=" + since);
  source.onmessage = function (e) {
    if (e.data === "css") {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href);
        url.searchParams.set("senpack", Date.now());
        link.href = url.toString();
      });
    } else {
      location.reload();
    }
  };
})();
"#;

/// What a rebuild changed, as open pages need to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Reload,
    Css,
}

/// Tells waiting event streams about rebuilds.
#[derive(Default)]
pub struct Hub {
    state: Mutex<HubState>,
    cond: Condvar,
}

#[derive(Default)]
struct HubState {
    version: u64,
    /// The version of the last announcement that needed a reload.
    last_reload: u64,
    closed: bool,
}

impl Hub {
    /// Announces a rebuild.
    pub fn publish(&self, change: Change) {
        let mut s = self.lock();
        s.version += 1;
        if change == Change::Reload {
            s.last_reload = s.version;
        }
        self.cond.notify_all();
    }

    /// Ends every stream (the server is stopping).
    pub fn close(&self) {
        self.lock().closed = true;
        self.cond.notify_all();
    }

    pub fn version(&self) -> u64 {
        self.lock().version
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a version after `seen`: `Ok(Some)` with it, `Ok(None)` on timeout, `Err` when closed.
    fn wait(&self, seen: u64, timeout: Duration) -> Result<Option<(u64, Change)>, ()> {
        let guard = self.lock();
        let (s, _) = self
            .cond
            .wait_timeout_while(guard, timeout, |s| s.version == seen && !s.closed)
            .unwrap_or_else(|e| e.into_inner());
        if s.closed {
            return Err(());
        }
        // Several rebuilds may come at once: any reload among them wins over a stylesheet swap.
        let change = if s.last_reload > seen {
            Change::Reload
        } else {
            Change::Css
        };
        Ok((s.version != seen).then_some((s.version, change)))
    }

    /// Writes an event stream to `out` until the client goes away or the hub closes. A page
    /// built before the current version (`since`) is told to reload at once.
    pub fn stream(&self, since: u64, mut out: impl Write) {
        // Read before the head goes out, so a rebuild announced after it is waited for below.
        let current = self.version();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
        if out
            .write_all(head.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
        let mut seen = since;
        if current != since {
            seen = current;
            if send(&mut out, "reload").is_err() {
                return;
            }
        }
        loop {
            let message = match self.wait(seen, Duration::from_secs(15)) {
                Err(()) => return,
                Ok(None) => ": still here\n\n".to_string(),
                Ok(Some((v, change))) => {
                    seen = v;
                    let data = if change == Change::Css {
                        "css"
                    } else {
                        "reload"
                    };
                    format!("data: {data}\n\n")
                }
            };
            if out
                .write_all(message.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

fn send(out: &mut impl Write, data: &str) -> std::io::Result<()> {
    out.write_all(format!("data: {data}\n\n").as_bytes())?;
    out.flush()
}

/// The script tag added to served pages.
pub fn script_tag(version: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\"></script>\n")
}

/// Adds the live-reload script before `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag = script_tag(version);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page shown while the site has errors: each error as the terminal prints it.
pub fn error_page<'a>(errors: impl Iterator<Item = &'a Diagnostic>, version: u64) -> String {
    let text: String = errors.map(|d| d.to_string() + "\n").collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Build error - senpack</title>\n<style>body{{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#fff;color:#1a1a1a}}main{{max-width:60rem;margin:auto}}h1{{color:#a00000}}pre{{white-space:pre-wrap;background:#f4f4f4;border-left:4px solid #a00000;padding:1rem;overflow-x:auto}}</style>\n</head>\n<body>\n<main>\n<h1>The site has errors</h1>\n<p>Fix the file named below and save it: this page will reload by itself.</p>\n<pre id=\"senpack-errors\">{}</pre>\n</main>\n{}</body>\n</html>\n",
        escape_html(&text),
        script_tag(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_ends() {
        let out = inject(b"<html><body><p>x</p></body></html>", 3);
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains(
            "<p>x</p><script src=\"/__senpack/live.js\" data-version=\"3\"></script>\n</body>"
        ));
    }

    #[test]
    fn error_page_escapes_the_message() {
        let d = Diagnostic::error(
            crate::diagnostics::Code::FrontMatter,
            "content/a.md",
            "bad <b>value</b>",
        )
        .at(4, 2, None);
        let page = error_page([d].iter(), 1);
        assert!(page.contains("content/a.md:4:2"));
        assert!(page.contains("bad &lt;b&gt;value&lt;/b&gt;"));
    }

    /// Hands each write to the test.
    struct Pipe(std::sync::mpsc::Sender<String>);

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.send(String::from_utf8_lossy(buf).into_owned());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_stream_hears_of_a_rebuild() {
        let hub = std::sync::Arc::new(Hub::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let h = hub.clone();
        let t = std::thread::spawn(move || h.stream(0, Pipe(tx)));
        let wait = Duration::from_secs(10);
        assert!(rx.recv_timeout(wait).unwrap().contains("text/event-stream"));
        hub.publish(Change::Css);
        assert_eq!(rx.recv_timeout(wait).unwrap(), "data: css\n\n");
        hub.publish(Change::Reload);
        assert_eq!(rx.recv_timeout(wait).unwrap(), "data: reload\n\n");
        hub.close();
        t.join().unwrap();
    }
}

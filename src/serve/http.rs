//! Turning a request target into a file of the built site: percent-decoding, refusing anything
//! that could climb out of the site (`..`, encoded slashes, backslashes, NUL), `index.html` for
//! folders, the redirect from `/x` to `/x/`, and the MIME type of each file; and the one small
//! HTTP/1.1 server that both `senpack serve` and pack printing use (a thread per connection, a
//! bounded number of them, read and write timeouts, a cap on the request head, a `Host` check).

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// The most a request line and headers together may take; more gets 431.
pub const MAX_HEAD: usize = 64 * 1024;
/// How long a client has to send its request head, and how long one write may wait for it to read.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Open connections at most; one more is told 503 and closed.
pub const MAX_CONNECTIONS: usize = 256;

/// A request as the handlers see it (its body, if any, is never read).
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent, e.g. `/parents/?x=1`.
    pub target: String,
}

impl Request {
    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }
}

/// A whole answer; the server adds `Content-Length`, `Connection: close` and the shared headers.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub mime: &'static str,
    pub body: Vec<u8>,
    /// Where a redirect leads; always written as a path on this host (see [`local_location`]).
    pub location: Option<String>,
    /// A `Content-Security-Policy` to send.
    pub csp: Option<&'static str>,
}

impl Response {
    pub fn new(status: u16, mime: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            mime,
            body,
            location: None,
            csp: None,
        }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }
}

/// What a handler does with a request.
pub enum Reply {
    Answer(Response),
    /// Takes the connection over (the live-reload event stream writes its own head).
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// The `Host` values a server answers: names of loopback and of the address it is bound to. Any
/// other name is what a DNS-rebinding page would send, so it gets 421 and nothing of the site.
#[derive(Debug, Clone)]
pub struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    /// Whether `host` (a `Host` header value, with or without port) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim();
        let (name, port) = match host.strip_prefix('[') {
            Some(rest) => match rest.split_once(']') {
                Some((ip, tail)) => (ip, tail),
                None => return false,
            },
            None => match host.rsplit_once(':') {
                Some((name, port)) if !name.contains(':') => (name, port),
                _ => (host, ""),
            },
        };
        let port = port.strip_prefix(':').unwrap_or(port);
        if !port.is_empty() && port.parse::<u16>() != Ok(self.bound.port()) {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bound.ip() || self.bound.ip().is_unspecified(),
            Err(_) => false,
        }
    }
}

/// A redirect target made a path on this host: leading slashes and backslashes become one `/`
/// (`//evil/` would be read as another host), and line breaks are dropped.
pub fn local_location(to: &str) -> String {
    let to: String = to.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    format!("/{}", to.trim_start_matches(['/', '\\']))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

/// Writes a whole response and closes the connection.
pub fn write_response(mut out: &TcpStream, resp: &Response, head_only: bool) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        resp.status,
        reason(resp.status),
        resp.mime,
        resp.body.len()
    );
    if let Some(to) = &resp.location {
        head.push_str(&format!("Location: {}\r\n", local_location(to)));
    }
    if let Some(csp) = resp.csp {
        head.push_str(&format!("Content-Security-Policy: {csp}\r\n"));
    }
    if resp.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    if !head_only {
        let _ = out.write_all(&resp.body);
    }
    let _ = out.flush();
    let _ = out.shutdown(std::net::Shutdown::Write);
}

/// Reads the request head (up to [`MAX_HEAD`], within [`READ_TIMEOUT`] in all) and checks it:
/// `Err` is the response to send instead.
fn read_request(conn: &TcpStream, hosts: &Hosts) -> Result<Request, Response> {
    let deadline = Instant::now() + READ_TIMEOUT;
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(i) = memchr::memmem::find(&buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return Err(Response::text(431, "Request headers too large\n"));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || conn.set_read_timeout(Some(left)).is_err() {
            return Err(Response::text(408, "Request timeout\n"));
        }
        match (&*conn).read(&mut chunk) {
            Ok(0) => return Err(Response::text(400, "Bad request\n")),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Response::text(408, "Request timeout\n")),
        }
    };
    if end > MAX_HEAD {
        return Err(Response::text(431, "Request headers too large\n"));
    }
    let head = String::from_utf8_lossy(&buf[..end]);
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version)) = (first.next(), first.next(), first.next())
    else {
        return Err(Response::text(400, "Bad request\n"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Response::text(400, "Bad request\n"));
    }
    let host = lines.find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("host").then_some(v.trim())
    });
    match host {
        None => return Err(Response::text(400, "Bad request: no Host header\n")),
        Some(h) if !hosts.allows(h) => {
            return Err(Response::text(
                421,
                "Misdirected request: this preview answers only its own address (127.0.0.1 or localhost)\n",
            ))
        }
        Some(_) => {}
    }
    if !matches!(method, "GET" | "HEAD") {
        return Err(Response::text(405, "Method not allowed\n"));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
    })
}

/// A handler shared by the connection threads.
pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// Accepts connections until `stop`: a thread for each (at most [`MAX_CONNECTIONS`]), one request
/// per connection, read and write timeouts, so a client that sends or reads slowly holds up only
/// itself.
pub fn serve(listener: TcpListener, stop: Arc<AtomicBool>, handler: Handler) {
    let hosts = match listener.local_addr() {
        Ok(a) => Hosts::new(a),
        Err(_) => return,
    };
    if listener.set_nonblocking(true).is_err() {
        return;
    }
    let open = Arc::new(AtomicUsize::new(0));
    while !stop.load(Ordering::SeqCst) {
        let conn = match listener.accept() {
            Ok((conn, _)) => conn,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            Err(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let _ = conn.set_nonblocking(false);
        let _ = conn.set_write_timeout(Some(WRITE_TIMEOUT));
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            write_response(&conn, &Response::text(503, "Too many connections\n"), false);
            continue;
        }
        let (count, handler, hosts) = (open.clone(), handler.clone(), hosts.clone());
        let spawned = std::thread::Builder::new().spawn(move || {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                match read_request(&conn, &hosts) {
                    Err(resp) => write_response(&conn, &resp, false),
                    Ok(req) => match handler(&req) {
                        Reply::Answer(resp) => write_response(&conn, &resp, req.is_head()),
                        Reply::Stream(f) => f(conn),
                    },
                }
            }));
            count.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // The closure, and the connection with it, is gone.
            open.fetch_sub(1, Ordering::SeqCst);
        }
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

    #[test]
    fn only_our_own_host_names_pass() {
        let hosts = Hosts::new("127.0.0.1:4000".parse().unwrap());
        for ok in [
            "127.0.0.1:4000",
            "127.0.0.1",
            "localhost",
            "LOCALHOST:4000",
            "[::1]:4000",
            "[::1]",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:4000",
            "127.0.0.1:5000",
            "localhost.evil",
            "",
            "[::1",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn redirects_stay_on_this_host() {
        assert_eq!(local_location("//parents/"), "/parents/");
        assert_eq!(local_location("/\\evil/"), "/evil/");
        assert_eq!(local_location("/a/\r\nSet-Cookie: x"), "/a/Set-Cookie: x");
        assert_eq!(local_location("/a/?x=1"), "/a/?x=1");
    }
}

//! `senpack serve` end to end: the real binary on a free loopback port, spoken to over raw TCP (so
//! traversal attempts reach the server unnormalised), plus the incremental rebuild's re-render set.

mod common;
use common::{page, Fixture};
use senpack::incremental::{Incremental, RebuildKind};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

fn site() -> Fixture {
    Fixture::new(&[
        (
            "content/_index.md",
            &page("Home", "Welcome. See [meetings](parents/meetings.md).\n"),
        ),
        (
            "content/parents/_index.md",
            &page("For parents", "Guides for parents.\n"),
        ),
        (
            "content/parents/annual-reviews.md",
            &page("Annual reviews", "## Each year\n\nText.\n"),
        ),
        (
            "content/parents/meetings.md",
            &page("Meetings", "## Before\n\nOld words.\n"),
        ),
        (
            "content/parents/sen-support.md",
            &page("SEN support", "## What\n\nHelp.\n"),
        ),
        ("content/assets/leaflet.pdf", "%PDF-1.4"),
    ])
}

/// A running `senpack serve`; killed when dropped.
struct Served {
    child: Child,
    addr: String,
    lines: mpsc::Receiver<String>,
}

impl Served {
    fn start(site: &Fixture, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_senpack"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .env("SENPACK_TODAY", "2026-11-25")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start senpack serve");
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut served = Served {
            child,
            addr: String::new(),
            lines,
        };
        let line = served.line_with("Serving the site at http://");
        let start = line.find("http://").expect("an address") + 7;
        served.addr = line[start..]
            .split('/')
            .next()
            .expect("host and port")
            .to_string();
        served
    }

    fn line_with(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains(text) => return l,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("senpack serve never printed `{text}`");
    }

    fn get(&self, path: &str) -> Reply {
        raw(
            &self.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            ),
        )
    }

    /// Fetches `path` until `ok` holds for the reply (a rebuild is on its way).
    fn wait_for(&self, path: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + WAIT;
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {path}; last reply:\n{}",
                r.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn connect(addr: &str) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect to the server");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    s
}

/// Sends a request exactly as written and reads the whole reply.
fn raw(addr: &str, request: &str) -> Reply {
    let mut s = connect(addr);
    s.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// Opens the live-reload event stream and hands back what it says, line by line.
fn events(addr: &str, since: u64) -> mpsc::Receiver<String> {
    let mut s = connect(addr);
    s.set_read_timeout(None).expect("no timeout");
    s.write_all(
        format!("GET /__senpack/events?since={since} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes(),
    )
    .expect("send");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(WAIT).expect("the event stream answers");
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");
    rx
}

fn next_event(rx: &mpsc::Receiver<String>) -> String {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(l) if l.starts_with("data: ") => return l,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no event arrived");
}

#[test]
fn serves_pages_with_types_folders_and_the_404_page() {
    let site = site();
    let s = Served::start(&site, &[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("Welcome."));
    assert!(home.body.contains("<script src=\"/__senpack/live.js\""));
    let page = s.get("/parents/meetings/");
    assert!(page.body.contains("Old words."));
    let redirect = s.get("/parents/meetings?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("Location").as_deref(),
        Some("/parents/meetings/?x=1")
    );
    let css = s.get("/css/site.css");
    assert_eq!(
        (css.status, css.header("Content-Type").as_deref()),
        (200, Some("text/css; charset=utf-8"))
    );
    let pdf = s.get("/assets/leaflet.pdf");
    assert_eq!(
        (pdf.status, pdf.header("Content-Type").as_deref()),
        (200, Some("application/pdf"))
    );
    assert_eq!(
        s.get("/sitemap.xml").header("Content-Type").as_deref(),
        Some("application/xml")
    );
    let sitemap = s.get("/sitemap.xml").body;
    assert!(
        sitemap.contains(&format!("<loc>http://{}/parents/meetings/</loc>", s.addr)),
        "{sitemap}"
    );
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    let script = s.get("/__senpack/live.js");
    assert!(script.body.contains("EventSource"));
    assert!(!site.out().exists(), "serve must not write output/");
}

#[test]
fn traversal_attempts_are_refused() {
    let site = site();
    site.write("secret.txt", "TOP SECRET");
    let s = Served::start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/parents/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/parents%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/index.html%00.css",
        "/%c0%ae%c0%ae/secret.txt",
        "/site.yaml",
        "/content/_index.md",
        "/themes/default/templates/base.html",
    ] {
        let r = s.get(path);
        assert!(matches!(r.status, 400 | 404), "{path} gave {}", r.status);
        assert!(
            !r.body.contains("TOP SECRET")
                && !r.body.contains("root:")
                && !r.body.contains("base_url"),
            "{path}"
        );
    }
    assert_eq!(s.get("/../secret.txt").status, 400);
    assert_eq!(s.get("/%2e%2e/secret.txt").status, 400);
    let post = raw(
        &s.addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    );
    assert_eq!(post.status, 405);
}

#[test]
fn many_requests_at_once_are_all_served() {
    let site = site();
    let s = Served::start(&site, &[]);
    // Hold event streams open, as open tabs do: they must not use up the request threads.
    let _streams: Vec<_> = (0..6).map(|_| events(&s.addr, 0)).collect();
    let addr = s.addr.clone();
    let threads: Vec<_> = (0..48)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/parents/" };
                raw(
                    &addr,
                    &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
                )
                .status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .map(|t| t.join().expect("request thread"))
        .collect();
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
}

#[test]
fn an_edit_is_served_and_open_pages_are_told_to_reload() {
    let site = site();
    let s = Served::start(&site, &[]);
    let stream = events(&s.addr, 0);
    std::thread::sleep(Duration::from_millis(200));
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "## Before\n\nNew words.\n"),
    );
    let r = s.wait_for("/parents/meetings/", |r| r.body.contains("New words."));
    assert_eq!(r.status, 200);
    assert_eq!(next_event(&stream), "data: reload");
    s.line_with("Rebuilt 5 pages");
    // The search index follows the edit: a word the page did not have before is found.
    assert!(s.get("/search/index.json").status == 200);
    s.line_with("Search index updated in");
    let words = s.get("/search/d/n.json");
    assert!(words.body.contains("\"new\""), "{}", words.body);
    // A stylesheet edit swaps the stylesheet instead.
    let stream = events(&s.addr, 1);
    std::thread::sleep(Duration::from_millis(200));
    site.write(
        "themes/default/static/css/site.css",
        "body { color: #111; }\n",
    );
    assert_eq!(next_event(&stream), "data: css");
    assert!(s.get("/css/site.css").body.contains("#111"));
}

#[test]
fn a_broken_file_shows_the_error_page_until_it_is_fixed() {
    let site = site();
    let s = Served::start(&site, &["--poll"]);
    site.write(
        "content/parents/meetings.md",
        "---\ntitle: Meetings\ndescription: About <meetings>.\ncolour: red\n---\nBody.\n",
    );
    let r = s.wait_for("/parents/meetings/", |r| r.status == 500);
    assert!(
        r.body.contains("content/parents/meetings.md:4"),
        "{}",
        r.body
    );
    assert!(r.body.contains("unknown field `colour`"), "{}", r.body);
    assert!(r.body.contains("/__senpack/live.js"));
    // Every page shows the error, and a file that is not a page is still served.
    assert_eq!(s.get("/").status, 500);
    assert_eq!(s.get("/css/site.css").status, 200);
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "Fixed <b>now</b>.\n"),
    );
    let r = s.wait_for("/parents/meetings/", |r| r.status == 200);
    assert!(r.body.contains("Fixed"));
    // A broken template, and a broken link, are shown the same way.
    site.write("content/_index.md", &page("Home", "See [gone](gone.md).\n"));
    let r = s.wait_for("/", |r| r.status == 500);
    assert!(r.body.contains("content/_index.md:6"), "{}", r.body);
    assert!(
        r.body.contains("link to a missing page `gone.md`"),
        "{}",
        r.body
    );
    site.write("content/_index.md", &page("Home", "Welcome back.\n"));
    s.wait_for("/", |r| r.status == 200 && r.body.contains("Welcome back."));
}

#[test]
fn the_live_reload_script_is_only_in_serve() {
    let site = site();
    site.build();
    let built = site.read("parents/meetings/index.html");
    assert!(
        !built.contains("__senpack"),
        "build output has the live-reload script"
    );
    let s = Served::start(&site, &[]);
    assert!(s
        .get("/parents/meetings/")
        .body
        .contains("/__senpack/live.js"));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = site();
    let mut s = Served::start(&site, &[]);
    let _stream = events(&s.addr, 0);
    let pid = s.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success());
    s.line_with("Stopped.");
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = s.child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Output files compared by path, naming the ones that differ. The search index is compared
/// too: after an edit the preview makes it again from the bodies it keeps.
fn assert_same_files(
    a: &[senpack::model::file::OutputFile],
    b: &[senpack::model::file::OutputFile],
) {
    let paths = |f: &[senpack::model::file::OutputFile]| {
        f.iter().map(|x| x.path.clone()).collect::<Vec<_>>()
    };
    assert_eq!(paths(a), paths(b));
    let differ: Vec<&str> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.path.as_str())
        .collect();
    if let Some((x, y)) = a.iter().zip(b).find(|(x, y)| x != y) {
        let text = |f: &senpack::model::file::OutputFile| {
            String::from_utf8_lossy(&f.read().expect("readable")).into_owned()
        };
        let (x, y) = (text(x), text(y));
        let at = x
            .bytes()
            .zip(y.bytes())
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        let around = |t: &str| {
            t.get(at.saturating_sub(80)..(at + 80).min(t.len()))
                .unwrap_or("")
                .to_string()
        };
        panic!(
            "differ from a full build: {differ:?}\nincremental: {}\nfull: {}",
            around(&x),
            around(&y)
        );
    }
}

#[test]
fn editing_one_page_re_renders_only_the_pages_that_use_it() {
    let site = site();
    site.write("content/other/_index.md", &page("Other", "Unrelated.\n"));
    site.write(
        "content/other/linker.md",
        &page("Linker", "See [before](../parents/meetings.md#before).\n"),
    );
    site.write("content/other/loner.md", &page("Loner", "Alone.\n"));
    let mut opts = senpack::BuildOptions::new(site.root(), common::today());
    opts.live_reload = true;
    let mut inc = Incremental::full(&opts);
    assert!(!inc.build.has_errors(), "{:?}", inc.build.diagnostics);
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "## Before\n\nNew words.\n"),
    );
    let report = inc.rebuild(&[PathBuf::from("content/parents/meetings.md")]);
    assert_eq!(report.kind, RebuildKind::Pages);
    // The page, its section, its neighbours and the pages that link to it; not the rest.
    assert_eq!(
        report.rendered,
        [
            "/",
            "/other/linker/",
            "/parents/",
            "/parents/annual-reviews/",
            "/parents/meetings/",
            "/parents/sen-support/"
        ]
    );
    // The result is the same as a full build.
    let full = senpack::build(&opts);
    assert_same_files(&inc.build.files, &full.files);
    assert_eq!(inc.build.diagnostics, full.diagnostics);

    // Removing the heading the linker points at breaks its link: reported in the linker's file.
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "## After\n\nNew words.\n"),
    );
    inc.rebuild(&[PathBuf::from("content/parents/meetings.md")]);
    let full = senpack::build(&opts);
    assert!(inc
        .build
        .errors()
        .any(|d| d.file.ends_with("other/linker.md")));
    assert_eq!(inc.build.diagnostics, full.diagnostics);

    // A new title reaches every page, generated ones too, as the section is in the site's
    // navigation: everything is built again.
    site.write(
        "content/parents/_index.md",
        &page("Guides for parents", "Guides.\n"),
    );
    let report = inc.rebuild(&[PathBuf::from("content/parents/_index.md")]);
    assert_eq!(report.kind, RebuildKind::Full);
    assert_same_files(&inc.build.files, &senpack::build(&opts).files);
    // A title that moves the section in the navigation's order rebuilds everything.
    site.write(
        "content/parents/_index.md",
        &page("Parents and carers", "Guides.\n"),
    );
    let report = inc.rebuild(&[PathBuf::from("content/parents/_index.md")]);
    assert_eq!(report.kind, RebuildKind::Full);
    assert_same_files(&inc.build.files, &senpack::build(&opts).files);

    // A template change builds everything, and so does a new page.
    let report = inc.rebuild(&[PathBuf::from("themes/default/templates/page.html")]);
    assert_eq!(report.kind, RebuildKind::Full);
    site.write("content/other/new.md", &page("New", "Fresh.\n"));
    let report = inc.rebuild(&[PathBuf::from("content/other/new.md")]);
    assert_eq!(report.kind, RebuildKind::Full);
    assert!(inc.file("other/new/index.html").is_some());
    // A stylesheet needs no build at all.
    let report = inc.rebuild(&[PathBuf::from("themes/default/static/css/site.css")]);
    assert_eq!(
        (report.kind, report.rendered.len()),
        (RebuildKind::Styles, 0)
    );
}

#[test]
fn only_the_servers_own_host_names_are_answered() {
    let site = site();
    let s = Served::start(&site, &[]);
    let port = s.addr.rsplit(':').next().expect("a port").to_string();
    for host in [
        s.addr.clone(),
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("[::1]:{port}"),
    ] {
        let r = raw(
            &s.addr,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(r.status, 200, "Host: {host}");
    }
    // A DNS-rebinding page reaches the server under its own name: no page, draft or event stream.
    for path in [
        "/",
        "/parents/meetings/",
        "/__senpack/events?since=0",
        "/no/such/",
    ] {
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
        ] {
            let r = raw(
                &s.addr,
                &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            );
            assert_eq!(r.status, 421, "GET {path} with Host: {host}");
            assert!(!r.body.contains("Welcome") && !r.body.contains("Old words"));
        }
    }
    let none = raw(&s.addr, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(none.status, 400);
}

#[test]
fn redirects_never_lead_to_another_host() {
    let site = site();
    let s = Served::start(&site, &[]);
    for path in ["//parents", "///parents", "/\\parents", "//parents?x=1"] {
        let r = s.get(path);
        if r.status == 301 {
            let to = r.header("Location").expect("a Location");
            assert!(
                to.starts_with('/') && !to.starts_with("//") && !to.contains('\\'),
                "{path} redirects to {to}"
            );
        }
    }
    assert_eq!(
        s.get("//parents").header("Location").as_deref(),
        Some("/parents/")
    );
}

#[test]
fn a_huge_request_head_is_refused() {
    let site = site();
    let s = Served::start(&site, &[]);
    let mut c = connect(&s.addr);
    let _ = c.write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ", s.addr).as_bytes());
    let chunk = vec![b'a'; 64 * 1024];
    // The server stops reading after its cap: the rest may not be taken.
    for _ in 0..8 {
        if c.write_all(&chunk).is_err() {
            break;
        }
    }
    let mut bytes = Vec::new();
    let _ = c.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("HTTP/1.1 431"), "{text}");
}

#[test]
fn clients_that_never_read_do_not_hold_up_others() {
    let site = site();
    site.write("content/assets/big.bin", &"x".repeat(20 * 1024 * 1024));
    let s = Served::start(&site, &[]);
    let stuck: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).expect("connect");
            c.write_all(
                format!("GET /assets/big.bin HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).as_bytes(),
            )
            .expect("send");
            c
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // A liveness bound, not a speed test: a server with free threads answers at once.
    let (tx, rx) = mpsc::channel();
    let addr = s.addr.clone();
    std::thread::spawn(move || {
        let _ = tx.send(raw(
            &addr,
            &format!(
                "GET /parents/meetings/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            ),
        ));
    });
    let r = rx
        .recv_timeout(Duration::from_secs(1))
        .expect("a page is answered while 16 clients hold a big file unread");
    assert_eq!(r.status, 200);
    drop(stuck);
}

//! `senpack serve`: builds the site in memory, serves it over HTTP (a thread per connection, [`http::serve`]), watches
//! the sources and rebuilds what an edit touches ([`crate::incremental`]), and tells open pages to
//! reload. Nothing is written to `output/`. Build errors are shown in the browser; the server keeps
//! running through bad content and even a panic in a build.

pub mod http;
pub mod live;
pub mod print;
pub mod watch;

use crate::diagnostics::Code;
use crate::incremental::{Incremental, RebuildKind, RebuildReport};
use crate::load::config::BuildOptions;
use http::{Reply, Response, Target};
use live::{Change, Hub};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The flags of `senpack serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Preview a single-school site for the school with this slug.
    #[arg(long)]
    pub school: Option<String>,
    /// Look for changes by polling (for file systems that send no change events).
    #[arg(long)]
    pub poll: bool,
}

/// Errors that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {reason}")]
    Listen { addr: SocketAddr, reason: String },
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
}

/// What the request threads share with the rebuild loop.
struct State {
    /// The current build; `None` after a build panicked (the message is in `panic`).
    site: RwLock<Option<Incremental>>,
    panic: RwLock<Option<String>>,
    hub: Hub,
    stop: AtomicBool,
    /// Counts the search indexes begun (one after each edit, and each full build): a thread
    /// making one keeps it only if no later one has begun.
    search_generation: AtomicU64,
}

/// Runs the server until Ctrl-C; returns the exit code.
/// Serves the site until Ctrl-C; review dates are judged by `today` (the day the server started).
pub fn main(args: &ServeArgs, today: chrono::NaiveDate) -> i32 {
    match run(args, today) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn run(args: &ServeArgs, today: chrono::NaiveDate) -> Result<(), ServeError> {
    let wanted = SocketAddr::new(args.bind, args.port);
    let listen_error = |e: std::io::Error| ServeError::Listen {
        addr: wanted,
        reason: e.to_string(),
    };
    let listener = std::net::TcpListener::bind(wanted).map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    let mut opts = BuildOptions::new(&args.root, today);
    opts.drafts = args.drafts;
    opts.school = args.school.clone();
    opts.live_reload = true;
    opts.base_url = Some(format!("http://{addr}/"));
    let state = Arc::new(State {
        site: RwLock::new(None),
        panic: RwLock::new(None),
        hub: Hub::default(),
        stop: AtomicBool::new(false),
        search_generation: AtomicU64::new(0),
    });
    let watcher = watch::SiteWatcher::start(&args.root, args.poll)?;
    let start = Instant::now();
    full_build(&state, &opts, start);
    let stopper = state.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        stopper.stop.store(true, Ordering::SeqCst);
        stopper.hub.close();
    }) {
        eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let (stop, state) = (stop.clone(), state.clone());
        let handler: http::Handler = Arc::new(move |req| handle(&state, req));
        std::thread::spawn(move || http::serve(listener, stop, handler))
    };
    println!("Serving the site at http://{addr}/ (press Ctrl-C to stop)");
    if watcher.polling {
        println!("Watching for changes by polling");
    }
    while !state.stop.load(Ordering::SeqCst) {
        let changed = watcher.next_batch(Duration::from_millis(200));
        if !changed.is_empty() && !state.stop.load(Ordering::SeqCst) {
            rebuild(&state, &opts, &changed);
        }
    }
    stop.store(true, Ordering::SeqCst);
    let _ = server.join();
    println!("Stopped.");
    Ok(())
}

/// Builds everything outside the lock, then swaps it in.
fn full_build(state: &State, opts: &BuildOptions, start: Instant) {
    // A full build makes its own index: one still being made after an earlier edit is dropped.
    state.search_generation.fetch_add(1, Ordering::SeqCst);
    let built = std::panic::catch_unwind(|| Incremental::full(opts));
    match built {
        Ok(inc) => {
            report_errors(&inc);
            println!(
                "Built {} pages in {:.0} ms",
                crate::format::thousands(crate::pipeline::page_count(&inc.build)),
                start.elapsed().as_secs_f64() * 1000.0
            );
            *write(&state.panic) = None;
            *write(&state.site) = Some(inc);
        }
        Err(p) => panicked(state, p),
    }
}

fn panicked(state: &State, payload: Box<dyn std::any::Any + Send>) {
    let msg = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown cause".into());
    let text = format!("error[internal]: the build stopped unexpectedly: {msg}\n  = help: this is a bug in senpack; the server carries on and builds again when you save a file");
    eprintln!("{text}");
    *write(&state.panic) = Some(text);
    *write(&state.site) = None;
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

/// Rebuilds after a batch of changes and tells open pages.
fn rebuild(state: &Arc<State>, opts: &BuildOptions, changed: &[PathBuf]) {
    let start = Instant::now();
    let needs_full = read(&state.site)
        .as_ref()
        .is_none_or(|inc| inc.needs_full(changed));
    let change = if needs_full {
        full_build(state, opts, start);
        Change::Reload
    } else {
        match incremental(state, changed) {
            Some(change) => change,
            None => return,
        }
    };
    state.hub.publish(change);
}

/// An incremental rebuild: pages are re-rendered and served at once; the checks of those pages
/// run afterwards under a read lock, and open pages reload again only if they change the errors.
fn incremental(state: &Arc<State>, changed: &[PathBuf]) -> Option<Change> {
    let mut guard = write(&state.site);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        guard.as_mut().map(|inc| inc.rebuild_unchecked(changed))
    }));
    let report = match result {
        Ok(Some(report)) => report,
        Ok(None) => return Some(Change::Reload),
        Err(p) => {
            drop(guard);
            panicked(state, p);
            return Some(Change::Reload);
        }
    };
    let had_errors = guard.as_ref().is_some_and(|inc| inc.build.has_errors());
    drop(guard);
    state.hub.publish(match report.kind {
        RebuildKind::Styles => Change::Css,
        _ => Change::Reload,
    });
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read(&state.site)
            .as_ref()
            .map(|inc| inc.run_checks(&report.unchecked))
    }));
    let mut guard = write(&state.site);
    let inc = guard.as_mut()?;
    if let Ok(Some(found)) = found {
        inc.add_checks(found);
    }
    report_errors(inc);
    let has_errors = inc.build.has_errors();
    drop(guard);
    print_report(&report, changed);
    if report.kind == RebuildKind::Pages {
        search_again(state);
    }
    (has_errors != had_errors).then_some(Change::Reload)
}

/// The search index made again after pages changed, on a thread of its own so the next edit
/// is not held up: its text is read under a read lock (pages are served meanwhile), the index
/// made with no lock held, and put in place only if no later edit has started one since.
fn search_again(state: &Arc<State>) {
    let generation = state.search_generation.fetch_add(1, Ordering::SeqCst) + 1;
    let state = Arc::clone(state);
    std::thread::spawn(move || {
        let start = Instant::now();
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let input = read(&state.site)
                .as_ref()
                .and_then(Incremental::search_input)?;
            Some(input.files())
        }));
        let Ok(Some(files)) = made else { return };
        let mut guard = write(&state.site);
        if state.search_generation.load(Ordering::SeqCst) != generation {
            return; // a later edit is making a newer index
        }
        if let Some(inc) = guard.as_mut() {
            inc.put_search(files);
        }
        drop(guard);
        println!(
            "Search index updated in {:.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    });
}

fn report_errors(inc: &Incremental) {
    for d in inc.build.errors() {
        eprintln!("{d}");
    }
}

fn print_report(report: &RebuildReport, changed: &[PathBuf]) {
    let what = match report.kind {
        RebuildKind::Full => "the whole site".to_string(),
        RebuildKind::Pages => format!("{} pages", report.rendered.len()),
        RebuildKind::Styles => "nothing (stylesheets swapped)".into(),
        RebuildKind::Files => "nothing (files changed)".into(),
    };
    let first = changed
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    println!(
        "Rebuilt {what} in {:.1} ms after {first} changed",
        report.elapsed.as_secs_f64() * 1000.0
    );
}

fn handle(state: &Arc<State>, req: &http::Request) -> Reply {
    let url = req.target.as_str();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == live::EVENTS_PATH {
        let since = url
            .split_once("since=")
            .and_then(|(_, v)| v.split('&').next()?.parse().ok())
            .unwrap_or(0);
        let state = state.clone();
        return Reply::Stream(Box::new(move |conn| state.hub.stream(since, conn)));
    }
    if path == live::SCRIPT_PATH {
        return Reply::Answer(Response::new(
            200,
            http::mime("x.js"),
            live::SCRIPT.as_bytes().to_vec(),
        ));
    }
    let version = state.hub.version();
    let (status, mime, body, location) = answer(state, url, version);
    Reply::Answer(Response {
        status,
        mime,
        body,
        location,
        csp: None,
    })
}

type Answer = (u16, &'static str, Vec<u8>, Option<String>);

/// The status, type and body for a request, from the current build.
fn answer(state: &State, url: &str, version: u64) -> Answer {
    let html = "text/html; charset=utf-8";
    let guard = read(&state.site);
    let Some(inc) = guard.as_ref() else {
        let text = read(&state.panic).clone().unwrap_or_default();
        let d = crate::Diagnostic::error(Code::Internal, "senpack", text);
        return (
            500,
            html,
            live::error_page([d].iter(), version).into_bytes(),
            None,
        );
    };
    let target = http::resolve(url, |p| inc.file(p).is_some());
    let page_like = match &target {
        Target::File(p) => p.ends_with(".html"),
        Target::Refused => false,
        _ => true,
    };
    if page_like && inc.build.has_errors() {
        return (
            500,
            html,
            live::error_page(inc.build.errors(), version).into_bytes(),
            None,
        );
    }
    match target {
        Target::File(p) => {
            let file = inc.file(&p).cloned();
            drop(guard);
            match file.map(|f| f.read().map(|b| b.into_owned())) {
                Some(Ok(bytes)) if p.ends_with(".html") => {
                    (200, html, live::inject(&bytes, version), None)
                }
                Some(Ok(bytes)) => (200, http::mime(&p), bytes, None),
                _ => not_found(state, version),
            }
        }
        Target::Redirect(to) => (301, html, Vec::new(), Some(to)),
        Target::NotFound => {
            drop(guard);
            not_found(state, version)
        }
        Target::Refused => (
            400,
            "text/plain; charset=utf-8",
            b"Bad request\n".to_vec(),
            None,
        ),
    }
}

fn not_found(state: &State, version: u64) -> Answer {
    let page = read(&state.site).as_ref().and_then(|inc| {
        inc.file("404.html")
            .and_then(|f| f.read().ok().map(|b| b.into_owned()))
    });
    match page {
        Some(bytes) => (
            404,
            "text/html; charset=utf-8",
            live::inject(&bytes, version),
            None,
        ),
        None => (
            404,
            "text/plain; charset=utf-8",
            b"Not found\n".to_vec(),
            None,
        ),
    }
}

//! Watching the site for edits: `site.yaml`, `content/` and `themes/` through the system's file
//! events (or polling when those fail, or with `--poll`), debounced into batches of changed paths
//! with editors' temporary and swap files left out.

use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the folder must be quiet before a batch of changes is handed on.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// A batch is handed on after this long even if events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(500);
/// How often the polling watcher looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(250);

/// A running watcher; dropping it stops the watching.
pub struct SiteWatcher {
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    /// Whether the polling fallback is in use.
    pub polling: bool,
}

/// Errors starting to watch.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path} for changes: {source}")]
pub struct WatchError {
    path: PathBuf,
    source: notify::Error,
}

impl SiteWatcher {
    /// Starts watching `root`; uses polling when `poll` is set or native events are not available.
    pub fn start(root: &Path, poll: bool) -> Result<SiteWatcher, WatchError> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if !poll {
            let (tx, rx) = mpsc::channel();
            if let Ok(mut w) = notify::recommended_watcher(tx) {
                if watch_all(&mut w, &root).is_ok() {
                    return Ok(SiteWatcher::new(Box::new(w), rx, root, false));
                }
            }
        }
        let (tx, rx) = mpsc::channel();
        // Polling sees times to the second only, so it compares contents too: two saves within a
        // second must both count.
        let config = notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true);
        let mut w = PollWatcher::new(tx, config).map_err(|source| WatchError {
            path: root.clone(),
            source,
        })?;
        watch_all(&mut w, &root)?;
        Ok(SiteWatcher::new(Box::new(w), rx, root, true))
    }

    fn new(
        w: Box<dyn Watcher + Send>,
        events: Receiver<notify::Result<Event>>,
        root: PathBuf,
        polling: bool,
    ) -> SiteWatcher {
        SiteWatcher {
            _watcher: w,
            events,
            root,
            polling,
        }
    }

    /// Waits up to `timeout` for changes; returns the changed paths (from the site root) once
    /// the folder has been quiet for [`DEBOUNCE`], or an empty list when nothing happened.
    pub fn next_batch(&self, timeout: Duration) -> Vec<PathBuf> {
        let mut batch = BTreeSet::new();
        let Ok(first) = self.events.recv_timeout(timeout) else {
            return Vec::new();
        };
        self.add(&mut batch, first);
        let start = Instant::now();
        while start.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(ev) => self.add(&mut batch, ev),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        batch.into_iter().collect()
    }

    fn add(&self, batch: &mut BTreeSet<PathBuf>, ev: notify::Result<Event>) {
        let Ok(ev) = ev else { return };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        // A folder's own change comes with the change of the file in it, which is what counts.
        for p in ev.paths.into_iter().filter(|p| !p.is_dir()) {
            if let Some(rel) = relevant(&self.root, &p) {
                batch.insert(rel);
            }
        }
    }
}

fn watch_all(w: &mut dyn Watcher, root: &Path) -> Result<(), WatchError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WatchError { path, source }
    };
    w.watch(root, RecursiveMode::NonRecursive)
        .map_err(err(root))?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            w.watch(&path, RecursiveMode::Recursive)
                .map_err(err(&path))?;
        }
    }
    Ok(())
}

/// The path from the site root when `path` is part of the site's sources (not an editor's scratch file).
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let slash = crate::load::files::slash_path(rel);
    let wanted = slash == "site.yaml"
        || slash == "content"
        || slash == "themes"
        || slash.starts_with("content/")
        || slash.starts_with("themes/");
    (wanted && !crate::load::files::is_ignored(&slash)).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_count() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(rel("/site/site.yaml"), Some(PathBuf::from("site.yaml")));
        assert_eq!(
            rel("/site/content/a.md"),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(rel("/site/content/.a.md.swp"), None);
        assert_eq!(rel("/site/content/a.md~"), None);
        assert_eq!(rel("/site/output/index.html"), None);
        assert_eq!(rel("/elsewhere/site.yaml"), None);
    }

    #[test]
    fn an_edit_arrives_as_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let w = SiteWatcher::start(dir.path(), true).unwrap();
        std::thread::sleep(POLL_EVERY * 2);
        std::fs::write(dir.path().join("content/a.md"), "x").unwrap();
        std::fs::write(dir.path().join("content/.a.md.swp"), "x").unwrap();
        let batch = w.next_batch(Duration::from_secs(5));
        assert_eq!(batch, vec![PathBuf::from("content/a.md")]);
    }
}

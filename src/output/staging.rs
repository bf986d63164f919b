//! The staging folder of one build: checks that the output folder may be written, takes its
//! lock, puts right a swap an earlier build was killed in, writes files (hard-linking unchanged
//! ones from the previous output), syncs, and swaps the finished folder in.
//! (About 420 lines: one folder's life from lock to swap; each step is a small private function.)

use super::{check_normal, io_err, OutputError, WriteStats};
use crate::model::file::OutputFile;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// An output folder being written: files go into a staging folder beside it as the build makes
/// them (so a big site never has to be held in memory whole), and [`Staging::commit`] swaps it in.
/// Dropped without a commit, the staging folder is deleted and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// The lock file beside `out`, locked for as long as this build runs.
    _lock: std::fs::File,
    /// What [`recover`] put right before this build began, to tell the user.
    recovered: Option<String>,
    /// Whether `out` held a previous build when this one began (when not, no file is compared).
    previous: bool,
    /// Folders already made inside the staging folder.
    dirs: Mutex<HashSet<String>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Checks that `out` may be written (a folder, not the site, not inside its sources, holding
    /// only a senpack build), takes the output folder's lock (one build writes it at a time), puts
    /// right what a build killed mid-swap left (see [`recover`]) and makes this build's own,
    /// fresh staging folder beside it.
    pub fn begin(out: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        guard_path(out, site_root)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let lock = take_lock(out, &parent.join(format!(".{name}.senpack-lock")))?;
        let old = parent.join(format!(".{name}.senpack-old"));
        let recovered = recover(out, parent, &name, &old)?;
        guard_contents(out)?;
        let staging = parent.join(format!(
            ".{name}.senpack-new-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        if staging.exists() {
            remove_tree(&staging).map_err(io_err(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        Ok(Staging {
            out: out.to_path_buf(),
            staging,
            old,
            _lock: lock,
            recovered,
            previous: out.is_dir(),
            dirs: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// A note on what was put right before this build began (a swap a kill interrupted).
    pub fn recovered(&self) -> Option<&str> {
        self.recovered.as_deref()
    }

    /// The staging folder (hidden, beside the output folder; its name is this build's own).
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Writes one file into the staging folder (from any thread), hard-linking it from the
    /// previous output instead when its bytes did not change.
    pub fn put(&self, f: &OutputFile) -> Result<(), OutputError> {
        check_normal(&f.path)?;
        if let Some((parent, _)) = f.path.rsplit_once('/') {
            let known = self
                .dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(parent);
            if !known {
                let dir = self.staging.join(parent);
                std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                self.dirs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_string());
            }
        }
        self.put_in_made_dir(f)
    }

    fn put_in_made_dir(&self, f: &OutputFile) -> Result<(), OutputError> {
        let dest = self.staging.join(&f.path);
        let bytes = f.read().map_err(io_err(&dest))?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if self.previous {
            let prev = self.out.join(&f.path);
            if same_bytes(&prev, &bytes) && std::fs::hard_link(&prev, &dest).is_ok() {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        std::fs::write(&dest, &bytes).map_err(io_err(&dest))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Writes many files on every core, their folders made first a level at a time.
    pub fn put_all(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        use rayon::prelude::*;
        files.iter().try_for_each(|f| check_normal(&f.path))?;
        make_dirs(&self.staging, files)?;
        files.par_iter().try_for_each(|f| self.put_in_made_dir(f))
    }

    /// Swaps the staging folder in for `out` (the previous output is deleted). Everything written
    /// is flushed to disk first, so a crash after the swap never leaves half-written files; a kill
    /// between the swap's two renames is put right by the next build's [`Staging::begin`].
    pub fn commit(mut self) -> Result<WriteStats, OutputError> {
        let (out, old) = (&self.out, &self.old);
        sync_tree(&self.staging).map_err(io_err(&self.staging))?;
        if old.exists() {
            remove_tree(old).map_err(io_err(old))?;
        }
        if out.exists() {
            std::fs::rename(out, old).map_err(io_err(out))?;
        }
        std::fs::rename(&self.staging, out).map_err(io_err(out))?;
        self.committed = true;
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent).map_err(io_err(parent))?;
        }
        if old.exists() {
            remove_tree(old).map_err(io_err(old))?;
        }
        Ok(WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.staging);
        }
    }
}

/// Deletes a folder tree, unlinking files on every core (a 50,000-file output is deleted on each
/// build once its replacement is in place). Symbolic links are removed, never followed.
pub(super) fn remove_tree(root: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        for entry in std::fs::read_dir(&dirs[i])? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                dirs.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
        i += 1;
    }
    files
        .par_iter()
        .try_for_each(|f| match std::fs::remove_file(f) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
    // Breadth-first order lists parents before children: remove in reverse.
    for d in dirs.iter().rev() {
        std::fs::remove_dir(d)?;
    }
    Ok(())
}

/// A path made absolute and free of `.`, `..` and symbolic links, as far as it exists (the rest,
/// not yet made, is appended as written).
fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut rest = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(mut c) = std::fs::canonicalize(at) {
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        c.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => c.push(other),
                }
            }
            return c;
        }
        match (at.parent(), at.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                at = parent;
            }
            _ => return abs,
        }
    }
}

/// What the output path must not be: a file, the site or a folder holding it, or inside the
/// folders the site is read from.
fn guard_path(out: &Path, site_root: &Path) -> Result<(), OutputError> {
    let (o, r) = (resolve(out), resolve(site_root));
    if r.starts_with(&o) {
        return Err(OutputError::ContainsSite(out.to_path_buf()));
    }
    if let Ok(m) = std::fs::metadata(out) {
        if !m.is_dir() {
            return Err(OutputError::IsAFile(out.to_path_buf()));
        }
    }
    for sources in ["content", "themes"] {
        if o.starts_with(r.join(sources)) {
            return Err(OutputError::InsideSources(out.to_path_buf(), sources));
        }
    }
    Ok(())
}

/// An existing output folder must hold a senpack build (its sitemap.xml), not someone's files.
fn guard_contents(out: &Path) -> Result<(), OutputError> {
    if out.is_dir() {
        let mut entries = std::fs::read_dir(out).map_err(io_err(out))?;
        if entries.next().is_some() && !out.join("sitemap.xml").is_file() {
            return Err(OutputError::NotAnOutputFolder(out.to_path_buf()));
        }
    }
    Ok(())
}

/// Locks `path` (made if need be) for this process, writing its pid there; another build holding
/// it is an error naming that build's pid. The lock goes when the file is closed or the process
/// ends, however it ends.
fn take_lock(out: &Path, path: &Path) -> Result<std::fs::File, OutputError> {
    use std::io::{Read, Seek, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(io_err(path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            let pid = pid.trim();
            return Err(OutputError::Locked {
                out: out.to_path_buf(),
                pid: if pid.is_empty() {
                    "unknown".into()
                } else {
                    pid.into()
                },
            });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io_err(path)(e)),
    }
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "{}", std::process::id()))
        .map_err(io_err(path))?;
    Ok(file)
}

/// Puts right what a build killed part way left beside `out` (called holding the lock, so no
/// other build is writing): the last good output moved aside by a swap that did not finish goes
/// back in place, a moved-aside output whose replacement is in place is deleted, and staging
/// folders of killed builds are deleted. Returns a note when the output was put back.
fn recover(
    out: &Path,
    parent: &Path,
    name: &str,
    old: &Path,
) -> Result<Option<String>, OutputError> {
    let mut note = None;
    if old.is_dir() {
        if out.exists() {
            remove_tree(old).map_err(io_err(old))?;
        } else {
            std::fs::rename(old, out).map_err(io_err(old))?;
            sync_dir(parent).map_err(io_err(parent))?;
            note = Some(format!(
                "note: restored the last good {} (a build was stopped while swapping in its output)",
                out.display()
            ));
        }
    }
    let prefix = format!(".{name}.senpack-new");
    let entries = std::fs::read_dir(parent).map_err(io_err(parent))?;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            remove_tree(&entry.path()).map_err(io_err(&entry.path()))?;
        }
    }
    Ok(note)
}

/// Flushes a written tree to disk: on Linux one `syncfs` of its file system (the kernel writes
/// every dirty page at once, far cheaper than a call per file); elsewhere each file and folder,
/// on every core.
fn sync_tree(root: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir = std::fs::File::open(root)?;
        // SAFETY: syncfs takes an open file descriptor, which `dir` holds for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    use rayon::prelude::*;
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(root)
        .into_iter()
        .collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type().is_dir() {
            sync_dir(e.path())
        } else {
            std::fs::File::open(e.path())?.sync_all()
        }
    })
}

/// Flushes a folder's list of names (a rename in it) to disk.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()
    } else {
        Ok(()) // folders cannot be opened to sync everywhere; the rename stands as the system keeps it
    }
}

/// Makes every folder the files need, one `mkdir` each, a level of the tree at a time in parallel.
pub(super) fn make_dirs(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    use rayon::prelude::*;
    use std::collections::BTreeSet;
    let mut dirs: BTreeSet<(usize, &str)> = BTreeSet::new();
    for f in files {
        let mut path = f.path.as_str();
        while let Some((parent, _)) = path.rsplit_once('/') {
            if !dirs.insert((parent.matches('/').count(), parent)) {
                break; // its ancestors are in already
            }
            path = parent;
        }
    }
    let dirs: Vec<(usize, &str)> = dirs.into_iter().collect();
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        level.par_iter().try_for_each(|(_, d)| {
            let dir = staging.join(d);
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(io_err(&dir)(e)),
                _ => Ok(()),
            }
        })?;
    }
    Ok(())
}

/// Whether the file at `path` holds exactly `bytes`: one open, the size first, then the bytes
/// compared a block at a time (nothing is read when the size differs).
pub(super) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    match file.metadata() {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let mut buf = [0u8; 16 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) | Err(_) => return false,
        }
    }
}

//! Output: the list of files a build produces, and writing them to disk atomically. A build is
//! written into a fresh staging folder beside the output folder and swapped in only when every file
//! is written, so a failed build never touches the previous `output/`. Files whose bytes did not
//! change are hard-linked from the previous output, keeping their timestamps for sync tools.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// What goes into one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from this file as it is (theme static files, content assets).
    Copy(PathBuf),
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, no leading slash: `parents/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }

    pub fn copy(path: impl Into<String>, from: impl Into<PathBuf>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Copy(from.into()),
        }
    }

    /// The file's bytes (reading copied files from disk).
    pub fn read(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Contents::Copy(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

/// Errors while writing the output folder.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into {0}: it holds files that senpack did not make (no sitemap.xml)")]
    NotAnOutputFolder(PathBuf),
    #[error("refusing to write the site into {0}: it is the site folder or contains it")]
    ContainsSite(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// How many files were written fresh and how many kept from the previous build.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

/// Writes `files` to `out` atomically (see the module docs). `site_root` is protected.
pub fn write(
    out: &Path,
    files: &[OutputFile],
    site_root: &Path,
) -> Result<WriteStats, OutputError> {
    let staging = Staging::begin(out, site_root)?;
    staging.put_all(files)?;
    staging.commit()
}

/// An output folder being written: files go into a staging folder beside it as the build makes
/// them (so a big site never has to be held in memory whole), and [`Staging::commit`] swaps it in.
/// Dropped without a commit, the staging folder is deleted and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
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
    /// Checks that `out` may be written (it is not the site and holds only a senpack build) and
    /// makes a fresh, empty staging folder beside it.
    pub fn begin(out: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        guard(out, site_root)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let staging = parent.join(format!(".{name}.senpack-new"));
        let old = parent.join(format!(".{name}.senpack-old"));
        if staging.exists() {
            remove_tree(&staging).map_err(io_err(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        Ok(Staging {
            out: out.to_path_buf(),
            staging,
            old,
            previous: out.is_dir(),
            dirs: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Writes one file into the staging folder (from any thread), hard-linking it from the
    /// previous output instead when its bytes did not change.
    pub fn put(&self, f: &OutputFile) -> Result<(), OutputError> {
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
        make_dirs(&self.staging, files)?;
        files.par_iter().try_for_each(|f| self.put_in_made_dir(f))
    }

    /// Swaps the staging folder in for `out` (the previous output is deleted).
    pub fn commit(mut self) -> Result<WriteStats, OutputError> {
        let (out, old) = (&self.out, &self.old);
        if old.exists() {
            remove_tree(old).map_err(io_err(old))?;
        }
        if out.exists() {
            std::fs::rename(out, old).map_err(io_err(out))?;
        }
        std::fs::rename(&self.staging, out).map_err(io_err(out))?;
        self.committed = true;
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
fn remove_tree(root: &Path) -> io::Result<()> {
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

fn guard(out: &Path, site_root: &Path) -> Result<(), OutputError> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (o, r) = (canon(out), canon(site_root));
    if r.starts_with(&o) {
        return Err(OutputError::ContainsSite(out.to_path_buf()));
    }
    if out.is_dir() {
        let mut entries = std::fs::read_dir(out).map_err(io_err(out))?;
        if entries.next().is_some() && !out.join("sitemap.xml").is_file() {
            return Err(OutputError::NotAnOutputFolder(out.to_path_buf()));
        }
    }
    Ok(())
}

/// Makes every folder the files need, one `mkdir` each, a level of the tree at a time in parallel.
fn make_dirs(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
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
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_swaps_and_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let files = vec![
            OutputFile::bytes("index.html", "home"),
            OutputFile::bytes("sitemap.xml", "<urlset/>"),
            OutputFile::bytes("a/index.html", "a"),
        ];
        let s = write(&out, &files, &root).unwrap();
        assert_eq!(s.written, 3);
        let mut files2 = files.clone();
        files2[2] = OutputFile::bytes("a/index.html", "changed");
        let s = write(&out, &files2, &root).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 2));
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "changed"
        );
        assert!(!dir.path().join(".output.senpack-new").exists());
        assert!(!dir.path().join(".output.senpack-old").exists());
    }

    #[test]
    fn staging_streams_files_and_only_a_commit_replaces_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        write(&out, &[OutputFile::bytes("sitemap.xml", "old")], &root).unwrap();
        let staging_dir = dir.path().join(".output.senpack-new");
        // A build that fails part way: the staging folder goes, the old output stays.
        let s = Staging::begin(&out, &root).unwrap();
        s.put(&OutputFile::bytes("a/b/index.html", "half")).unwrap();
        assert!(staging_dir.join("a/b/index.html").is_file());
        drop(s);
        assert!(!staging_dir.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("sitemap.xml")).unwrap(),
            "old"
        );
        assert!(!out.join("a").exists());
        // A build that succeeds: streamed and listed files are all there after the commit.
        let s = Staging::begin(&out, &root).unwrap();
        s.put(&OutputFile::bytes("a/b/index.html", "page")).unwrap();
        s.put(&OutputFile::bytes("a/c/index.html", "page")).unwrap();
        s.put_all(&[OutputFile::bytes("sitemap.xml", "old")])
            .unwrap();
        let stats = s.commit().unwrap();
        assert_eq!((stats.written, stats.unchanged), (2, 1));
        assert_eq!(
            std::fs::read_to_string(out.join("a/c/index.html")).unwrap(),
            "page"
        );
        assert!(!staging_dir.exists());
    }

    #[test]
    fn refuses_foreign_folders_and_the_site_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = write(dir.path(), &[], Path::new("/nonexistent-site")).unwrap_err();
        assert!(matches!(err, OutputError::NotAnOutputFolder(_)));
        let err = write(dir.path(), &[], &dir.path().join("site")).unwrap_err();
        assert!(matches!(err, OutputError::ContainsSite(_)));
        assert!(dir.path().join("notes.txt").exists());
    }

    #[test]
    fn compares_bytes_and_removes_nested_trees() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f.txt");
        std::fs::write(&f, "same").unwrap();
        assert!(same_bytes(&f, b"same"));
        assert!(!same_bytes(&f, b"diff"));
        assert!(!same_bytes(&f, b"longer"));
        assert!(!same_bytes(&dir.path().join("none"), b""));
        let files = vec![
            OutputFile::bytes("a/b/c/index.html", "x"),
            OutputFile::bytes("a/index.html", "y"),
            OutputFile::bytes("z/index.html", "z"),
        ];
        let tree = dir.path().join("tree");
        std::fs::create_dir(&tree).unwrap();
        make_dirs(&tree, &files).unwrap();
        assert!(tree.join("a/b/c").is_dir() && tree.join("z").is_dir());
        std::fs::write(tree.join("a/b/c/index.html"), "x").unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
    }
}

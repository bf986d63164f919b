//! Output: the list of files a build produces, and writing them to disk atomically. A build is
//! written into a fresh staging folder beside the output folder and swapped in only when every file
//! is written, so a failed build never touches the previous `output/`. Files whose bytes did not
//! change are hard-linked from the previous output, keeping their timestamps for sync tools.

pub mod sink;
pub mod site_files;
pub mod staging;

pub use staging::Staging;

use crate::model::file::OutputFile;
use std::io;
use std::path::{Path, PathBuf};

/// Errors while writing the output folder.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into {0}: it holds files that senpack did not make (no sitemap.xml)")]
    NotAnOutputFolder(PathBuf),
    #[error("refusing to write the site into {0}: it is the site folder or contains it")]
    ContainsSite(PathBuf),
    #[error("refusing to write the site into {0}: it is a file, not a folder; pass --out a folder (or a name that does not exist yet)")]
    IsAFile(PathBuf),
    #[error("refusing to write the site into {0}: it is inside {1}/, which senpack reads the site from; pass --out a folder outside content/ and themes/")]
    InsideSources(PathBuf, &'static str),
    #[error("another build is writing {out} (pid {pid}); wait for it to finish, or pass --out another folder")]
    Locked { out: PathBuf, pid: String },
    #[error("refusing to write `{0}`: it is not a plain path inside the output folder (after removing `.` and `//` it must not start with `/` or climb out with `..`)")]
    NotInside(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The one spelling of an output path: `/`-separated, no leading, doubled or trailing `/`, no
/// `.` parts, `..` applied. `None` when it climbs out of the output folder. Every path a build
/// writes, and every alias, goes through this before it is compared or written.
pub fn normal_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether `path` is already in its [`normal_path`] spelling (what the staging folder accepts).
fn check_normal(path: &str) -> Result<(), OutputError> {
    match normal_path(path) {
        Some(p) if p == path && !p.is_empty() => Ok(()),
        _ => Err(OutputError::NotInside(path.to_string())),
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

#[cfg(test)]
mod tests {
    use super::staging::{make_dirs, remove_tree, same_bytes};
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
        assert!(!dir.path().join(".output.senpack-old").exists());
        let hidden: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("senpack-new"))
            .collect();
        assert!(hidden.is_empty());
    }

    #[test]
    fn staging_streams_files_and_only_a_commit_replaces_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        write(&out, &[OutputFile::bytes("sitemap.xml", "old")], &root).unwrap();
        // A build that fails part way: the staging folder goes, the old output stays.
        let s = Staging::begin(&out, &root).unwrap();
        let staging_dir = s.dir().to_path_buf();
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
        let staging_dir = s.dir().to_path_buf();
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

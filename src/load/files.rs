//! The file loader every site file is read through: paths must resolve inside the site folder
//! (symbolic links that stay inside are followed), text must be UTF-8, and walks skip what an
//! editor or the system leaves behind.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Why a file of the site could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A symbolic link (the file itself or a folder on its way) leading outside the site folder.
    #[error("it is a symbolic link to a place outside the site folder; senpack reads only files inside the site, so copy the file in instead of linking to it")]
    Outside,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// What to do about it: for a link leading out, replace it; else `otherwise`.
    pub fn hint(&self, otherwise: &str) -> String {
        match self {
            ReadError::Outside => {
                "replace the link with a copy of the file, or point it inside the site folder"
                    .into()
            }
            ReadError::Io(_) => otherwise.into(),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// The one rule for every file a site is read from (pages, assets, school files, the glossary,
/// theme files, site.yaml): it must resolve inside the site folder `root`. Symbolic links that
/// stay inside are followed; anything leading out is [`ReadError::Outside`]. Returns the file's
/// real path.
pub fn inside_root(root: &Path, path: &Path) -> Result<PathBuf, ReadError> {
    let real = std::fs::canonicalize(path)?;
    let root = std::fs::canonicalize(root)?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(ReadError::Outside)
    }
}

/// Reads a text file of the site under the rule of [`inside_root`].
pub fn read_text(root: &Path, path: &Path) -> Result<String, ReadError> {
    Ok(std::fs::read_to_string(inside_root(root, path)?)?)
}

/// Every file under `dir` (inside the site folder `root`), sorted by name: (path inside `dir`
/// with `/` separators, path to read it by). Symbolic links are followed when they resolve inside
/// `root` (checked once per link: what is under a checked folder is inside too); a link leading
/// out, or one that leads nowhere, is an error naming the link. Hidden and editor files are left
/// out.
pub fn walk(root: &Path, dir: &Path) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut it = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(shown).unwrap_or_else(|| shown(dir));
                diags.push(
                    Diagnostic::error(Code::Files, at, format!("cannot read this: {e}"))
                        .with_hint("if it is a symbolic link, point it at a file inside the site folder, or remove it"),
                );
                continue;
            }
        };
        let rel = match entry.path().strip_prefix(dir) {
            Ok(r) => slash_path(r),
            Err(_) => continue,
        };
        if is_ignored(&rel) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(e) = inside_root(root, entry.path()) {
                diags.push(
                    Diagnostic::error(Code::Files, shown(entry.path()), e.to_string())
                        .with_hint("replace the link with a copy of the file, or point it inside the site folder"),
                );
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push((rel, entry.path().to_path_buf()));
        }
    }
    (files, diags)
}

/// Editor backups, swap files and hidden files are never content.
pub fn is_ignored(rel: &str) -> bool {
    rel.split('/').any(|part| {
        part.starts_with('.')
            || part.starts_with('#')
            || part.ends_with('~')
            || part.ends_with(".swp")
            || part.ends_with(".swx")
            || part.ends_with(".tmp")
    })
}

/// A relative path with `/` separators on every platform.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn absolute_from_root(root: &Path, rel: &Path) -> PathBuf {
    root.join(rel)
}

/// Reads every `.yaml`/`.yml` file directly in `content/<dir>/` (editor leftovers skipped), on
/// every core, and parses each with `parse(file name, path from the site root, text)`: `Err` when
/// the file gives nothing, else the item and the problems found beside it. Items and problems
/// come back in file order; a file that cannot be read is an error with `code`.
pub fn read_yaml_dir<T: Send>(
    root: &Path,
    dir: &str,
    code: Code,
    parse: impl Fn(&str, PathBuf, String) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> + Sync,
) -> (Vec<T>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let mut files: Vec<PathBuf> = match std::fs::read_dir(root.join("content").join(dir)) {
        Ok(d) => d
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    files.sort();
    let read: Vec<(Option<T>, Vec<Diagnostic>)> = files
        .par_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            if is_ignored(&name) {
                return None;
            }
            let file = Path::new("content").join(dir).join(&name);
            Some(match read_text(root, path) {
                Ok(text) => match parse(&name, file, text) {
                    Ok((item, more)) => (Some(item), more),
                    Err(ds) => (None, ds),
                },
                Err(e) => (
                    None,
                    vec![
                        Diagnostic::error(code, file, format!("cannot read this file: {e}"))
                            .with_hint(e.hint("check the file is saved as UTF-8 text")),
                    ],
                ),
            })
        })
        .collect();
    let mut items = Vec::new();
    let mut diags = Vec::new();
    for (item, more) in read {
        items.extend(item);
        diags.extend(more);
    }
    (items, diags)
}

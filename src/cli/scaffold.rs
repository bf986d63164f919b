//! `senpack new`: writes a working starter site (settings, the shipped content with one example
//! school, and the default theme), all embedded in the binary so it works anywhere; and
//! `senpack new-school`: one commented school file.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
const SITE_YAML: &str = include_str!("../../site.yaml");

/// Errors while making a new site.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{0} already exists and is not empty; choose a new folder name")]
    NotEmpty(PathBuf),
    #[error("`{0}` cannot be a school's web-address name: use lower-case letters, digits and hyphens only, e.g. `oakfield-primary`")]
    BadSlug(String),
    #[error("{0} already exists; choose another name, or edit that file")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The one example school a new site keeps (a council adds its own schools beside it).
const KEEP_SCHOOL: &str = "schools/oakfield-primary.yaml";

/// Creates a new site in `dir`, which must not exist or be empty. Returns the files written.
pub fn new_site(dir: &Path) -> Result<usize, NewError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    let mut count = 0;
    write(&dir.join("site.yaml"), SITE_YAML.as_bytes())?;
    count += 1;
    count += extract(&CONTENT, &dir.join("content"), &|p: &Path| {
        let s = crate::load::files::slash_path(p);
        !s.starts_with("schools/") || s == KEEP_SCHOOL || s == "schools/_index.md"
    })?;
    count += extract(&THEME, &dir.join("themes/default"), &|_: &Path| true)?;
    Ok(count)
}

/// Writes `content/schools/<slug>.yaml` in the site at `root` (`school::template::new_school`),
/// named after its slug ("oakfield-primary" → "Oakfield Primary"). Returns the file's path.
pub fn new_school(root: &Path, slug: &str) -> Result<PathBuf, NewError> {
    let ok = !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        return Err(NewError::BadSlug(slug.to_string()));
    }
    let rel = PathBuf::from(format!("content/schools/{slug}.yaml"));
    let path = root.join(&rel);
    if path.exists() {
        return Err(NewError::Exists(rel));
    }
    let name: Vec<String> = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    write(
        &path,
        crate::school::template::new_school(&name.join(" ")).as_bytes(),
    )?;
    Ok(rel)
}

fn extract(d: &Dir, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<usize, NewError> {
    let mut count = 0;
    for f in d.files() {
        if keep(f.path()) {
            write(&to.join(f.path()), f.contents())?;
            count += 1;
        }
    }
    for sub in d.dirs() {
        count += extract(sub, to, keep)?;
    }
    Ok(count)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    let err = |source| NewError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    std::fs::write(path, bytes).map_err(err)
}

//! Fixture sites for integration tests: a temp folder with site.yaml, the shipped default theme
//! and whatever content files a test names.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(dead_code)]
#[path = "../../benches/sitegen/mod.rs"]
pub mod sitegen;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str =
    "title: Test site\ndescription: A test site.\nbase_url: https://test.example\n";

impl Fixture {
    /// A site with the default theme and the given files (path, text).
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        let f = Fixture { dir };
        if !files.iter().any(|(p, _)| *p == "site.yaml") {
            f.write("site.yaml", SITE_YAML);
        }
        for (path, text) in files {
            f.write(path, text);
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("output")
    }

    /// Reads a built file.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out().join(path))
            .unwrap_or_else(|e| panic!("cannot read output/{path}: {e}"))
    }

    /// Runs the senpack binary with `args` in this site; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(self.root(), args, &[])
    }

    /// `senpack build`, asserting success.
    pub fn build(&self) -> String {
        let (code, out, err) = self.run(&["build"]);
        assert_eq!(code, 0, "build failed:\n{err}");
        out
    }
}

/// The date every fixture build runs on (`SENPACK_TODAY`), so review dates never go stale.
pub const TODAY: &str = "2026-11-25";

/// [`TODAY`] as a date, for builds made in the test's own process.
pub fn today() -> chrono::NaiveDate {
    TODAY.parse().expect("TODAY is a date")
}

/// Runs the senpack binary with `args` in `root`, with `env` set on top of the fixed date;
/// returns (exit code, stdout, stderr).
pub fn run_in(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("SENPACK_TODAY", TODAY)
        .envs(env.iter().copied())
        .output()
        .expect("run senpack");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A generated site of at least 200 pages (guides in nested sections with headings, tables,
/// links between pages and to their headings; a glossary of terms, abbreviations and `see`
/// links; two schools with their school pages) in `dir/site`, so a build reads many excerpt
/// groups spread over rayon's threads. Returns the site's root.
pub fn generated_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    let spec = sitegen::Spec {
        guides: 190,
        schools: 2,
        terms: 60,
        services: 0,
    };
    assert!(spec.total_pages() >= 200);
    sitegen::write_senpack(&root, spec, &repo().join("themes/default")).expect("generated site");
    root
}

/// Asserts two [`snapshot`]s hold the same files with the same bytes, naming any that differ.
pub fn assert_same_files(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "{what}: not the same files");
    let differ: Vec<&str> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.1 != y.1)
        .map(|(x, _)| x.0.as_str())
        .collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
}

/// A page with front matter.
pub fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndescription: \"About {title}.\"\nreviewed: 2026-11-01\n---\n{body}")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The keys of every SEN information report item (Schedule 1 and the Equality Act items), as the
/// library lists them, so a fixture school is complete whatever the list holds.
pub fn report_keys() -> impl Iterator<Item = &'static str> {
    senpack::school::items::ITEMS.iter().map(|item| item.key)
}

/// The `report:` answers of a fixture school, one line per item, each written by `answer(key)`.
pub fn report_answers(answer: impl Fn(&str) -> String) -> String {
    report_keys()
        .map(|k| format!("  {k}: {}\n", answer(k)))
        .collect()
}

/// A council site.yaml with a local authority, a SENDIASS and a pack of two pages.
pub const COUNCIL_SITE_YAML: &str = "title: Council SEND\ndescription: A test site.\nbase_url: https://test.example\nlocal_authority:\n  name: Anyshire County Council\n  send_team_email: send@anyshire.example\n  complaints_url: https://anyshire.example/complaints\nsendiass:\n  name: Anyshire SENDIASS\npack:\n  - guide.md\n  - school-pages/contact.md\n";

/// The interface languages the shipped theme has: its `i18n/*.yaml` files, sorted.
pub fn interface_languages() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(repo().join("themes/default/i18n"))
        .expect("the theme's i18n folder")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

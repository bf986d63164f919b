//! Broken-site fixtures: each folder of `tests/fixtures/broken/` is a minimal site with one
//! mistake, named after what it proves. `senpack build` must fail with exit code 1, print exactly
//! the errors its `expected.txt` holds (each `error[code]: message` line and the `  --> file:line`
//! line under it, in order), and write no output/.
//!
//! A fixture holds `site.yaml` (unless its mistake is not having one) and `content/`; the default
//! theme is copied in first, so a fixture's own `themes/default/...` files replace the theme's.
//! To add one: make the folder, run `senpack build` in a copy of it, and write the error lines
//! into `expected.txt` once they read right.

mod common;

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = common::repo().join("tests/fixtures/broken");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

/// The error lines of a build's stderr: each `error[...]` line and the `-->` line under it.
fn error_lines(stderr: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut after_error = false;
    for line in stderr.lines() {
        if line.starts_with("error[") {
            out.push(line);
            after_error = true;
        } else {
            if after_error && line.starts_with("  --> ") {
                out.push(line);
            }
            after_error = false;
        }
    }
    out
}

/// Builds a copy of `fixture` (the default theme under it); returns what went wrong, if anything.
fn check(fixture: &Path) -> Result<(), String> {
    let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
    let expected_file = fixture.join("expected.txt");
    let expected = std::fs::read_to_string(&expected_file)
        .map_err(|e| format!("{name}: cannot read expected.txt: {e}"))?;
    let expected: Vec<&str> = expected.lines().collect();
    if expected.is_empty() {
        return Err(format!("{name}: expected.txt names no error"));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    common::copy_dir(
        &common::repo().join("themes/default"),
        &root.join("themes/default"),
    );
    common::copy_dir(fixture, root);
    std::fs::remove_file(root.join("expected.txt")).expect("remove expected.txt from the copy");
    let (code, _, err) = common::run_in(root, &["build"], &[]);
    let mut problems = Vec::new();
    if code != 1 {
        problems.push(format!("exit code {code}, not 1"));
    }
    let found = error_lines(&err);
    if found != expected {
        problems.push(format!(
            "printed these error lines:\n{}\nnot the expected:\n{}",
            found.join("\n"),
            expected.join("\n")
        ));
    }
    let errors = expected.iter().filter(|l| l.starts_with("error[")).count();
    let summary = format!(
        "Build failed: {errors} error{} (output/ was not changed)",
        if errors == 1 { "" } else { "s" }
    );
    if !err.lines().any(|l| l == summary) {
        problems.push(format!("no `{summary}` line"));
    }
    if root.join("output").exists() {
        problems.push("output/ was written".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}:\n{}\n--- stderr ---\n{err}",
            problems.join("\n")
        ))
    }
}

#[test]
fn every_broken_fixture_fails_with_exactly_its_expected_errors() {
    let all = fixtures();
    assert!(
        all.len() >= 10,
        "only {} fixtures in tests/fixtures/broken",
        all.len()
    );
    let failed: Vec<String> = all.iter().filter_map(|f| check(f).err()).collect();
    assert!(
        failed.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failed.len(),
        all.len(),
        failed.join("\n\n")
    );
}

#[test]
fn error_lines_keep_each_error_with_its_place() {
    let stderr = "warning[review]: old\n  --> content/a.md:2\n\nerror[links]: broken\n  --> content/b.md:8:5\n  |\n8 | x\n  = help: fix it\n\nerror[config]: no site\n  --> site.yaml\nBuild failed: 2 errors (output/ was not changed)\n";
    assert_eq!(
        error_lines(stderr),
        [
            "error[links]: broken",
            "  --> content/b.md:8:5",
            "error[config]: no site",
            "  --> site.yaml",
        ]
    );
}

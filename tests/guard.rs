//! The guard of the layered-tree redesign (and of any refactor after it): the shipped example site
//! and a generated 200-page site with three schools must build to exactly the same files, and
//! `senpack check` must say exactly the same things, with the review date pinned. A change here is
//! either a deliberate change of output (update the snapshot with `cargo insta review`, in a commit
//! that says why) or a bug.

mod common;

use common::sitegen;

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// The date every guarded build and check runs on.
const TODAY: &str = "2026-12-01";

fn senpack(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("SENPACK_TODAY", TODAY)
        .output()
        .expect("run senpack");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every output file with its SHA-256, then what `check --format json` printed.
fn fingerprint(root: &Path) -> String {
    let (code, _, err) = senpack(root, &["build", "--out", "guard-out"]);
    assert_eq!(code, 0, "build failed:\n{err}");
    let mut text = String::new();
    for (path, bytes) in common::snapshot(&root.join("guard-out")) {
        let _ = writeln!(text, "{:x}  {path}", Sha256::digest(&bytes));
    }
    let (_, json, err) = senpack(root, &["check", "--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("check JSON: {e}\n{json}\n{err}"));
    text.push_str("\ncheck --format json:\n");
    text.push_str(&serde_json::to_string_pretty(&value).expect("JSON"));
    text.push('\n');
    text
}

#[test]
fn shipped_site_builds_and_checks_exactly_as_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = common::repo();
    for part in ["content", "themes"] {
        common::copy_dir(&repo.join(part), &dir.path().join(part));
    }
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    insta::assert_snapshot!("shipped_site", fingerprint(dir.path()));
}

#[test]
fn generated_site_of_200_pages_and_three_schools_builds_exactly_as_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let spec = sitegen::Spec {
        guides: 170,
        schools: 3,
        terms: 40,
        services: 0,
    };
    assert_eq!(spec.total_pages(), 200);
    sitegen::write_senpack(&root, spec, &common::repo().join("themes/default")).expect("site");
    insta::assert_snapshot!("generated_site", fingerprint(&root));
}

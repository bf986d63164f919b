//! Browser tests: builds the shipped site, then runs `node --test tests/browser/` (headless Debian
//! Chromium driven by playwright-core). Needs /usr/bin/chromium and `npm ci`; when they are missing
//! the test fails if SENPACK_BROWSER_TESTS=required (as `./test.sh` and CI set it) and is skipped
//! with a note otherwise. `SENPACK_BROWSER_ONLY=word` runs only the files of `tests/browser/` whose
//! names contain `word` (`SENPACK_BROWSER_ONLY=search cargo test --test browser`).

mod common;
use std::path::Path;
use std::process::Command;

#[test]
fn browser_suite() {
    let repo = common::repo();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&chromium).exists() && repo.join("node_modules/playwright-core").is_dir();
    if !ready {
        let msg = "browser tests need /usr/bin/chromium (apt-get install chromium) and node_modules (npm ci); ./test.sh installs both and runs every test";
        if std::env::var("SENPACK_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("{msg}");
        }
        eprintln!("skipping: {msg}");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(["build", "--root"])
        .arg(&repo)
        .arg("--out")
        .arg(&site)
        .env("SENPACK_TODAY", common::TODAY)
        .status()
        .unwrap();
    assert!(status.success(), "the shipped site must build");
    let files: Vec<String> = match std::env::var("SENPACK_BROWSER_ONLY") {
        Ok(word) if !word.is_empty() => {
            let mut list: Vec<String> = std::fs::read_dir(repo.join("tests/browser"))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".test.mjs") && n.contains(&word))
                .map(|n| format!("tests/browser/{n}"))
                .collect();
            list.sort();
            assert!(
                !list.is_empty(),
                "no file in tests/browser/ has `{word}` in its name"
            );
            list
        }
        _ => vec!["tests/browser/".into()],
    };
    let run = Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&files)
        .current_dir(&repo)
        .env("SITE_DIR", &site)
        .env("SENPACK_BIN", env!("CARGO_BIN_EXE_senpack"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    eprintln!("{stdout}");
}

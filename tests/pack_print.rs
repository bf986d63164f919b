//! `senpack pack --pdf` keeps Chromium on a leash: a fake "chromium" (a shell script named by
//! CHROMIUM) that hangs and spawns children shows the timeout and Ctrl-C kill its whole process
//! group and remove its private profile; the real Chromium, inside a network namespace with only
//! loopback, prints a page holding a remote image without one outside lookup (browser-dependent:
//! skipped without /usr/bin/chromium, failing when SENPACK_BROWSER_TESTS=required).

mod common;
use common::{page, report_answers, Fixture};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn site(guide: &str) -> Fixture {
    let report = report_answers(|k| format!("\"About {k}. Ask the local SENDIASS.\""));
    let school = format!("name: \"Oak Primary\"\nurn: \"100001\"\nphase: primary\ntype: \"Community school\"\narea: \"Northbridge\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@school.example\"\nneeds: [cognition-and-learning]\nreport:\n  reviewed: 2026-09-01\n{report}");
    Fixture::new(&[
        ("site.yaml", "title: Pack test\ndescription: A test.\nbase_url: https://test.example\npack:\n  - guide.md\n"),
        ("content/_index.md", &page("Home", "Welcome.\n")),
        ("content/guide.md", &page("A guide for parents", guide)),
        ("content/schools/oak-primary.yaml", &school),
        ("content/school-pages/sen-information-report.md", "---\ntitle: SEN information report\ndescription: Our report.\ntemplate: sen-report.html\n---\n"),
    ])
}

/// A "chromium" that records its profile folder and its mode, starts two children that sleep,
/// and waits for them.
fn fake_chromium(dir: &Path) -> PathBuf {
    let script = dir.join("fake-chromium");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nrec={rec}\nfor a in \"$@\"; do case \"$a\" in --user-data-dir=*) d=\"${{a#--user-data-dir=}}\";; esac; done\nstat -c %a \"$d\" > \"$rec/mode\"\necho \"$d\" > \"$rec/profile\"\nsleep 30 &\necho $! >> \"$rec/children\"\nsh -c 'sleep 30' &\necho $! >> \"$rec/children\"\necho started > \"$rec/started\"\nwait\n",
            rec = dir.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Whether process `pid` still runs (a zombie waiting for its parent does not count).
fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            let state = s.rsplit(')').next().unwrap_or("").split_whitespace().next();
            !matches!(state, Some("Z" | "X"))
        })
        .unwrap_or(false)
}

fn assert_cleaned_up(rec: &Path) {
    let children = std::fs::read_to_string(rec.join("children")).expect("the fake chromium ran");
    for pid in children.split_whitespace() {
        assert!(!alive(pid), "child {pid} of Chromium is still running");
    }
    let profile = std::fs::read_to_string(rec.join("profile")).unwrap();
    let profile = Path::new(profile.trim());
    assert!(
        !profile.exists(),
        "the profile {} was left",
        profile.display()
    );
    let mode = std::fs::read_to_string(rec.join("mode")).unwrap();
    assert_eq!(mode.trim(), "700", "the profile must be private");
    let name = profile.file_name().unwrap().to_string_lossy().into_owned();
    assert_ne!(name, format!("senpack-chromium-{}", std::process::id()));
}

fn pack_command(site: &Fixture, chromium: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_senpack"));
    cmd.args(["pack", "--school", "oak-primary", "--pdf", "out.pdf"])
        .args(extra)
        .current_dir(site.root())
        .env("CHROMIUM", chromium)
        .env("NO_COLOR", "1")
        .env("SENPACK_TODAY", "2026-11-25");
    cmd
}

#[test]
fn a_print_that_takes_too_long_is_stopped_with_all_of_chromium() {
    let site = site("Text.\n");
    let rec = tempfile::tempdir().unwrap();
    let chromium = fake_chromium(rec.path());
    let out = pack_command(&site, &chromium, &["--timeout", "1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("within 1 s") && stderr.contains("--timeout"),
        "{stderr}"
    );
    assert_cleaned_up(rec.path());
}

#[test]
fn ctrl_c_stops_chromium_and_removes_its_profile() {
    let site = site("Text.\n");
    let rec = tempfile::tempdir().unwrap();
    let chromium = fake_chromium(rec.path());
    let child = pack_command(&site, &chromium, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !rec.path().join("started").exists() {
        assert!(Instant::now() < deadline, "the fake chromium never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_cleaned_up(rec.path());
}

/// What in a Chromium net log could have left the machine: a DNS lookup (system or built-in
/// resolver), a TCP connection to anything but 127.0.0.1, or UDP bytes sent.
fn outside_traffic(log: &str) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(log).expect("the net log is JSON");
    let names: std::collections::HashMap<u64, String> = log["constants"]["logEventTypes"]
        .as_object()
        .expect("event types")
        .iter()
        .filter_map(|(k, v)| Some((v.as_u64()?, k.clone())))
        .collect();
    let mut found = Vec::new();
    for e in log["events"].as_array().expect("events") {
        let name = e["type"]
            .as_u64()
            .and_then(|t| names.get(&t))
            .cloned()
            .unwrap_or_default();
        let params = &e["params"];
        match name.as_str() {
            "HOST_RESOLVER_SYSTEM_TASK"
            | "HOST_RESOLVER_DNS_TASK"
            | "DNS_TRANSACTION"
            | "UDP_BYTES_SENT" => found.push(format!("{name} {params}")),
            "TCP_CONNECT_ATTEMPT" => {
                if let Some(a) = params["address"].as_str() {
                    if !a.starts_with("127.0.0.1:") {
                        found.push(format!("{name} {a}"));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn printing_makes_no_request_beyond_loopback() {
    let real = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&real).exists()
        && Command::new("unshare")
            .args(["-n", "true"])
            .status()
            .is_ok_and(|s| s.success());
    if !ready {
        let msg = "this test needs /usr/bin/chromium and `unshare -n` (root)";
        if std::env::var("SENPACK_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("{msg}");
        }
        eprintln!("skipping: {msg}");
        return;
    }
    let site = site("## Meetings\n\n![A pixel](https://tracker.example.net/pixel.png)\n\nText.\n");
    let rec = tempfile::tempdir().unwrap();
    let log = rec.path().join("net.json");
    // The real Chromium, also writing its net log.
    let wrapper = rec.path().join("chromium");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec {real} --log-net-log={} --net-log-capture-mode=Everything \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Only loopback exists in the namespace, so nothing can leave the machine even if asked.
    let out = Command::new("unshare")
        .args(["-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_senpack"))
        .args(["pack", "--school", "oak-primary", "--pdf", "out.pdf"])
        .current_dir(site.root())
        .env("CHROMIUM", &wrapper)
        .env("NO_COLOR", "1")
        .env("SENPACK_TODAY", "2026-11-25")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.root().join("out.pdf").is_file());
    let text = std::fs::read_to_string(&log).expect("Chromium wrote its net log");
    // The page's remote image is never even asked for (the print's CSP stops it in the page).
    assert!(
        !text.contains("tracker.example.net"),
        "the remote image was requested"
    );
    // Chromium's own calls (e.g. update.googleapis.com) may be attempted, but each ends in the
    // resolver rules' NOTFOUND or at the refusing loopback proxy: nothing goes out.
    let outside = outside_traffic(&text);
    assert!(outside.is_empty(), "Chromium reached out: {outside:#?}");
}

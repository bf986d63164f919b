//! The service checks seen from the command line: the shipped example services check clean, and
//! with three reviews put back a year only those three are warned about; a service left out by
//! its dates is noted; `check --format json` and `check --report` list every service by how
//! overdue it is.

mod common;

use common::Fixture;

/// A copy of the shipped site (site.yaml, content/, the default theme) in a temp folder.
fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = common::repo();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    dir
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("check --format json: {e}\n{out}"))
}

/// The shipped site with three services' reviews put back by over a year, so they are overdue.
fn shipped_with_three_overdue() -> tempfile::TempDir {
    let site = shipped();
    for (slug, old) in [
        ("special-care-dental-service", "2025-06-16"),
        ("community-paediatrics", "2025-08-04"),
        ("portage", "2025-10-21"),
    ] {
        let path = site.path().join(format!("content/services/{slug}.yaml"));
        let text = std::fs::read_to_string(&path).expect("a shipped service");
        let line = text
            .lines()
            .find(|l| l.starts_with("reviewed:"))
            .expect("a reviewed line")
            .to_string();
        std::fs::write(&path, text.replace(&line, &format!("reviewed: {old}"))).expect("write");
    }
    site
}

#[test]
fn the_shipped_services_check_clean() {
    let site = shipped();
    let (code, out, err) = common::run_in(site.path(), &["check", "--format", "json"], &[]);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(report["errors"], 0, "{out}");
    assert_eq!(report["warnings"], 0, "{out}");
}

#[test]
fn overdue_services_are_warned_about_and_listed_most_overdue_first() {
    let site = shipped_with_three_overdue();
    let (code, out, err) = common::run_in(site.path(), &["check", "--format", "json"], &[]);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let about_services: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.starts_with("content/services/"))
        })
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let files: Vec<&str> = about_services.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(
        files,
        vec![
            "content/services/community-paediatrics.yaml",
            "content/services/portage.yaml",
            "content/services/special-care-dental-service.yaml",
        ],
        "{about_services:#?}"
    );
    assert!(
        about_services
            .iter()
            .all(|(sev, _, m)| sev == "warning"
                && m.starts_with("this service was due for review on"))
    );
    let services = report["services"].as_array().expect("a services list");
    assert_eq!(services.len(), 50);
    let overdue: Vec<&str> = services
        .iter()
        .filter(|s| s["overdue"] == true)
        .map(|s| s["slug"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(overdue.len(), 3, "{overdue:?}");
    // The most overdue service's organisation comes first.
    assert_eq!(services[0]["slug"], "special-care-dental-service");
    assert_eq!(services[0]["due"], "2026-06-16");
    assert_eq!(services[0]["days_overdue"], 162);
}

const SERVICE: &str = "name: \"Winter Club\"\norganisation:\n  name: \"Oak Trust\"\ndescription: \"A club in the winter holidays.\"\nstatus: active\ncategories: [holiday-schemes]\nmin_age: 5\nmax_age: 11\narea: \"Northbridge\"\ncost:\n  free: true\naccess:\n  referral: false\ncontacts:\n  - phone: \"01234 000111\"\nreviewed: 2026-10-01\nvisible_to: 2026-01-04\n";

#[test]
fn a_left_out_service_is_noted_and_reported() {
    let site = Fixture::new(&[
        ("content/_index.md", &common::page("Home", "Welcome.\n")),
        ("content/services/winter-club.yaml", SERVICE),
    ]);
    let (code, _, err) = site.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning[service]: this service is left out of the site since 5 January 2026 (its `visible_to` date, 4 January 2026, has passed)\n  --> content/services/winter-club.yaml:17"),
        "{err}"
    );
    let report = site.root().join("report.html");
    let (code, out, err) = site.run(&["check", "--format", "json", "--report", "report.html"]);
    assert_eq!(code, 0, "{err}");
    let services = json(&out)["services"].clone();
    assert_eq!(services[0]["slug"], "winter-club");
    assert_eq!(services[0]["shown"], false);
    let html = std::fs::read_to_string(report).expect("the report");
    assert!(html.contains("<h3>Oak Trust</h3>"), "{html}");
    assert!(html.contains("Winter Club <small>(left out of the site today)</small>"));
}

#[test]
fn a_service_with_a_wrong_value_fails_the_build_at_its_line() {
    let site = Fixture::new(&[
        ("content/_index.md", &common::page("Home", "Welcome.\n")),
        (
            "content/services/winter-club.yaml",
            &SERVICE.replace("max_age: 11", "max_age: eleven"),
        ),
    ]);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("max_age: invalid type: string \"eleven\", expected u8\n  --> content/services/winter-club.yaml:8"),
        "{err}"
    );
}

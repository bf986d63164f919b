//! The Open Referral UK feed of the shipped site, validated against the UK profile's JSON schemas
//! (copied into tests/fixtures/oruk/) by `tests/fixtures/oruk/validate.py` with Python's
//! `jsonschema`. Without python3 and jsonschema the test fails if SENPACK_BROWSER_TESTS=required
//! (as in CI, which installs python3-jsonschema) and is skipped with a note otherwise. The
//! feed's ids, schools, host files and the old feed's pointer are checked here in Rust.

mod common;
use senpack::services::oruk::id;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn python_ready() -> bool {
    Command::new("python3")
        .args([
            "-c",
            "from jsonschema import Draft202012Validator, FormatChecker",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds the shipped site into a temp folder.
fn shipped() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(["build", "--root"])
        .arg(common::repo())
        .arg("--out")
        .arg(out.path())
        .env("SENPACK_TODAY", common::TODAY)
        .status()
        .unwrap();
    assert!(status.success(), "the shipped site must build");
    out
}

fn json(dir: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_shipped_feed_validates_against_the_uk_profile_schemas() {
    if !python_ready() {
        let msg =
            "the feed test needs python3 with jsonschema (apt-get install python3-jsonschema)";
        if std::env::var("SENPACK_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("{msg}");
        }
        eprintln!("skipping: {msg}");
        return;
    }
    let out = shipped();
    let fixtures = common::repo().join("tests/fixtures/oruk");
    let run = Command::new("python3")
        .arg(fixtures.join("validate.py"))
        .arg(out.path())
        .arg("api")
        .arg(&fixtures)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("feed valid"), "{stdout}");
}

#[test]
fn ids_come_from_slugs_and_every_service_and_school_is_listed() {
    let out = shipped();
    let dir = out.path();
    let root = json(dir, "api/index.json");
    assert_eq!(root["version"], "HSDS-UK-3.0");

    // Page 1 at a fixed path, and every page under page/N/.
    let first = json(dir, "api/services/index.json");
    assert_eq!(first, json(dir, "api/services/page/1/index.json"));
    let services = std::fs::read_dir(common::repo().join("content/services"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    let schools = [
        "elmtree-primary-school",
        "oakfield-primary",
        "riverside-academy",
        "willow-bank-school",
    ];
    assert_eq!(first["total_items"], services + schools.len());
    let pages = first["total_pages"].as_u64().unwrap();
    assert!(
        pages >= 2,
        "the shipped site's services fill more than one page"
    );
    let mut listed = Vec::new();
    for n in 1..=pages {
        let page = json(dir, &format!("api/services/page/{n}/index.json"));
        for item in page["contents"].as_array().unwrap() {
            listed.push(item["id"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(listed.len(), services + schools.len());

    // The id of `camhs.yaml` is UUIDv5 of its slug: the same on every build.
    let camhs = id("service/camhs");
    assert!(listed.contains(&camhs));
    let full = json(dir, &format!("api/services/{camhs}.json"));
    assert_eq!(full["id"], camhs.as_str());
    assert_eq!(full["minimum_age"], 0);
    assert_eq!(full["maximum_age"], 18);
    assert_eq!(full["url"], "https://anyshire-health.example/camhs");
    let days: Vec<&str> = full["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["byday"].as_str().unwrap())
        .collect();
    // Tuesday's session has notes of its own, so it is a schedule of its own.
    assert_eq!(days, ["MO,WE,FR", "TU", "TH"]);
    assert_eq!(full["schedules"][1]["closes_at"], "19:00:00");
    assert!(full["schedules"][1]["notes"].is_string());
    let location = &full["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["postal_code"], "AN1 2BH");
    assert_eq!(location["latitude"], 52.2018);
    let terms: Vec<&str> = full["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["taxonomy_term"]["term"].as_str().unwrap())
        .collect();
    assert_eq!(
        terms,
        [
            "mental-health",
            "health",
            "social-emotional-and-mental-health",
            "autism",
            "adhd"
        ]
    );
    // Nested ids are derived too, so two services never share one.
    let other = json(dir, &format!("api/services/{}.json", id("service/portage")));
    assert_ne!(other["organization"]["id"], full["organization"]["id"]);

    // Every school is a service, from its facts.
    for slug in schools {
        let school = json(
            dir,
            &format!("api/services/{}.json", id(&format!("school/{slug}"))),
        );
        assert_eq!(
            school["attributes"][0]["taxonomy_term"]["term"],
            "education-settings"
        );
        assert_eq!(
            school["organization"]["organization_identifiers"][0]["identifier_type"],
            "URN"
        );
        assert!(listed.contains(&school["id"].as_str().unwrap().to_string()));
    }

    // Taxonomies and their terms, with each term's file.
    let terms = json(dir, "api/taxonomy_terms/index.json");
    let first_term = &terms["contents"][0];
    assert_eq!(first_term["term"], "education-settings");
    let term_file = json(
        dir,
        &format!(
            "api/taxonomy_terms/{}.json",
            first_term["id"].as_str().unwrap()
        ),
    );
    assert_eq!(&term_file, first_term);
    assert_eq!(json(dir, "api/taxonomies/index.json")["total_items"], 3);
    let at = json(dir, "api/service_at_locations/index.json");
    assert!(at["total_items"].as_u64().unwrap() > 40);

    // Host files, and the old feed's address pointing to the new one.
    let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
    assert!(headers.contains("/api/*\n  Access-Control-Allow-Origin: *"));
    let redirects = std::fs::read_to_string(dir.join("_redirects")).unwrap();
    assert!(redirects.contains("/api/services page=:page /api/services/page/:page/index.json 200"));
    let pointer = json(dir, "schools/feed.json");
    assert_eq!(
        pointer["url"],
        "https://send.anyshire.example/api/services/index.json"
    );
}

#[test]
fn the_feed_folder_follows_oruk_path() {
    let site = common::Fixture::new(&[
        (
            "site.yaml",
            &format!("{}oruk_path: /open-referral/v3/\n", common::SITE_YAML),
        ),
        (
            "content/_index.md",
            "---\ntitle: Home\ndescription: Home.\n---\nHello.\n",
        ),
    ]);
    site.build();
    let root: Value = serde_json::from_str(&site.read("open-referral/v3/index.json")).unwrap();
    assert_eq!(root["version"], "HSDS-UK-3.0");
    let page: Value =
        serde_json::from_str(&site.read("open-referral/v3/services/index.json")).unwrap();
    assert_eq!(page["empty"], true);
    assert_eq!(page["total_items"], 0);
    assert!(!site.out().join("api").exists());
    assert!(site
        .read("_redirects")
        .contains("/open-referral/v3/services/:id /open-referral/v3/services/:id.json 200"));
}

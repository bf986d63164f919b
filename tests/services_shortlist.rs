//! The shortlist's and "near me"'s data files: `/services/shortlist.json` (every shown service,
//! no hidden one, the same bytes on every build) and `/services/postcodes.json` (the checked
//! postcode-district table), and the shortlist page `/services/shortlist/`.

mod common;
use common::{page, repo, Fixture, COUNCIL_SITE_YAML, TODAY};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// A valid service file; `extra` is added at the end.
fn service(name: &str, extra: &str) -> String {
    format!(
        "example: true\nname: \"{name}\"\norganisation:\n  name: \"Anyshire Council\"\ndescription: \"{name} helps children. It is a test service.\"\nstatus: active\ncategories: [health]\nneeds: [autism]\nmin_age: 4\nmax_age: 11\narea: \"Northmere\"\ncost:\n  free: true\naccess:\n  referral: false\ncontacts:\n  - name: \"The team\"\n    phone: \"01234 000999\"\n    email: \"team@anyshire.example\"\nreviewed: 2026-10-01\n{extra}"
    )
}

const LOCATION: &str = "locations:\n  - name: \"The hub\"\n    address: \"1 High Street, Northmere\"\n    postcode: \"AN1 2AB\"\n    latitude: 52.2\n    longitude: -1.3\n";

fn site(services: &[(&str, String)], postcodes: Option<&str>) -> Fixture {
    let mut files: Vec<(String, String)> = vec![
        ("site.yaml".into(), COUNCIL_SITE_YAML.into()),
        (
            "content/_index.md".into(),
            page("Home", "See [my shortlist](/services/shortlist/).\n"),
        ),
    ];
    for (slug, text) in services {
        files.push((format!("content/services/{slug}.yaml"), text.clone()));
    }
    if let Some(csv) = postcodes {
        files.push(("content/data/postcodes.csv".into(), csv.into()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Fixture::new(&refs)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn build_shipped(out: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(out)
        .env("SENPACK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn shipped_site_data_is_deterministic_and_covers_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_shipped(&a);
    build_shipped(&b);
    for f in ["services/shortlist.json", "services/postcodes.json"] {
        let x = std::fs::read(a.join(f)).unwrap();
        assert_eq!(
            x,
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs between builds"
        );
    }
    let data = json(&std::fs::read_to_string(a.join("services/shortlist.json")).unwrap());
    let slugs: BTreeSet<String> = data["services"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let html = std::fs::read_to_string(a.join("services/index.html")).unwrap();
    let cards: BTreeSet<String> = html
        .split("class=\"service-card\"")
        .skip(1)
        .filter_map(|c| {
            let rest = c.split("data-slug=\"").nth(1)?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect();
    assert!(cards.len() >= 40);
    assert_eq!(
        slugs, cards,
        "the shortlist data has exactly the directory's services"
    );
    // Every card has its save button, naming the same slug.
    assert_eq!(html.matches("class=\"service-save\"").count(), cards.len());
    for (slug, s) in data["services"].as_object().unwrap() {
        assert_eq!(s["url"], format!("/services/{slug}/"));
        assert!(s["name"].as_str().is_some_and(|n| !n.is_empty()), "{slug}");
        assert!(a.join(format!("services/{slug}/index.html")).is_file());
    }
    // The table: every line of the CSV, keyed by district.
    let table = json(&std::fs::read_to_string(a.join("services/postcodes.json")).unwrap());
    let csv = std::fs::read_to_string(repo().join("content/data/postcodes.csv")).unwrap();
    let lines: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(table["districts"].as_object().unwrap().len(), lines.len());
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let at = &table["districts"][f[0]];
        assert_eq!(at[0].as_f64(), f[1].parse().ok(), "{line}");
        assert_eq!(at[1].as_f64(), f[2].parse().ok(), "{line}");
    }
    let page = std::fs::read_to_string(a.join("services/shortlist/index.html")).unwrap();
    assert!(page.contains("data-json=\"/services/shortlist.json\""));
    assert!(page.contains("/js/shortlist.js"));
    assert!(html.contains("data-postcodes=\"/services/postcodes.json\""));
}

#[test]
fn shortlist_json_has_shown_services_only_with_safe_links() {
    let f = site(
        &[
            ("hub", service("The Hub", LOCATION)),
            ("gone", service("Gone Club", "visible_to: 2026-01-01\n")),
            ("later", service("Later Club", "visible_from: 2027-06-01\n")),
            (
                "odd",
                service("Odd One", "").replace(
                    "    email: \"team@anyshire.example\"\n",
                    "    email: \"team@anyshire.example\"\n    website: \"https://odd.example/\"\n",
                ),
            ),
        ],
        None,
    );
    f.build();
    let text = f.read("services/shortlist.json");
    assert!(
        !text.contains("null"),
        "optional fields are left out: {text}"
    );
    let data = json(&text);
    let keys: Vec<&String> = data["services"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["hub", "odd"], "hidden services are left out");
    let hub = &data["services"]["hub"];
    assert_eq!(hub["name"], "The Hub");
    assert_eq!(hub["organisation"], "Anyshire Council");
    assert_eq!(hub["contacts"][0]["tel"], "tel:+441234000999");
    assert_eq!(hub["contacts"][0]["mailto"], "mailto:team@anyshire.example");
    assert_eq!(hub["locations"][0]["postcode"], "AN1 2AB");
    assert_eq!(hub["locations"][0]["lat"], 52.2);
    assert_eq!(
        data["services"]["odd"]["contacts"][0]["website"],
        "https://odd.example/"
    );
    assert!(data["services"]["odd"].get("locations").is_none());
    // No table, no table file; the page and the data are still made.
    assert!(!f.out().join("services/postcodes.json").exists());
    assert!(f.out().join("services/shortlist/index.html").is_file());
    // The home page's link to the shortlist resolves (the address is registered).
    let (code, out, err) = f.run(&["check"]);
    assert!(!format!("{out}{err}").contains("shortlist"), "{out}{err}");
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn bad_postcode_lines_are_errors_naming_file_and_line() {
    let csv =
        "district,latitude,longitude\nAN1,52.2,-1.3\nAN2,52.3\nAN3,52.3,east\nAN1,52.2,-1.3\n";
    let f = site(&[("hub", service("The Hub", LOCATION))], Some(csv));
    let (code, out, err) = f.run(&["build"]);
    let all = format!("{out}{err}");
    assert_ne!(code, 0, "{all}");
    for line in [3, 4, 5] {
        assert!(
            all.contains(&format!("content/data/postcodes.csv:{line}")),
            "line {line} named:\n{all}"
        );
    }
    assert!(!all.contains("content/data/postcodes.csv:2"), "{all}");
    let (code, out, err) = f.run(&["check"]);
    assert_ne!(code, 0, "check reports the table too:\n{out}{err}");
}

#[test]
fn good_postcode_table_is_shipped_sorted() {
    let csv = "district,latitude,longitude\nAN2,52.3,-1.32\nAN1,52.2,-1.3\n";
    let f = site(&[("hub", service("The Hub", LOCATION))], Some(csv));
    f.build();
    assert_eq!(
        f.read("services/postcodes.json"),
        r#"{"districts":{"AN1":[52.2,-1.3],"AN2":[52.3,-1.32]}}"#
    );
}

#[test]
fn a_service_called_shortlist_is_an_error() {
    let f = site(&[("shortlist", service("Shortlist", ""))], None);
    let (code, out, err) = f.run(&["build"]);
    let all = format!("{out}{err}");
    assert_ne!(code, 0, "{all}");
    assert!(all.contains("content/services/shortlist.yaml"), "{all}");
}

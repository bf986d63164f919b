//! `senpack import oruk` round trip: the UK profile's examples (tests/fixtures/oruk/examples/)
//! imported into a site, built, and the feed's records compared with what went in. The build
//! runs in this process so that the service checks' findings on the examples' own values (an
//! age of 100, no category of the fixed taxonomy) do not stop the files being compared.

mod common;
use serde_json::Value;

fn example(name: &str) -> Value {
    let path = common::repo()
        .join("tests/fixtures/oruk/examples")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Imports `file` (an example) into a new site, builds it, and returns (site, the feed's files).
fn import_and_build(file: &str) -> (common::Fixture, Vec<(String, Value)>) {
    let site = common::Fixture::new(&[(
        "content/_index.md",
        "---\ntitle: Home\ndescription: Home.\n---\nHello.\n",
    )]);
    let path = common::repo()
        .join("tests/fixtures/oruk/examples")
        .join(file);
    let (code, out, err) = site.run(&["import", "oruk", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 added"), "{out}");
    let built = senpack::build(&senpack::BuildOptions::new(site.root(), common::today()));
    let files = built
        .files
        .iter()
        .filter(|f| f.path.starts_with("api/") && f.path.ends_with(".json"))
        .map(|f| {
            let bytes = f.read().unwrap();
            (f.path.clone(), serde_json::from_slice(&bytes).unwrap())
        })
        .collect();
    (site, files)
}

fn file<'a>(files: &'a [(String, Value)], path: &str) -> &'a Value {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path} in the feed"))
        .1
}

/// `a` and `b` agree on every key named (numbers by value: `100` is `100.0`).
fn same(a: &Value, b: &Value, keys: &[&str], what: &str) {
    for k in keys {
        let (x, y) = (&a[*k], &b[*k]);
        assert!(!x.is_null(), "{what}.{k} is in the example");
        match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => assert_eq!(x, y, "{what}.{k}"),
            _ => assert_eq!(x, y, "{what}.{k}"),
        }
    }
}

const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "accreditations",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
];
const ORGANIZATION_KEYS: &[&str] = &["name", "description", "email", "website", "logo", "uri"];

#[test]
fn a_full_service_round_trips_through_import_and_the_feed() {
    let original = example("service_full.json");
    let (site, files) = import_and_build("service_full.json");
    let id = original["id"].as_str().unwrap();
    let feed = file(&files, &format!("api/services/{id}.json"));
    same(&original, feed, SERVICE_KEYS, "service");
    same(
        &original["organization"],
        &feed["organization"],
        ORGANIZATION_KEYS,
        "organization",
    );
    same(
        &original["contacts"][0],
        &feed["contacts"][0],
        &["name", "title"],
        "contact",
    );
    let (lo, lf) = (
        &original["service_at_locations"][0]["location"],
        &feed["service_at_locations"][0]["location"],
    );
    same(lo, lf, &["name", "latitude", "longitude"], "location");
    same(
        &lo["addresses"][0],
        &lf["addresses"][0],
        &["address_1", "city", "postal_code"],
        "address",
    );
    same(
        &original["schedules"][0],
        &feed["schedules"][0],
        &[
            "freq",
            "interval",
            "byday",
            "opens_at",
            "closes_at",
            "notes",
        ],
        "schedule",
    );
    same(
        &original["cost_options"][0],
        &feed["cost_options"][0],
        &["option", "amount"],
        "cost option",
    );
    assert_eq!(
        feed["service_areas"][0]["name"],
        original["service_areas"][0]["name"]
    );

    // What the format has no place for is kept in the file, marked, not dropped.
    let yaml = std::fs::read_to_string(
        site.root()
            .join("content/services/community-counselling.yaml"),
    )
    .unwrap();
    for kept in [
        "oruk_extra:",
        "GB-COH",
        "bymonthday: 2,3,4",
        "UPRN",
        "per 1 hour session",
    ] {
        assert!(yaml.contains(kept), "{kept} kept:\n{yaml}");
    }

    // Importing the same export again changes nothing.
    let path = common::repo().join("tests/fixtures/oruk/examples/service_full.json");
    let (code, out, _) = site.run(&["import", "oruk", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("0 added, 0 changed, 1 unchanged"), "{out}");
}

#[test]
fn a_services_page_round_trips_through_import_and_the_feed() {
    let original = &example("service_list.json")["contents"][0];
    let (_site, files) = import_and_build("service_list.json");
    let page = file(&files, "api/services/index.json");
    assert_eq!(page["total_items"], 1);
    let item = &page["contents"][0];
    same(original, item, SERVICE_KEYS, "service");
    same(
        &original["organization"],
        &item["organization"],
        ORGANIZATION_KEYS,
        "organization",
    );
}

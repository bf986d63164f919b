//! The search index end to end: a fixture site built by the real binary has the root file,
//! shards, excerpt files and the search page; `search: false` leaves them all out.

mod common;
use common::{page, Fixture, SITE_YAML};
use std::io::Write;

fn site(extra_yaml: &str) -> Fixture {
    Fixture::new(&[
        ("site.yaml", &format!("{SITE_YAML}{extra_yaml}")),
        (
            "content/_index.md",
            &page("Home", "Use the [search page](/search/).\n"),
        ),
        (
            "content/parents/_index.md",
            &page("For parents", "Guides.\n"),
        ),
        (
            "content/parents/dyslexia.md",
            &page("Dyslexia", "## Signs\n\nDyslexia makes reading hard.\n"),
        ),
        (
            "content/parents/complaints.md",
            &page("How to complain", "## First steps\n\nTalk to the SENCO.\n"),
        ),
    ])
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

#[test]
fn build_writes_the_index_and_search_page() {
    let site = site("");
    site.build();
    let root: serde_json::Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
    assert_eq!(root["n"], 4);
    assert!(site.read("search/index.json").len() < 2_000);
    let shard: serde_json::Value = serde_json::from_str(&site.read("search/p/dy.json")).unwrap();
    assert!(shard["w"]["dyslexia"].is_number());
    assert!(site.read("search/d/c.json").contains("\"complain\""));
    assert!(site.read("search/e/0.json").contains("How to complain"));
    let html = site.read("search/index.html");
    assert!(html.contains("role=\"search\""));
    assert!(html.contains("aria-live=\"polite\""));
    assert!(html.contains("<label for=\"search-q\">"));
    assert!(html.contains("/js/search.js"));
    // The header of every page has a plain GET search form.
    let home = site.read("index.html");
    assert!(home.contains("action=\"/search/\" method=\"get\""));
    assert!(
        home.contains("href=\"/search/\""),
        "content links to /search/ resolve"
    );
}

#[test]
fn search_false_leaves_search_out() {
    let site = Fixture::new(&[
        ("site.yaml", &format!("{SITE_YAML}search: false\n")),
        ("content/_index.md", &page("Home", "Hello.\n")),
    ]);
    site.build();
    assert!(!site.out().join("search").exists());
    assert!(!site.read("index.html").contains("role=\"search\""));
}

/// The index of a 200-page site is read in many excerpt groups on rayon's threads and its words
/// numbered as they come; the files must not depend on that order: the same bytes built twice
/// and on one thread or several.
#[test]
fn index_is_identical_between_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::generated_site(dir.path());
    let index = |out: &str, env: &[(&str, &str)]| {
        let (code, _, err) = common::run_in(&root, &["build", "--out", out], env);
        assert_eq!(code, 0, "build into {out} failed:\n{err}");
        common::snapshot(&root.join(out).join("search"))
    };
    let first = index("output", &[]);
    let groups = first.iter().filter(|(p, _)| p.starts_with("e/")).count();
    assert!(groups >= 50, "only {groups} excerpt groups");
    assert!(
        first.iter().any(|(p, _)| p.starts_with("g/")),
        "the glossary's synonym groups are indexed"
    );
    common::assert_same_files(&first, &index("output", &[]), "built again");
    common::assert_same_files(
        &first,
        &index("one-thread", &[("RAYON_NUM_THREADS", "1")]),
        "built on one thread",
    );
    common::assert_same_files(
        &first,
        &index("eight-threads", &[("RAYON_NUM_THREADS", "8")]),
        "built on eight threads",
    );
}

#[test]
fn client_script_is_under_10_kb_gzipped() {
    let js = std::fs::read(common::repo().join("themes/default/static/js/search.js")).unwrap();
    let size = gzip_len(&js);
    assert!(size < 10 * 1024, "search.js is {size} bytes gzipped");
    assert!(!String::from_utf8_lossy(&js).contains("innerHTML"));
}

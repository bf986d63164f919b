//! The services directory end to end: a page per service, hostile provider text never reaching a
//! page as markup, filter pages listing exactly the matching services, the encoded "report a
//! problem" link, and service pages as their own kind of search result.

mod common;
use common::{page, repo, run_in, Fixture, COUNCIL_SITE_YAML};
use std::collections::BTreeSet;

/// A valid service file; `extra` is added at the end (sessions, local_offer, …).
fn service(
    name: &str,
    categories: &str,
    needs: &str,
    area: &str,
    free: bool,
    extra: &str,
) -> String {
    let cost = if free {
        "cost:\n  free: true\n".to_string()
    } else {
        "cost:\n  free: false\n  description: \"£5 a session\"\n".to_string()
    };
    format!(
        "example: true\nname: \"{name}\"\norganisation:\n  name: \"Anyshire Council\"\ndescription: \"{name} helps children. It is a test service.\"\nstatus: active\ncategories: [{categories}]\nneeds: [{needs}]\nmin_age: 4\nmax_age: 11\narea: \"{area}\"\n{cost}access:\n  referral: false\ncontacts:\n  - name: \"The team\"\n    phone: \"01234 000999\"\n    email: \"team@anyshire.example\"\nreviewed: 2026-10-01\n{extra}"
    )
}

fn site(services: &[(&str, String)]) -> Fixture {
    let mut files: Vec<(String, String)> = vec![
        ("site.yaml".into(), COUNCIL_SITE_YAML.into()),
        (
            "content/_index.md".into(),
            page(
                "Home",
                "See [all services](/services/) and [free ones](/services/free/).\n",
            ),
        ),
    ];
    for (slug, text) in services {
        files.push((format!("content/services/{slug}.yaml"), text.clone()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Fixture::new(&refs)
}

/// The slugs of the service cards on a built directory or filter page, in order.
fn cards(html: &str) -> Vec<String> {
    html.split("class=\"service-card\"")
        .skip(1)
        .filter_map(|c| {
            let rest = c.split("data-slug=\"").nth(1)?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

#[test]
fn every_shipped_service_gets_a_page_in_the_directory_and_the_sitemap() {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().join("site");
    let (code, _, err) = run_in(
        &repo(),
        &["build", "--out", out_dir.to_str().expect("utf-8 path")],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let mut slugs = BTreeSet::new();
    for e in std::fs::read_dir(repo().join("content/services")).expect("services") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "yaml") {
            slugs.insert(p.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(slugs.len() >= 40, "{} services", slugs.len());
    let read = |p: &str| std::fs::read_to_string(out_dir.join(p)).unwrap_or_default();
    let sitemap = read("sitemap.xml");
    for slug in &slugs {
        let html = read(&format!("services/{slug}/index.html"));
        assert!(
            html.contains(&format!("data-service=\"{slug}\"")),
            "no page for {slug}"
        );
        assert!(html.contains("Report a problem with this information"));
        assert!(
            sitemap.contains(&format!("/services/{slug}/</loc>")),
            "{slug} is not in the sitemap"
        );
    }
    let directory = read("services/index.html");
    let listed: BTreeSet<String> = cards(&directory).into_iter().collect();
    assert_eq!(listed, slugs, "the directory lists every service once");
    assert_eq!(cards(&directory).len(), slugs.len());
    // Every page reaches the directory from the main navigation.
    assert!(read("index.html").contains("href=\"/services/\""));
    // The inactive example says so on its page.
    let closed = slugs
        .iter()
        .map(|s| read(&format!("services/{s}/index.html")))
        .filter(|h| h.contains("service-status service-closed"))
        .count();
    assert!(
        closed >= 1,
        "no service page shows a closed or inactive status"
    );
}

#[test]
fn the_directory_is_sorted_by_name_with_an_a_to_z() {
    let s = site(&[
        (
            "zebra",
            service(
                "Zebra club",
                "activities-and-clubs",
                "autism",
                "North",
                true,
                "",
            ),
        ),
        (
            "apple",
            service("apple therapy", "therapies", "adhd", "South", false, ""),
        ),
        (
            "mango",
            service(
                "Mango advice",
                "information-and-advice",
                "autism",
                "North",
                true,
                "",
            ),
        ),
    ]);
    s.build();
    let html = s.read("services/index.html");
    assert_eq!(cards(&html), ["apple", "mango", "zebra"]);
    assert!(
        html.contains("id=\"letter-a\" data-slug=\"apple\""),
        "{html}"
    );
    assert!(html.contains("<a href=\"#letter-m\">M</a>"));
    assert!(
        html.contains("<span aria-disabled=\"true\">B</span>"),
        "a letter with no service is not a link"
    );
}

#[test]
fn filter_pages_list_exactly_the_matching_services() {
    let tuesday = "sessions:\n  - day: tuesday\n    start: \"09:00\"\n    end: \"12:00\"\n";
    let s = site(&[
        (
            "a",
            service(
                "A club",
                "activities-and-clubs, health",
                "autism",
                "North Vale",
                true,
                tuesday,
            ),
        ),
        (
            "b",
            service(
                "B therapy",
                "therapies, health",
                "adhd",
                "South Vale",
                false,
                "",
            ),
        ),
        (
            "c",
            service(
                "C advice",
                "information-and-advice",
                "autism, adhd",
                "North Vale",
                true,
                "",
            ),
        ),
    ]);
    s.build();
    let on = |p: &str| cards(&s.read(&format!("services/{p}/index.html")));
    assert_eq!(on("category/health"), ["a", "b"]);
    assert_eq!(on("category/therapies"), ["b"]);
    assert_eq!(on("need/autism"), ["a", "c"]);
    assert_eq!(on("need/adhd"), ["b", "c"]);
    assert_eq!(on("area/north-vale"), ["a", "c"]);
    assert_eq!(on("area/south-vale"), ["b"]);
    assert_eq!(on("free"), ["a", "c"]);
    assert_eq!(on("day/tuesday"), ["a"]);
    // No page for a value no service has.
    assert!(!s.out().join("services/category/housing").exists());
    assert!(!s.out().join("services/day/monday").exists());
    // The filter page says which filter it is, marks it, and counts against all services.
    let free = s.read("services/free/index.html");
    assert!(
        free.contains("aria-current=\"page\">Free services only (2)"),
        "{free}"
    );
    assert!(
        free.contains("<span class=\"count-shown\">2</span> of <span class=\"count-total\">2</span> services. (3 in all)"),
        "{free}"
    );
    // One page of cards: no page navigation.
    assert!(!free.contains("class=\"pagination"));
    assert!(!s.out().join("services/free/page/2").exists());
    // Content may link to a filter page.
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn hostile_provider_text_never_reaches_a_page_as_markup() {
    let hostile_answers = "local_offer:\n  support: \"<script>alert('a')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>\"\n  training: \"<a href=\\\"javascript:alert(3)\\\" onclick=\\\"alert(4)\\\">t</a> <iframe src=https://evil.example></iframe>\"\n";
    let mut text = service(
        "Bad <b>club</b>",
        "health",
        "autism",
        "North",
        true,
        hostile_answers,
    );
    text = text.replace(
        "description: \"Bad <b>club</b> helps children. It is a test service.\"",
        "description: |\n  <script>alert('d')</script>\n\n  Hello <a href=\"javascript:alert(5)\">x</a> <img src=x onerror=\"alert(6)\"> <div onmouseover=\"alert(7)\">hi</div> <style>body{display:none}</style>",
    );
    text = text.replace(
        "status: active",
        "status: temporarily-closed\nstatus_reason: \"<script>alert(8)</script>\"",
    );
    let s = site(&[("bad", text)]);
    s.build();
    for path in [
        "services/bad/index.html",
        "services/index.html",
        "services/category/health/index.html",
    ] {
        let html = s.read(path);
        for bad in [
            "<script>alert",
            "href=\"javascript:",
            "href=javascript:",
            "onerror=",
            "onclick=",
            "onmouseover=",
            "<iframe",
            "<style>body",
            "<b>club",
        ] {
            assert!(!html.contains(bad), "{bad} in {path}:\n{html}");
        }
    }
    let html = s.read("services/bad/index.html");
    assert!(html.contains("Hello"), "the description is shown");
    assert!(
        html.contains(">x</a>") || html.contains(">x<"),
        "the link text stays"
    );
    assert!(
        html.contains("Bad &lt;b&gt;club&lt;&#x2F;b&gt;")
            || html.contains("Bad &lt;b&gt;club&lt;/b&gt;")
    );
    assert!(html.contains("How does the service support children and young people with SEND?"));
    assert!(html.contains("Closed for now."), "the status is shown");
}

#[test]
fn a_javascript_link_in_a_description_is_an_error_naming_the_service_file() {
    let mut text = service("Linky", "health", "autism", "North", true, "");
    text = text.replace(
        "description: \"Linky helps children. It is a test service.\"",
        "description: \"Click [here](javascript:alert(1)).\"",
    );
    let s = site(&[("linky", text)]);
    let (code, _, err) = s.run(&["build"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("content/services/linky.yaml") && err.contains("javascript:"),
        "{err}"
    );
}

#[test]
fn the_report_link_and_contacts_are_encoded_and_tappable() {
    let s = site(&[(
        "play",
        service(
            "Play & Stay: 5–11s?",
            "activities-and-clubs",
            "autism",
            "North",
            true,
            "",
        ),
    )]);
    s.build();
    let html = s.read("services/play/index.html");
    let href = html
        .split("<p class=\"service-report\"><a href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a report link");
    assert!(
        href.starts_with("mailto:send@anyshire.example?subject=Problem%20with%20the%20Local%20Offer%20entry%3A%20Play%20%26%20Stay%3A%205%E2%80%9311s%3F&amp;body="),
        "{href}"
    );
    assert!(
        href.contains("https%3A%2F%2Ftest.example%2Fservices%2Fplay%2F"),
        "the page's address is in the body: {href}"
    );
    assert!(!href[7..].contains(' ') && !href.contains("&amp;body=&"));
    assert!(html.contains("<a href=\"tel:+441234000999\">01234 000999</a>"));
    assert!(html.contains("<a href=\"mailto:team@anyshire.example\">"));
    // Opening times as a table only when there are some.
    assert!(!html.contains("<table"));
}

#[test]
fn opening_times_are_a_table_and_dates_are_shown() {
    let extra = "review_every: 6\nsessions:\n  - day: monday\n    start: \"09:00\"\n    end: \"17:00\"\n    term_time_only: true\n";
    let s = site(&[(
        "t",
        service("Times", "health", "autism", "North", true, extra),
    )]);
    s.build();
    let html = s.read("services/t/index.html");
    assert!(
        html.contains(
            "<th scope=\"row\">Monday</th><td>09:00</td><td>17:00</td><td>Term time only</td>"
        ),
        "{html}"
    );
    assert!(html.contains("<time datetime=\"2026-10-01\">1 October 2026</time>"));
    assert!(
        html.contains("<time datetime=\"2027-04-01\">1 April 2027</time>"),
        "next check: reviewed + review_every months"
    );
}

#[test]
fn service_pages_are_search_results_of_their_own_kind() {
    let s = site(&[
        (
            "a",
            service("A club", "health", "autism", "North", true, ""),
        ),
        (
            "b",
            service("B club", "health", "autism", "North", true, ""),
        ),
    ]);
    s.build();
    let root: serde_json::Value =
        serde_json::from_str(&s.read("search/index.json")).expect("index root");
    let aud = root["aud"].as_str().expect("aud");
    assert_eq!(aud.matches('v').count(), 2, "{aud}");
    let search = s.read("search/index.html");
    assert!(search.contains("<option value=\"v\">Services only</option>"));
    assert!(search.contains("data-service=\"Service\""));
}

/// `n` services named so the A–Z starts A at 0, M at 40 and Z at 80 (in name order); every
/// one is health, every third is free.
fn many(n: usize) -> Fixture {
    let texts: Vec<(String, String)> = (0..n)
        .map(|i| {
            let word = ["Apple", "Mango", "Zebra"][(i / 40).min(2)];
            let free = i % 3 == 0;
            (
                format!("s{i:03}"),
                service(
                    &format!("{word} club {i:03}"),
                    "health",
                    "autism",
                    "North",
                    free,
                    "",
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, String)> = texts.iter().map(|(a, b)| (a.as_str(), b.clone())).collect();
    site(&refs)
}

#[test]
fn the_directory_and_its_filter_pages_are_paginated_with_a_useful_a_to_z() {
    let s = many(120);
    s.build();
    let pages: Vec<Vec<String>> = [
        "services/index.html",
        "services/page/2/index.html",
        "services/page/3/index.html",
    ]
    .iter()
    .map(|p| cards(&s.read(p)))
    .collect();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [50, 50, 20]);
    let all: Vec<String> = pages.concat();
    let expected: Vec<String> = (0..120).map(|i| format!("s{i:03}")).collect();
    assert_eq!(all, expected, "every service once, in name order");
    assert!(!s.out().join("services/page/4").exists());
    let two = s.read("services/page/2/index.html");
    assert!(
        two.contains("<li aria-current=\"page\">Page 2 of 3</li>"),
        "{two}"
    );
    assert!(
        two.contains("<a href=\"/services/\" rel=\"prev\">"),
        "{two}"
    );
    assert!(two.contains("<a href=\"/services/page/3/\" rel=\"next\">"));
    assert!(two.contains("<title>Services (page 2 of 3)"), "{two}");
    let one = s.read("services/index.html");
    assert!(!one.contains("rel=\"prev\""));
    assert!(one.contains(
        "<span class=\"count-shown\">1–50</span> of <span class=\"count-total\">120</span>"
    ));
    // The A–Z jumps to the page where a letter starts: here, or another page.
    assert!(one.contains("<a href=\"#letter-m\">M</a>"), "{one}");
    assert!(one.contains("<a href=\"/services/page/2/#letter-z\">Z</a>"));
    assert!(two.contains("<a href=\"/services/#letter-m\">M</a>"));
    assert!(two.contains("id=\"letter-z\" data-slug=\"s080\""));
    // Filter pages are paginated the same way: 40 free services fit one page, 120 health
    // services take three.
    assert_eq!(cards(&s.read("services/free/index.html")).len(), 40);
    assert!(!s.out().join("services/free/page/2").exists());
    let health3 = s.read("services/category/health/page/3/index.html");
    assert_eq!(cards(&health3), expected[100..]);
    assert!(health3.contains("<a href=\"/services/category/health/page/2/\" rel=\"prev\">"));
    assert!(!s.out().join("services/category/health/page/4").exists());
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_directory_index_has_every_service_in_order_with_short_keys() {
    let s = many(60);
    s.build();
    let text = s.read("services/index.json");
    let index: serde_json::Value = serde_json::from_str(&text).expect("the index is JSON");
    let list = index["services"].as_array().expect("a list of services");
    assert_eq!(list.len(), 60);
    let first = &list[0];
    assert_eq!(first["s"], "s000");
    assert_eq!(first["n"], "Apple club 000");
    assert_eq!(first["k"], serde_json::json!(["health"]));
    assert_eq!(first["e"], serde_json::json!(["autism"]));
    assert_eq!(first["f"], 1, "s000 is free");
    assert!(
        list[1].get("f").is_none() && list[1]["c"].is_string(),
        "s001 costs"
    );
    assert_eq!(list[59]["s"], "s059");
    // Compact: no pretty-printing, and only what filters and a card need.
    assert!(!text.contains("\n "));
    assert!(text.len() < 60 * 400, "{} bytes", text.len());
}

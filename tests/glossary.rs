//! The plain-language engine end to end: glossary links in built pages, the /glossary/ page,
//! jargon, reading-age and review checks, `check --format json` and `check --report`.

mod common;
use common::{page, Fixture};

const GLOSSARY: &str = r#"- term: "Education, Health and Care plan"
  abbr: EHCP
  also: ["EHC plan"]
  definition: "A legal document that says what help a child must get."
  see: "parents/ehc-plans.md#what-it-says"
- term: EHC needs assessment
  definition: "When the council looks closely at what help a child needs."
- term: Education, Health and Care
  abbr: EHC
  definition: "The three kinds of help in a plan."
- term: Statement of special educational needs
  also: [statement]
  definition: "The old kind of plan, before 2014."
  superseded_by: "Education, Health and Care plan"
- term: Special educational needs coordinator
  abbr: SENCO
  definition: "The teacher who leads on SEN in a school."
"#;

const SITE: &str = "title: Test site\ndescription: A test site.\nbase_url: https://test.example\nacronyms_allowed: [UK]\n";

fn site(body: &str) -> Fixture {
    Fixture::new(&[
        ("site.yaml", SITE),
        ("content/glossary.yaml", GLOSSARY),
        ("content/_index.md", &page("Home", "See the [glossary](/glossary/) and the [plan entry](/glossary/#education-health-and-care-plan).\n")),
        ("content/parents/_index.md", &page("Parents", "Guides.\n")),
        ("content/parents/ehc-plans.md", &page("EHC plans", "## What it says\n\nIt says what help your child gets.\n")),
        ("content/parents/guide.md", &page("Guide", body)),
    ])
}

#[test]
fn first_use_is_linked_with_its_definition_outside_markup() {
    let s = site("## About the EHCP\n\nAsk for an EHC needs\nassessment. Then the EHCP comes. Another EHCP.\n\n[EHCP help](ehc-plans.md) and `SENCO` and ![SENCO](x.png).\n\n> [!NOTE]\n> Your SENCO can help. The SENCO again.\n");
    s.write("content/parents/x.png", "not really a picture");
    s.build();
    let html = s.read("parents/guide/index.html");
    let prose = &html[html.find("<div class=\"prose\">").unwrap()..];
    // Longest match across a line break, linked once.
    assert!(prose.contains("<a class=\"term-link\" href=\"/glossary/#ehc-needs-assessment\" aria-describedby=\"gl-def-1\">EHC needs assessment</a>"), "{prose}");
    assert_eq!(
        prose
            .matches("href=\"/glossary/#education-health-and-care-plan\"")
            .count(),
        1,
        "{prose}"
    );
    assert_eq!(
        prose
            .matches("href=\"/glossary/#special-educational-needs-coordinator\"")
            .count(),
        1,
        "{prose}"
    );
    assert!(prose.contains("role=\"tooltip\"><span class=\"term-name\">Special educational needs coordinator (SENCO):</span> The teacher who leads on SEN in a school.</span>"), "{prose}");
    // Not in the heading, the link, code, alt text or the call-out title.
    assert!(
        prose.contains("<h2 id=\"about-the-ehcp\">About the EHCP</h2>"),
        "{prose}"
    );
    assert!(prose.contains(">EHCP help</a>"), "{prose}");
    assert!(prose.contains("<code>SENCO</code>"), "{prose}");
    assert!(prose.contains("alt=\"SENCO\""), "{prose}");
}

#[test]
fn glossary_page_lists_entries_a_to_z() {
    let s = site("Text.\n");
    s.build();
    let g = s.read("glossary/index.html");
    assert!(g.contains("<h1>Glossary</h1>"), "{g}");
    assert!(g.contains("<a href=\"#letter-e\">E</a>"), "{g}");
    assert!(g.contains("<span>Z</span>"), "{g}");
    assert!(g.contains("id=\"education-health-and-care-plan\""), "{g}");
    assert!(
        g.contains("<dfn>Education, Health and Care plan</dfn> <abbr>(EHCP)</abbr>"),
        "{g}"
    );
    assert!(g.contains("Also written as: EHC plan"), "{g}");
    assert!(
        g.contains("href=\"/parents/ehc-plans/#what-it-says\""),
        "{g}"
    );
    assert!(g.contains("Now called <a href=\"#education-health-and-care-plan\">Education, Health and Care plan</a>"), "{g}");
    let (e, s_) = (
        g.find("id=\"letter-e\"").unwrap(),
        g.find("id=\"letter-s\"").unwrap(),
    );
    assert!(e < s_);
    // Links to the page and its anchors resolve.
    assert!(s
        .read("index.html")
        .contains("href=\"/glossary/#education-health-and-care-plan\""));
}

#[test]
fn broken_glossary_links_and_entries_are_errors_with_lines() {
    let s = site("Text.\n");
    s.write("content/glossary.yaml", "- term: A word\n  definition: x\n  see: parents/gone.md\n- term: Other\n  definition: y\n  colour: red\n");
    s.write(
        "content/_index.md",
        &page("Home", "[x](/glossary/#nothing)\n"),
    );
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[glossary]: `see: parents/gone.md` names no page of this site\n  --> content/glossary.yaml:3"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
    assert!(err.contains("--> content/glossary.yaml:6"), "{err}");
    assert!(
        err.contains("there is no heading with the id `nothing`"),
        "{err}"
    );
}

#[test]
fn missing_glossary_still_makes_the_page() {
    let s = Fixture::new(&[(
        "content/_index.md",
        &page("Home", "See the [glossary](/glossary/).\n"),
    )]);
    s.build();
    assert!(s
        .read("glossary/index.html")
        .contains("no words in the glossary yet"));
}

#[test]
fn checks_warn_on_jargon_old_terms_reading_age_and_review() {
    let hard = "The local authority must consider the educational requirements of children with disabilities when determining appropriate provision. ".repeat(4);
    let s = site(&format!(
        "Your statement is old. The LA and the UK and the SENCO.\n\n{hard}\n"
    ));
    s.write(
        "content/parents/old.md",
        "---\ntitle: Old\ndescription: Old page.\nreviewed: 2024-01-10\n---\nShort.\n",
    );
    s.write(
        "content/parents/never.md",
        "---\ntitle: Never\ndescription: Never reviewed.\n---\nShort.\n",
    );
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning[superseded]: \"statement\" is an old term; it is now called \"Education, Health and Care plan\" (EHCP)\n  --> content/parents/guide.md:6:6"), "{err}");
    assert!(err.contains("warning[acronyms]: \"LA\" is not explained: the glossary does not define it\n  --> content/parents/guide.md:6:28"), "{err}");
    assert!(!err.contains("\"UK\" is not explained"), "{err}");
    assert!(!err.contains("\"SENCO\" is not explained"), "{err}");
    assert!(err.contains("warning[reading-age]: reading age"), "{err}");
    assert!(err.contains("above the target of 12"), "{err}");
    assert!(
        err.contains("the longest are: \"The local authority must consider"),
        "{err}"
    );
    assert!(err.contains("warning[review]: this page was due for review on 10 January 2025\n  --> content/parents/old.md:4"), "{err}");
    assert!(
        err.contains(
            "warning[review]: this page has no `reviewed` date\n  --> content/parents/never.md:2"
        ),
        "{err}"
    );
    let (strict, _, _) = s.run(&["check", "--strict"]);
    assert_eq!(strict, 1);
}

#[test]
fn json_has_every_pages_figures_and_report_is_self_contained() {
    let s = site("The cat sat on the mat.\n");
    let (code, out, err) = s.run(&["check", "--format", "json", "--report", "report.html"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pages = v["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 4);
    let guide = pages
        .iter()
        .find(|p| p["path"] == "/parents/guide/")
        .unwrap();
    assert_eq!(
        (
            guide["words"].as_u64(),
            guide["sentences"].as_u64(),
            guide["syllables"].as_u64()
        ),
        (Some(6), Some(1), Some(6))
    );
    assert_eq!(guide["fre"].as_f64(), Some(116.1));
    assert_eq!(guide["target"].as_u64(), Some(12));
    for key in ["fk_grade", "reading_age"] {
        assert!(guide[key].is_f64(), "{key}");
    }
    let report = std::fs::read_to_string(s.root().join("report.html")).unwrap();
    assert!(report.contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\""));
    assert!(report.contains("<th scope=\"row\">Guide<br><small>/parents/guide/</small></th>"));
    assert!(report.contains("<h2>Pages past review</h2>"));
    assert!(
        !report.contains("<script") && !report.contains("http://") && !report.contains("<link")
    );
}

/// The issue's benchmark: a 500-term glossary on a 10,000-page site. Run with
/// `cargo test --release --test glossary -- --ignored --nocapture`; prints stage times with and
/// without the glossary so the cost of linking can be seen.
#[test]
#[ignore]
fn benchmark_500_terms_on_10000_pages() {
    let s = Fixture::new(&[("content/_index.md", &page("Home", "Home.\n"))]);
    let glossary: String = (0..500)
        .map(|i| format!("- term: \"Term number {i} here\"\n  abbr: \"AB{i}C\"\n  also: [\"other {i} spelling\"]\n  definition: \"Meaning {i}.\"\n"))
        .collect();
    let body = "## A heading\n\nYour child may get AB17C help from the Term number 4 here team. Other 250 spelling is fine.\nThe school must follow the term number 499\nhere rules. ".repeat(20);
    for i in 0..10_000 {
        s.write(
            &format!("content/p{}/page{i}.md", i / 100),
            &page(&format!("Page {i}"), &body),
        );
    }
    for i in 0..100 {
        s.write(
            &format!("content/p{i}/_index.md"),
            &page(&format!("Section {i}"), "Pages.\n"),
        );
    }
    let time = |label: &str| {
        let start = std::time::Instant::now();
        let (code, _, err) = s.run(&["build", "-v"]);
        assert_eq!(code, 0, "{err}");
        let stages: Vec<String> = err
            .lines()
            .filter(|l| l.contains(" ms"))
            .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .collect();
        eprintln!(
            "{label}: whole build {:.2} s; stages (ms): {}",
            start.elapsed().as_secs_f64(),
            stages.join(", ")
        );
    };
    time("no glossary");
    s.write("content/glossary.yaml", &glossary);
    time("500-term glossary");
    assert!(s
        .read("p0/page0/index.html")
        .contains("href=\"/glossary/#term-number-4-here\""));
}

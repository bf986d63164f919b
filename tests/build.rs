//! The build pipeline end to end: fixture sites built by the real binary, asserting on the HTML.

mod common;
use common::{page, snapshot, Fixture};

fn small_site() -> Fixture {
    Fixture::new(&[
        ("content/_index.md", &page("Home", "Welcome. Read [about SEN support](parents/sen-support.md#what-is-it).\n")),
        ("content/parents/_index.md", &page("For parents", "Guides for parents.\n")),
        (
            "content/parents/sen-support.md",
            "---\ntitle: SEN support\ndescription: What SEN support is.\nweight: 1\naliases: [/old/sen-support/]\n---\n## What is it?\n\nHelp in school.\n\n> [!TIP]\n> Ask the SENCO.\n\nSee [meetings](meetings.md) and [the glossary](/404.html).\n",
        ),
        ("content/parents/meetings.md", &page("Meetings", "## Before\n\nBack to [SEN support](sen-support.md).\n")),
        ("content/assets/leaflet.pdf", "%PDF-1.4"),
    ])
}

#[test]
fn builds_pretty_urls_and_site_files() {
    let site = small_site();
    let summary = site.build();
    assert!(summary.contains("Built 4 pages"), "{summary}");
    let html = site.read("parents/sen-support/index.html");
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("<h2 id=\"what-is-it\">What is it?</h2>"));
    assert!(html.contains("href=\"/parents/meetings/\""));
    assert!(html.contains("<div class=\"callout callout-tip\" role=\"note\">"));
    // The main navigation marks the section a page is in, and a section's own page.
    assert!(html.contains("<a href=\"/parents/\" aria-current=\"true\">For parents</a>"));
    assert!(site
        .read("parents/index.html")
        .contains("<a href=\"/parents/\" aria-current=\"page\">For parents</a>"));
    assert!(!site.read("index.html").contains("aria-current"));
    // Section listing in weight order, breadcrumbs.
    let section = site.read("parents/index.html");
    let (a, b) = (
        section.find("SEN support").unwrap(),
        section.find("Meetings").unwrap(),
    );
    assert!(
        b < a,
        "meetings (weight 0) is listed before SEN support (weight 1)"
    );
    let home = site.read("index.html");
    assert!(home.contains("href=\"/parents/sen-support/#what-is-it\""));
    // Site files.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example/parents/meetings/</loc>"));
    assert!(
        sitemap.contains("<loc>https://test.example/glossary/</loc>"),
        "the glossary page is listed too"
    );
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://test.example/sitemap.xml"));
    assert!(site.read("404.html").contains("Page not found"));
    let redirect = site.read("old/sen-support/index.html");
    assert!(redirect.contains("url=/parents/sen-support/"));
    assert!(site.out().join("assets/leaflet.pdf").is_file());
    assert!(site.out().join("css/site.css").is_file());
    assert!(site.read("feed.xml").contains("<feed"));
}

#[test]
fn broken_links_and_anchors_name_file_and_line() {
    let site = Fixture::new(&[
        ("content/_index.md", &page("Home", "Fine line.\n\nSee [gone](missing.md) here.\n\nAnd [bad anchor](other.md#nowhere).\n")),
        ("content/other.md", &page("Other", "## Somewhere\n")),
    ]);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    // Front matter is 5 lines; the body's third line is line 8 of the file.
    assert!(
        err.contains("error[links]: link to a missing page `missing.md`"),
        "{err}"
    );
    assert!(err.contains("--> content/_index.md:8:5"), "{err}");
    assert!(err.contains("8 | See [gone](missing.md) here."), "{err}");
    assert!(
        err.contains("there is no heading with the id `nowhere`"),
        "{err}"
    );
    assert!(err.contains("--> content/_index.md:10:5"), "{err}");
    assert!(err.contains("Build failed: 2 errors"), "{err}");
}

#[test]
fn errors_are_collected_across_the_site() {
    let site = Fixture::new(&[
        ("content/_index.md", &page("Home", "Hi.\n")),
        (
            "content/a.md",
            "---\ntitle: A\ndescription: a\ncolour: red\n---\n",
        ),
        ("content/b.md", "---\ntitle: B\n---\n"),
        ("content/c.md", "no front matter\n"),
    ]);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown field `colour`"), "{err}");
    assert!(err.contains("--> content/a.md:4:1"), "{err}");
    assert!(err.contains("missing field `description`"), "{err}");
    assert!(err.contains("content/b.md"), "{err}");
    assert!(err.contains("this page has no front matter"), "{err}");
    assert!(err.contains("Build failed: 3 errors"), "{err}");
}

#[test]
fn failed_build_leaves_old_output_intact() {
    let site = small_site();
    site.build();
    let before = snapshot(&site.out());
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "[broken](nope.md)\n"),
    );
    let (code, _, _) = site.run(&["build"]);
    assert_eq!(code, 1);
    assert_eq!(snapshot(&site.out()), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("senpack-"))
        // The lock file stays: deleting it would let two builds lock two different files.
        .filter(|e| !e.file_name().to_string_lossy().ends_with("senpack-lock"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A build of a 200-page site (many excerpt groups, so many rayon tasks) must write the same
/// bytes every time: built twice, into another folder, and on one thread or several. Anything
/// that depends on the order threads finish in (pages, search words, glossary uses, packs)
/// shows up here as a file that differs.
#[test]
fn builds_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::generated_site(dir.path());
    let build = |out: &str, env: &[(&str, &str)]| {
        let (code, _, err) = common::run_in(&root, &["build", "--out", out], env);
        assert_eq!(code, 0, "build into {out} failed:\n{err}");
        snapshot(&root.join(out))
    };
    let first = build("output", &[]);
    let pages = first
        .iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .count();
    assert!(pages >= 200, "only {pages} pages were built");
    let groups = first
        .iter()
        .filter(|(p, _)| p.starts_with("search/e/"))
        .count();
    assert!(
        groups >= 50,
        "only {groups} excerpt groups: the pages were not read in many parallel chunks"
    );
    common::assert_same_files(&first, &build("output", &[]), "built again");
    common::assert_same_files(&first, &build("second", &[]), "built into another folder");
    common::assert_same_files(
        &first,
        &build("one-thread", &[("RAYON_NUM_THREADS", "1")]),
        "built on one thread",
    );
    common::assert_same_files(
        &first,
        &build("six-threads", &[("RAYON_NUM_THREADS", "6")]),
        "built on six threads",
    );
}

#[test]
fn base_url_and_drafts_flags() {
    let site = small_site();
    site.write(
        "content/parents/draft.md",
        "---\ntitle: Draft\ndescription: d\ndraft: true\n---\nx\n",
    );
    let (code, _, err) = site.run(&["build", "--base-url", "https://la.example/send/"]);
    assert_eq!(code, 0, "{err}");
    assert!(site
        .read("index.html")
        .contains("href=\"/send/parents/sen-support/#what-is-it\""));
    assert!(!site.out().join("parents/draft/index.html").exists());
    let (code, _, _) = site.run(&["build", "--drafts"]);
    assert_eq!(code, 0);
    assert!(site.out().join("parents/draft/index.html").exists());
}

#[test]
fn bad_command_line_exits_2() {
    let site = small_site();
    let (code, _, _) = site.run(&["build", "--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, _, _) = site.run(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn missing_site_yaml_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read site.yaml"), "{err}");
    assert!(err.contains("senpack new"), "{err}");
}

#[test]
fn raw_html_is_sanitised_unless_trusted() {
    let body =
        "Hi.\n\n<script>alert(1)</script>\n\n<img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\">\n";
    let site = Fixture::new(&[("content/_index.md", &page("Home", body))]);
    site.build();
    let html = site.read("index.html");
    assert!(!html.contains("alert(1)"), "{html}");
    assert!(!html.contains("onerror"));
    let trusted = Fixture::new(&[
        (
            "site.yaml",
            &format!("{}trusted_html: true\n", common::SITE_YAML),
        ),
        ("content/_index.md", &page("Home", body)),
    ]);
    trusted.build();
    assert!(trusted
        .read("index.html")
        .contains("<script>alert(1)</script>"));
}

#[test]
fn step_route_marks_you_are_here() {
    let route = "---\ntitle: How to complain\ndescription: The route.\ntemplate: steps.html\nsteps:\n  - title: Talk to the teacher\n    who: Class teacher\n    what: Most worries end here.\n    time_limit: 5 school days\n    page: teacher.md\n  - title: Talk to the SENCO\n    page: senco.md\n---\nStart at step 1.\n";
    let site = Fixture::new(&[
        ("content/_index.md", &page("Home", "Hi.\n")),
        ("content/complaints/_index.md", route),
        (
            "content/complaints/teacher.md",
            &page("Teacher", "Talk first.\n"),
        ),
        (
            "content/complaints/senco.md",
            &page("SENCO", "Then the SENCO.\n"),
        ),
    ]);
    site.build();
    let html = site.read("complaints/index.html");
    assert!(html.contains("<ol class=\"steps\">"));
    assert!(html.contains("Step 1"));
    assert!(html.contains("5 school days"));
    assert!(html.contains("href=\"/complaints/teacher/\""));
    let step = site.read("complaints/senco/index.html");
    assert!(step.contains("aria-current=\"step\""), "{step}");
    assert!(step.contains("You are here"));
}

#[test]
fn check_reports_and_fails_on_errors() {
    let site = Fixture::new(&[(
        "content/_index.md",
        &page("Home", "[click here](missing.md)\n\n#### Deep\n"),
    )]);
    let (code, _, err) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(err.contains("error[links]"), "{err}");
    assert!(err.contains("warning[link-text]"), "{err}");
    assert!(err.contains("warning[headings]"), "{err}");
    let (_, out, _) = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"], 1);
}

#[test]
fn new_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mysite");
    let bin = env!("CARGO_BIN_EXE_senpack");
    let out = std::process::Command::new(bin)
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The scaffold is the shipped site, whose schools' reports have review dates: judged on
    // the fixed date, not the clock.
    let out = std::process::Command::new(bin)
        .args(["build", "--root"])
        .arg(&target)
        .env("SENPACK_TODAY", common::TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(target.join("output/index.html").is_file());
    // A second `new` into the same folder refuses.
    let again = std::process::Command::new(bin)
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

/// `-q` prints nothing but errors; a build whose output is not a terminal (a pipe, as here) gets
/// no progress bar and no terminal codes; one warning is "1 warning".
#[test]
fn quiet_prints_only_errors_and_a_pipe_gets_no_progress_bar() {
    let site = Fixture::new(&[
        ("content/_index.md", &page("Home", "Welcome.\n")),
        (
            "content/old.md",
            "---\ntitle: Old\ndescription: An old page.\nreviewed: 2020-01-01\n---\nText.\n",
        ),
    ]);
    let (code, out, err) = site.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Built 2 pages"), "{out}");
    assert!(err.contains("warning"), "{err}");
    for text in [&out, &err] {
        assert!(
            !text.contains('\r') && !text.contains('\u{1b}'),
            "terminal codes in {text:?}"
        );
    }
    let (code, out, err) = site.run(&["-q", "build"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((out.as_str(), err.as_str()), ("", ""), "-q prints nothing");
    let (_, _, err) = site.run(&["check"]);
    assert!(
        err.contains("0 errors, 1 warning\n") || err.ends_with("1 warning\n"),
        "{err}"
    );
    assert!(err.contains("Checked 2 pages"), "{err}");
    site.write(
        "content/broken.md",
        &page("Broken", "See [nowhere](missing.md).\n"),
    );
    let (code, out, err) = site.run(&["build", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.contains("error") && err.contains("content/broken.md"),
        "{err}"
    );
    assert!(!err.contains("warning"), "-q leaves warnings out: {err}");
}

//! The council's Local Offer duties seen from the command line: the shipped site answers every
//! Schedule 2 paragraph, and removing the page that answers one makes `check` name it (text,
//! JSON and the HTML report); events' iCalendar files parse back with an iCalendar crate and the
//! events join the Open Referral UK feed as schedules of their service; "You said, we did"
//! makes its pages, a page per year and an Atom feed; the feedback form follows site.yaml; the
//! banner shows between its dates.

mod common;
use common::Fixture;
use serde_json::Value;
use std::path::Path;

/// A copy of the shipped site (site.yaml, content/, the default theme) in a temp folder.
fn shipped() -> tempfile::TempDir {
    let repo = common::repo();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    dir
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn build(root: &Path) -> std::path::PathBuf {
    let (code, _, err) = common::run_in(root, &["build"], &[]);
    assert_eq!(code, 0, "{err}");
    root.join("output")
}

#[test]
fn the_shipped_site_answers_every_schedule_2_paragraph() {
    let site = shipped();
    let (code, out, err) = common::run_in(site.path(), &["check", "--format", "json"], &[]);
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    assert_eq!(report["errors"], 0, "{out}");
    assert_eq!(report["warnings"], 0, "{out}");
    let rows = report["local_offer"].as_array().expect("local_offer rows");
    assert_eq!(rows.len(), senpack::duties::schedule2::PARAGRAPHS.len());
    for row in rows {
        assert!(
            !row["answered_by"].as_array().unwrap().is_empty(),
            "{} unanswered",
            row["name"]
        );
    }
    let (_, _, text) = common::run_in(site.path(), &["check"], &[]);
    assert!(
        text.contains("Schedule 2: 23 of 23 paragraphs answered"),
        "{text}"
    );
    assert!(text.contains("paragraph 17 (Complaints"), "{text}");
}

#[test]
fn check_says_which_schedule_2_numbers_are_not_yet_checked_against_legislation() {
    let site = shipped();
    let report_file = site.path().join("report.html");
    let (code, out, err) = common::run_in(
        site.path(),
        &[
            "check",
            "--format",
            "json",
            "--report",
            report_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let unverified: Vec<&str> = report["local_offer"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["verified"] == false)
        .map(|r| r["number"].as_str().unwrap())
        .collect();
    assert_eq!(
        unverified,
        ["4", "6", "7", "8", "9", "10", "11", "12", "15", "17"]
    );
    let five_h = report["local_offer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == "5h")
        .unwrap();
    assert_eq!(five_h["verified"], true);
    let html = std::fs::read_to_string(&report_file).unwrap();
    assert!(
        html.contains("<th scope=\"col\">Number checked against legislation.gov.uk</th>"),
        "{html}"
    );
    assert!(html.contains(">paragraph 5(h)</a></th><td>What support is available</td><td>Yes</td>"));
    assert!(html.contains(">paragraph 17</a></th><td>Complaints, disagreement resolution, mediation and appeals</td><td>Not yet</td>"));
    // The text output's Schedule 2 list ends with the numbers to check and what to do.
    let (_, _, text) = common::run_in(site.path(), &["check"], &[]);
    let list: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Local Offer, SEND Regulations 2014 Schedule 2"))
        .take_while(|l| !l.starts_with("Checked "))
        .collect();
    assert_eq!(list.len(), 1 + 23 + 1, "{text}");
    assert_eq!(
        list.last().copied(),
        Some("Not yet checked against legislation.gov.uk: the numbers of paragraphs 4, 6, 7, 8, 9, 10, 11, 12, 15 and 17. Check them against https://www.legislation.gov.uk/uksi/2014/1530/schedule/2 before relying on this check.")
    );
}

#[test]
fn removing_the_page_that_answers_a_paragraph_makes_check_name_it() {
    let site = shipped();
    std::fs::remove_file(
        site.path()
            .join("content/parents/support-outside-anyshire.md"),
    )
    .unwrap();
    let report_file = site.path().join("report.html");
    let (code, out, err) = common::run_in(
        site.path(),
        &[
            "check",
            "--format",
            "json",
            "--report",
            report_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "a warning by default: {err}");
    let report = json(&out);
    let about: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "local-offer")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        about,
        vec!["no page answers Schedule 2 paragraph 2 (Provision expected outside the area) of the SEND Regulations 2014"]
    );
    let two = report["local_offer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == "2")
        .unwrap();
    assert!(two["answered_by"].as_array().unwrap().is_empty());
    let html = std::fs::read_to_string(&report_file).unwrap();
    assert!(html.contains("<a href=\"https://www.legislation.gov.uk/uksi/2014/1530/schedule/2/paragraph/2\">paragraph 2</a></th><td>Provision expected outside the area</td><td>Yes</td><td><strong class=\"above\">Not answered</strong>"), "{html}");
    // --strict fails on it, and so does `schedule2: error` in site.yaml.
    let (code, _, _) = common::run_in(site.path(), &["check", "--strict"], &[]);
    assert_eq!(code, 1);
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(
        site.path().join("site.yaml"),
        yaml.replace("schedule2: warning", "schedule2: error"),
    )
    .unwrap();
    let (code, _, err) = common::run_in(site.path(), &["check"], &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error[local-offer]: no page answers Schedule 2 paragraph 2"),
        "{err}"
    );
    let line = yaml.lines().position(|l| l == "local_offer:").unwrap() + 1;
    assert!(err.contains(&format!("--> site.yaml:{line}")), "{err}");
    assert!(
        err.contains("paragraph 2 (Provision expected outside the area): NOT ANSWERED"),
        "{err}"
    );
}

#[test]
fn event_calendars_parse_back_and_events_are_schedules_of_their_service() {
    let site = shipped();
    let out = build(site.path());
    let text = std::fs::read_to_string(out.join("events/events.ics")).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = cals.next().expect("one calendar").expect("it parses");
    assert_eq!(cal.events.len(), 7);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let coffee = cal
        .events
        .iter()
        .find(|e| prop(e, "UID") == "autism-coffee-morning@send.anyshire.example")
        .expect("the coffee morning");
    assert_eq!(prop(coffee, "DTSTART"), "20261209T100000");
    assert_eq!(
        prop(coffee, "SUMMARY"),
        "Coffee morning for parents of autistic children"
    );
    assert!(prop(coffee, "LOCATION").starts_with("Northbridge Library\\, 1 High Street"));
    assert_eq!(cal.timezones.len(), 1);
    for e in &cal.events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(!prop(e, required).is_empty(), "{required}");
        }
    }
    let one = std::fs::read_to_string(out.join("events/ehc-plans-workshop.ics")).unwrap();
    let cal = ical::IcalParser::new(std::io::BufReader::new(one.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 1);
    // The upcoming list and the archive by month.
    let list = std::fs::read_to_string(out.join("events/index.html")).unwrap();
    assert!(list.contains("href=\"/events/autism-coffee-morning/\""));
    assert!(
        !list.contains("href=\"/events/tribunal-talk/\""),
        "past events are archived"
    );
    let archive = std::fs::read_to_string(out.join("events/archive/index.html")).unwrap();
    let oct = archive.find(">October 2026</h2>").expect("October");
    let nov = archive.find(">November 2026</h2>").expect("November");
    assert!(nov < oct, "newest month first");
    // The feed: the SENDIASS service has its two events as dated schedules.
    let id = senpack::services::oruk::id("service/sendiass");
    let service = json(
        &std::fs::read_to_string(out.join(format!("api/services/{id}.json")))
            .unwrap_or_else(|e| panic!("{id}: {e}")),
    );
    let dated: Vec<&Value> = service["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["dtstart"].is_string())
        .collect();
    assert_eq!(dated.len(), 2, "{service}");
    assert!(dated.iter().any(|s| s["dtstart"] == "2027-01-14"
        && s["opens_at"] == "18:30:00"
        && s["schedule_link"] == "https://send.anyshire.example/events/ehc-plans-workshop/"));
}

#[test]
fn you_said_we_did_has_its_pages_a_page_per_year_and_a_feed() {
    let site = shipped();
    let out = build(site.path());
    let page = std::fs::read_to_string(out.join("you-said-we-did/index.html")).unwrap();
    let newest = page.find("10 November 2026").expect("newest entry");
    let older = page.find("15 September 2025").expect("oldest entry");
    assert!(newest < older, "newest first");
    assert!(page.contains("made-up example entries"));
    assert!(page.contains("href=\"/you-said-we-did/2025/\""));
    assert!(page.contains("href=\"/you-said-we-did/status/in-progress/\""));
    let year = std::fs::read_to_string(out.join("you-said-we-did/2025/index.html")).unwrap();
    assert!(
        year.contains("<li>Things families told us: 2</li>"),
        "{year}"
    );
    assert!(!year.contains("10 November 2026"));
    let not = std::fs::read_to_string(out.join("you-said-we-did/status/not-possible/index.html"))
        .unwrap();
    assert!(not.contains("There is no suitable building in Eastholme yet"));
    assert!(!not.contains("The forum now meets"));
    let feed = std::fs::read_to_string(out.join("you-said-we-did/feed.xml")).unwrap();
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
    ));
    assert_eq!(feed.matches("<entry>").count(), 9);
}

#[test]
fn a_stale_log_and_a_stuck_entry_are_warned_about() {
    let site = shipped();
    // A year and a half later, nothing new: the log is stale and the entry in progress is stuck.
    let (_, out, _) = common::run_in(
        site.path(),
        &["check", "--format", "json"],
        &[("SENPACK_TODAY", "2028-01-10")],
    );
    let report = json(&out);
    let about: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "said-we-did")
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(about.len(), 2, "{about:?}");
    assert!(
        about[0].0.contains("more than 12 months ago")
            || about[1].0.contains("more than 12 months ago")
    );
    assert!(
        about
            .iter()
            .any(|(m, line)| m.contains("\"in progress\" since 5 November 2026") && *line == 22),
        "{about:?}"
    );
}

const LO_SITE: &str = "title: Test site\ndescription: A test site.\nbase_url: https://test.example\nlocal_authority:\n  name: Testshire\n  send_team_email: send@test.example\n  send_team_phone: \"01234 000100\"\n  postal_address: \"County Hall, Testtown TE1 1ST\"\n";

#[test]
fn the_feedback_form_posts_to_feedback_action_or_opens_an_email() {
    let home = common::page(
        "Home",
        "Welcome to the site of the Testshire council. We help families.\n",
    );
    let none = Fixture::new(&[("site.yaml", LO_SITE), ("content/_index.md", &home)]);
    none.build();
    assert!(
        !none.read("index.html").contains("feedback-form"),
        "no form unless asked for"
    );
    let mailto = Fixture::new(&[
        (
            "site.yaml",
            &format!("{LO_SITE}feedback:\n  email: send@test.example\n"),
        ),
        ("content/_index.md", &home),
    ]);
    mailto.build();
    let html = mailto.read("index.html");
    assert!(
        html.contains("action=\"mailto:send@test.example\""),
        "{html}"
    );
    assert!(html.contains("name=\"subject\" value=\"Feedback on the Local Offer. Page useful? Yes: Home (https://test.example/)\""));
    let posting = Fixture::new(&[
        (
            "site.yaml",
            &format!("{LO_SITE}feedback:\n  action: \"https://forms.test.example/feedback\"\n"),
        ),
        ("content/_index.md", &home),
    ]);
    posting.build();
    let html = posting.read("index.html");
    assert!(html.contains("method=\"post\" action=\"https://forms.test.example/feedback\""));
    assert!(
        html.contains("<input type=\"hidden\" name=\"page_url\" value=\"https://test.example/\">")
    );
    assert!(html.contains("anonymous unless you add your name"));
    let bad = Fixture::new(&[
        (
            "site.yaml",
            &format!("{LO_SITE}feedback:\n  action: \"http://forms.test.example/\"\n"),
        ),
        ("content/_index.md", &home),
    ]);
    let (code, _, err) = bad.run(&["build"]);
    assert_eq!(code, 1);
    assert!(err.contains("site.yaml:10"), "{err}");
    assert!(
        err.contains("feedback.action `http://forms.test.example/` is not an https:// address"),
        "{err}"
    );
}

#[test]
fn the_banner_shows_between_its_dates_and_an_expired_one_is_a_warning() {
    let home = common::page(
        "Home",
        "Welcome to the site of the Testshire council. We help families.\n",
    );
    let yaml = format!("{LO_SITE}announcements:\n  - text: \"Office closed on Friday\"\n    from: 2026-11-20\n    to: 2026-11-30\n  - text: \"Old news\"\n    from: 2026-01-01\n    to: 2026-01-31\n");
    let f = Fixture::new(&[("site.yaml", &yaml), ("content/_index.md", &home)]);
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the announcement \"Old news\" ended on 31 January 2026"),
        "{err}"
    );
    let html = f.read("index.html");
    assert!(html.contains("Office closed on Friday"));
    assert!(!html.contains("Old news"));
    let (_, _, _) = common::run_in(f.root(), &["build"], &[("SENPACK_TODAY", "2026-12-01")]);
    assert!(!f.read("index.html").contains("Office closed on Friday"));
}

#[test]
fn a_local_offer_page_without_the_statement_link_and_bad_events_are_reported() {
    let home = common::page(
        "Home",
        "Welcome to the site of the Testshire council. We help families.\n",
    );
    let yaml = format!("{LO_SITE}local_offer:\n  accessibility_statement: about/missing.md\n");
    let f = Fixture::new(&[
        ("site.yaml", &yaml),
        ("content/_index.md", &home),
        ("content/events/bad.yaml", "title: A talk\nstart: 2026-12-01 10:00\nend: 2026-12-01 09:00\nonline: true\nwho: Parents\ncost: Free\nbooking:\n  note: Just come\ndescription: Talk.\nservice: nope\n"),
    ]);
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 1);
    assert!(err.contains("`local_offer.accessibility_statement` names `about/missing.md`, which is not a page of this site"), "{err}");
    assert!(err.contains("content/events/bad.yaml:3"), "{err}");
    assert!(
        err.contains("the event ends (2026-12-01 09:00) before it starts (2026-12-01 10:00)"),
        "{err}"
    );
}

#[test]
fn a_local_offer_page_that_does_not_link_the_accessibility_statement_is_named() {
    let home = common::page(
        "Home",
        "Welcome to the site of the Testshire council. We help families.\n",
    );
    let statement = common::page(
        "Accessibility statement",
        "How accessible this site is, and how to tell us about a problem.\n",
    );
    let yaml = format!("{LO_SITE}local_offer: {{}}\n");
    let f = Fixture::new(&[
        ("site.yaml", &yaml),
        ("content/_index.md", &home),
        (
            "content/about/_index.md",
            &common::page("About", "About this site and how it is run.\n"),
        ),
        ("content/about/accessibility.md", &statement),
    ]);
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("does not link the accessibility statement"),
        "{err}"
    );
    // A theme whose footer leaves the link out.
    f.write(
        "themes/default/templates/site/footer.html",
        "<footer></footer>\n",
    );
    let (_, _, err) = f.run(&["check"]);
    assert!(
        err.contains("warning[local-offer]: the page / does not link the accessibility statement"),
        "{err}"
    );
    assert!(err.contains("--> content/_index.md"), "{err}");
}

#[test]
fn made_pages_show_only_the_dates_their_files_give_and_review_checks_leave_them_alone() {
    let site = shipped();
    let events = site.path().join("content/events");
    let add = |file: &str, line: &str| -> usize {
        let path = events.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}{line}\n")).unwrap();
        text.lines().count() + 1
    };
    // The coffee morning (9 December 2026) was checked recently; the workshop (14 January
    // 2027) over a year before the build's date, 25 November 2026.
    add("autism-coffee-morning.yaml", "reviewed: 2026-10-01");
    let workshop_line = add("ehc-plans-workshop.yaml", "reviewed: 2025-10-01");
    let out = build(site.path());
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let coffee = read("events/autism-coffee-morning/index.html");
    assert!(
        coffee.contains(
            "<dt>Last reviewed</dt><dd><time datetime=\"2026-10-01\">1 October 2026</time>"
        ),
        "{coffee}"
    );
    for page in [
        "events/moving-to-secondary-evening/index.html",
        "events/index.html",
        "events/archive/index.html",
    ] {
        let html = read(page);
        assert!(!html.contains("Last reviewed"), "{page} claims a review");
        assert!(!html.contains("review-dates"), "{page}");
    }
    let log = read("you-said-we-did/index.html");
    assert!(
        log.contains(
            "<dt>Last updated</dt><dd><time datetime=\"2026-11-10\">10 November 2026</time>"
        ),
        "{log}"
    );
    assert!(!log.contains("Last reviewed"), "{log}");
    let year = read("you-said-we-did/2025/index.html");
    assert!(
        year.contains(
            "<dt>Last updated</dt><dd><time datetime=\"2025-11-04\">4 November 2025</time>"
        ),
        "{year}"
    );
    let in_progress = read("you-said-we-did/status/in-progress/index.html");
    assert!(
        in_progress.contains("<dt>Last updated</dt><dd><time datetime=\"2026-11-05\">"),
        "the entry's latest change: {in_progress}"
    );
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("/you-said-we-did/2025/</loc><lastmod>2025-11-04</lastmod>"));
    // `check`: the workshop is past its review date, at its `reviewed:` line; nothing else
    // the duties make is held to a review date.
    let reviews = |today: &str| -> Vec<String> {
        let (_, out, _) = common::run_in(
            site.path(),
            &["check", "--format", "json"],
            &[("SENPACK_TODAY", today)],
        );
        json(&out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "review")
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d["file"].as_str().unwrap(),
                    d["line"],
                    d["message"].as_str().unwrap()
                )
            })
            .filter(|d| d.contains("events") || d.contains("you-said-we-did"))
            .collect()
    };
    assert_eq!(
        reviews(common::TODAY),
        [format!(
            "content/events/ehc-plans-workshop.yaml:{workshop_line} this page was due for review on 1 October 2026"
        )]
    );
    // Once every event is over, none is held to its review date.
    assert_eq!(reviews("2028-01-10"), Vec::<String>::new());
    let (_, out, _) = common::run_in(
        site.path(),
        &["check", "--format", "json"],
        &[("SENPACK_TODAY", "2028-01-10")],
    );
    let pages = json(&out);
    let overdue: Vec<&str> = pages["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["overdue"] == true)
        .map(|p| p["file"].as_str().unwrap())
        .filter(|f| f.contains("events") || f.contains("you-said-we-did"))
        .collect();
    assert!(overdue.is_empty(), "{overdue:?}");
}

#[test]
fn feed_ids_survive_a_new_entry_at_the_top_and_two_alike_are_an_error() {
    let site = shipped();
    let ids = |root: &Path| -> Vec<String> {
        let feed = std::fs::read_to_string(build(root).join("you-said-we-did/feed.xml")).unwrap();
        feed.split("<entry>")
            .skip(1)
            .map(|e| e[e.find("<id>").unwrap() + 4..e.find("</id>").unwrap()].to_string())
            .collect()
    };
    let before = ids(site.path());
    assert_eq!(before.len(), 9);
    assert!(
        before.contains(&"tag:send.anyshire.example,2026-11-10:you-said-we-did/the-website-uses-too-many-letters-like-ehcp-and-salt-it-is".to_string()),
        "{before:?}"
    );
    let file = site.path().join("content/you-said-we-did.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let newest = "  - date: 2026-11-20\n    you_said: \"Please put the dates of events in the newsletter.\"\n    we_did: \"We will.\"\n    who: \"Local Offer team\"\n    status: in-progress\n";
    std::fs::write(
        &file,
        yaml.replacen("entries:\n", &format!("entries:\n{newest}"), 1),
    )
    .unwrap();
    let after = ids(site.path());
    assert_eq!(after.len(), 10);
    assert!(
        before.iter().all(|id| after.contains(id)),
        "{before:?}\n{after:?}"
    );
    // The same words on the same day again: an error at the second entry, asking for `id:`.
    let twice = yaml.replacen("entries:\n", &format!("entries:\n{newest}{newest}"), 1);
    std::fs::write(&file, &twice).unwrap();
    let (code, _, err) = common::run_in(site.path(), &["check"], &[]);
    assert_eq!(code, 1, "{err}");
    let second = twice
        .lines()
        .position(|l| l.contains("2026-11-20"))
        .unwrap()
        + 6;
    assert!(
        err.contains(&format!("--> content/you-said-we-did.yaml:{second}")),
        "{err}"
    );
    assert!(err.contains("would have the same feed id"), "{err}");
    assert!(err.contains("add `id:`"), "{err}");
}

#[test]
fn problems_in_an_events_markdown_are_reported_in_its_file() {
    let home = common::page(
        "Home",
        "Welcome to the site of the Testshire council. We help families.\n",
    );
    let event = "title: A talk\nstart: 2026-12-01 10:00\nend: 2026-12-01 11:00\nonline: true\nwho: Parents\ncost: Free\nbooking:\n  note: Just come\ndescription: |\n  A talk about EHC plans.\n  To book, [click here](https://forms.test.example/talk).\n";
    let f = Fixture::new(&[
        ("site.yaml", LO_SITE),
        ("content/_index.md", &home),
        ("content/events/talk.yaml", event),
    ]);
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the link text \"click here\" does not say where it goes"),
        "{err}"
    );
    assert!(err.contains("--> content/events/talk.yaml:11:12"), "{err}");
}

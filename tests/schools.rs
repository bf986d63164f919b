//! Schools end to end: school facts validation, school pages with escaped facts, the SEN
//! information report and its check, the complaint route per school, the Local Offer list with
//! filters that work without JavaScript, single-school mode and the parent information pack.

mod common;
use common::{page, report_answers, Fixture, COUNCIL_SITE_YAML};

/// A complete, valid school file.
fn school(name: &str, urn: &str, phase: &str, area: &str, needs: &str) -> String {
    let report = report_answers(|k| format!("\"Our answer about {k}. Ask Anyshire SENDIASS.\""));
    format!(
        "name: \"{name}\"\nurn: \"{urn}\"\nphase: {phase}\ntype: \"Community school\"\narea: \"{area}\"\naddress: \"1 School Lane\"\npostcode: \"AB1 2CD\"\nphone: \"01234 567890\"\nemail: \"office@school.example\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@school.example\"\n  phone: \"01234 567891\"\n  available: \"Mondays\"\nsen_governor: {{ name: \"Mrs C Governor\" }}\nchair_of_governors: {{ name: \"Mr D Chair\", contact: \"Write to the school\" }}\nreply_within: \"5 school days\"\nneeds: [{needs}]\nreport:\n  reviewed: 2026-09-01\n{report}"
    )
}

const SITE: &str = COUNCIL_SITE_YAML;

fn fm(title: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndescription: \"About {title}.\"\n{extra}---\n")
}

/// Two schools, four school pages, a complaint route and a guide.
fn site() -> Fixture {
    Fixture::new(&[
        ("site.yaml", SITE),
        ("content/_index.md", &page("Home", "See [all schools](/schools/) and [primaries](/schools/phase/primary/).\n")),
        ("content/guide.md", &page("A guide", "## First part\n\nRead [the other](#first-part) and [complaints](complaints/_index.md).\n")),
        (
            "content/complaints/_index.md",
            &fm("How to complain", "template: steps.html\nsteps:\n  - title: Talk to the class teacher\n  - title: Talk to the SENCO\n    page: senco.md\n  - title: Talk to the headteacher\n  - title: Complain to the governors\n  - title: Go to the council\n  - title: Appeal to the tribunal\n"),
        ),
        ("content/complaints/senco.md", &page("The SENCO step", "Detail.\n")),
        ("content/schools/oak-primary.yaml", &school("Oak Primary", "100001", "primary", "Northbridge", "cognition-and-learning")),
        ("content/schools/elm-high.yaml", &school("Elm High", "100002", "secondary", "South Vale", "sensory-and-physical, cognition-and-learning")),
        ("content/school-pages/_index.md", &fm("Welcome", "") ),
        ("content/school-pages/sen-information-report.md", &fm("SEN information report", "template: sen-report.html\n")),
        ("content/school-pages/raising-a-concern.md", &fm("Raising a concern", "")),
        (
            "content/school-pages/contact.md",
            &(fm("Contact", "") + "## Our SENCO\n\nEmail [{{ school.senco.name }}](mailto:{{ school.senco.email }}).\n{% if school.phase == \"secondary\" %}We are a secondary school.{% endif %}\n{% for n in school.needs %}- need: {{ n }}\n{% endfor %}\nWrite {{ \"{{\" }} like this. Council: {{ site.local_authority.name }}.\n\nSee [the report](sen-information-report.md) and [the guide](../guide.md).\n"),
        ),
    ])
}

#[test]
fn school_pages_are_made_per_school_with_facts() {
    let s = site();
    s.build();
    assert!(
        s.read("schools/oak-primary/contact/index.html")
            .contains("/css/schools.css"),
        "school pages load the schools stylesheet"
    );
    assert!(!s.read("guide/index.html").contains("/css/schools.css"));
    let oak = school(
        "Oak Primary",
        "100001",
        "primary",
        "Northbridge",
        "cognition-and-learning",
    );
    s.write(
        "content/schools/oak-primary.yaml",
        &format!("example: true\n{oak}"),
    );
    s.build();
    let example = "This is an example school.";
    assert!(
        s.read("schools/oak-primary/contact/index.html")
            .contains(example),
        "every page of an example school says so"
    );
    assert!(!s
        .read("schools/elm-high/contact/index.html")
        .contains(example));
    let oak = s.read("schools/oak-primary/contact/index.html");
    assert!(
        oak.contains("<a href=\"mailto:senco@school.example\">Mr B Senco</a>"),
        "{oak}"
    );
    assert!(
        oak.contains("Write {{ like this. Council: Anyshire County Council."),
        "{oak}"
    );
    assert!(oak.contains("<li>need: cognition-and-learning</li>"));
    assert!(!oak.contains("secondary school"));
    assert!(
        oak.contains("href=\"/schools/oak-primary/sen-information-report/\""),
        "links resolve per school"
    );
    assert!(oak.contains("href=\"/guide/\""));
    let elm = s.read("schools/elm-high/contact/index.html");
    assert!(elm.contains("We are a secondary school."));
    assert!(elm.contains("href=\"/schools/elm-high/sen-information-report/\""));
    let home = s.read("schools/oak-primary/index.html");
    for link in [
        "/schools/oak-primary/contact/",
        "/schools/oak-primary/sen-information-report/",
        "/schools/oak-primary/pack/",
    ] {
        assert!(
            home.contains(&format!("href=\"{link}\"")),
            "the school's home lists {link}"
        );
    }
    assert!(home.contains("<dd>Northbridge</dd>"));
}

#[test]
fn facts_are_escaped_and_cannot_inject_html() {
    let s = site();
    s.write(
        "content/schools/oak-primary.yaml",
        &school(
            "Oak <script>alert(1)</script> [x](javascript:alert(1)) *bold*",
            "100001",
            "primary",
            "Northbridge",
            "cognition-and-learning",
        ),
    );
    s.write(
        "content/school-pages/_index.md",
        &(fm("Welcome", "") + "Welcome to {{ school.name }}.\n\n# {{ school.name }}\n"),
    );
    s.build();
    let home = s.read("schools/oak-primary/index.html");
    let body = &home[home.find("<main").unwrap()..];
    assert!(!body.contains("<script>"), "{body}");
    assert!(!body.contains("href=\"javascript"), "{body}");
    assert!(!body.contains("<em>bold"));
    assert!(
        body.contains(
            "Welcome to Oak &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) *bold*."
        ),
        "{body}"
    );
    let list = s.read("schools/index.html");
    assert!(
        !list.contains("<script>alert"),
        "the list escapes facts too"
    );
}

#[test]
fn untrusted_school_pages_lose_scripts_and_handlers() {
    let s = site();
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "Hello <script>alert(1)</script>\n\n<img src=\"x.png\" alt=\"x\" onerror=\"alert(2)\">\n"),
    );
    s.build();
    let html = s.read("schools/oak-primary/contact/index.html");
    let body = &html[html.find("<main").unwrap()..];
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("onerror"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(body.contains("Hello"));
}

#[test]
fn invalid_facts_name_file_line_field_and_fix_for_every_school() {
    let s = site();
    let oak = school(
        "Oak Primary",
        "12345",
        "primary",
        "Northbridge",
        "cognition-and-learning",
    )
    .replace("senco@school.example", "senco at school")
    .replace("01234 567891", "555")
    .replace(
        "area: \"Northbridge\"\n",
        "area: \"Northbridge\"\ncolour: green\nbranding: { accent: \"#ffcc00\" }\n",
    );
    s.write("content/schools/oak-primary.yaml", &oak);
    let elm = school("Elm High", "100002", "middle", "South Vale", "autism");
    s.write(
        "content/schools/elm-high.yaml",
        &elm.replace("type: \"Community school\"\n", ""),
    );
    s.write(
        "content/schools/Bad_Name.yaml",
        &school("Bad", "100003", "primary", "X", "cognition-and-learning"),
    );
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 1);
    let expect = [
        (
            "content/schools/oak-primary.yaml:2",
            "the URN `12345` is not 6 digits",
        ),
        (
            "content/schools/oak-primary.yaml:6",
            "unknown field `colour`",
        ),
        (
            "content/schools/oak-primary.yaml:7",
            "has a contrast of 1.51:1 with white",
        ),
        (
            "content/schools/oak-primary.yaml:15",
            "`senco.email` is not an email address",
        ),
        (
            "content/schools/oak-primary.yaml:16",
            "`senco.phone` is not a UK phone number",
        ),
        (
            "content/schools/elm-high.yaml:1",
            "the field `type` is missing",
        ),
        (
            "content/schools/Bad_Name.yaml",
            "cannot be a school's web address",
        ),
    ];
    for (place, message) in expect {
        let at = err
            .find(message)
            .unwrap_or_else(|| panic!("no `{message}` in:\n{err}"));
        assert!(
            err[at..]
                .split("\n\n")
                .next()
                .unwrap()
                .contains(&format!("--> {place}")),
            "{message} at {place}:\n{err}"
        );
    }
    assert!(err.contains(
        "help: remove it or fix its spelling; the fields allowed here are: name, example, urn"
    ));
    assert!(err.contains("help: add `type:` at the start of a line"));
    // Elm's unknown phase is read once its missing field is fixed.
    s.write("content/schools/elm-high.yaml", &elm);
    let (_, _, err) = s.run(&["check"]);
    assert!(err.contains("unknown variant `middle`"), "{err}");
    assert!(
        err.contains("use one of: nursery, primary, secondary, all-through, special, post-16"),
        "{err}"
    );
}

#[test]
fn unknown_need_is_reported_with_the_allowed_words() {
    let s = site();
    s.write(
        "content/schools/elm-high.yaml",
        &school("Elm High", "100002", "secondary", "South Vale", "autism"),
    );
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`autism` is not one of the four areas of need"),
        "{err}"
    );
    assert!(
        err.contains("--> content/schools/elm-high.yaml:19"),
        "{err}"
    );
    assert!(err.contains("communication-and-interaction, cognition-and-learning"));
}

#[test]
fn a_missing_fact_names_page_line_and_school() {
    let s = site();
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "Line one.\n\nAsk {{ school.senco.nmae }}.\n"),
    );
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1);
    assert!(err.contains("`school.senco.nmae` is not among the facts of 2 schools: Elm High (content/schools/elm-high.yaml), Oak Primary (content/schools/oak-primary.yaml)"), "{err}");
    assert!(
        err.contains("--> content/school-pages/contact.md:7"),
        "{err}"
    );
    assert!(
        err.contains("the facts here are: available, email, name, phone"),
        "{err}"
    );
}

#[test]
fn sen_report_lists_items_in_order_with_senco_and_review_dates() {
    let s = site();
    s.build();
    let html = s.read("schools/oak-primary/sen-information-report/index.html");
    let ids = [
        "item-1",
        "item-2",
        "item-3a",
        "item-3g",
        "item-4",
        "item-12",
        "item-13",
        "disabled-pupils",
        "item-admissions",
        "item-accessibilityplan",
    ];
    let mut last = 0;
    for id in ids {
        let at = html
            .find(&format!("<h2 id=\"{id}\""))
            .or_else(|| html.find(&format!("<h3 id=\"{id}\"")))
            .unwrap_or_else(|| panic!("no {id}"));
        assert!(at > last, "{id} is in order");
        last = at;
    }
    let item4 = &html[html.find("id=\"item-4\"").unwrap()..html.find("id=\"item-5\"").unwrap()];
    assert!(item4.contains("Who is the SENCO, and how can I contact them?"));
    assert!(
        item4.contains("Mr B Senco<br><a href=\"mailto:senco@school.example\">"),
        "{item4}"
    );
    assert!(html.contains("Schedule 1, item 3(a)"));
    assert!(html.contains(
        "<dt>Last reviewed</dt><dd><time datetime=\"2026-09-01\">1 September 2026</time>"
    ));
    assert!(html.contains("<time datetime=\"2027-09-01\">1 September 2027</time>"));
}

#[test]
fn check_lists_missing_items_by_number_and_stale_reports() {
    let s = site();
    let oak = school("Oak Primary", "100001", "primary", "Northbridge", "cognition-and-learning")
        .replace("  evaluating_provision: \"Our answer about evaluating_provision. Ask Anyshire SENDIASS.\"\n", "  evaluating_provision: \"\"\n")
        .replace("  transitions: \"Our answer about transitions. Ask Anyshire SENDIASS.\"\n", "")
        .replace("  admissions: \"Our answer about admissions. Ask Anyshire SENDIASS.\"\n", "");
    s.write("content/schools/oak-primary.yaml", &oak);
    s.write(
        "content/schools/elm-high.yaml",
        &school(
            "Elm High",
            "100002",
            "secondary",
            "South Vale",
            "cognition-and-learning",
        )
        .replace("reviewed: 2026-09-01", "reviewed: 2025-10-01"),
    );
    let (code, _, err) = s.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Oak Primary's SEN information report has nothing for Schedule 1 item 3(a)"),
        "{err}"
    );
    assert!(
        err.contains("Oak Primary's SEN information report has nothing for Schedule 1 item 12"),
        "{err}"
    );
    assert!(
        err.contains("nothing for the Equality Act item \"admissions\""),
        "{err}"
    );
    assert!(err.contains("Elm High's SEN information report was last reviewed on 2025-10-01, more than 12 months ago"), "{err}");
    assert!(err.contains("SEND Code of Practice 6.79"));
    assert!(!err.contains("item 3(b)"), "answered items are not listed");
    assert!(
        err.contains(
            "  elm-high: 1 problem in the SEN information report\n  oak-primary: 3 problems"
        ),
        "{err}"
    );
    let json = s.run(&["check", "--format", "json"]).1;
    assert!(json.contains("\"code\": \"sen-report\""));
}

#[test]
fn complaint_route_shows_this_schools_people() {
    let s = site();
    s.build();
    let html = s.read("schools/elm-high/raising-a-concern/index.html");
    let step = |n: usize| {
        let start = html
            .find(&format!("Step {n}:"))
            .unwrap_or_else(|| panic!("no step {n}:\n{html}"));
        let end = html[start..].find("</li>").unwrap() + start;
        html[start..end].to_string()
    };
    assert!(!step(1).contains("step-contact"));
    assert!(step(2).contains("SENCO: Mr B Senco"), "{}", step(2));
    assert!(step(2).contains("mailto:senco@school.example"));
    assert!(step(3).contains("Headteacher: Ms A Head"));
    assert!(step(3).contains("SEN governor: Mrs C Governor"));
    assert!(step(4).contains("Chair of governors: Mr D Chair"));
    assert!(step(5).contains("Local authority: Anyshire County Council"));
    assert!(step(5).contains("https://anyshire.example/complaints"));
    assert!(
        !step(6).contains("step-contact"),
        "national bodies have no school contact"
    );
    // The shared route stays general on a council site.
    assert!(!s.read("complaints/index.html").contains("Mr B Senco"));
}

#[test]
fn local_offer_list_filters_without_javascript_and_feed() {
    let s = site();
    s.build();
    let list = s.read("schools/index.html");
    assert!(list.contains("href=\"/schools/oak-primary/\">Oak Primary</a>"));
    assert!(list.contains("href=\"/schools/elm-high/\">Elm High</a>"));
    for f in [
        "/schools/phase/primary/",
        "/schools/phase/secondary/",
        "/schools/area/northbridge/",
        "/schools/area/south-vale/",
        "/schools/need/sensory-and-physical/",
    ] {
        assert!(
            list.contains(&format!("href=\"{f}\"")),
            "the list links {f}"
        );
    }
    assert!(list.contains("<script src=\"/js/schools.js\" defer>"));
    let primary = s.read("schools/phase/primary/index.html");
    assert!(primary.contains("Oak Primary") && !primary.contains("Elm High"));
    let need = s.read("schools/need/sensory-and-physical/index.html");
    assert!(need.contains("Elm High") && !need.contains("Oak Primary"));
    let area = s.read("schools/area/northbridge/index.html");
    assert!(area.contains("aria-current=\"page\">Northbridge (1)"));
    let home = s.read("index.html");
    assert!(
        home.contains("href=\"/schools/\"") && home.contains("href=\"/schools/phase/primary/\"")
    );
    assert!(s.out().join("js/schools.js").is_file());
    // The old feed's address points to the Open Referral UK feed, where schools are services.
    let pointer: serde_json::Value = serde_json::from_str(&s.read("schools/feed.json")).unwrap();
    assert_eq!(
        pointer["url"],
        "https://test.example/api/services/index.json"
    );
    let page: serde_json::Value = serde_json::from_str(&s.read("api/services/index.json")).unwrap();
    let items = page["contents"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Elm High", "Oak Primary"]);
    assert_eq!(page["total_items"], 2);
    let full = |item: &serde_json::Value| -> serde_json::Value {
        let id = item["id"].as_str().unwrap();
        serde_json::from_str(&s.read(&format!("api/services/{id}.json"))).unwrap()
    };
    let elm = full(&items[0]);
    let urn = &elm["organization"]["organization_identifiers"][0];
    assert_eq!(
        (&urn["identifier_type"], &urn["identifier"]),
        (&"URN".into(), &"100002".into())
    );
    let oak = full(&items[1]);
    assert_eq!(oak["contacts"][0]["email"], "senco@school.example");
    assert_eq!(
        oak["service_at_locations"][0]["location"]["addresses"][0]["postal_code"],
        "AB1 2CD"
    );
    assert_eq!(oak["url"], "https://test.example/schools/oak-primary/");
    assert_eq!(
        oak["attributes"][0]["taxonomy_term"]["term"],
        "education-settings"
    );
}

#[test]
fn single_school_mode_puts_the_school_at_the_root() {
    let s = site();
    let oak = school(
        "Oak Primary",
        "100001",
        "primary",
        "Northbridge",
        "cognition-and-learning",
    )
    .replace(
        "reply_within:",
        "branding: { accent: \"#1d5f8a\", logo: \"assets/oak.svg\" }\nreply_within:",
    );
    s.write("content/schools/oak-primary.yaml", &oak);
    s.write(
        "content/assets/oak.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    s.write("content/_index.md", &page("Home", "Council home.\n"));
    s.write(
        "content/guide.md",
        &page("A guide", "## First part\n\nBack [home](_index.md).\n"),
    );
    let (code, _, err) = s.run(&["build", "--school", "oak-primary"]);
    assert_eq!(code, 0, "{err}");
    let home = s.read("index.html");
    assert!(home.contains("<title>Oak Primary</title>"), "{home}");
    assert!(home.contains(
        "class=\"site-title\" href=\"/\"><img class=\"site-logo\" src=\"/assets/oak.svg\""
    ));
    assert!(home.contains("--brand-accent: #1d5f8a"));
    assert!(!home.contains("Council home."));
    assert!(home.contains("href=\"/sen-information-report/\""));
    let report = s.read("sen-information-report/index.html");
    assert!(report.contains("Who is the SENCO"));
    let guide = s.read("guide/index.html");
    assert!(guide.contains("A guide"), "shared guides are included");
    assert!(
        guide.contains("Back <a href=\"/\">home</a>"),
        "links to the shared home go to the school's"
    );
    assert!(s
        .read("contact/index.html")
        .contains("href=\"/sen-information-report/\""));
    assert!(s.read("pack/index.html").contains("Oak Primary"));
    assert!(!s.out().join("schools/elm-high").exists());
    // In single-school mode the shared route shows the school's people too.
    assert!(s
        .read("complaints/index.html")
        .contains("SENCO: Mr B Senco"));
    let (code, _, err) = s.run(&["build", "--school", "ash"]);
    assert_eq!(code, 1);
    assert!(err.contains("there is no school `ash`"), "{err}");
    assert!(
        err.contains("use one of the schools in content/schools/: elm-high, oak-primary"),
        "{err}"
    );
}

#[test]
fn pack_has_cover_contents_pages_and_print_css() {
    let s = site();
    s.build();
    let pack = s.read("schools/oak-primary/pack/index.html");
    let main = &pack[pack.find("<main").unwrap()..];
    assert!(main.contains("<h1 id=\"pack-title\">Oak Primary</h1>"));
    assert!(main.contains("Mr B Senco<br><a href=\"mailto:senco@school.example\">senco@school.example</a><br><a href=\"tel:+441234567891\">01234 567891</a>"), "{main}");
    assert!(
        main.contains(
            "<li><a href=\"#part-1\">A guide</a></li><li><a href=\"#part-2\">Contact</a></li>"
        ),
        "{main}"
    );
    assert!(
        main.contains("<h3 id=\"part-1-first-part\">"),
        "heading ids are made unique per part"
    );
    assert!(main.contains("href=\"#part-1-first-part\""));
    assert!(
        main.contains("href=\"https://test.example/complaints/\""),
        "site links become full addresses"
    );
    assert!(
        main.contains("mailto:senco@school.example\">Mr B Senco"),
        "the school's own page, with its facts"
    );
    assert!(pack.contains("/css/pack.css"));
    let css = std::fs::read_to_string(s.out().join("css/pack.css")).unwrap();
    assert!(
        css.contains("size: A4")
            && css.contains("break-before: page")
            && css.contains("attr(href)")
    );
    // A pack entry that is not a page is an error in site.yaml at its line.
    s.write(
        "site.yaml",
        &SITE.replace("  - guide.md\n", "  - guide.md\n  - gone.md\n"),
    );
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the pack lists `gone.md`, which is not a page"),
        "{err}"
    );
    assert!(err.contains("--> site.yaml:12"), "{err}");
}

#[test]
fn a_pack_entry_is_named_at_its_own_line_not_at_a_longer_one_holding_it() {
    // `pages/contact.md` is not a page; the line above holds it inside `school-pages/contact.md`.
    let s = site();
    s.write("site.yaml", &format!("{SITE}  - pages/contact.md\n"));
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error[pack]: the pack lists `pages/contact.md`, which is not a page (looked for content/pages/contact.md)\n  --> site.yaml:13\n"),
        "{err}"
    );
}

#[test]
fn pack_ids_are_unique_and_every_id_reference_points_at_one() {
    let s = site();
    s.write(
        "content/glossary.yaml",
        "- term: Special educational needs coordinator\n  abbr: SENCO\n  definition: \"The teacher who leads on SEN in a school.\"\n- term: Class teacher\n  definition: \"The teacher of a class.\"\n",
    );
    s.write(
        "content/guide.md",
        &page(
            "A guide",
            "## First part\n\nAsk the SENCO or the class teacher.\n",
        ),
    );
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "Talk to the class teacher or the SENCO.\n"),
    );
    s.build();
    let pack = s.read("schools/oak-primary/pack/index.html");
    let ids = attr_values(&pack, " id=\"");
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    // Both parts use glossary terms, so each part has its own definitions.
    let refs = attr_values(&pack, " aria-describedby=\"");
    assert!(refs.len() >= 2, "{pack}");
    assert!(
        refs.iter().any(|r| r.starts_with("part-1-gl-def-")),
        "{refs:?}"
    );
    assert!(
        refs.iter().any(|r| r.starts_with("part-2-gl-def-")),
        "{refs:?}"
    );
    for r in refs {
        assert!(
            unique.contains(r),
            "aria-describedby=\"{r}\" names no element"
        );
    }
}

/// Raw HTML and footnotes in a pack page get the part's ids too (made before the school page is
/// cleaned, so the cleaner keeps them), and text that only looks like an attribute is left alone.
#[test]
fn pack_raw_html_and_footnotes_get_the_parts_ids() {
    let s = site();
    s.write(
        "content/guide.md",
        &page(
            "A guide",
            "## First part\n\nA note[^n] and id=\"literal\" text.\n\n<div id=\"box\" aria-labelledby=\"t\">\n<h2 id=\"t\">Raw</h2>\n<a href=\"#t\">up</a>\n</div>\n\n[^n]: The note.\n",
        ),
    );
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "## Ask\n\n<span id=\"who\" aria-describedby=\"who\">Us</span> <p id=\"main\">x</p>\n"),
    );
    s.build();
    let pack = s.read("schools/oak-primary/pack/index.html");
    for want in [
        "<sup class=\"footnote-reference\"><a href=\"#part-1-n\">1</a></sup>",
        "<div class=\"footnote-definition\" id=\"part-1-n\">",
        "id=\"literal\" text.",
        "<div id=\"part-1-box\" aria-labelledby=\"part-1-t\">\n<h3 id=\"part-1-t\">Raw</h3>\n<a href=\"#part-1-t\">up</a>",
        "<h3 id=\"part-2-ask\">Ask</h3>",
        "<span id=\"part-2-who\" aria-describedby=\"part-2-who\">Us</span>",
    ] {
        assert!(pack.contains(want), "{want} in {pack}");
    }
    // The school page is cleaned: a theme's id stays out of it, prefixed or not.
    let main = &pack[pack.find("<main").unwrap()..];
    assert!(!main.contains("part-2-main"), "{main}");
    assert_eq!(
        attr_values(&pack, " id=\"")
            .iter()
            .filter(|&&v| v == "main")
            .count(),
        1
    );
}

/// The values of every `open…"` attribute in `html` (`open` is e.g. ` id="`).
fn attr_values<'a>(html: &'a str, open: &str) -> Vec<&'a str> {
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn pack_command_explains_how_to_get_chromium() {
    let s = site();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_senpack"))
        .args(["pack", "--school", "oak-primary", "--pdf", "oak.pdf"])
        .current_dir(s.root())
        .env("CHROMIUM", "/nonexistent/chromium")
        .env("SENPACK_TODAY", "2026-11-25")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("no Chromium browser was found"), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    let (code, _, err) = s.run(&["pack", "--school", "ash"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("there is no school `ash`; the schools are: elm-high, oak-primary"),
        "{err}"
    );
    let (code, out, _) = s.run(&["pack", "--school", "oak-primary"]);
    assert_eq!(code, 0);
    assert!(out.contains("schools/oak-primary/pack/index.html"));
}

/// The scale benchmark: 300 schools × 10 school pages plus shared guides, generated (not
/// committed). Run with `cargo test --release --test schools -- --ignored --nocapture`.
#[test]
#[ignore]
fn scale_300_schools_with_10_pages_each() {
    let s = site();
    let phases = [
        "primary",
        "secondary",
        "special",
        "nursery",
        "all-through",
        "post-16",
    ];
    let needs = [
        "cognition-and-learning",
        "sensory-and-physical",
        "communication-and-interaction",
    ];
    for i in 0..300 {
        let text = school(
            &format!("School {i}"),
            &format!("{}", 200_000 + i),
            phases[i % 6],
            &format!("Area {}", i % 12),
            needs[i % 3],
        );
        s.write(&format!("content/schools/school-{i:03}.yaml"), &text);
    }
    for j in 0..6 {
        let body = "## About us\n\n{{ school.name }} is a {{ school.phase }} school in {{ school.area }}. Ask {{ school.senco.name }}.\n\n".repeat(6);
        s.write(
            &format!("content/school-pages/page-{j}.md"),
            &(fm(&format!("Page {j}"), "")
                + &body
                + "See [contact](contact.md) and [the guide](../guide.md).\n"),
        );
    }
    for k in 0..40 {
        s.write(
            &format!("content/guides/guide-{k}.md"),
            &page(
                &format!("Guide {k}"),
                &"## Part\n\nPlain words about support at school.\n\n".repeat(20),
            ),
        );
    }
    s.write("content/guides/_index.md", &page("Guides", "All guides.\n"));
    let start = std::time::Instant::now();
    let (code, out, err) = s.run(&["build", "-v"]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(302 schools)"), "{out}");
    eprintln!("{out}{err}built in {:.2} s", took.as_secs_f64());
    assert!(took.as_secs() < 120, "300 schools must build comfortably");
}

/// `senpack build` writes pages and search files to disk as it makes them and drops bodies it no
/// longer needs; the files must be exactly those of a build held in memory (packs included).
#[test]
fn streamed_build_writes_the_same_files_as_an_in_memory_build() {
    let s = site();
    s.build();
    // The same date the binary was given (SENPACK_TODAY), not the clock: the fixture's review
    // dates must not turn into errors as time passes.
    let built = senpack::pipeline::build(&senpack::load::config::BuildOptions::new(
        s.root(),
        common::today(),
    ));
    assert!(!built.has_errors(), "{:?}", built.diagnostics);
    assert!(
        built.streamed.is_empty(),
        "an in-memory build keeps every file"
    );
    let mut on_disk = Vec::new();
    for entry in walkdir::WalkDir::new(s.out()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(s.out()).unwrap();
            on_disk.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    on_disk.sort();
    let in_memory: Vec<String> = built.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(on_disk, in_memory);
    assert!(in_memory.iter().any(|p| p.ends_with("pack/index.html")));
    assert!(in_memory.iter().any(|p| p.starts_with("search/e/")));
    for f in &built.files {
        let disk = std::fs::read(s.out().join(&f.path)).unwrap();
        assert!(
            disk == f.read().unwrap().as_ref(),
            "{} differs between the streamed and the in-memory build",
            f.path
        );
    }
}

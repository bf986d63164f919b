//! Pages that say whose they are, on the shipped site: every school page's title, heading,
//! breadcrumb and search result names its school; a school's home leads with its name, phase,
//! ages and area, then the SENCO, and links its complaint route once; an overdue SEN report is a
//! warning on a council's site (its pages tell parents), an error alone, with `--strict` or when
//! site.yaml says so.

mod common;

use std::path::Path;

/// A copy of the shipped site.
fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = common::repo();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    dir
}

fn build(root: &Path) {
    let (code, _, err) = common::run_in(root, &["build"], &[]);
    assert_eq!(code, 0, "{err}");
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join("output").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let a = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let b = html[a..].find(close).unwrap() + a;
    &html[a..b]
}

const SCHOOLS: &[(&str, &str)] = &[
    ("oakfield-primary", "Oakfield Primary School"),
    ("riverside-academy", "Riverside Academy"),
    ("willow-bank-school", "Willow Bank School"),
];

#[test]
fn every_school_page_names_its_school_in_title_heading_breadcrumb_and_search() {
    let dir = shipped();
    build(dir.path());
    for (slug, name) in SCHOOLS {
        let mut pages = 0;
        for e in walkdir::WalkDir::new(dir.path().join("output/schools").join(slug)) {
            let e = e.unwrap();
            if e.file_name() != "index.html" {
                continue;
            }
            let html = std::fs::read_to_string(e.path()).unwrap();
            let title = between(&html, "<title>", "</title>");
            assert!(title.contains(name), "{}: {title}", e.path().display());
            let h1 = between(&html, "<h1", "</h1>");
            assert!(h1.contains(name), "{}: {h1}", e.path().display());
            pages += 1;
        }
        assert!(pages >= 5, "{slug}: {pages} pages");
        let concern = read(
            dir.path(),
            &format!("schools/{slug}/raising-a-concern/index.html"),
        );
        let crumbs = between(&concern, "class=\"breadcrumbs\"", "</nav>");
        assert!(
            crumbs.contains(&format!("<a href=\"/schools/{slug}/\">{name}</a>")),
            "{crumbs}"
        );
    }
    // Search results carry the page titles: each school's report is told apart by its name.
    let mut titles = Vec::new();
    for e in std::fs::read_dir(dir.path().join("output/search/e")).unwrap() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        for entry in v.as_array().unwrap() {
            if entry[1]
                .as_str()
                .is_some_and(|u| u.ends_with("/sen-information-report/"))
            {
                titles.push(entry[0].as_str().unwrap().to_string());
            }
        }
    }
    titles.sort();
    assert_eq!(
        titles,
        vec![
            "SEN information report – Elmtree Primary School",
            "SEN information report – Oakfield Primary School",
            "SEN information report – Riverside Academy",
            "SEN information report – Willow Bank School"
        ]
    );
}

#[test]
fn a_school_home_leads_with_who_it_is_then_the_senco_and_links_the_complaint_route_once() {
    let dir = shipped();
    build(dir.path());
    let html = read(dir.path(), "schools/oakfield-primary/index.html");
    let main = between(&html, "<main", "</main>");
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} not in {main}"));
    let order = [
        at("<h1>Oakfield Primary School</h1>"),
        at("<p class=\"school-identity\">Primary · ages 4 to 11 · Northbridge</p>"),
        at("<h2 id=\"school-senco-title\">Talk to the SENCO</h2>"),
        at("Mr Daniel Okafor"),
        at("<div class=\"prose\">"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(
        main.matches("href=\"/schools/oakfield-primary/raising-a-concern/\"")
            .count(),
        1,
        "{main}"
    );
    // Facts are listed once: in the "About the school" box, not again in the text.
    assert_eq!(
        main.matches("12 Oak Lane, Northbridge").count(),
        1,
        "{main}"
    );
}

#[test]
fn an_overdue_report_warns_on_a_council_site_and_is_an_error_alone_or_strict() {
    let dir = shipped();
    let file = dir.path().join("content/schools/oakfield-primary.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("  reviewed: 2026-09-01", "  reviewed: 2025-09-01"),
    )
    .unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["build"], &[]);
    assert_eq!(
        code, 0,
        "one school's overdue report must not stop the site: {err}"
    );
    assert!(err.contains("warning[sen-report]: Oakfield Primary School's SEN information report was last reviewed on 2025-09-01, more than 12 months ago\n  --> content/schools/oakfield-primary.yaml:"), "{err}");
    for page in [
        "schools/oakfield-primary/index.html",
        "schools/oakfield-primary/sen-information-report/index.html",
    ] {
        assert!(
            read(dir.path(), page).contains("This report is due for review."),
            "{page}"
        );
    }
    assert!(!read(dir.path(), "schools/riverside-academy/index.html").contains("due for review"));
    let (code, _, err) = common::run_in(dir.path(), &["check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("  oakfield-primary: 1 problem in the SEN information report"),
        "{err}"
    );
    let (code, _, _) = common::run_in(dir.path(), &["check", "--strict"], &[]);
    assert_eq!(code, 1);
    let (code, _, err) =
        common::run_in(dir.path(), &["check", "--school", "oakfield-primary"], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error[sen-report]: Oakfield Primary School's SEN information report was last reviewed"
        ),
        "{err}"
    );
    let site = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        format!("{site}overdue_sen_reports: error\n"),
    )
    .unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["check"], &[]);
    assert_eq!(code, 1, "{err}");
    std::fs::write(
        dir.path().join("site.yaml"),
        format!("{site}overdue_sen_reports: warning\n"),
    )
    .unwrap();
    let (code, _, err) =
        common::run_in(dir.path(), &["check", "--school", "oakfield-primary"], &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_pack_names_this_schools_people_at_their_complaint_steps_and_has_the_logo() {
    let dir = shipped();
    build(dir.path());
    let pack = read(dir.path(), "schools/oakfield-primary/pack/index.html");
    let steps = between(&pack, "<ol class=\"pack-steps\">", "</ol>");
    let at = |s: &str| {
        steps
            .find(s)
            .unwrap_or_else(|| panic!("{s} not in {steps}"))
    };
    // Each person at their own step, in the route's order.
    let order = [
        at("Talk to the special educational needs co-ordinator"),
        at("SENCO: Mr Daniel Okafor"),
        at("Talk to the headteacher"),
        at("Headteacher: Mrs Helen Carter"),
        at("Make a formal complaint to the governors"),
        at("Chair of governors: Mr Tom Bell"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(pack.contains("<img class=\"pack-logo\" src=\"/assets/schools/oakfield-primary.svg\" alt=\"Oakfield Primary School\">"));
    assert!(dir
        .path()
        .join("output/assets/schools/oakfield-primary.svg")
        .is_file());
    let css = read(dir.path(), "css/pack.css");
    assert!(css.contains("counter(page)"), "page numbers on paper");
}

#[test]
fn branding_shows_on_the_schools_own_pages_and_check_reports_a_logo_that_would_not_show() {
    let dir = shipped();
    build(dir.path());
    // On the shared site: the school's badge, white on its accent (4.5:1 is checked), its logo
    // on a white plate, on its own pages only.
    let page = read(
        dir.path(),
        "schools/oakfield-primary/contact-the-senco/index.html",
    );
    assert!(page.contains("<p class=\"school-brand\" style=\"--school-accent: #1d5f8a\"><a href=\"/schools/oakfield-primary/\"><span class=\"school-brand-plate\"><img src=\"/assets/schools/oakfield-primary.svg\" alt=\"\" height=\"32\"></span> Oakfield Primary School</a></p>"), "{page}");
    assert!(!read(dir.path(), "parents/sen-support/index.html").contains("school-brand"));
    // A school's own site: the logo in the header sits on a white plate, not on its own colour.
    let (code, _, err) = common::run_in(
        dir.path(),
        &["build", "--school", "oakfield-primary", "--out", "single"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let home = std::fs::read_to_string(dir.path().join("single/index.html")).unwrap();
    assert!(
        home.contains("<img class=\"site-logo\" src=\"/assets/schools/oakfield-primary.svg\""),
        "{home}"
    );
    assert!(home.contains(".site-logo { background: #fff;"), "{home}");
    // A pale logo would not show on the plate: check says so, at the logo's line.
    let logo = dir
        .path()
        .join("content/assets/schools/oakfield-primary.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    std::fs::write(&logo, svg.replace("#1d5f8a", "#eeeeee")).unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning[school]: the logo content/assets/schools/oakfield-primary.svg would hardly show: its strongest colour `#eeeeee` has a contrast of 1.16:1 with the white it sits on in the header and the school's badge; a logo needs at least 3:1\n  --> content/schools/oakfield-primary.yaml:"), "{err}");
    // The same for a PNG or JPEG logo, read for the colours its pixels show on white.
    let yaml = dir.path().join("content/schools/oakfield-primary.yaml");
    let facts = std::fs::read_to_string(&yaml).unwrap();
    let logo_as = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join("content/assets/schools").join(name), bytes).unwrap();
        std::fs::write(&yaml, facts.replace("oakfield-primary.svg", name)).unwrap();
        let (code, _, err) = common::run_in(dir.path(), &["check"], &[]);
        assert_eq!(code, 0, "{err}");
        err
    };
    let png = |colour: [u8; 4]| {
        let img = image::RgbaImage::from_fn(120, 40, |x, y| {
            image::Rgba(if (10..110).contains(&x) && (10..30).contains(&y) {
                colour
            } else {
                [0, 0, 0, 0]
            })
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let err = logo_as("pale.png", &png([0xee, 0xee, 0xee, 255]));
    assert!(err.contains("warning[school]: the logo content/assets/schools/pale.png would hardly show: its strongest colour `#eeeeee` has a contrast of 1.16:1"), "{err}");
    let err = logo_as("dark.png", &png([0x1d, 0x5f, 0x8a, 255]));
    assert!(!err.contains("dark.png"), "{err}");
    let err = logo_as("broken.png", b"not a picture");
    assert!(err.contains("warning[school]: the logo content/assets/schools/broken.png cannot be read as a picture:"), "{err}");
    let err = logo_as("logo.gif", b"GIF89a");
    assert!(err.contains("warning[school]: the logo content/assets/schools/logo.gif is not an SVG, PNG or JPEG file, so its contrast with the header cannot be checked"), "{err}");
}

//! The default theme: interface words come from `i18n/<language>.yaml` (Welsh proves it), the text
//! direction follows the language (Arabic is right to left), every word a template prints exists,
//! and pages load nothing from another host.

mod common;
use common::{repo, Fixture};
use std::collections::BTreeSet;

const GUIDE: &str = "---\ntitle: \"Guide\"\ndescription: \"A guide.\"\nreviewed: 2026-11-01\n---\n## One\n\nText.\n\n> [!TIP]\n> A tip.\n\n## Two\n\nMore.\n\n## Three\n\nEnd.\n";

fn site_in(language: &str) -> Fixture {
    let site_yaml = format!("{}language: {language}\n", common::SITE_YAML);
    Fixture::new(&[
        ("site.yaml", &site_yaml),
        ("content/_index.md", &common::page("Home", "Hi.\n")),
        (
            "content/guides/_index.md",
            &common::page("Guides", "All.\n"),
        ),
        ("content/guides/guide.md", GUIDE),
    ])
}

#[test]
fn welsh_site_prints_welsh_interface_words() {
    let site = site_in("cy");
    site.build();
    let html = site.read("guides/guide/index.html");
    assert!(html.contains("<html lang=\"cy\" dir=\"ltr\""), "{html}");
    for words in [
        "Neidio i&#39;r prif gynnwys",
        "Ar y dudalen hon",
        "Adolygwyd ddiwethaf",
        "1 Tachwedd 2026",
        "<p class=\"callout-title\">Awgrym</p>",
        "Dewisiadau arddangos",
        "Gwrando ar y dudalen hon",
    ] {
        assert!(html.contains(words), "missing Welsh `{words}`");
    }
    for english in [
        "Skip to main content",
        "On this page",
        "Last reviewed",
        "November",
    ] {
        assert!(
            !html.contains(english),
            "English `{english}` left on a Welsh page"
        );
    }
    assert!(site
        .read("404.html")
        .contains("Heb ddod o hyd i&#39;r dudalen"));
}

#[test]
fn a_right_to_left_site_with_no_interface_file_is_mirrored_with_english_words_filling_gaps() {
    // Persian is right to left and no fa.yaml ships, so the English words fill in rather than
    // keys showing.
    let site = site_in("fa");
    site.build();
    let html = site.read("guides/guide/index.html");
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\""), "{html}");
    assert!(html.contains("Skip to main content"));
    assert!(!html.contains("i18n."));
}

#[test]
fn arabic_site_is_right_to_left_in_arabic_words() {
    let site = site_in("ar");
    site.build();
    let html = site.read("guides/guide/index.html");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\""), "{html}");
    assert!(!html.contains("Skip to main content") && !html.contains("i18n."));
}

#[test]
fn english_is_the_default_with_readable_dates() {
    let site = site_in("en-GB");
    site.build();
    let html = site.read("guides/guide/index.html");
    assert!(html.contains("<html lang=\"en-GB\" dir=\"ltr\""));
    assert!(
        html.contains("<time datetime=\"2026-11-01\">1 November 2026</time>"),
        "{html}"
    );
}

fn keys_of(file: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo().join("themes/default/i18n").join(file))
        .unwrap_or_else(|e| panic!("read {file}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// Every `i18n.word` a template prints, and every `"prefix_" ~ value` key it builds.
fn words_used() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("themes/default/templates")) {
        let entry = entry.expect("walk templates");
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read template");
        for (i, _) in text.match_indices("i18n.") {
            let word: String = text[i + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.insert(word);
        }
    }
    used
}

#[test]
fn every_word_a_template_prints_is_in_english_and_welsh_adds_no_strangers() {
    let english = keys_of("en.yaml");
    let missing: Vec<_> = words_used().difference(&english).cloned().collect();
    assert!(missing.is_empty(), "add these to i18n/en.yaml: {missing:?}");
    let welsh = keys_of("cy.yaml");
    let strangers: Vec<_> = welsh.difference(&english).cloned().collect();
    assert!(
        strangers.is_empty(),
        "cy.yaml keys not in en.yaml: {strangers:?}"
    );
    // Display options and dates build their keys from values.
    for key in [
        "size_largest",
        "spacing_wider",
        "tint_yellow",
        "tint_dark",
        "month_12",
    ] {
        assert!(english.contains(key) && welsh.contains(key), "{key}");
    }
}

#[test]
fn pages_load_nothing_from_another_host() {
    let site = site_in("en");
    site.build();
    for page in [
        "index.html",
        "guides/index.html",
        "guides/guide/index.html",
        "404.html",
    ] {
        let html = site.read(page);
        for bad in [
            "src=\"http",
            "src=\"//",
            "<link rel=\"stylesheet\" href=\"http",
            "url(http",
            "@import",
        ] {
            assert!(!html.contains(bad), "{page} loads from another host: {bad}");
        }
    }
    let css = site.read("css/site.css");
    assert!(!css.contains("url(http") && !css.contains("@import"));
    assert!(site.out().join("js/display.js").is_file());
    assert!(site.out().join("js/listen.js").is_file());
}

/// Templates in `templates/site/` are rendered once and reach every page as `site.parts.<name>`;
/// one that uses `page` fails with its own file named and the reason.
#[test]
fn site_parts_render_once_for_every_page_and_cannot_use_page() {
    let site = site_in("en");
    site.write(
        "themes/default/templates/site/notice-bar.html",
        "<p class=\"notice-bar\">{{ site.title }}: {{ i18n.home }}</p>",
    );
    let base = std::fs::read_to_string(site.root().join("themes/default/templates/base.html"))
        .unwrap()
        .replace("<main id=", "{{ site.parts.notice_bar | safe }}<main id=");
    site.write("themes/default/templates/base.html", &base);
    site.build();
    for page in ["index.html", "guides/guide/index.html", "404.html"] {
        let html = site.read(page);
        assert_eq!(
            html.matches("<p class=\"notice-bar\">Test site: Home</p>")
                .count(),
            1,
            "{page}"
        );
        assert_eq!(html.matches("id=\"display-options\"").count(), 1, "{page}");
    }
    site.write(
        "themes/default/templates/site/notice-bar.html",
        "<p>{{ page.title }}</p>",
    );
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("themes/default/templates/site/notice-bar.html"),
        "{err}"
    );
    assert!(err.contains("not `page`"), "{err}");
    // Testing a per-page value in an `if` would quietly see nothing: refused too.
    site.write(
        "themes/default/templates/site/notice-bar.html",
        "{% if school %}<p>A school page</p>{% endif %}",
    );
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("this site part uses `school`"), "{err}");
}

#[test]
fn a_page_past_its_review_date_tells_parents_and_one_in_date_does_not() {
    let site = site_in("en");
    site.write(
        "content/guides/old.md",
        "---\ntitle: \"Old guide\"\ndescription: \"An old guide.\"\nreviewed: 2025-09-01\n---\nText.\n",
    );
    site.build();
    let old = site.read("guides/old/index.html");
    assert!(
        old.contains(
            "This page was due for review on 1 September 2026. Some details may have changed."
        ),
        "{old}"
    );
    assert!(!site
        .read("guides/guide/index.html")
        .contains("review-notice"));
}

#[test]
fn the_header_lists_site_yaml_nav_and_the_footer_every_section() {
    let site = site_in("en");
    site.write(
        "content/more/_index.md",
        &common::page("More things", "All.\n"),
    );
    let yaml = format!(
        "{}nav:\n  - guides/guide.md\n  - label: \"Look up a word\"\n    url: /glossary/\n    sentence: \"What the words mean.\"\n",
        common::SITE_YAML
    );
    site.write("site.yaml", &yaml);
    site.write(
        "content/glossary.yaml",
        "- term: \"SENCO\"\n  definition: \"The teacher who plans extra help.\"\n",
    );
    site.build();
    let home = site.read("index.html");
    let header = &home[home.find("class=\"nav-row\"").expect("nav row")..];
    let header = &header[..header.find("</ul>").expect("end of the row")];
    assert!(
        header.contains("<a href=\"/guides/guide/\">Guide</a>"),
        "{header}"
    );
    assert!(header.contains("<a href=\"/glossary/\">Look up a word</a>"));
    assert!(
        !header.contains("More things"),
        "sections not in nav: stay out of the header"
    );
    // The home page's task cards carry the sentence, or the page's description.
    assert!(home.contains("<p>What the words mean.</p>"));
    assert!(home.contains("<p>A guide.</p>"));
    let footer = &home[home.find("site-footer").expect("footer")..];
    assert!(footer.contains("More things") && footer.contains(">Guides<"));
    assert!(footer.contains("Follow changes to this site (Atom feed)"));
    // The breadcrumb's root is "Home", not the site's title.
    let guide = site.read("guides/guide/index.html");
    assert!(guide.contains("<li><a href=\"/\">Home</a></li>"), "{guide}");

    // A nav page that does not exist is an error at its line.
    let yaml = format!("{}nav:\n  - guides/missing.md\n", common::SITE_YAML);
    site.write("site.yaml", &yaml);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    let line = common::SITE_YAML.lines().count() + 2;
    assert!(err.contains(&format!("site.yaml:{line}")), "{err}");
    assert!(
        err.contains("the nav lists `guides/missing.md`, which is not a page"),
        "{err}"
    );
    let yaml = format!(
        "{}nav:\n  - label: Nowhere\n    url: /nowhere/\n",
        common::SITE_YAML
    );
    site.write("site.yaml", &yaml);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the nav link `Nowhere` goes to `/nowhere/`"),
        "{err}"
    );
}

#[test]
fn without_nav_the_header_shows_the_first_five_sections() {
    let site = site_in("en");
    for i in 1..=8 {
        site.write(
            &format!("content/s{i}/_index.md"),
            &format!(
                "---\ntitle: \"Part {i}\"\ndescription: \"Part {i}.\"\nweight: {i}\n---\nText.\n"
            ),
        );
    }
    site.build();
    let home = site.read("index.html");
    let row = &home[home.find("class=\"nav-row\"").expect("nav row")..];
    let row = &row[..row.find("</ul>").expect("end")];
    assert_eq!(row.matches("<li>").count(), 5, "{row}");
    let footer = &home[home.find("site-footer").expect("footer")..];
    assert!(footer.contains("Part 8"));
}

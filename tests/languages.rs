//! Translations and Easy Read versions (issue 20), on the fixture site
//! `tests/fixtures/translated-site/` (Polish and Arabic versions of a guide, an Easy Read
//! version, a page with no translation): `lang` and `dir`, the `hreflang` set complete both
//! ways, the sitemap's alternates, the switcher, links to the same language's version or to
//! English "(in English)", the stale-translation notice and warning, Easy Read's checks, the
//! interface files' keys and the warning for a language with no interface file.

mod common;

use common::{repo, Fixture};
use std::collections::{BTreeMap, BTreeSet};

/// The fixture site in a temp folder with the shipped theme (and two Easy Read pictures when
/// the theme does not ship them yet).
fn translated_site() -> Fixture {
    let src = repo().join("tests/fixtures/translated-site");
    let f = Fixture::new(&[]);
    common::copy_dir(&src, f.root());
    let pictures = f.root().join("themes/default/static/easy-read");
    std::fs::create_dir_all(&pictures).unwrap();
    for name in ["school", "help"] {
        let p = pictures.join(format!("{name}.svg"));
        if !p.exists() {
            std::fs::write(p, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#17385a\"/></svg>\n").unwrap();
        }
    }
    f
}

/// The `<html>` tag of a built page.
fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("an html tag");
    &html[start..start + html[start..].find('>').unwrap() + 1]
}

/// `(hreflang, href)` of every `<link rel="alternate" hreflang>` in a page.
fn alternates(html: &str) -> BTreeSet<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (lang.to_string(), href.to_string())
        })
        .collect()
}

/// Every built page (output path → HTML).
fn pages(f: &Fixture) -> BTreeMap<String, String> {
    common::snapshot(&f.out())
        .into_iter()
        .filter(|(p, _)| p.ends_with("index.html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_version_has_its_language_direction_and_address() {
    let f = translated_site();
    f.build();
    for (file, tag) in [
        (
            "parents/sen-support/index.html",
            "<html lang=\"en\" dir=\"ltr\">",
        ),
        (
            "pl/parents/sen-support/index.html",
            "<html lang=\"pl\" dir=\"ltr\">",
        ),
        (
            "ar/parents/sen-support/index.html",
            "<html lang=\"ar\" dir=\"rtl\">",
        ),
        (
            "easy-read/parents/sen-support/index.html",
            "<html lang=\"en\" dir=\"ltr\">",
        ),
        ("pl/index.html", "<html lang=\"pl\" dir=\"ltr\">"),
    ] {
        assert_eq!(html_tag(&f.read(file)), tag, "{file}");
    }
    // A translation's breadcrumbs start at its language's home page.
    let pl = f.read("pl/parents/sen-support/index.html");
    assert!(
        pl.contains("<li><a href=\"/pl/\">Strona główna</a></li>"),
        "{pl}"
    );
}

#[test]
fn every_alternate_points_back_and_the_set_has_x_default() {
    let f = translated_site();
    f.build();
    let pages = pages(&f);
    let base = "https://test.example";
    let mut checked = 0;
    for (file, html) in &pages {
        let set = alternates(html);
        if set.is_empty() {
            continue;
        }
        let own = format!("{base}/{}", file.trim_end_matches("index.html"));
        assert!(
            set.iter().any(|(_, h)| *h == own),
            "{file} does not list itself: {set:?}"
        );
        assert!(
            set.iter().any(|(l, _)| l == "x-default"),
            "{file}: no x-default"
        );
        for (lang, href) in &set {
            let target = format!(
                "{}index.html",
                href.strip_prefix(&format!("{base}/")).unwrap()
            );
            let other = pages
                .get(&target)
                .unwrap_or_else(|| panic!("{file}: alternate {lang} {href} is not a page"));
            assert_eq!(
                alternates(other),
                set,
                "{target} does not point back to {file} the same way"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "too few alternates checked: {checked}");
    let sen = alternates(&f.read("parents/sen-support/index.html"));
    let langs: Vec<&str> = sen.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["ar", "en", "pl", "ur", "x-default"]);
    assert!(
        alternates(&f.read("easy-read/parents/sen-support/index.html")).is_empty(),
        "an Easy Read version is no language alternate"
    );
    assert!(alternates(&f.read("parents/free-help/index.html")).is_empty());
}

#[test]
fn the_sitemap_lists_every_version_with_its_alternates() {
    let f = translated_site();
    f.build();
    let sitemap = f.read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    for path in [
        "/parents/sen-support/",
        "/pl/parents/sen-support/",
        "/ar/parents/sen-support/",
    ] {
        let entry = sitemap
            .lines()
            .find(|l| l.contains(&format!("<loc>https://test.example{path}</loc>")))
            .unwrap_or_else(|| panic!("{path} missing from the sitemap"));
        for lang in ["en", "pl", "ar", "ur", "x-default"] {
            assert!(
                entry.contains(&format!("hreflang=\"{lang}\"")),
                "{path}: no {lang}: {entry}"
            );
        }
    }
    assert!(sitemap.contains("<loc>https://test.example/easy-read/parents/sen-support/</loc>"));
}

#[test]
fn the_switcher_names_each_version_in_its_own_language() {
    let f = translated_site();
    f.build();
    let pl = f.read("pl/parents/sen-support/index.html");
    let nav = &pl[pl
        .find("<nav class=\"language-switcher\"")
        .expect("a switcher")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    for link in [
        "<a href=\"/parents/sen-support/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>",
        "<a href=\"/pl/parents/sen-support/\" hreflang=\"pl\" lang=\"pl\" dir=\"ltr\" aria-current=\"page\">Polski</a>",
        "<a href=\"/ar/parents/sen-support/\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a>",
        "<a href=\"/ur/parents/sen-support/\" hreflang=\"ur\" lang=\"ur\" dir=\"rtl\">اردو</a>",
        "<a href=\"/easy-read/parents/sen-support/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">Easy Read</a>",
    ] {
        assert!(nav.contains(link), "missing {link} in {nav}");
    }
    assert!(
        !f.read("parents/free-help/index.html")
            .contains("language-switcher"),
        "a page with no versions has no switcher"
    );
}

#[test]
fn links_go_to_the_same_language_or_say_in_english() {
    let f = translated_site();
    f.build();
    let home = f.read("pl/index.html");
    assert!(
        home.contains("<a href=\"/pl/parents/sen-support/\">wsparcie SEN</a>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"/parents/free-help/\">bezpłatna pomoc</a> <span class=\"lang-note\">(po angielsku)</span>"),
        "{home}"
    );
    // Easy Read falls back to the standard page, which is in its own language: no note.
    let easy = f.read("easy-read/parents/sen-support/index.html");
    assert!(
        easy.contains("<a href=\"/parents/free-help/\">free help</a>.")
            && !easy.contains("lang-note")
    );
}

#[test]
fn a_translation_says_when_the_english_page_changed_and_check_warns() {
    let f = translated_site();
    f.build();
    let pl = f.read("pl/parents/sen-support/index.html");
    // In the theme's Polish words (themes/default/i18n/pl.yaml), dates with Polish month names.
    assert!(pl.contains("Przetłumaczono <time datetime=\"2026-11-05\">5 listopada 2026</time>; <a href=\"/parents/sen-support/\" hreflang=\"en\">oficjalną wersją jest strona po angielsku</a>."), "{pl}");
    assert!(pl.contains("Angielska wersja tej strony zmieniła się <time datetime=\"2026-11-20\">20 listopada 2026</time>; to tłumaczenie może być nieaktualne."));
    let ar = f.read("ar/parents/sen-support/index.html");
    assert!(ar.contains("الصفحة الإنجليزية هي النسخة الرسمية") && !ar.contains("translation-stale"));

    // The English page changes: now the Arabic translation is out of date too.
    let en = std::fs::read_to_string(f.root().join("content/parents/sen-support.md")).unwrap();
    f.write(
        "content/parents/sen-support.md",
        &en.replace("reviewed: 2026-11-20", "reviewed: 2026-11-24"),
    );
    f.build();
    let ar = f.read("ar/parents/sen-support/index.html");
    assert!(
        ar.contains(
            "<time datetime=\"2026-11-24\">24 نوفمبر 2026</time>; قد تكون هذه الترجمة قديمة."
        ),
        "{ar}"
    );
    let (_, out, err) = f.run(&["check"]);
    let text = format!("{out}{err}");
    for file in [
        "sen-support.ar.md:5",
        "sen-support.pl.md:5",
        "sen-support.easy.md:4",
    ] {
        assert!(
            text.contains(
                "warning[translation]: content/parents/sen-support.md changed on 2026-11-24"
            ),
            "{text}"
        );
        assert!(
            text.contains(&format!("--> content/parents/{file}")),
            "no warning at {file}:\n{text}"
        );
    }
}

#[test]
fn easy_read_rules_are_checked_at_their_lines() {
    let f = translated_site();
    f.write(
        "content/parents/sen-support.easy.md",
        "---\ntitle: \"SEN support: Easy Read\"\ndescription: \"Easy Read.\"\ntranslated_from_reviewed: 2026-11-20\n---\n\
![A school building](/easy-read/school.svg)\nShort line.\n\
This line has far too many words in it for an Easy Read page to be easy to read at all.\n\n\
No picture in this block.\n\n![](/easy-read/help.svg)\nA picture with no alt text.\n\n![A bus](/easy-read/bus.svg)\nA picture that is not there.\n",
    );
    let (code, out, err) = f.run(&["check"]);
    let text = format!("{out}{err}");
    assert_eq!(code, 1, "a missing picture is an error:\n{text}");
    for (at, message) in [
        (
            ":8:",
            "warning[easy-read]: this Easy Read sentence has 21 words; the most is 15",
        ),
        (
            ":10:",
            "warning[easy-read]: this Easy Read block has no picture",
        ),
        (
            ":12:",
            "warning[easy-read]: this Easy Read block's picture has no alt text",
        ),
        (
            ":15:",
            "error[links]: link to `/easy-read/bus.svg`, which is not a page of this site",
        ),
    ] {
        let found = text
            .find(message)
            .unwrap_or_else(|| panic!("no {message}:\n{text}"));
        let place = &text[found..][..text[found..].find('\n').unwrap() + 80];
        assert!(
            place.contains(&format!("sen-support.easy.md{at}")),
            "{message} not at {at}: {place}"
        );
    }
}

#[test]
fn a_language_with_no_interface_file_is_a_warning_naming_those_there_are() {
    let f = Fixture::new(&[
        (
            "site.yaml",
            "title: T\ndescription: D\nbase_url: https://test.example\nlanguage: xq\nlanguages:\n  - {code: zz, name: Zed}\n",
        ),
        ("content/_index.md", &common::page("Home", "Hello.\n")),
    ]);
    let (code, out, err) = f.run(&["build"]);
    let text = format!("{out}{err}");
    assert_eq!(code, 0, "{text}");
    let have = common::interface_languages().join(", ");
    for (code, line) in [("xq", 4), ("zz", 6)] {
        assert!(
            text.contains(&format!(
                "warning[theme]: the theme has no interface words in `{code}`"
            )),
            "{text}"
        );
        assert!(text.contains(&format!("--> site.yaml:{line}")), "{text}");
    }
    assert!(
        text.contains(&format!("the theme has interface words in: {have};")),
        "{text}"
    );
}

#[test]
fn a_translation_of_a_missing_page_is_an_error_naming_it() {
    let f = translated_site();
    f.write("content/parents/annual-reviews.pl.md", "---\ntitle: Przeglądy\ndescription: O przeglądach.\ntranslated_from_reviewed: 2026-11-01\n---\nTekst.\n");
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 1);
    assert!(err.contains("error[translation]: this is a version of content/parents/annual-reviews.md, which does not exist"), "{err}");
    assert!(
        err.contains("--> content/parents/annual-reviews.pl.md"),
        "{err}"
    );
}

/// The keys of one interface file, read as the theme reads it (a map of words).
fn interface_keys(code: &str) -> BTreeSet<String> {
    let path = repo().join(format!("themes/default/i18n/{code}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let map: BTreeMap<String, String> =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    map.into_keys().collect()
}

#[test]
fn every_interface_file_has_exactly_the_keys_of_en_yaml() {
    let english = interface_keys("en");
    let mut problems = Vec::new();
    for code in common::interface_languages() {
        if code == "en" {
            continue;
        }
        let keys = interface_keys(&code);
        let missing: Vec<&String> = english.difference(&keys).collect();
        let extra: Vec<&String> = keys.difference(&english).collect();
        if !missing.is_empty() {
            problems.push(format!(
                "{code}.yaml is missing {} keys: {missing:?}",
                missing.len()
            ));
        }
        if !extra.is_empty() {
            problems.push(format!("{code}.yaml has keys en.yaml does not: {extra:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "interface files out of step with en.yaml:\n{}",
        problems.join("\n")
    );
}

#[test]
fn translated_pages_link_terms_to_their_languages_glossary_and_check_its_words() {
    let f = translated_site();
    // An English old term, and its Polish translation, used on the Polish page; an acronym only
    // the English glossary has.
    let glossary = std::fs::read_to_string(f.root().join("content/glossary.yaml")).unwrap();
    f.write(
        "content/glossary.yaml",
        &format!("{glossary}- term: \"School Action\"\n  definition: \"The old name for SEN support.\"\n  superseded_by: \"special educational needs\"\n- term: \"Education, Health and Care plan\"\n  abbr: EHCP\n  definition: \"A plan from the council.\"\n"),
    );
    let pl = std::fs::read_to_string(f.root().join("content/glossary.pl.yaml")).unwrap();
    f.write(
        "content/glossary.pl.yaml",
        &format!("{pl}- of: \"School Action\"\n  term: \"Działanie Szkolne\"\n  definition: \"Dawna nazwa wsparcia SEN.\"\n"),
    );
    let page = std::fs::read_to_string(f.root().join("content/parents/sen-support.pl.md")).unwrap();
    f.write(
        "content/parents/sen-support.pl.md",
        &page.replace(
            "Koordynator SENCO planuje",
            "Dawniej było to Działanie Szkolne. Plan EHCP to co innego. Koordynator SENCO planuje",
        ),
    );
    f.build();
    let html = f.read("pl/parents/sen-support/index.html");
    assert!(
        html.contains(
            "href=\"/pl/glossary/#koordynator-do-spraw-specjalnych-potrzeb-edukacyjnych\""
        ),
        "{html}"
    );
    assert!(
        !html.contains("href=\"/glossary/#"),
        "no English glossary links on a Polish page"
    );
    let glossary = f.read("pl/glossary/index.html");
    assert!(glossary.starts_with("<!DOCTYPE html>\n<html lang=\"pl\" dir=\"ltr\">"));
    assert!(glossary.contains("id=\"koordynator-do-spraw-specjalnych-potrzeb-edukacyjnych\""));
    let (_, out, err) = f.run(&["check"]);
    let text = format!("{out}{err}");
    let at = |message: &str| {
        let i = text
            .find(message)
            .unwrap_or_else(|| panic!("no {message}:\n{text}"));
        text[i..].lines().nth(1).unwrap_or_default().to_string()
    };
    assert!(
        at("\"Działanie Szkolne\"").contains("sen-support.pl.md:7"),
        "{text}"
    );
    assert!(
        text.contains("\"specjalne potrzeby edukacyjne\" (SEN)"),
        "the Polish replacement is named: {text}"
    );
    assert!(
        at("\"EHCP\" is not explained").contains("sen-support.pl.md:7"),
        "{text}"
    );
}

#[test]
fn a_language_glossary_entry_for_no_english_term_is_an_error_at_its_line() {
    let f = translated_site();
    f.write(
        "content/glossary.pl.yaml",
        "- of: \"special educational needs\"\n  term: \"specjalne potrzeby edukacyjne\"\n  definition: \"Pomoc.\"\n- of: \"annual review\"\n  term: \"przegląd roczny\"\n  definition: \"Spotkanie.\"\n",
    );
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error[glossary]: `of: annual review` is not a term of content/glossary.yaml"),
        "{err}"
    );
    assert!(err.contains("--> content/glossary.pl.yaml:4"), "{err}");
}

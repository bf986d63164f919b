//! Broken sites: each test builds a site with one kind of mistake and checks the exact message,
//! with the file and line it names.

mod common;
use common::{page, Fixture};

fn home() -> (&'static str, String) {
    ("content/_index.md", page("Home", "Hello.\n"))
}

fn failed_build(files: &[(&str, &str)]) -> String {
    let (path, text) = home();
    let mut all = vec![(path, text.as_str())];
    all.extend_from_slice(files);
    let site = Fixture::new(&all);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(!site.out().exists(), "a failed build wrote output/");
    err
}

#[test]
fn a_huge_glossary_is_refused_before_it_is_read() {
    let entry = "- term: a word\n  definition: What it means.\n";
    let text = entry.repeat(4 * 1024 * 1024 / entry.len() + 1);
    let err = failed_build(&[("content/glossary.yaml", &text)]);
    assert!(
        err.contains(&format!(
            "error[glossary]: the glossary is {} bytes long; the limit is 4194304 bytes\n  --> content/glossary.yaml\n",
            text.len()
        )),
        "{err}"
    );
}

#[test]
fn a_glossary_with_too_many_words_is_refused() {
    let text: String = (0..20_001)
        .map(|i| format!("- term: w{i}\n  definition: d\n"))
        .collect();
    let err = failed_build(&[("content/glossary.yaml", &text)]);
    assert!(
        err.contains("error[glossary]: the glossary has 20001 spellings (terms, abbreviations and `also:` entries); the limit is 20000\n  --> content/glossary.yaml\n"),
        "{err}"
    );
}

#[test]
fn a_ten_megabyte_school_answer_is_an_error_at_its_line() {
    let school = format!(
        "name: \"Oak Primary\"\nurn: \"100001\"\nphase: primary\ntype: \"Community school\"\narea: \"Northbridge\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@oak.example\"\nreport:\n  reviewed: 2026-09-01\n  kinds_of_need: \"{}\"\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let err = failed_build(&[("content/schools/oak.yaml", &school)]);
    assert!(
        err.contains("error[school]: `report.kinds_of_need`: this text is 10485760 characters long; the limit is 20000 characters\n  --> content/schools/oak.yaml:12\n"),
        "{}",
        &err[..err.len().min(2000)]
    );
}

#[test]
fn a_clashing_alias_names_its_line() {
    let text = "---\ntitle: A\ndescription: About A.\naliases:\n  - /old/a/\n  - /b/\n---\nHi.\n";
    let err = failed_build(&[
        ("content/a.md", text),
        ("content/b.md", &page("B", "Hi.\n")),
    ]);
    assert!(
        err.contains("error[output]: content/a.md:6 and content/b.md would both write the same file output/b/index.html"),
        "{err}"
    );
}

#[test]
fn an_alias_is_named_at_its_own_line_not_at_a_longer_one_holding_it() {
    // `/x/b/` holds `/b/`; finding the line by its text named line 5 for both diagnostics.
    let text = "---\ntitle: A\ndescription: About A.\naliases:\n  - /x/b/\n  - /b/\n---\nHi.\n";
    let err = failed_build(&[
        ("content/a.md", text),
        ("content/b.md", &page("B", "Hi.\n")),
    ]);
    assert!(
        err.contains("error[output]: content/a.md:6 and content/b.md would both write the same file output/b/index.html"),
        "{err}"
    );
    let text =
        "---\ntitle: A\ndescription: About A.\naliases:\n  - /k/../x/\n  - /../x/\n---\nHi.\n";
    let err = failed_build(&[("content/a.md", text)]);
    assert!(
        err.contains("error[aliases]: the alias `/../x/` climbs out of the site with `..`\n  --> content/a.md:6\n"),
        "{err}"
    );
}

#[test]
fn a_theme_template_syntax_error_names_its_file_and_line() {
    let (path, text) = home();
    let site = Fixture::new(&[(path, text.as_str())]);
    let tpl = site.root().join("themes/default/templates/page.html");
    let old = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{old}\n{{% endif %}}\n")).unwrap();
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    let line = old.lines().count() + 2;
    assert!(
        err.contains(&format!(
            "  --> themes/default/templates/page.html:{line}:1\n"
        )),
        "{err}"
    );
}

#[test]
fn a_school_page_syntax_error_names_its_line() {
    let school = "name: \"Oak Primary\"\nurn: \"100001\"\nphase: primary\ntype: \"Community school\"\narea: \"Northbridge\"\nheadteacher: { name: \"Ms A Head\" }\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@oak.example\"\nreport:\n  reviewed: 2026-09-01\n";
    let err = failed_build(&[
        ("content/schools/oak.yaml", school),
        (
            "content/school-pages/contact.md",
            &page("Contact", "One.\n\nTwo {% endif %} three.\n"),
        ),
    ]);
    assert!(
        err.contains("  --> content/school-pages/contact.md:8:5\n"),
        "{err}"
    );
}

/// Five pages link to a page whose front matter has a misspelt field: the page still exists, so
/// the site has one error, not six; a page whose front matter is not YAML at all cannot be read,
/// and the summary says which errors are first causes.
#[test]
fn one_bad_front_matter_key_is_one_error_and_the_summary_counts_first_causes() {
    let linking = page(
        "Linking",
        "See [the help](help.md) and [the help again](help.md#top).\n",
    );
    let help =
        "---\ntitle: \"Help\"\ndescription: \"Help.\"\nreviwed: 2026-01-01\n---\n## Top\n\nText.\n";
    let files: Vec<(String, String)> = (0..5)
        .map(|i| (format!("content/l{i}.md"), linking.clone()))
        .chain([("content/help.md".to_string(), help.to_string())])
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let err = failed_build(&refs);
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(
        err.contains("error[yaml]: unknown field `reviwed`"),
        "{err}"
    );
    assert!(
        err.ends_with("Build failed: 1 error (output/ was not changed)\n"),
        "{err}"
    );
    // Not YAML: the page is gone, and the links to it follow from that one mistake.
    let broken = help.replace("title: \"Help\"", "title: \"Help");
    let mut refs = refs.clone();
    refs[5].1 = &broken;
    let err = failed_build(&refs);
    assert_eq!(err.matches("error[").count(), 11, "{err}");
    assert!(
        err.ends_with("Build failed: 11 errors, 1 of them a first cause (fix it first: the others follow from it) (output/ was not changed)\n"),
        "{err}"
    );
}

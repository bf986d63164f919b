//! The line each diagnostic names comes from where the parsers found the thing (YAML positions,
//! Markdown offsets), not from searching the text for it again. Each test here writes the thing
//! so that a text search finds another line first.

mod common;
use common::{page, Fixture};

/// `senpack check`'s messages for a site of the home page and `files`.
fn check(files: &[(&str, &str)]) -> String {
    let home = page("Home", "Hello.\n");
    let mut all = vec![("content/_index.md", home.as_str())];
    all.extend_from_slice(files);
    let site = Fixture::new(&all);
    site.run(&["check"]).2
}

/// Asserts `out` has `message` at `place` (`file:line`).
#[track_caller]
fn has(out: &str, message: &str, place: &str) {
    let want = format!("{message}\n  --> {place}\n");
    assert!(out.contains(&want), "no `{want}` in:\n{out}");
}

#[test]
fn a_heading_is_named_at_its_own_line() {
    // "Details" is written first in a paragraph; "Main `code`" reads "Main code", which no
    // line of the text holds.
    let a = page(
        "A",
        "See the Details below.\n\n## Intro\n\nText.\n\n#### Details\n",
    );
    let b = page("B", "Text.\n\n# Main `code`\n");
    let out = check(&[("content/a.md", &a), ("content/b.md", &b)]);
    has(
        &out,
        "warning[headings]: the heading \"Details\" skips from level 2 to level 4",
        "content/a.md:12",
    );
    has(
        &out,
        "warning[headings]: the heading \"Main code\" is a level-1 heading (`#`)",
        "content/b.md:8",
    );
}

#[test]
fn a_step_is_named_at_its_own_page_and_text_lines() {
    // Step 1's `page: ab.md` holds step 2's `b.md`; step 2 starts with `who:`, not `title:`.
    let route = "---\ntitle: Route\ndescription: How to complain.\nreviewed: 2026-11-01\nsteps:\n  - title: Ask\n    page: ab.md\n    what: \"See [the form](gone.md).\"\n  - who: The SENCO\n    title: Write\n    page: b.md\n    what: \"Use [the letter](gone.md).\"\n---\nText.\n";
    let out = check(&[
        ("content/route/_index.md", route),
        ("content/route/ab.md", &page("AB", "Text.\n")),
    ]);
    has(
        &out,
        "error[links]: step 2 links to a missing page `b.md`",
        "content/route/_index.md:11",
    );
    has(
        &out,
        "error[links]: step 2 `what`: link to a missing page `gone.md` (looked for content/route/gone.md)",
        "content/route/_index.md:12",
    );
}

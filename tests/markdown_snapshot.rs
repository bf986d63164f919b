//! The Markdown renderer's whole output for one file of every construct an author can write
//! (`tests/fixtures/markdown/every-construct.md`), as an insta snapshot: a change to the HTML of
//! any construct shows up here as a diff to review. The renderer alone, with the default labels
//! and a small resolver: `guide.md` is a page at `/guide/`, `files/leaflet.pdf` an asset,
//! `missing.md` no page; other targets are left as written.
//!
//! After a deliberate change: `INSTA_UPDATE=always cargo test --test markdown_snapshot`, read the
//! `.snap` diff, commit it with the change.

use senpack::load::markdown::parse;
use senpack::model::links::Resolved;
use senpack::render::markdown::{render, Labels};
use std::fmt::Write as _;

fn resolve(target: &str) -> Resolved {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let with = |url: &str| match fragment {
        Some(f) => format!("{url}#{f}"),
        None => url.to_string(),
    };
    match path {
        "guide.md" => Resolved::Url(with("/guide/")),
        "files/leaflet.pdf" => Resolved::Url("/files/leaflet.pdf".into()),
        "missing.md" => Resolved::Broken(
            "link to a missing page `missing.md`".into(),
            "check the file name".into(),
        ),
        _ => Resolved::Keep,
    }
}

#[test]
fn every_markdown_construct_renders_as_before() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/markdown/every-construct.md"
    );
    let md = std::fs::read_to_string(path).expect("fixture");
    let r = render(parse(&md), &Labels::default(), resolve);
    let mut text = String::new();
    let _ = writeln!(text, "headings:");
    for h in &r.headings {
        let _ = writeln!(text, "  h{} #{} {:?}", h.level, h.id, h.text);
    }
    let _ = writeln!(text, "problems:");
    for p in &r.problems {
        let _ = writeln!(
            text,
            "  at {} `{}`: {} ({})",
            p.offset, p.target, p.message, p.hint
        );
    }
    let _ = writeln!(text, "anchored links:");
    for (offset, target) in &r.anchored_links {
        let _ = writeln!(text, "  at {offset} `{target}`");
    }
    let _ = writeln!(text, "raw html: {}", r.had_raw_html);
    let _ = writeln!(text, "html:");
    text.push_str(&r.html);
    insta::assert_snapshot!("every_construct", text);
}

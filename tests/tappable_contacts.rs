//! Every phone number and email address a parent sees on the shipped site is a link a phone can
//! tap: school facts, the SENCO, council and SENDIASS contacts, and numbers and addresses written
//! in Markdown or in a fact's free text. `tel:` links dial the international form; a bare web
//! address never shows as its own link text.

mod common;

use senpack::render::contacts::{pieces, Piece};

/// `html` without the elements whose text is not read as contacts (links, scripts, styles, the
/// title, headings, code), tags removed and the common entities read back.
fn loose_text(html: &str) -> String {
    let mut s = html.to_string();
    // What only paper shows ("Printed from https://…") is not for tapping.
    while let Some(a) = s.find("<p class=\"print-only\">") {
        let Some(b) = s[a..].find("</p>") else { break };
        s.replace_range(a..a + b + 4, " ");
    }
    for tag in [
        "script", "style", "title", "a", "h1", "h2", "h3", "h4", "code", "pre", "textarea",
    ] {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut from = 0;
        while let Some(n) = s[from..].find(&open) {
            let a = from + n;
            if !s[a + open.len()..].starts_with([' ', '>']) {
                from = a + open.len();
                continue;
            }
            let Some(b) = s[a..].find(&close) else { break };
            s.replace_range(a..a + b + close.len(), " ");
            from = a;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#45;", "-")
        .replace("&amp;", "&")
}

#[test]
fn every_phone_number_and_email_on_the_shipped_site_is_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let repo = common::repo();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    common::copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    let (code, _, err) = common::run_in(dir.path(), &["build"], &[]);
    assert_eq!(code, 0, "{err}");
    let (mut pages, mut tels, mut mails) = (0, 0, 0);
    for e in walkdir::WalkDir::new(dir.path().join("output")) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        pages += 1;
        let loose: Vec<String> = pieces(&loose_text(&html))
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link { text, .. } => Some(text),
                Piece::Text(_) => None,
            })
            .collect();
        assert!(
            loose.is_empty(),
            "{}: not links: {loose:?}",
            e.path().display()
        );
        for href in html.split("href=\"tel:").skip(1) {
            assert!(
                href.starts_with("+44"),
                "{}: tel:{}",
                e.path().display(),
                &href[..20]
            );
            tels += 1;
        }
        mails += html.matches("href=\"mailto:").count();
        // A web address is never its own link text.
        // (The pack's "Online at" address is printed in full on paper, where it cannot be tapped.)
        for part in html.split("<a href=\"http").skip(1) {
            if part.contains("\">http")
                && html.contains(&format!(
                    "<p class=\"pack-source\">Online at <a href=\"http{}",
                    part.split('"').next().unwrap_or("")
                ))
            {
                continue;
            }
            let Some((href, rest)) = part.split_once("\">") else {
                continue;
            };
            let text = rest.split("</a>").next().unwrap_or("");
            assert_ne!(format!("http{href}"), text, "{}", e.path().display());
        }
    }
    assert!(
        pages > 100 && tels > 50 && mails > 50,
        "{pages} pages, {tels} tel, {mails} mailto"
    );
    // The shipped school pages link the council's and SENDIASS's numbers written in Markdown.
    let home = std::fs::read_to_string(
        dir.path()
            .join("output/schools/oakfield-primary/index.html"),
    )
    .unwrap();
    for link in [
        "<a href=\"tel:+441234000111\">01234 000111</a>",
        "<a href=\"mailto:sendiass@anyshire.example\">sendiass@anyshire.example</a>",
        "<a href=\"tel:+441234000202\">01234 000202</a>",
    ] {
        assert!(home.contains(link), "{link}");
    }
    let concern = std::fs::read_to_string(
        dir.path()
            .join("output/schools/oakfield-primary/raising-a-concern/index.html"),
    )
    .unwrap();
    assert!(concern.contains("or email <a href=\"mailto:chair@oakfield-primary.sch.example\">chair@oakfield-primary.sch.example</a>"));
}

#[test]
fn an_untrusted_page_cannot_use_a_contact_link_to_run_script() {
    let f = common::Fixture::new(&[
        ("site.yaml", "title: T\ndescription: D\nbase_url: https://t.example/\n"),
        (
            "content/_index.md",
            &common::page(
                "Home",
                "Ring 01234 567890, mail a\"onmouseover=alert(1)@x.example or see https://x.example/a\"onclick=alert(1) and <https://y.example/>.\n",
            ),
        ),
    ]);
    f.build();
    let html = f.read("index.html");
    assert!(
        html.contains("<a href=\"tel:+441234567890\">01234 567890</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://y.example/\">y.example</a>"),
        "{html}"
    );
    // The quotes stay text: no tag gets a handler.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        assert!(
            !tag.contains("onmouseover") && !tag.contains("onclick"),
            "<{tag}>"
        );
    }
    assert!(
        html.contains("<a href=\"https://x.example/a\">x.example/a</a>\"onclick=alert(1)"),
        "{html}"
    );
}

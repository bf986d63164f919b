//! The list of schools at council scale: the shipped site plus 120 generated schools (copies of
//! an example school, renamed, in a temp copy). The list and each filter page are 50 schools a
//! page in A–Z order under a heading per letter, every school once; each A–Z page lists exactly
//! its letter's schools; the letter form's buttons open pages that exist; the sitemap lists the
//! list's pages and search does not index them; the index the list's script searches holds every
//! school and is the same bytes build after build.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const EXTRA: usize = 120;

/// The generated schools' names: twelve first words over the A–Z, and two names that the A–Z
/// files under `#` (a digit, and a letter outside A–Z).
fn name(i: usize) -> String {
    const WORDS: [&str; 12] = [
        "Ashfield",
        "Beech",
        "Cedar",
        "Elm",
        "Hazel",
        "Maple",
        "Oak",
        "Pine",
        "Rowan",
        "St Anne's",
        "Thorn",
        "Yew",
    ];
    match i {
        7 => "3 Rivers School 007".into(),
        8 => "Élan School 008".into(),
        _ => format!("{} School {i:03}", WORDS[i % WORDS.len()]),
    }
}

/// The shipped site and `extra` more schools, in `dir/site`.
fn site(dir: &Path, extra: usize) -> PathBuf {
    let repo = common::repo();
    let root = dir.join("site");
    for part in ["content", "themes"] {
        common::copy_dir(&repo.join(part), &root.join(part));
    }
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    let model = std::fs::read_to_string(root.join("content/schools/oakfield-primary.yaml"))
        .expect("the example school");
    for i in 0..extra {
        let phase = ["primary", "secondary", "special"][i % 3];
        let area = ["Northbridge", "Southmere", "Eastwick"][(i / 3) % 3];
        let text: String = model
            .lines()
            .map(|l| {
                if l.starts_with("name: ") {
                    format!("name: \"{}\"", name(i))
                } else if l.starts_with("urn: ") {
                    format!("urn: \"{}\"", 910_000 + i)
                } else if l.starts_with("phase: ") {
                    format!("phase: {phase}")
                } else if l.starts_with("area: ") {
                    format!("area: \"{area}\"")
                } else if l.starts_with("postcode: ") {
                    format!("postcode: \"AN{} {}ZZ\"", 10 + i % 20, i % 10)
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(
            root.join(format!("content/schools/extra-{i:03}.yaml")),
            text + "\n",
        )
        .expect("write a school");
    }
    root
}

fn build(root: &Path, out: &Path) {
    let (code, _, err) = common::run_in(
        root,
        &["build", "--out", out.to_str().expect("a UTF-8 path")],
        &[],
    );
    assert_eq!(code, 0, "build failed:\n{err}");
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("output/{path}: {e}"))
}

/// The output file of an address (`/schools/page/2/` → `schools/page/2/index.html`), with any
/// `#fragment` left off.
fn file_of(url: &str) -> String {
    let path = url.split('#').next().unwrap_or(url);
    format!("{}index.html", path.trim_start_matches('/'))
}

/// Every value of attribute `attr` after each `marker` in `html`.
fn values_after(html: &str, marker: &str, attr: &str) -> Vec<String> {
    html.split(marker)
        .skip(1)
        .filter_map(|part| {
            let rest = part.split(&format!("{attr}=\"")).nth(1)?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// A list page's cards in order, each with the letter of the heading it is under: (letter,
/// school name as shown).
fn cards(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut letter = String::new();
    for part in html.split("<h").skip(1) {
        if let Some(rest) = part.strip_prefix("3 id=\"letter-") {
            let text = rest.split('>').nth(1).unwrap_or("");
            letter = text.split('<').next().unwrap_or("").to_string();
        } else if let Some(rest) = part.strip_prefix("4><a href=\"") {
            let text = rest.split('>').nth(1).unwrap_or("");
            out.push((
                letter.clone(),
                text.split('<').next().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

/// The letter the list files `name` under.
fn letter(name: &str) -> String {
    let c = name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_uppercase)
        .unwrap_or('#');
    c.to_string()
}

/// Follows the page links of a list from `first`: each page's cards, in order.
fn pages_of(out: &Path, first: &str) -> Vec<Vec<(String, String)>> {
    let mut pages = Vec::new();
    let mut url = first.to_string();
    loop {
        let html = read(out, &file_of(&url));
        pages.push(cards(&html));
        let next = html.find("\" rel=\"next\"").and_then(|end| {
            let start = html[..end].rfind("href=\"")? + 6;
            Some(html[start..end].to_string())
        });
        match next {
            Some(n) => url = n,
            None => return pages,
        }
        assert!(pages.len() < 20, "the page links of {first} never end");
    }
}

fn html_unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_list_of_schools_is_paged_a_to_z_with_letter_pages_a_letter_form_and_an_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = site(dir.path(), EXTRA);
    let out = dir.path().join("out");
    build(&root, &out);
    let all: BTreeSet<String> = [
        "Elmtree Primary School",
        "Oakfield Primary School",
        "Riverside Academy",
        "Willow Bank School",
    ]
    .into_iter()
    .map(String::from)
    .chain((0..EXTRA).map(name))
    .collect();
    let total = all.len();
    assert_eq!(total, EXTRA + 4);

    // The whole list: three pages of 50, 50 and 23, every school once, in A–Z order by letter
    // then name, each card under its letter's heading.
    let pages = pages_of(&out, "/schools/");
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [50, 50, 24]);
    assert!(!out.join("schools/page/4").exists());
    let listed: Vec<(String, String)> = pages.concat();
    let names: Vec<String> = listed.iter().map(|(_, n)| html_unescape(n)).collect();
    assert_eq!(names.iter().cloned().collect::<BTreeSet<_>>(), all);
    assert_eq!(names.len(), total, "every school exactly once");
    for (l, n) in &listed {
        assert_eq!(
            l,
            &letter(&html_unescape(n)),
            "{n} is under the heading {l}"
        );
    }
    let mut sorted = names.clone();
    let rank = |n: &str| {
        let l = letter(n);
        (l == "#", l, n.to_lowercase())
    };
    sorted.sort_by_key(|n| rank(n));
    assert_eq!(names, sorted, "A to Z, then names under #");
    assert_eq!(letter(names.last().expect("names")), "#");

    let one = read(&out, "schools/index.html");
    let two = read(&out, "schools/page/2/index.html");
    assert!(one.contains("<span class=\"count-shown\">1–50</span> of <span class=\"count-total\">124</span> schools."), "{one}");
    assert!(two.contains("<li aria-current=\"page\">Page 2 of 3</li>"));
    assert!(two.contains("<a href=\"/schools/\" rel=\"prev\">"));
    assert!(two.contains("<a href=\"/schools/page/3/\" rel=\"next\">"));
    assert!(
        two.contains("<title>Schools (page 2 of 3)"),
        "the title says which page"
    );
    // A letter spread over two pages has its heading on both.
    let first_of: BTreeMap<String, usize> = pages
        .iter()
        .enumerate()
        .rev()
        .flat_map(|(p, cards)| cards.iter().map(move |(l, _)| (l.clone(), p + 1)))
        .collect();

    // The A–Z row on each page links every letter to the page and place where it starts.
    for (p, html) in [(1, &one), (2, &two)] {
        let az = html
            .split("class=\"az school-az\"")
            .nth(1)
            .expect("an A–Z")
            .split("</nav>")
            .next()
            .unwrap_or("");
        for (l, &page) in &first_of {
            let id = if l == "#" {
                "letter-other".to_string()
            } else {
                format!("letter-{}", l.to_lowercase())
            };
            let href = if page == p {
                format!("#{id}")
            } else if page == 1 {
                format!("/schools/#{id}")
            } else {
                format!("/schools/page/{page}/#{id}")
            };
            assert!(
                az.contains(&format!("<a href=\"{href}\">{l}</a>")),
                "{l} → {href} on page {p}"
            );
            let target = if href.starts_with('#') {
                html.to_string()
            } else {
                read(&out, &file_of(&href))
            };
            assert!(
                target.contains(&format!("<h3 id=\"{id}\"")),
                "{href} has the heading"
            );
        }
        assert!(
            az.contains("<span aria-disabled=\"true\">Z</span>"),
            "no school starts with Z"
        );
    }

    // Each A–Z page (and its later pages) lists exactly its letter's schools.
    let mut by_letter: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for n in &all {
        by_letter.entry(letter(n)).or_default().insert(n.clone());
    }
    for (l, want) in &by_letter {
        let slug = if l == "#" {
            "other".to_string()
        } else {
            l.to_lowercase()
        };
        let pages = pages_of(&out, &format!("/schools/a-z/{slug}/"));
        let got: Vec<String> = pages
            .concat()
            .into_iter()
            .map(|(_, n)| html_unescape(&n))
            .collect();
        assert_eq!(got.len(), want.len(), "{l}: each once");
        assert_eq!(
            &got.into_iter().collect::<BTreeSet<_>>(),
            want,
            "the schools of {l}"
        );
    }
    assert!(
        !out.join("schools/a-z/z").exists(),
        "no page for a letter without schools"
    );

    // The letter form: a button per letter with schools, each opening its page.
    let form = one
        .split("<form class=\"letter-form\"")
        .nth(1)
        .expect("the letter form")
        .split("</form>")
        .next()
        .unwrap_or("");
    assert!(form.contains("<legend>Find a school by the first letter of its name</legend>"));
    let actions = values_after(form, "<button type=\"submit\"", "formaction");
    let mut letters: Vec<&String> = by_letter.keys().collect();
    letters.sort_by_key(|l| (l.as_str() == "#", l.as_str()));
    let expected: Vec<String> = letters
        .into_iter()
        .map(|l| {
            let slug = if l == "#" {
                "other".to_string()
            } else {
                l.to_lowercase()
            };
            format!("/schools/a-z/{slug}/")
        })
        .collect();
    assert_eq!(
        actions, expected,
        "one button per letter with schools, A to Z then #"
    );
    for a in &actions {
        assert!(out.join(file_of(a)).is_file(), "{a} exists");
    }

    // Filter pages are paged the same way: 42 primary schools fit one page; the need every
    // school has takes three pages.
    let primary = pages_of(&out, "/schools/phase/primary/");
    assert_eq!(primary.iter().map(Vec::len).collect::<Vec<_>>(), [42]);
    let need = pages_of(&out, "/schools/need/communication-and-interaction/");
    assert_eq!(need.iter().map(Vec::len).sum::<usize>(), total);
    assert_eq!(need.len(), 3);
    let need2 = read(
        &out,
        "schools/need/communication-and-interaction/page/2/index.html",
    );
    assert!(
        need2.contains("<a href=\"/schools/need/communication-and-interaction/\" rel=\"prev\">")
    );
    assert!(
        need2.contains("class=\"az school-az\""),
        "a filter page has its own A–Z"
    );

    // The sitemap lists the new pages; search has none of them (they repeat /schools/).
    let sitemap = read(&out, "sitemap.xml");
    for path in [
        "schools/page/2/",
        "schools/page/3/",
        "schools/a-z/o/",
        "schools/a-z/other/",
        "schools/need/communication-and-interaction/page/3/",
    ] {
        assert!(
            sitemap.contains(&format!("/{path}</loc>")),
            "{path} in the sitemap"
        );
    }
    for entry in walkdir::WalkDir::new(out.join("search"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("a search file");
            let text = String::from_utf8_lossy(&bytes);
            for path in ["/schools/page/", "/schools/a-z/"] {
                assert!(
                    !text.contains(path),
                    "{} indexes {path}",
                    entry.path().display()
                );
            }
        }
    }

    // The index: every school in list order, compact, the same bytes from a second build.
    let text = read(&out, "schools/index.json");
    let index: serde_json::Value = serde_json::from_str(&text).expect("the index is JSON");
    let list = index["schools"].as_array().expect("a list of schools");
    let in_index: Vec<String> = list
        .iter()
        .map(|s| s["n"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(in_index, names, "every school, in the list's order");
    let riverside = list
        .iter()
        .find(|s| s["n"] == "Riverside Academy")
        .expect("Riverside");
    assert_eq!(riverside["c"], "AN7 3RS");
    assert_eq!(riverside["rp"], 12);
    assert_eq!(riverside["u"], "/schools/riverside-academy/");
    assert!(!text.contains("\n "), "not pretty-printed");
    let again = dir.path().join("again");
    build(&root, &again);
    assert_eq!(
        std::fs::read(out.join("schools/index.json")).ok(),
        std::fs::read(again.join("schools/index.json")).ok(),
        "byte-identical"
    );
    assert_eq!(read(&again, "schools/page/2/index.html"), two);

    // Links to the list's pages resolve, and the site still checks clean of errors.
    let (code, _, err) = common::run_in(&root, &["check"], &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_school_cannot_take_an_address_of_the_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = site(dir.path(), 0);
    let model = std::fs::read_to_string(root.join("content/schools/oakfield-primary.yaml"))
        .expect("the example school");
    std::fs::write(
        root.join("content/schools/a-z.yaml"),
        model.replace("900001", "900009"),
    )
    .expect("write a school");
    let (code, _, err) = common::run_in(&root, &["build"], &[]);
    assert_ne!(code, 0, "the build fails");
    assert!(
        err.contains("content/schools/a-z.yaml")
            && err.contains("a school cannot be called `a-z`")
            && err.contains("rename the file"),
        "{err}"
    );
}

#[test]
fn a_new_intro_for_the_list_reaches_its_later_and_filter_pages_when_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = site(dir.path(), 60);
    let opts = senpack::BuildOptions::new(&root, common::today());
    let mut inc = senpack::incremental::Incremental::full(&opts);
    assert!(!inc.build.has_errors(), "{:?}", inc.build.diagnostics);
    let file = root.join("content/schools/_index.md");
    let text = std::fs::read_to_string(&file).expect("the list's page");
    let changed = text.replace(
        "description: \"Every school in the area",
        "description: \"Each school in the area",
    );
    assert_ne!(text, changed);
    std::fs::write(&file, changed).expect("write");
    inc.rebuild(&[PathBuf::from("content/schools/_index.md")]);
    let full = senpack::build(&opts);
    let page2 = |files: &[senpack::model::file::OutputFile]| {
        let f = files
            .iter()
            .find(|f| f.path == "schools/page/2/index.html")
            .expect("a second page");
        String::from_utf8_lossy(&f.read().expect("readable")).into_owned()
    };
    assert!(page2(&full.files).contains("Each school in the area"));
    assert_eq!(page2(&inc.build.files), page2(&full.files));
    let differ: Vec<&str> = inc
        .build
        .files
        .iter()
        .zip(&full.files)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.path.as_str())
        .collect();
    assert_eq!(inc.build.files.len(), full.files.len());
    assert!(differ.is_empty(), "differ after the rebuild: {differ:?}");
}

//! "You said, we did" as pages: the whole log by year, a page per year with its summary and a
//! page per status, and the Atom feed of its entries. Each page keeps where the entries' Markdown
//! fields are written in `content/you-said-we-did.yaml`, and shows when its newest entry last
//! changed.

use super::{example_note, front, host, made_page, Words, SAID, SAID_FEED};
use crate::duties::said_we_did::{self, Logged, SaidWeDid, Status};
use crate::format::human_date;
use crate::load::content::PageKind;
use crate::load::made::{MadeFrom, Review};
use crate::model::site::{Page, Site};
use crate::render::school_pages::escape_fact as esc;
use chrono::Datelike;

fn status_label(s: Status, w: &Words) -> String {
    let default = match s {
        Status::Done => "Done",
        Status::InProgress => "In progress",
        Status::NotPossible => "Not possible",
    };
    w.get(&s.word_key(), default)
}

/// What a page of the log keeps of the file: no fields yet, not held to a review date (the
/// log's own checks keep it current), updated when the newest of `shown` last changed.
fn made_from<'a>(log: &SaidWeDid, shown: impl Iterator<Item = &'a Logged>) -> MadeFrom {
    let mut from = MadeFrom::new(said_we_did::FILE.into(), log.text.clone(), Review::Exempt);
    from.updated = shown.map(|l| l.entry.last_changed()).max();
    from
}

/// Writes one entry, noting where its Markdown fields (`you_said`, `we_did`, `reason` and the
/// links' `url`) are written in the file.
fn entry_md(
    md: &mut String,
    log: &SaidWeDid,
    l: &Logged,
    w: &Words,
    level: &str,
    from: &mut MadeFrom,
) {
    let e = &l.entry;
    let spot = |key: &str| log.positions.get(&format!("{}.{key}", l.path));
    md.push_str(&format!(
        "{level} {}: {}\n\n",
        esc(&human_date(e.date)),
        esc(&status_label(e.status, w))
    ));
    let mut labelled = |md: &mut String, label: String, key: &str, value: &str| {
        md.push_str(&format!("**{}** ", esc(&label)));
        from.push_field(md, value, spot(key));
        md.push_str("\n\n");
    };
    labelled(
        md,
        w.get("ysd_you_said", "You said:"),
        "you_said",
        &e.you_said,
    );
    labelled(md, w.get("ysd_we_did", "We did:"), "we_did", &e.we_did);
    if let Some(r) = &e.reason {
        labelled(md, w.get("ysd_reason", "Why not:"), "reason", r);
    }
    md.push_str(&format!(
        "**{}** {}\n\n",
        esc(&w.get("ysd_who", "Who:")),
        esc(&e.who)
    ));
    if let Some(u) = e.updated.filter(|u| *u > e.date) {
        md.push_str(&format!(
            "{} {}\n\n",
            esc(&w.get("ysd_updated", "Last updated")),
            esc(&human_date(u))
        ));
    }
    for (n, link) in e.links.iter().enumerate() {
        md.push_str("- ");
        let start = md.len();
        md.push_str(&format!("[{}]({})", esc(&link.text), link.url));
        from.mark(md, start, spot(&format!("links[{n}].url")));
        md.push('\n');
    }
    if !e.links.is_empty() {
        md.push('\n');
    }
}

fn filters_md(log: &SaidWeDid, w: &Words) -> String {
    let years: Vec<String> = log
        .years()
        .iter()
        .map(|y| format!("[{y}]({SAID}{y}/)"))
        .collect();
    let statuses: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            format!(
                "[{}]({SAID}status/{}/)",
                esc(&status_label(*s, w)),
                s.slug()
            )
        })
        .collect();
    format!(
        "- **{}** {}\n- **{}** {}\n- [{}]({SAID_FEED})\n\n",
        esc(&w.get("ysd_by_year", "By year:")),
        years.join(", "),
        esc(&w.get("ysd_by_status", "By status:")),
        statuses.join(", "),
        esc(&w.get("ysd_feed", "Follow new entries (Atom feed)")),
    )
}

fn said_intro(log: &SaidWeDid, w: &Words) -> String {
    let mut md = String::new();
    if log.example {
        md.push_str(&example_note(
            w,
            "ysd_example",
            "These are made-up example entries.",
        ));
    }
    md.push_str(&format!(
        "{}\n\n",
        esc(&w.get("ysd_intro", "Families tell us what works and what does not. Here is what you said, and what we did about it. We never publish names."))
    ));
    md
}

pub(super) fn said_page(log: &SaidWeDid, w: &Words) -> Page {
    let mut md = said_intro(log, w);
    md.push_str(&filters_md(log, w));
    let mut from = made_from(log, log.entries.iter());
    let mut year = 0;
    for l in &log.entries {
        if l.entry.date.year() != year {
            year = l.entry.date.year();
            md.push_str(&format!("## {year}\n\n"));
        }
        entry_md(&mut md, log, l, w, "###", &mut from);
    }
    made_page(
        SAID.into(),
        "you-said-we-did/_index.md".into(),
        PageKind::Page,
        front(
            w.get("ysd_title", "You said, we did"),
            w.get(
                "ysd_description",
                "What families told us about the Local Offer, and what we did about it.",
            ),
            None,
        ),
        md,
        from,
    )
}

pub(super) fn year_page(log: &SaidWeDid, year: i32, w: &Words) -> Page {
    let entries: Vec<&Logged> = log
        .entries
        .iter()
        .filter(|l| l.entry.date.year() == year)
        .collect();
    let count = |s: Status| entries.iter().filter(|l| l.entry.status == s).count();
    let mut md = said_intro(log, w);
    md.push_str(&format!("## {}\n\n", esc(&w.get("ysd_summary", "Summary"))));
    md.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n- {}: {}\n\n",
        esc(&w.get("ysd_comments", "Things families told us")),
        entries.len(),
        esc(&status_label(Status::Done, w)),
        count(Status::Done),
        esc(&status_label(Status::InProgress, w)),
        count(Status::InProgress),
        esc(&status_label(Status::NotPossible, w)),
        count(Status::NotPossible),
    ));
    md.push_str(&format!(
        "## {}\n\n",
        esc(&w.get("ysd_entries", "What you said and what we did"))
    ));
    let mut from = made_from(log, entries.iter().copied());
    for l in entries {
        entry_md(&mut md, log, l, w, "###", &mut from);
    }
    made_page(
        format!("{SAID}{year}/"),
        format!("you-said-we-did/{year}.md"),
        PageKind::Page,
        front(
            format!("{} {year}", w.get("ysd_year_title", "You said, we did:")),
            format!(
                "{} {year}.",
                w.get(
                    "ysd_year_description",
                    "A summary of families' comments and our response in"
                )
            ),
            None,
        ),
        md,
        from,
    )
}

pub(super) fn status_page(log: &SaidWeDid, status: Status, w: &Words) -> Page {
    let mut md = said_intro(log, w);
    md.push_str(&filters_md(log, w));
    let shown = || log.entries.iter().filter(|l| l.entry.status == status);
    let mut from = made_from(log, shown());
    for l in shown() {
        entry_md(&mut md, log, l, w, "##", &mut from);
    }
    if shown().next().is_none() {
        md.push_str(&format!(
            "{}\n",
            esc(&w.get("ysd_none", "There are no entries like this."))
        ));
    }
    let label = status_label(status, w);
    made_page(
        format!("{SAID}status/{}/", status.slug()),
        format!("you-said-we-did/status-{}.md", status.slug()),
        PageKind::Page,
        front(
            format!("{} {label}", w.get("ysd_year_title", "You said, we did:")),
            format!(
                "{} {label}.",
                w.get("ysd_status_description", "Entries with the status")
            ),
            None,
        ),
        md,
        from,
    )
}

fn xml(s: &str) -> String {
    crate::load::markdown::escape(s)
}

/// The log as an Atom feed, newest first. Each entry's id is its stable tag (see
/// [`Logged::tag`]), so readers see no entry again as new when others are added or moved.
pub(super) fn atom(site: &Site, log: &SaidWeDid) -> String {
    let page = site.permalink(SAID);
    let host = host(site);
    let updated = log
        .entries
        .iter()
        .map(|l| l.entry.last_changed())
        .max()
        .unwrap_or(site.options.today);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{page}</id>\n<link rel=\"alternate\" href=\"{page}\"/>\n<link rel=\"self\" href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        xml(&format!("You said, we did: {}", site.config.title)),
        site.permalink(SAID_FEED),
        xml(site.config.publisher.as_deref().unwrap_or(&site.config.title)),
    );
    for l in &log.entries {
        let e = &l.entry;
        let said: String = e.you_said.chars().take(90).collect();
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{page}{}/\"/>\n<updated>{}T00:00:00Z</updated>\n<content type=\"text\">{}</content>\n</entry>\n",
            xml(&said),
            xml(&l.tag(&host)),
            e.date.year(),
            e.last_changed(),
            xml(&format!("You said: {} We did: {} ({})", e.you_said.trim(), e.we_did.trim(), e.status.slug())),
        ));
    }
    out.push_str("</feed>\n");
    out
}

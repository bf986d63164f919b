//! "You said, we did" as pages: the whole log by year, a page per year with its summary and a
//! page per status, and the Atom feed of its entries.

use super::{example_note, front, made_page, Words, SAID, SAID_FEED};
use crate::duties::said_we_did::{self, Entry, SaidWeDid, Status};
use crate::format::human_date;
use crate::load::content::PageKind;
use crate::model::site::{Page, Site};
use crate::render::school_pages::escape_fact as esc;
use chrono::{Datelike, NaiveDate};

fn status_label(s: Status, w: &Words) -> String {
    let default = match s {
        Status::Done => "Done",
        Status::InProgress => "In progress",
        Status::NotPossible => "Not possible",
    };
    w.get(&s.word_key(), default)
}

fn entry_md(e: &Entry, w: &Words, level: &str) -> String {
    let mut md = format!(
        "{level} {}: {}\n\n",
        esc(&human_date(e.date)),
        esc(&status_label(e.status, w))
    );
    md.push_str(&format!(
        "**{}** {}\n\n",
        esc(&w.get("ysd_you_said", "You said:")),
        e.you_said.trim()
    ));
    md.push_str(&format!(
        "**{}** {}\n\n",
        esc(&w.get("ysd_we_did", "We did:")),
        e.we_did.trim()
    ));
    if let Some(r) = &e.reason {
        md.push_str(&format!(
            "**{}** {}\n\n",
            esc(&w.get("ysd_reason", "Why not:")),
            r.trim()
        ));
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
    for l in &e.links {
        md.push_str(&format!("- [{}]({})\n", esc(&l.text), l.url));
    }
    if !e.links.is_empty() {
        md.push('\n');
    }
    md
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

pub(super) fn said_page(log: &SaidWeDid, today: NaiveDate, w: &Words) -> Page {
    let mut md = said_intro(log, w);
    md.push_str(&filters_md(log, w));
    let mut year = 0;
    for (e, _) in &log.entries {
        if e.date.year() != year {
            year = e.date.year();
            md.push_str(&format!("## {year}\n\n"));
        }
        md.push_str(&entry_md(e, w, "###"));
    }
    made_page(
        SAID.into(),
        "you-said-we-did/_index.md".into(),
        said_we_did::FILE.into(),
        PageKind::Page,
        front(
            w.get("ysd_title", "You said, we did"),
            w.get(
                "ysd_description",
                "What families told us about the Local Offer, and what we did about it.",
            ),
            today,
        ),
        md,
    )
}

pub(super) fn year_page(log: &SaidWeDid, year: i32, today: NaiveDate, w: &Words) -> Page {
    let entries: Vec<&Entry> = log
        .entries
        .iter()
        .map(|(e, _)| e)
        .filter(|e| e.date.year() == year)
        .collect();
    let count = |s: Status| entries.iter().filter(|e| e.status == s).count();
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
    for e in entries {
        md.push_str(&entry_md(e, w, "###"));
    }
    made_page(
        format!("{SAID}{year}/"),
        format!("you-said-we-did/{year}.md"),
        said_we_did::FILE.into(),
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
            today,
        ),
        md,
    )
}

pub(super) fn status_page(log: &SaidWeDid, status: Status, today: NaiveDate, w: &Words) -> Page {
    let mut md = said_intro(log, w);
    md.push_str(&filters_md(log, w));
    let mut any = false;
    for (e, _) in log.entries.iter().filter(|(e, _)| e.status == status) {
        md.push_str(&entry_md(e, w, "##"));
        any = true;
    }
    if !any {
        md.push_str(&format!(
            "{}\n",
            esc(&w.get("ysd_none", "There are no entries like this."))
        ));
    }
    let label = status_label(status, w);
    made_page(
        format!("{SAID}status/{}/", status.slug()),
        format!("you-said-we-did/status-{}.md", status.slug()),
        said_we_did::FILE.into(),
        PageKind::Page,
        front(
            format!("{} {label}", w.get("ysd_year_title", "You said, we did:")),
            format!(
                "{} {label}.",
                w.get("ysd_status_description", "Entries with the status")
            ),
            today,
        ),
        md,
    )
}

fn xml(s: &str) -> String {
    crate::load::markdown::escape(s)
}

/// The log as an Atom feed, newest first.
pub(super) fn atom(site: &Site, log: &SaidWeDid) -> String {
    let page = site.permalink(SAID);
    let updated = log
        .entries
        .iter()
        .map(|(e, _)| e.last_changed())
        .max()
        .unwrap_or(site.options.today);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{page}</id>\n<link rel=\"alternate\" href=\"{page}\"/>\n<link rel=\"self\" href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        xml(&format!("You said, we did: {}", site.config.title)),
        site.permalink(SAID_FEED),
        xml(site.config.publisher.as_deref().unwrap_or(&site.config.title)),
    );
    for (n, (e, _)) in log.entries.iter().enumerate() {
        let said: String = e.you_said.chars().take(90).collect();
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{page}#entry-{}-{n}</id>\n<link href=\"{page}{}/\"/>\n<updated>{}T00:00:00Z</updated>\n<content type=\"text\">{}</content>\n</entry>\n",
            xml(&said),
            e.date,
            e.date.year(),
            e.last_changed(),
            xml(&format!("You said: {} We did: {} ({})", e.you_said.trim(), e.we_did.trim(), e.status.slug())),
        ));
    }
    out.push_str("</feed>\n");
    out
}

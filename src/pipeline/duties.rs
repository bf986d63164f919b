//! How the council's duties join a build: events (`content/events/`) and "You said, we did"
//! (`content/you-said-we-did.yaml`) become pages of the model — `/events/`, its archive by
//! month and a page per event; `/you-said-we-did/` with a page per year and per status — written
//! as Markdown with every fact escaped, so they are searched, linked and checked like any page;
//! then the files beside them: an iCalendar file per event and for the list, and an Atom feed.

use crate::diagnostics::{Code, Diagnostic};
use crate::duties::events::{self, CalendarSite, Event};
use crate::duties::said_we_did::{self, Entry, SaidWeDid, Status};
use crate::format::human_date;
use crate::load::config::{Audience, BuildOptions};
use crate::load::content::{FrontMatter, PageKind, SourcePage};
use crate::model::file::OutputFile;
use crate::model::links::Generated;
use crate::model::site::{Page, Site};
use crate::render::school_pages::escape_fact as esc;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

pub const EVENTS: &str = "/events/";
pub const ARCHIVE: &str = "/events/archive/";
pub const CALENDAR: &str = "/events/events.ics";
pub const SAID: &str = "/you-said-we-did/";
pub const SAID_FEED: &str = "/you-said-we-did/feed.xml";

/// The duties' part of one build.
#[derive(Debug, Default)]
pub struct Duties {
    /// Every event, by start.
    pub events: Vec<Event>,
    pub said_we_did: SaidWeDid,
}

/// The interface words, English filling gaps.
struct Words<'a>(&'a BTreeMap<String, String>);

impl Words<'_> {
    fn get(&self, key: &str, default: &str) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }
}

/// Reads the events and the log (problems go to `diags`).
pub fn prepare(opts: &BuildOptions, diags: &mut Vec<Diagnostic>) -> Duties {
    let (events, problems) = events::load(&opts.root);
    diags.extend(problems);
    let (said_we_did, problems) = said_we_did::load(&opts.root);
    diags.extend(problems);
    Duties {
        events,
        said_we_did,
    }
}

/// The event's page path: `/events/<slug>/`.
pub fn event_path(e: &Event) -> String {
    format!("/events/{}/", e.slug)
}

/// The event's calendar file: `/events/<slug>.ics`.
pub fn event_calendar(e: &Event) -> String {
    format!("/events/{}.ics", e.slug)
}

/// The reading-age target of made lists (titles, dates and places, which are not prose).
const LIST_READING_AGE: u32 = 16;

/// A made list's front matter: see [`front`] and [`LIST_READING_AGE`].
fn list_front(title: String, description: String, reviewed: NaiveDate) -> FrontMatter {
    FrontMatter {
        reading_age: Some(LIST_READING_AGE),
        ..front(title, description, reviewed)
    }
}

/// A made page's front matter. Its facts are checked where they are written (the event and
/// log files, which have checks of their own), so it counts as reviewed on the build's date.
fn front(title: String, description: String, reviewed: NaiveDate) -> FrontMatter {
    FrontMatter {
        title,
        description,
        audience: Audience::Parents,
        reviewed: Some(reviewed),
        review_every: None,
        weight: 0,
        draft: false,
        aliases: Vec::new(),
        reading_age: None,
        template: None,
        steps: Vec::new(),
        summary: Vec::new(),
        local_offer: Vec::new(),
        translated: None,
        translated_from_reviewed: None,
    }
}

fn made_page(
    path: String,
    source: String,
    file: PathBuf,
    kind: PageKind,
    front: FrontMatter,
    text: String,
) -> Page {
    Page::new(
        path,
        SourcePage::made(source, file, kind, front, text),
        None,
    )
}

/// Puts a made list page into `pages`: a content page at the same address (`events/_index.md`)
/// keeps its front matter and body, the made list following its body.
fn put(pages: &mut Vec<Page>, made: Page) {
    if let Some(p) = pages.iter_mut().find(|p| p.path == made.path) {
        let mut text = p.src.body().trim_end().to_string();
        text.push_str("\n\n");
        text.push_str(made.src.body());
        let head = p.src.text[..p.src.body_start].to_string();
        p.src.body_start = head.len();
        p.src.text = head + &text;
        return;
    }
    pages.push(made);
}

impl Duties {
    /// The addresses of the files the duties make, so pages can link to them.
    pub fn register(&self, generated: &mut Generated) {
        if !self.events.is_empty() {
            generated.insert(CALENDAR.into(), HashSet::new());
            for e in &self.events {
                generated.insert(event_calendar(e), HashSet::new());
            }
        }
        if self.said_we_did.present {
            generated.insert(SAID_FEED.into(), HashSet::new());
        }
    }

    /// Adds the events' and the log's pages to `pages` (before the model is made); `services`
    /// names the services events belong to.
    pub fn add_pages(
        &self,
        today: NaiveDate,
        words: &BTreeMap<String, String>,
        services: &[crate::services::Service],
        pages: &mut Vec<Page>,
    ) {
        let w = Words(words);
        if !self.events.is_empty() {
            for e in &self.events {
                let name = e
                    .facts
                    .service
                    .as_ref()
                    .and_then(|slug| services.iter().find(|s| &s.slug == slug))
                    .map(|s| s.facts.name.as_str());
                pages.push(event_page(e, name, today, &w));
            }
            put(pages, events_page(&self.events, today, &w));
            pages.push(archive_page(&self.events, today, &w));
        }
        if self.said_we_did.present {
            let log = &self.said_we_did;
            put(pages, said_page(log, today, &w));
            for year in log.years() {
                pages.push(year_page(log, year, today, &w));
            }
            for status in Status::ALL {
                pages.push(status_page(log, status, today, &w));
            }
        }
    }

    /// Checks the events' links to services.
    pub fn check(
        &self,
        services: &[crate::services::Service],
        hidden: &[crate::services::Service],
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for e in &self.events {
            let Some(slug) = &e.facts.service else {
                continue;
            };
            if !services.iter().chain(hidden).any(|s| &s.slug == slug) {
                out.push(
                    Diagnostic::error(Code::Events, e.file.clone(), format!("`service: {slug}` is not a service of this site"))
                        .at(e.line("service"), 1, None)
                        .with_hint("give the file name (without .yaml) of one of content/services/, or leave `service:` out"),
                );
            }
        }
        out
    }

    /// The calendar files and the log's feed.
    pub fn files(&self, site: &Site) -> Vec<OutputFile> {
        let mut out = Vec::new();
        if !self.events.is_empty() {
            let host = site
                .config
                .base()
                .split_once("://")
                .map_or(site.config.base(), |(_, r)| r)
                .split('/')
                .next()
                .unwrap_or("senpack")
                .to_string();
            let cal = CalendarSite {
                name: &site.config.title,
                host: &host,
                stamp: site.options.today,
            };
            let all: Vec<(&Event, String)> = self
                .events
                .iter()
                .map(|e| (e, site.permalink(&event_path(e))))
                .collect();
            for (e, url) in &all {
                let text = events::calendar(&cal, &[(e, url.clone())]);
                out.push(OutputFile::bytes(
                    event_calendar(e).trim_start_matches('/'),
                    text,
                ));
            }
            out.push(OutputFile::bytes(
                CALENDAR.trim_start_matches('/'),
                events::calendar(&cal, &all),
            ));
        }
        if self.said_we_did.present {
            out.push(OutputFile::bytes(
                SAID_FEED.trim_start_matches('/'),
                atom(site, &self.said_we_did),
            ));
        }
        out
    }

    /// The events of the service `slug` as Open Referral UK schedules (dated, no rule).
    pub fn schedules_of(&self, site: &Site, slug: &str) -> Vec<crate::services::oruk::Schedule> {
        self.events
            .iter()
            .filter(|e| e.facts.service.as_deref() == Some(slug))
            .map(|e| {
                let day = e.start.date().to_string();
                crate::services::oruk::Schedule {
                    id: crate::services::oruk::id(&format!("event/{}", e.slug)),
                    valid_from: Some(day.clone()),
                    valid_to: Some(e.end.date().to_string()),
                    dtstart: Some(day),
                    freq: None,
                    interval: None,
                    byday: None,
                    opens_at: e.start.format("%H:%M:%S").to_string(),
                    closes_at: e.end.format("%H:%M:%S").to_string(),
                    description: Some(e.facts.title.clone()),
                    schedule_link: Some(site.permalink(&event_path(e))),
                    attending_type: Some(
                        match (e.facts.place.is_some(), e.facts.online) {
                            (true, true) => "In person or online",
                            (false, true) => "Online",
                            _ => "In person",
                        }
                        .into(),
                    ),
                    notes: Some(format!("{} Cost: {}", e.facts.who, e.facts.cost)),
                }
            })
            .collect()
    }
}

/// "Wednesday 10 December 2026, 10:00 to 12:00" (a second date when it ends another day).
pub fn when(e: &Event) -> String {
    let day = format!("{} {}", e.start.format("%A"), human_date(e.start.date()));
    if e.end.date() == e.start.date() {
        format!(
            "{day}, {} to {}",
            e.start.format("%H:%M"),
            e.end.format("%H:%M")
        )
    } else {
        format!(
            "{day}, {} to {} {}, {}",
            e.start.format("%H:%M"),
            e.end.format("%A"),
            human_date(e.end.date()),
            e.end.format("%H:%M")
        )
    }
}

fn where_(e: &Event, w: &Words) -> String {
    match (&e.facts.place, e.facts.online) {
        (Some(p), true) => format!(
            "{} {}",
            esc(p),
            esc(&w.get("event_also_online", "(you can also join online)"))
        ),
        (Some(p), false) => esc(p),
        (None, _) => esc(&w.get("event_online", "Online")),
    }
}

fn example_note(w: &Words, key: &str, default: &str) -> String {
    format!("> [!NOTE]\n> {}\n\n", esc(&w.get(key, default)))
}

fn event_page(e: &Event, service: Option<&str>, today: NaiveDate, w: &Words) -> Page {
    let f = &e.facts;
    let mut md = String::new();
    if f.example {
        md.push_str(&example_note(
            w,
            "event_example",
            "This is a made-up example event.",
        ));
    }
    let row = |md: &mut String, label: &str, value: &str| {
        md.push_str(&format!("- **{}:** {}\n", esc(label), value));
    };
    row(&mut md, &w.get("event_when", "When"), &esc(&when(e)));
    row(&mut md, &w.get("event_where", "Where"), &where_(e, w));
    row(&mut md, &w.get("event_who", "Who it is for"), &esc(&f.who));
    row(&mut md, &w.get("event_cost", "Cost"), &esc(&f.cost));
    if let Some(a) = &f.accessibility {
        row(
            &mut md,
            &w.get("event_accessibility", "Accessibility"),
            &esc(a),
        );
    }
    let b = &f.booking;
    let mut book = Vec::new();
    if let Some(u) = &b.url {
        book.push(format!(
            "[{}]({})",
            esc(&w.get("event_book_online", "book online")),
            u.replace(' ', "%20").replace(')', "%29")
        ));
    }
    if let Some(m) = &b.email {
        book.push(format!(
            "{} [{}](mailto:{})",
            esc(&w.get("event_email", "email")),
            esc(m),
            m.replace(' ', "")
        ));
    }
    if let Some(p) = &b.phone {
        book.push(format!(
            "{} [{}](tel:{})",
            esc(&w.get("event_phone", "phone")),
            esc(p),
            crate::render::contacts::tel(p).unwrap_or_else(|| p.replace(' ', ""))
        ));
    }
    if let Some(n) = &b.note {
        book.push(esc(n));
    }
    row(
        &mut md,
        &w.get("event_booking", "How to book"),
        &book.join("; "),
    );
    if let (Some(slug), Some(name)) = (&f.service, service) {
        row(
            &mut md,
            &w.get("event_service", "Run by"),
            &format!("[{}](/services/{slug}/)", esc(name)),
        );
    }
    md.push_str(&format!(
        "\n## {}\n\n{}\n\n",
        esc(&w.get("event_about", "What happens")),
        f.description.trim()
    ));
    md.push_str(&format!(
        "[{}]({})\n",
        esc(&w.get(
            "event_add_to_calendar",
            "Add this event to your calendar (.ics file)"
        )),
        event_calendar(e)
    ));
    made_page(
        event_path(e),
        format!("events/{}.md", e.slug),
        e.file.clone(),
        PageKind::Page,
        front(f.title.clone(), format!("{}: {}", when(e), f.who), today),
        md,
    )
}

fn event_line(e: &Event, w: &Words) -> String {
    format!(
        "- [{}]({}): {}. {}\n",
        esc(&e.facts.title),
        event_path(e),
        esc(&when(e)),
        where_(e, w)
    )
}

fn events_page(list: &[Event], today: NaiveDate, w: &Words) -> Page {
    let mut md = String::new();
    if list.iter().any(|e| e.facts.example) {
        md.push_str(&example_note(
            w,
            "events_example",
            "These are made-up example events.",
        ));
    }
    md.push_str(&format!(
        "## {}\n\n",
        esc(&w.get("events_upcoming", "Coming up"))
    ));
    let upcoming: Vec<&Event> = list.iter().filter(|e| !e.is_past(today)).collect();
    if upcoming.is_empty() {
        md.push_str(&format!(
            "{}\n",
            esc(&w.get("events_none", "No events are planned at the moment."))
        ));
    }
    for e in upcoming {
        md.push_str(&event_line(e, w));
    }
    md.push_str(&format!(
        "\n[{}]({CALENDAR})\n\n## {}\n\n[{}]({ARCHIVE})\n",
        esc(&w.get(
            "events_calendar",
            "Add every event to your calendar (.ics file)"
        )),
        esc(&w.get("events_past", "Past events")),
        esc(&w.get("events_archive_link", "See past events, month by month")),
    ));
    made_page(
        EVENTS.into(),
        "events/_index.md".into(),
        "content/events/_index.md".into(),
        PageKind::Page,
        list_front(
            w.get("events_title", "Events"),
            w.get(
                "events_description",
                "Coffee mornings, workshops, drop-ins and other events for families.",
            ),
            today,
        ),
        md,
    )
}

fn archive_page(list: &[Event], today: NaiveDate, w: &Words) -> Page {
    let mut md = String::new();
    let past: Vec<&Event> = list.iter().rev().filter(|e| e.is_past(today)).collect();
    if past.is_empty() {
        md.push_str(&format!(
            "{}\n",
            esc(&w.get("events_no_past", "There are no past events yet."))
        ));
    }
    let mut month = String::new();
    for e in past {
        let m = e.start.format("%B %Y").to_string();
        if m != month {
            md.push_str(&format!("\n## {}\n\n", esc(&m)));
            month = m;
        }
        md.push_str(&event_line(e, w));
    }
    made_page(
        ARCHIVE.into(),
        "events/archive.md".into(),
        "content/events/".into(),
        PageKind::Page,
        list_front(
            w.get("events_archive_title", "Past events"),
            w.get(
                "events_archive_description",
                "Events that have happened, newest first, by month.",
            ),
            today,
        ),
        md,
    )
}

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

fn said_page(log: &SaidWeDid, today: NaiveDate, w: &Words) -> Page {
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

fn year_page(log: &SaidWeDid, year: i32, today: NaiveDate, w: &Words) -> Page {
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

fn status_page(log: &SaidWeDid, status: Status, today: NaiveDate, w: &Words) -> Page {
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
fn atom(site: &Site, log: &SaidWeDid) -> String {
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

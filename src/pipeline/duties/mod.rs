//! How the council's duties join a build: events (`content/events/`) and "You said, we did"
//! (`content/you-said-we-did.yaml`) become pages of the model — `/events/`, its archive by
//! month and a page per event; `/you-said-we-did/` with a page per year and per status — written
//! as Markdown with every fact escaped, so they are searched, linked and checked like any page
//! (each keeping where its Markdown fields are written in its file, so problems are reported
//! there, and dated only as its file dates it);
//! then the files beside them: an iCalendar file per event and for the list, and an Atom feed.

mod event_pages;
mod said_pages;

use crate::diagnostics::{Code, Diagnostic};
use crate::duties::events::{self, CalendarSite, Event};
use crate::duties::said_we_did::{self, SaidWeDid, Status};
use crate::load::config::{Audience, BuildOptions};
use crate::load::content::{FrontMatter, PageKind, SourcePage};
use crate::load::made::{MadeFrom, Review};
use crate::model::file::OutputFile;
use crate::model::links::Generated;
use crate::model::site::{Page, Site};
use crate::render::school_pages::escape_fact as esc;
use chrono::NaiveDate;
pub use event_pages::when;
use event_pages::{archive_page, event_page, events_page};
use said_pages::{atom, said_page, status_page, year_page};
use std::collections::{BTreeMap, HashSet};

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
fn list_front(title: String, description: String) -> FrontMatter {
    FrontMatter {
        reading_age: Some(LIST_READING_AGE),
        ..front(title, description, None)
    }
}

/// A made page's front matter. Its facts are checked where they are written (the event and
/// log files, which have checks of their own); it has a `reviewed` date only when its file
/// says when someone checked it (an event's `reviewed:`), never the build's date.
fn front(title: String, description: String, reviewed: Option<NaiveDate>) -> FrontMatter {
    FrontMatter {
        title,
        description,
        audience: Audience::Parents,
        reviewed,
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

/// A page made from the data file `from` names (its `file` is the page's file).
fn made_page(
    path: String,
    source: String,
    kind: PageKind,
    front: FrontMatter,
    text: String,
    from: MadeFrom,
) -> Page {
    Page::new(
        path,
        SourcePage::made(source, from.file.clone(), kind, front, text).made_from(from),
        None,
    )
}

/// Puts a made list page into `pages`: a content page at the same address (`events/_index.md`)
/// keeps its front matter (and so its review date) and body, the made list following its body
/// with the places of its fields.
fn put(pages: &mut Vec<Page>, made: Page) {
    if let Some(p) = pages.iter_mut().find(|p| p.path == made.path) {
        let mut text = p.src.body().trim_end().to_string();
        text.push_str("\n\n");
        let shift = text.len();
        text.push_str(made.src.body());
        let head = p.src.text[..p.src.body_start].to_string();
        p.src.body_start = head.len();
        p.src.text = head + &text;
        p.src.made_from = made.src.made_from.map(|m| {
            Box::new(MadeFrom {
                review: Review::FrontMatter,
                ..m.shifted(shift)
            })
        });
        return;
    }
    pages.push(made);
}

/// The site's host, for ids (`send.anyshire.example`).
fn host(site: &Site) -> String {
    let base = site.config.base();
    base.split_once("://")
        .map_or(base, |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("senpack")
        .to_string()
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
            put(pages, said_page(log, &w));
            for year in log.years() {
                pages.push(year_page(log, year, &w));
            }
            for status in Status::ALL {
                pages.push(status_page(log, status, &w));
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
            let host = host(site);
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

fn example_note(w: &Words, key: &str, default: &str) -> String {
    format!("> [!NOTE]\n> {}\n\n", esc(&w.get(key, default)))
}

//! Events: one file per event in `content/events/<slug>.yaml` (title, start and end, place or
//! online, who it is for, cost, booking, the venue's accessibility, the service it belongs to),
//! read into typed, checked [`Event`]s, and written as iCalendar (RFC 5545) text: one calendar
//! per event and one for the whole list.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::Positions;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// How to book a place or ask about the event (at least one of them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Booking {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// "No need to book: just come along."
    #[serde(default)]
    pub note: Option<String>,
}

/// What an event file says.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFacts {
    /// A made-up example: its page says so.
    #[serde(default)]
    pub example: bool,
    pub title: String,
    /// `YYYY-MM-DD HH:MM` (local time in England).
    pub start: String,
    /// `YYYY-MM-DD HH:MM`, after `start`.
    pub end: String,
    /// Where: the venue's name and address.
    #[serde(default)]
    pub place: Option<String>,
    /// Held online (with or without a place).
    #[serde(default)]
    pub online: bool,
    /// Who it is for.
    pub who: String,
    /// "Free", or what it costs.
    pub cost: String,
    pub booking: Booking,
    /// The venue's accessibility (required with a `place`).
    #[serde(default)]
    pub accessibility: Option<String>,
    /// The slug of the service it belongs to (`content/services/<slug>.yaml`).
    #[serde(default)]
    pub service: Option<String>,
    /// What happens there (Markdown).
    pub description: String,
    /// When someone last checked the file's facts: its page then says so ("Last reviewed").
    #[serde(default)]
    pub reviewed: Option<NaiveDate>,
}

/// One event, checked.
#[derive(Debug, Clone)]
pub struct Event {
    pub slug: String,
    /// `content/events/<slug>.yaml`.
    pub file: PathBuf,
    /// The file's text, for diagnostics' source lines.
    pub text: std::sync::Arc<str>,
    pub positions: Positions,
    pub facts: EventFacts,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

impl Event {
    /// The 1-based line of `key` in the file (0 when not written).
    pub fn line(&self, key: &str) -> usize {
        self.positions.nearest_key_line(key).unwrap_or(0)
    }

    /// Whether the event is over by `today` (it ended before the day began).
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.end.date() < today
    }
}

/// Reads a date-time written `YYYY-MM-DD HH:MM` (or with `T` between).
pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim().replacen('T', " ", 1);
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M").ok()
}

/// Reads every event in `content/events/`, sorted by start (then slug). Bad files are left out;
/// every problem is in the diagnostics.
pub fn load(root: &Path) -> (Vec<Event>, Vec<Diagnostic>) {
    let (mut list, diags) =
        crate::load::files::read_yaml_dir(root, "events", Code::Events, |name, file, text| {
            parse(name, file, &text)
        });
    list.sort_by(|a: &Event, b: &Event| (a.start, &a.slug).cmp(&(b.start, &b.slug)));
    (list, diags)
}

/// Parses one event file; `name` is its file name.
pub fn parse(
    name: &str,
    file: PathBuf,
    text: &str,
) -> Result<(Event, Vec<Diagnostic>), Vec<Diagnostic>> {
    let slug = name
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .to_string();
    let facts: EventFacts = crate::load::yaml::parse(text, &file, text, 1).map_err(|d| vec![d])?;
    let positions = Positions::of(text, 1);
    let at = |key: &str| positions.nearest_key_line(key).unwrap_or(0);
    let problem = |key: &str, message: String, hint: &str| {
        Diagnostic::error(Code::Events, file.clone(), message)
            .at(at(key), 1, Some(text))
            .with_hint(hint)
    };
    let mut diags = Vec::new();
    if !crate::services::values::is_slug(&slug) {
        diags.push(problem(
            "title",
            format!("the event file name `{name}` is not a slug"),
            "name event files with lower-case letters, digits and single hyphens, e.g. `autism-coffee-morning.yaml`",
        ));
    }
    let time = |key: &str, value: &str, diags: &mut Vec<Diagnostic>| {
        let t = parse_time(value);
        if t.is_none() {
            diags.push(problem(
                key,
                format!("`{key}: {value}` is not a date and time"),
                "write it as `YYYY-MM-DD HH:MM` in 24-hour time, e.g. `2026-12-10 10:00`",
            ));
        }
        t
    };
    let start = time("start", &facts.start, &mut diags);
    let end = time("end", &facts.end, &mut diags);
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            diags.push(problem(
                "end",
                format!(
                    "the event ends ({}) before it starts ({})",
                    facts.end, facts.start
                ),
                "set `end` to a time after `start`",
            ));
        }
    }
    if facts.place.as_deref().is_none_or(|p| p.trim().is_empty()) && !facts.online {
        diags.push(problem(
            "title",
            "the event has no `place` and is not `online: true`".into(),
            "add `place:` with the venue's name and address, or `online: true`",
        ));
    }
    if facts.place.is_some()
        && facts
            .accessibility
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
    {
        diags.push(problem(
            "place",
            "the event has a `place` but says nothing about the venue's accessibility".into(),
            "add `accessibility:`: step-free access, toilets, a hearing loop, a quiet room, parking — whatever families need to know",
        ));
    }
    let b = &facts.booking;
    if b.url.is_none() && b.email.is_none() && b.phone.is_none() && b.note.is_none() {
        diags.push(problem(
            "booking",
            "`booking` says neither how to book nor that there is no need to".into(),
            "give `url`, `email` or `phone`, or `note: \"No need to book\"`",
        ));
    }
    if let Some(url) = &b.url {
        if !crate::services::values::is_web_address(url) {
            diags.push(problem(
                "booking.url",
                format!("`{url}` is not a web address"),
                "write the booking page's full address, starting `https://`",
            ));
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let (Some(start), Some(end)) = (start, end) else {
        return Err(diags);
    };
    Ok((
        Event {
            slug,
            file,
            text: text.into(),
            positions,
            facts,
            start,
            end,
        },
        diags,
    ))
}

/// The Europe/London time zone, for calendars' `TZID` (British Summer Time from the last Sunday
/// of March at 01:00 GMT to the last Sunday of October at 02:00 BST).
const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// What a calendar needs besides the events: the site's name and host, each event's page
/// address, and the date stamped on the entries (the build's date, so output is repeatable).
pub struct CalendarSite<'a> {
    pub name: &'a str,
    pub host: &'a str,
    pub stamp: NaiveDate,
}

/// An iCalendar text of `events` (each with its page's full address).
pub fn calendar(site: &CalendarSite, events: &[(&Event, String)]) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//senpack//Local Offer events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(line);
        out.push_str("\r\n");
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", text(site.name)));
    out.push_str(LONDON);
    for (e, url) in events {
        push_event(&mut out, site, e, url);
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn push_event(out: &mut String, site: &CalendarSite, e: &Event, url: &str) {
    let f = &e.facts;
    let stamp = format!("{}T000000Z", site.stamp.format("%Y%m%d"));
    let mut location = f.place.clone().unwrap_or_default();
    if f.online {
        location = if location.is_empty() {
            "Online".into()
        } else {
            format!("{location} (and online)")
        };
    }
    let mut about = vec![
        f.description.trim().to_string(),
        format!("For: {}", f.who),
        format!("Cost: {}", f.cost),
    ];
    if let Some(a) = &f.accessibility {
        about.push(format!("Accessibility: {a}"));
    }
    let b = &f.booking;
    for (label, v) in [
        ("Book", &b.url),
        ("Email", &b.email),
        ("Phone", &b.phone),
        ("Booking", &b.note),
    ] {
        if let Some(v) = v {
            about.push(format!("{label}: {v}"));
        }
    }
    about.push(format!("Details: {url}"));
    let lines = [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{}", e.slug, site.host),
        format!("DTSTAMP:{stamp}"),
        format!(
            "DTSTART;TZID=Europe/London:{}",
            e.start.format("%Y%m%dT%H%M%S")
        ),
        format!("DTEND;TZID=Europe/London:{}", e.end.format("%Y%m%dT%H%M%S")),
        format!("SUMMARY:{}", text(&f.title)),
        format!("DESCRIPTION:{}", text(&about.join("\n\n"))),
        format!("LOCATION:{}", text(&location)),
        format!("URL:{url}"),
        "END:VEVENT".to_string(),
    ];
    for line in lines {
        push_line(out, &line);
    }
}

/// An RFC 5545 TEXT value: backslash, `;`, `,` and line breaks escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (RFC 5545 §3.1: CRLF then one space), never
/// inside a character.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: Coffee morning\nstart: 2026-12-10 10:00\nend: 2026-12-10 12:00\nplace: Northbridge Library\naccessibility: Step-free access\nwho: Parents and carers\ncost: Free\nbooking:\n  note: No need to book\ndescription: Come and talk.\n";

    fn read(text: &str) -> Result<(Event, Vec<Diagnostic>), Vec<Diagnostic>> {
        parse("coffee.yaml", "content/events/coffee.yaml".into(), text)
    }

    #[test]
    fn a_good_event_is_read() {
        let (e, diags) = read(GOOD).expect("reads");
        assert!(diags.is_empty());
        assert_eq!(e.start.format("%H:%M").to_string(), "10:00");
        assert!(e.is_past("2026-12-11".parse().unwrap()));
        assert!(!e.is_past("2026-12-10".parse().unwrap()));
    }

    #[test]
    fn bad_events_are_errors_at_their_lines() {
        let bad = GOOD.replace("end: 2026-12-10 12:00", "end: 2026-12-10 09:00");
        let d = read(&bad).unwrap_err();
        assert_eq!(d[0].line, 3, "{d:?}");
        assert!(d[0].message.contains("ends"), "{d:?}");
        let bad = GOOD.replace("start: 2026-12-10 10:00", "start: 10th December");
        let d = read(&bad).unwrap_err();
        assert_eq!((d[0].line, d[0].message.contains("not a date")), (2, true));
        let bad = GOOD.replace("accessibility: Step-free access\n", "");
        let d = read(&bad).unwrap_err();
        assert!(d[0].message.contains("accessibility"), "{d:?}");
        let bad = GOOD.replace("  note: No need to book\n", "  colour: red\n");
        let d = read(&bad).unwrap_err();
        assert!(d[0].message.contains("colour"), "{d:?}");
    }

    #[test]
    fn calendar_lines_are_escaped_and_folded() {
        let (e, _) =
            read(&GOOD.replace("Come and talk.", &"Tea, cake; and a chat. ".repeat(8))).unwrap();
        let site = CalendarSite {
            name: "Anyshire",
            host: "send.example",
            stamp: "2026-12-01".parse().unwrap(),
        };
        let ics = calendar(&site, &[(&e, "https://send.example/events/coffee/".into())]);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/London:20261210T100000\r\n"));
        assert!(ics.contains("Tea\\, cake\\; and"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}

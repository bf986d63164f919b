//! The events' pages: one per event, the list of upcoming events and the archive of past ones
//! by month, written as Markdown with every fact escaped (the description is the event's own
//! Markdown, whose place in the event's file the page keeps). An event's page is dated only by
//! its file's `reviewed:`; the lists are not dated.

use super::{
    event_calendar, event_path, example_note, front, list_front, made_page, Words, ARCHIVE,
    CALENDAR, EVENTS,
};
use crate::duties::events::Event;
use crate::format::human_date;
use crate::load::content::PageKind;
use crate::load::made::{MadeFrom, Review};
use crate::model::site::Page;
use crate::render::school_pages::escape_fact as esc;
use chrono::NaiveDate;

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

pub(super) fn event_page(e: &Event, service: Option<&str>, today: NaiveDate, w: &Words) -> Page {
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
    let review = match e.positions.get("reviewed") {
        Some(spot) if f.reviewed.is_some() && !e.is_past(today) => Review::At(spot.value),
        _ => Review::Exempt,
    };
    let mut from = MadeFrom::new(e.file.clone(), e.text.clone(), review);
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
    let booking = md.len();
    row(
        &mut md,
        &w.get("event_booking", "How to book"),
        &book.join("; "),
    );
    from.mark(&md, booking, e.positions.get("booking"));
    if let (Some(slug), Some(name)) = (&f.service, service) {
        row(
            &mut md,
            &w.get("event_service", "Run by"),
            &format!("[{}](/services/{slug}/)", esc(name)),
        );
    }
    md.push_str(&format!(
        "\n## {}\n\n",
        esc(&w.get("event_about", "What happens"))
    ));
    from.push_field(&mut md, &f.description, e.positions.get("description"));
    md.push_str("\n\n");
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
        PageKind::Page,
        front(
            f.title.clone(),
            format!("{}: {}", when(e), f.who),
            f.reviewed,
        ),
        md,
        from,
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

pub(super) fn events_page(list: &[Event], today: NaiveDate, w: &Words) -> Page {
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
        PageKind::Page,
        list_front(
            w.get("events_title", "Events"),
            w.get(
                "events_description",
                "Coffee mornings, workshops, drop-ins and other events for families.",
            ),
        ),
        md,
        MadeFrom::new(
            "content/events/_index.md".into(),
            Default::default(),
            Review::Exempt,
        ),
    )
}

pub(super) fn archive_page(list: &[Event], today: NaiveDate, w: &Words) -> Page {
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
        PageKind::Page,
        list_front(
            w.get("events_archive_title", "Past events"),
            w.get(
                "events_archive_description",
                "Events that have happened, newest first, by month.",
            ),
        ),
        md,
        MadeFrom::new("content/events/".into(), Default::default(), Review::Exempt),
    )
}

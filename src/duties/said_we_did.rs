//! "You said, we did" (SEND Regulations 2014, regulation 56): `content/you-said-we-did.yaml`,
//! what families told the council about its Local Offer and what the council did or will do,
//! read into typed, checked [`Entry`]s, newest first, with the checks that keep it current.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::Positions;
use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file, inside the site.
pub const FILE: &str = "content/you-said-we-did.yaml";

/// Where an entry has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Done,
    InProgress,
    NotPossible,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Done, Status::InProgress, Status::NotPossible];

    pub fn slug(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in-progress",
            Status::NotPossible => "not-possible",
        }
    }

    /// The interface word's key: `ysd_status_done`.
    pub fn word_key(self) -> String {
        format!("ysd_status_{}", self.slug().replace('-', "_"))
    }
}

/// A link from an entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub text: String,
    /// A page's `.md` path relative to `content/you-said-we-did/`, or a web address.
    pub url: String,
}

/// One entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// When families said it.
    pub date: NaiveDate,
    /// What families said: an anonymous summary.
    pub you_said: String,
    /// What the council did or will do.
    pub we_did: String,
    /// Which team or service acts on it.
    pub who: String,
    pub status: Status,
    /// Why it is not possible (required with `not-possible`).
    #[serde(default)]
    pub reason: Option<String>,
    /// When the entry last changed (defaults to `date`).
    #[serde(default)]
    pub updated: Option<NaiveDate>,
    #[serde(default)]
    pub links: Vec<Link>,
}

impl Entry {
    pub fn last_changed(&self) -> NaiveDate {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Log {
    /// The entries are made-up examples: the pages say so.
    #[serde(default)]
    example: bool,
    entries: Vec<Entry>,
}

/// The log, checked: entries newest first, each with the line it starts on.
#[derive(Debug, Clone, Default)]
pub struct SaidWeDid {
    /// The site has the file.
    pub present: bool,
    pub example: bool,
    /// (entry, the 1-based line of its `date`), newest first (then in file order).
    pub entries: Vec<(Entry, usize)>,
}

impl SaidWeDid {
    /// The years with entries, newest first.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.entries.iter().map(|(e, _)| e.date.year()).collect();
        years.dedup();
        years
    }

    /// The checks that keep the log current: the newest entry more than 12 months old
    /// (regulation 56 asks for publication at least once a year), and an entry "in progress"
    /// unchanged for 6 months.
    pub fn check(&self, today: NaiveDate) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !self.present {
            return out;
        }
        match self.entries.first() {
            None => out.push(
                Diagnostic::warning(Code::SaidWeDid, FILE, "\"You said, we did\" has no entries")
                    .with_hint("add what families told you this year and what you did about it: regulation 56 asks for it to be published at least once a year"),
            ),
            Some((newest, line)) if newest.date.checked_add_months(Months::new(12)).is_some_and(|d| d < today) => out.push(
                Diagnostic::warning(
                    Code::SaidWeDid,
                    FILE,
                    format!(
                        "the newest \"You said, we did\" entry is from {}, more than 12 months ago",
                        crate::format::human_date(newest.date)
                    ),
                )
                .at(*line, 1, None)
                .with_hint("publish families' comments and your response at least once a year (SEND Regulations 2014, regulation 56)"),
            ),
            Some(_) => {}
        }
        for (e, line) in &self.entries {
            let changed = e.last_changed();
            if e.status == Status::InProgress
                && changed
                    .checked_add_months(Months::new(6))
                    .is_some_and(|d| d < today)
            {
                out.push(
                    Diagnostic::warning(
                        Code::SaidWeDid,
                        FILE,
                        format!(
                            "this entry has been \"in progress\" since {} without a change",
                            crate::format::human_date(changed)
                        ),
                    )
                    .at(*line, 1, None)
                    .with_hint("say what has happened since and set `updated:` to today, or change its `status`"),
                );
            }
        }
        out
    }
}

/// Reads `content/you-said-we-did.yaml` (none is fine: the site then has no such page).
pub fn load(root: &Path) -> (SaidWeDid, Vec<Diagnostic>) {
    let path = root.join(FILE);
    let text = match crate::load::files::read_text(root, &path) {
        Ok(t) => t,
        Err(e) if e.is_not_found() => return (SaidWeDid::default(), Vec::new()),
        Err(e) => {
            return (
                SaidWeDid::default(),
                vec![Diagnostic::error(
                    Code::SaidWeDid,
                    FILE,
                    format!("cannot read this file: {e}"),
                )
                .with_hint(e.hint("check the file is saved as UTF-8 text"))],
            )
        }
    };
    match parse(&text) {
        Ok(log) => log,
        Err(d) => (SaidWeDid::default(), vec![d]),
    }
}

/// Parses the file's text.
pub fn parse(text: &str) -> Result<(SaidWeDid, Vec<Diagnostic>), Diagnostic> {
    let file = PathBuf::from(FILE);
    let log: Log = crate::load::yaml::parse(text, &file, text, 1)?;
    let positions = Positions::of(text, 1);
    let mut diags = Vec::new();
    let mut entries = Vec::new();
    for (n, e) in log.entries.into_iter().enumerate() {
        let path = format!("entries[{n}]");
        let line = positions
            .nearest_key_line(&format!("{path}.date"))
            .unwrap_or(0);
        if e.status == Status::NotPossible
            && e.reason.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            diags.push(
                Diagnostic::error(
                    Code::SaidWeDid,
                    FILE,
                    "this entry is `not-possible` but gives no `reason`",
                )
                .at(
                    positions
                        .nearest_key_line(&format!("{path}.status"))
                        .unwrap_or(line),
                    1,
                    Some(text),
                )
                .with_hint("add `reason:` saying why, in plain words: families need to know"),
            );
        }
        if e.updated.is_some_and(|u| u < e.date) {
            diags.push(
                Diagnostic::error(
                    Code::SaidWeDid,
                    FILE,
                    "`updated` is before the entry's `date`",
                )
                .at(
                    positions
                        .nearest_key_line(&format!("{path}.updated"))
                        .unwrap_or(line),
                    1,
                    Some(text),
                )
                .with_hint("set `updated:` to the day the entry last changed"),
            );
        }
        entries.push((e, line));
    }
    // Newest first; entries of one day keep their file order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0.date));
    Ok((
        SaidWeDid {
            present: true,
            example: log.example,
            entries,
        },
        diags,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "example: true\nentries:\n  - date: 2025-03-01\n    you_said: A\n    we_did: B\n    who: SEND team\n    status: in-progress\n  - date: 2025-06-01\n    you_said: C\n    we_did: D\n    who: SEND team\n    status: done\n";

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn entries_come_newest_first_with_their_lines() {
        let (log, diags) = parse(LOG).unwrap();
        assert!(diags.is_empty());
        assert_eq!(log.entries[0].0.you_said, "C");
        assert_eq!(log.entries[0].1, 8);
        assert_eq!(log.years(), vec![2025]);
    }

    #[test]
    fn stale_logs_and_stuck_entries_are_warned_about() {
        let (log, _) = parse(LOG).unwrap();
        assert!(log.check(day("2025-08-01")).is_empty());
        let found = log.check(day("2025-10-02"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 3);
        assert!(found[0].message.contains("in progress"));
        let found = log.check(day("2026-06-02"));
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("more than 12 months")),
            "{found:?}"
        );
    }

    #[test]
    fn not_possible_needs_a_reason() {
        let bad = LOG.replace("status: done", "status: not-possible");
        let (_, diags) = parse(&bad).unwrap();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 12);
    }
}

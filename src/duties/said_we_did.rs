//! "You said, we did" (SEND Regulations 2014, regulation 56): `content/you-said-we-did.yaml`,
//! what families told the council about its Local Offer and what the council did or will do,
//! read into typed, checked [`Entry`]s, newest first, each with a stable id and the place of its
//! fields in the file, with the checks that keep it current.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::Positions;
use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// A short name of the entry's own (a slug), for its id in the feed; without it the id is
    /// made from the date and the words of `you_said`.
    #[serde(default)]
    pub id: Option<String>,
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

/// One entry of the log, with where it is written and its stable id.
#[derive(Debug, Clone)]
pub struct Logged {
    pub entry: Entry,
    /// The 1-based line of its `date`.
    pub line: usize,
    /// Its path in the file's positions: `entries[3]`.
    pub path: String,
    /// The name that, with its date, identifies it in the feed: its `id`, else [`summary_slug`]
    /// of `you_said`. Unchanged when other entries are added, removed or moved.
    pub name: String,
}

impl Logged {
    /// The entry's id in the feed, a `tag:` URI (RFC 4151):
    /// `tag:<host>,2026-11-10:you-said-we-did/<name>`.
    pub fn tag(&self, host: &str) -> String {
        format!(
            "tag:{host},{}:you-said-we-did/{}",
            self.entry.date, self.name
        )
    }
}

/// The log, checked: entries newest first, each with the line it starts on.
#[derive(Debug, Clone, Default)]
pub struct SaidWeDid {
    /// The site has the file.
    pub present: bool,
    pub example: bool,
    /// Newest first (then in file order).
    pub entries: Vec<Logged>,
    /// Where each key and value of the file is written.
    pub positions: Positions,
    /// The file's text, for diagnostics' source lines.
    pub text: Arc<str>,
}

/// The longest [`summary_slug`], in characters.
const SLUG_MAX: usize = 60;

/// The words of a summary as a slug: lower-case letters and digits, runs of anything else one
/// `-`, cut after the last whole word within 60 characters.
pub fn summary_slug(text: &str) -> String {
    let mut out = String::new();
    for word in crate::load::markdown::slugify(text).split('-') {
        let more = usize::from(!out.is_empty()) + word.chars().count();
        if !out.is_empty() && out.chars().count() + more > SLUG_MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

impl SaidWeDid {
    /// The years with entries, newest first.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.entries.iter().map(|l| l.entry.date.year()).collect();
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
            Some(Logged { entry: newest, line, .. }) if newest.date.checked_add_months(Months::new(12)).is_some_and(|d| d < today) => out.push(
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
        for Logged { entry: e, line, .. } in &self.entries {
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
    let mut names: std::collections::HashSet<(NaiveDate, String)> = Default::default();
    for (n, e) in log.entries.into_iter().enumerate() {
        let path = format!("entries[{n}]");
        let line = positions
            .nearest_key_line(&format!("{path}.date"))
            .unwrap_or(0);
        let id_line = positions
            .nearest_key_line(&format!("{path}.id"))
            .unwrap_or(line);
        let name = match &e.id {
            Some(id) if !crate::services::values::is_slug(id) => {
                diags.push(
                    Diagnostic::error(
                        Code::SaidWeDid,
                        FILE,
                        format!("`id: {id}` is not a short name of lower-case letters, digits and hyphens"),
                    )
                    .at(id_line, 1, Some(text))
                    .with_hint("write the id as a slug, e.g. `id: transport-after-16`; keep it once the entry is published"),
                );
                summary_slug(&e.you_said)
            }
            Some(id) => id.clone(),
            None => summary_slug(&e.you_said),
        };
        if !names.insert((e.date, name.clone())) {
            let hint = if e.id.is_some() {
                "give this entry an `id:` that no other entry of the same date has"
            } else {
                "add `id:` with a short name of its own to this entry, e.g. `id: transport-after-16`, so its feed entry keeps its own id"
            };
            diags.push(
                Diagnostic::error(
                    Code::SaidWeDid,
                    FILE,
                    format!(
                        "this entry would have the same feed id as an earlier entry of {} (`{name}`)",
                        crate::format::human_date(e.date)
                    ),
                )
                .at(id_line, 1, Some(text))
                .with_hint(hint),
            );
        }
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
        entries.push(Logged {
            entry: e,
            line,
            path,
            name,
        });
    }
    // Newest first; entries of one day keep their file order.
    entries.sort_by_key(|l| std::cmp::Reverse(l.entry.date));
    Ok((
        SaidWeDid {
            present: true,
            example: log.example,
            entries,
            positions,
            text: text.into(),
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
        assert_eq!(log.entries[0].entry.you_said, "C");
        assert_eq!(log.entries[0].line, 8);
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
    fn ids_come_from_the_date_and_words_and_survive_a_new_entry_at_the_top() {
        let (log, _) = parse(LOG).unwrap();
        let tags = |log: &SaidWeDid| -> Vec<String> {
            log.entries.iter().map(|l| l.tag("send.example")).collect()
        };
        assert_eq!(
            tags(&log),
            [
                "tag:send.example,2025-06-01:you-said-we-did/c",
                "tag:send.example,2025-03-01:you-said-we-did/a"
            ]
        );
        let top = LOG.replace(
            "entries:\n",
            "entries:\n  - date: 2025-03-01\n    you_said: New one\n    we_did: E\n    who: SEND team\n    status: done\n",
        );
        let (more, diags) = parse(&top).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        let after = tags(&more);
        assert_eq!(after.len(), 3);
        assert!(tags(&log).iter().all(|t| after.contains(t)), "{after:?}");
        let named = LOG.replace(
            "  - date: 2025-06-01\n",
            "  - date: 2025-06-01\n    id: forum-evenings\n",
        );
        let (named, _) = parse(&named).unwrap();
        assert_eq!(
            named.entries[0].tag("h"),
            "tag:h,2025-06-01:you-said-we-did/forum-evenings"
        );
    }

    #[test]
    fn summary_slugs_keep_whole_words() {
        assert_eq!(
            summary_slug(
                "Transport to college after 16 is confusing. We did not know what help there was."
            ),
            "transport-to-college-after-16-is-confusing-we-did-not-know"
        );
        assert_eq!(summary_slug("Ça va? Très bien"), "ça-va-très-bien");
    }

    #[test]
    fn two_entries_with_one_id_are_an_error_at_the_second() {
        let twice = LOG
            .replace("you_said: C", "you_said: A")
            .replace("2025-06-01", "2025-03-01");
        let (_, diags) = parse(&twice).unwrap();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 8);
        assert!(diags[0].message.contains("same feed id"), "{diags:?}");
        assert!(diags[0].hint.as_deref().unwrap().contains("add `id:`"));
        let fixed = twice.replace(
            "  - date: 2025-03-01\n    you_said: A\n    we_did: D",
            "  - date: 2025-03-01\n    id: second\n    you_said: A\n    we_did: D",
        );
        let (_, diags) = parse(&fixed).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        let bad = LOG.replace(
            "  - date: 2025-06-01\n",
            "  - date: 2025-06-01\n    id: Not A Slug\n",
        );
        let (_, diags) = parse(&bad).unwrap();
        assert_eq!((diags.len(), diags[0].line), (1, 9), "{diags:?}");
    }

    #[test]
    fn not_possible_needs_a_reason() {
        let bad = LOG.replace("status: done", "status: not-possible");
        let (_, diags) = parse(&bad).unwrap();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 12);
    }
}

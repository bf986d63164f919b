//! The keys of a service file: which are allowed and required at each place (the top level,
//! `organisation`, `cost`, `access`, each of `locations`, `contacts` and `sessions`, and
//! `local_offer`), and the check that reports every unknown or missing key at its own line.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::{child, item, LazyPositions};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// Where the format is described, for hints.
const DOCS: &str = "see docs/FORMATS.md, section \"Services\"";

/// Top-level keys: (key, required).
pub const TOP: &[(&str, bool)] = &[
    ("example", false),
    ("name", true),
    ("organisation", true),
    ("description", true),
    ("status", true),
    ("status_reason", false),
    ("categories", true),
    ("needs", false),
    ("min_age", true),
    ("max_age", true),
    ("area", true),
    ("cost", true),
    ("access", true),
    ("locations", false),
    ("contacts", true),
    ("sessions", false),
    ("languages", false),
    ("local_offer", false),
    ("reviewed", true),
    ("review_every", false),
    ("visible_from", false),
    ("visible_to", false),
    // Open Referral UK fields this format has no place for, kept by `senpack import oruk`.
    ("oruk_extra", false),
];
pub const ORGANISATION: &[(&str, bool)] = &[
    ("name", true),
    ("description", false),
    ("website", false),
    ("logo", false),
];
pub const COST: &[(&str, bool)] = &[("free", true), ("description", false), ("amount", false)];
pub const ACCESS: &[(&str, bool)] = &[("referral", true), ("who_refers", false), ("how", false)];
pub const LOCATION: &[(&str, bool)] = &[
    ("name", true),
    ("address", true),
    ("postcode", true),
    ("latitude", false),
    ("longitude", false),
    ("accessibility", false),
];
pub const CONTACT: &[(&str, bool)] = &[
    ("name", false),
    ("role", false),
    ("phone", false),
    ("email", false),
    ("website", false),
];
pub const SESSION: &[(&str, bool)] = &[
    ("day", true),
    ("start", true),
    ("end", true),
    ("term_time_only", false),
    ("notes", false),
];
pub const LOCAL_OFFER: &[(&str, bool)] = &[
    ("support", false),
    ("training", false),
    ("parents", false),
    ("progress", false),
    ("environment", false),
    ("getting_started", false),
    ("future", false),
];

/// The keys of a map written under a top-level key: (keys, whether the key holds a list of
/// such maps).
fn nested(key: &str) -> Option<(&'static [(&'static str, bool)], bool)> {
    Some(match key {
        "organisation" => (ORGANISATION, false),
        "cost" => (COST, false),
        "access" => (ACCESS, false),
        "local_offer" => (LOCAL_OFFER, false),
        "locations" => (LOCATION, true),
        "contacts" => (CONTACT, true),
        "sessions" => (SESSION, true),
        _ => return None,
    })
}

/// Every unknown and every missing key of a service file's `value`, each at its line:
/// (unknown, missing). A file that is not a map of keys is one "missing" problem.
pub fn check(
    value: &Value,
    file: &Path,
    text: &str,
    positions: &LazyPositions,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut found = Found {
        file,
        text,
        positions,
        unknown: Vec::new(),
        missing: Vec::new(),
    };
    let Some(top) = value.as_mapping() else {
        let d = Diagnostic::error(
            Code::Service,
            file,
            "this file is not a list of `key: value` lines",
        )
        .at(1, 0, Some(text))
        .with_hint(format!("start with `name: \"...\"`; {DOCS}"));
        return (Vec::new(), vec![d]);
    };
    found.walk(top, "", TOP);
    for (k, v) in top {
        let key = k.as_str().unwrap_or("");
        let Some((keys, list)) = nested(key) else {
            continue;
        };
        match (list, v) {
            (false, Value::Mapping(map)) => found.walk(map, key, keys),
            (true, Value::Sequence(items)) => {
                for (n, entry) in items.iter().enumerate() {
                    if let Value::Mapping(map) = entry {
                        found.walk(map, &item(key, n), keys);
                    }
                }
            }
            // Any other form is a wrong type, reported with its field by the typed read.
            _ => {}
        }
    }
    (found.unknown, found.missing)
}

/// The problems found so far, and where to put them.
struct Found<'a> {
    file: &'a Path,
    text: &'a str,
    positions: &'a LazyPositions,
    unknown: Vec<Diagnostic>,
    missing: Vec<Diagnostic>,
}

impl Found<'_> {
    fn line(&self, path: &str) -> usize {
        self.positions
            .of(self.text)
            .nearest_key_line(path)
            .unwrap_or(1)
    }

    /// Checks the keys of one map at `at` (`""` for the top, `organisation`, `contacts[1]`).
    fn walk(&mut self, map: &Mapping, at: &str, keys: &[(&str, bool)]) {
        let allowed: Vec<&str> = keys.iter().map(|(n, _)| *n).collect();
        let place = if at.is_empty() {
            "at the top level".to_string()
        } else {
            format!("in `{}`", list_name(at))
        };
        for (k, _) in map {
            let name = match k {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if allowed.contains(&name.as_str()) {
                continue;
            }
            let path = child(at, &name);
            let hint = match close_to(&name, &allowed) {
                Some(near) => format!(
                    "did you mean `{near}`? Fix its spelling or remove it; the keys allowed {place} are: {}",
                    allowed.join(", ")
                ),
                None => format!(
                    "remove it or fix its spelling; the keys allowed {place} are: {}",
                    allowed.join(", ")
                ),
            };
            self.unknown.push(
                Diagnostic::error(Code::Service, self.file, format!("unknown key `{path}`"))
                    .at(self.line(&path), 0, Some(self.text))
                    .with_hint(hint),
            );
        }
        for (name, required) in keys {
            if !*required || map.contains_key(*name) {
                continue;
            }
            let line = if at.is_empty() { 1 } else { self.line(at) };
            let under = if at.is_empty() {
                "at the start of a line".to_string()
            } else if at.ends_with(']') {
                format!("to this entry of `{}`", list_name(at))
            } else {
                format!("indented under `{at}:`")
            };
            self.missing.push(
                Diagnostic::error(
                    Code::Service,
                    self.file,
                    format!("the key `{}` is missing", child(at, name)),
                )
                .at(line, 0, Some(self.text))
                .with_hint(format!("add `{name}:` {under}; {DOCS}")),
            );
        }
    }
}

/// `contacts[2]` → `contacts`; other paths as they are.
fn list_name(at: &str) -> &str {
    at.split('[').next().unwrap_or(at)
}

/// Other words for allowed keys that other directories use: (word, key).
const OTHER_WORDS: &[(&str, &str)] = &[
    ("telephone", "phone"),
    ("tel", "phone"),
    ("mobile", "phone"),
    ("url", "website"),
    ("web", "website"),
    ("lat", "latitude"),
    ("lng", "longitude"),
    ("lon", "longitude"),
];

/// An allowed key that `name` is probably meant to be: another word for it, or the same letters
/// but for case, `-` for `_`, or one letter added, left out, changed or two swapped.
fn close_to<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let plain = name.to_ascii_lowercase().replace(['-', ' '], "_");
    let other = OTHER_WORDS
        .iter()
        .find(|(word, _)| *word == plain)
        .map(|(_, key)| *key);
    allowed
        .iter()
        .find(|a| Some(**a) == other || **a == plain || one_edit(a, &plain))
        .copied()
}

/// Whether `a` and `b` differ by one edit (insert, delete, change, or swap of neighbours).
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[start..], &b[start..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => rb[1..] == *ra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, message, hint) of one problem.
    type Problem = (usize, String, String);

    fn run(text: &str) -> (Vec<Problem>, Vec<Problem>) {
        let value: Value = serde_yaml::from_str(text).expect("YAML");
        let positions = LazyPositions::default();
        let (u, m) = check(
            &value,
            Path::new("content/services/a.yaml"),
            text,
            &positions,
        );
        let flat = |v: Vec<Diagnostic>| {
            v.into_iter()
                .map(|d| (d.line, d.message, d.hint.unwrap_or_default()))
                .collect()
        };
        (flat(u), flat(m))
    }

    #[test]
    fn misspellings_are_found() {
        let allowed = ["who_refers", "referral", "how"];
        assert_eq!(close_to("who-refers", &allowed), Some("who_refers"));
        assert_eq!(close_to("Referral", &allowed), Some("referral"));
        assert_eq!(close_to("refferal", &allowed), None, "two edits");
        assert_eq!(close_to("referal", &allowed), Some("referral"));
        assert_eq!(close_to("rfeerral", &allowed), Some("referral"));
        assert_eq!(close_to("hwo", &allowed), Some("how"));
        assert_eq!(close_to("when", &allowed), None);
        assert_eq!(close_to("Telephone", &["name", "phone"]), Some("phone"));
        assert_eq!(
            close_to("lat", &["name", "phone"]),
            None,
            "not allowed here"
        );
        assert!(!one_edit("how", "how"));
    }

    #[test]
    fn every_unknown_key_is_named_at_its_line_with_the_keys_allowed_there() {
        let text = "name: A\ncolour: red\norganisation:\n  name: O\n  webiste: x\ncontacts:\n  - phone: \"1\"\n  - fax: \"2\"\n    email: e\nsessions:\n  - day: monday\n    start: \"09:00\"\n    end: \"10:00\"\n    room: 4\n";
        let (unknown, _) = run(text);
        let got: Vec<(usize, &str)> = unknown.iter().map(|(l, m, _)| (*l, m.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (2, "unknown key `colour`"),
                (5, "unknown key `organisation.webiste`"),
                (8, "unknown key `contacts[1].fax`"),
                (14, "unknown key `sessions[0].room`"),
            ]
        );
        assert!(unknown[0]
            .2
            .contains("allowed at the top level are: example, name,"));
        assert!(
            unknown[1].2.starts_with("did you mean `website`?"),
            "{}",
            unknown[1].2
        );
        assert!(unknown[1]
            .2
            .ends_with("in `organisation` are: name, description, website, logo"));
        assert!(unknown[2]
            .2
            .ends_with("in `contacts` are: name, role, phone, email, website"));
        assert!(unknown[3]
            .2
            .contains("day, start, end, term_time_only, notes"));
    }

    #[test]
    fn every_missing_key_is_named_where_it_belongs() {
        let text = "name: A\norganisation:\n  website: w\ncost: { amount: 3 }\nlocations:\n  - name: L\n    postcode: AN1 1AA\nsessions:\n  - day: monday\n    start: \"09:00\"\n";
        let (unknown, missing) = run(text);
        assert!(unknown.is_empty(), "{unknown:?}");
        let got: Vec<(usize, &str)> = missing.iter().map(|(l, m, _)| (*l, m.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "the key `description` is missing"),
                (1, "the key `status` is missing"),
                (1, "the key `categories` is missing"),
                (1, "the key `min_age` is missing"),
                (1, "the key `max_age` is missing"),
                (1, "the key `area` is missing"),
                (1, "the key `access` is missing"),
                (1, "the key `contacts` is missing"),
                (1, "the key `reviewed` is missing"),
                (2, "the key `organisation.name` is missing"),
                (4, "the key `cost.free` is missing"),
                (6, "the key `locations[0].address` is missing"),
                (9, "the key `sessions[0].end` is missing"),
            ]
        );
        assert!(missing[9]
            .2
            .starts_with("add `name:` indented under `organisation:`"));
        assert!(missing[11]
            .2
            .starts_with("add `address:` to this entry of `locations`"));
    }

    #[test]
    fn a_file_that_is_not_a_map_is_one_problem() {
        let (unknown, missing) = run("- a\n- b\n");
        assert!(unknown.is_empty());
        assert_eq!(missing.len(), 1);
        assert!(missing[0].1.contains("not a list of `key: value` lines"));
    }

    #[test]
    fn a_wrongly_shaped_nested_value_is_left_to_the_typed_read() {
        let (unknown, missing) = run("organisation: \"Anyshire\"\ncontacts: [1, 2]\n");
        assert!(unknown.is_empty());
        assert!(
            !missing.iter().any(|m| m.1.contains("organisation.")),
            "{missing:?}"
        );
    }
}

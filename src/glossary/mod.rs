//! The glossary: `content/glossary.yaml` read and checked into a [`Glossary`] of plain-language
//! definitions. [`matcher`] finds glossary words in text (and links them in page bodies),
//! [`page`] makes the A–Z `/glossary/` page, [`checks`] warns on undefined and superseded jargon.

pub mod matcher;
pub mod translation;
pub mod usage;

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::markdown::slugify;
use crate::load::positions::{child, item, Positions};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

pub use matcher::Matcher;

/// The file the glossary is read from, relative to the site root.
pub const FILE: &str = "content/glossary.yaml";

/// A glossary file longer than this is refused before it is read as YAML.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The longest `term:`, `abbr:` or `also:` spelling, in characters.
pub const MAX_TERM_CHARS: usize = 200;
/// The longest `definition:`, in characters.
pub const MAX_DEFINITION_CHARS: usize = 2_000;

/// One word or phrase and what it means.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub term: String,
    /// Short form, matched case-sensitively (e.g. `EHCP`).
    pub abbr: Option<String>,
    /// Other spellings.
    pub also: Vec<String>,
    pub definition: String,
    /// A page with more, as written in the file (a `.md` path inside content/, optional `#anchor`).
    pub see: Option<String>,
    /// The term of the entry that replaced this one.
    pub superseded_by: Option<String>,
    /// The anchor on `/glossary/`: the term's slug.
    pub id: String,
    /// Line of the entry in the file (1-based; 0 when unknown).
    pub line: usize,
    /// Which item of the file's list the entry is (0-based), for the lines of its keys.
    #[serde(skip)]
    pub item: usize,
}

impl Entry {
    /// Every way the entry is written: term, abbreviation, other spellings.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str())
            .chain(self.abbr.as_deref())
            .chain(self.also.iter().map(String::as_str))
    }
}

/// The whole glossary, in file order.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// The file's text, for the lines diagnostics show.
    pub text: String,
    /// Where each key and value of the file is written.
    pub positions: Positions,
    /// The glossary in each of the site's `languages:` that has one
    /// (`content/glossary.<code>.yaml`; see [`translation`]).
    pub translations: std::collections::BTreeMap<String, Glossary>,
}

/// The keys an entry may have (those of [`RawEntry`]).
const FIELDS: &[&str] = &["term", "abbr", "also", "definition", "see", "superseded_by"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: String,
    #[serde(default)]
    abbr: Option<String>,
    #[serde(default)]
    also: Vec<String>,
    definition: String,
    #[serde(default)]
    see: Option<String>,
    #[serde(default)]
    superseded_by: Option<String>,
}

impl Glossary {
    /// The glossary pages in `variant` use: that language's, else this one (the site's own
    /// language, and Easy Read).
    pub fn for_variant(&self, variant: Option<&str>) -> &Glossary {
        variant
            .and_then(|v| self.translations.get(v))
            .unwrap_or(self)
    }

    /// Reads `content/glossary.yaml` under `root`. A missing file is an empty glossary.
    pub fn load(root: &Path) -> (Glossary, Vec<Diagnostic>) {
        match crate::load::files::read_text(root, &root.join(FILE)) {
            Ok(text) => Glossary::parse(&text),
            Err(e) if e.is_not_found() => (Glossary::default(), Vec::new()),
            Err(e) => (
                Glossary::default(),
                vec![Diagnostic::error(
                    Code::Glossary,
                    FILE,
                    format!("cannot read the glossary: {e}"),
                )
                .with_hint(e.hint("check the file is saved as UTF-8 text"))],
            ),
        }
    }

    /// Parses and checks the text of a glossary file.
    pub fn parse(text: &str) -> (Glossary, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        if text.len() > MAX_FILE_BYTES {
            let d = Diagnostic::error(
                Code::Glossary,
                FILE,
                format!(
                    "the glossary is {} bytes long; the limit is {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            )
            .with_hint("keep the glossary to the words your pages use; see docs/FORMATS.md, section \"Glossary\", for the limits");
            return (Glossary::default(), vec![d]);
        }
        let (values, positions) = match read_entries(
            text,
            FILE,
            "the glossary is a list of entries, each starting `- term: \"...\"` with `definition:` below it",
        ) {
            Ok(read) => read,
            Err(d) => return (Glossary::default(), vec![d]),
        };
        let mut entries = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let line = positions.value_line(&item("", i)).unwrap_or(0);
            match RawEntry::deserialize(value) {
                Ok(raw) => entries.push(entry(raw, i, line)),
                Err(e) => diags.push(entry_error(&e.to_string(), value, text, &positions, i)),
            }
        }
        let glossary = Glossary {
            entries,
            text: text.to_string(),
            positions,
            translations: Default::default(),
        };
        // Refused whole: the automata for a glossary above the limits would take too much memory.
        if let Err(e) = matcher::check_limits(&glossary) {
            return (Glossary::default(), vec![e.diagnostic()]);
        }
        diags.extend(glossary.validate());
        (glossary, diags)
    }

    /// The line of `key` in entry `e`, else the entry's own line.
    fn key_line(&self, e: &Entry, key: &str) -> usize {
        self.positions
            .key_line(&child(&item("", e.item), key))
            .unwrap_or(e.line)
    }

    /// Indices of the entries whose words appear in plain `text`, sorted.
    pub fn terms_in(&self, text: &str) -> Vec<usize> {
        // A glossary over the matcher's limits is reported by `parse`; it finds nothing here.
        let Ok(matcher) = Matcher::new(self) else {
            return Vec::new();
        };
        let mut found: Vec<usize> = matcher.find(text).into_iter().map(|m| m.entry).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The entry with this term (exactly as written, ignoring case).
    pub fn by_term(&self, term: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.term.eq_ignore_ascii_case(term.trim()))
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let text = self.text.as_str();
        let mut diags = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let at = |key: &str| self.key_line(e, key);
            if e.term.trim().is_empty() || e.definition.trim().is_empty() {
                let key = if e.term.trim().is_empty() {
                    "term"
                } else {
                    "definition"
                };
                diags.push(
                    problem(text, at(key), format!("the entry's `{key}` is empty")).with_hint(
                        "write the word, and what it means in one or two plain sentences",
                    ),
                );
            }
            let too_long = |key: &str, value: &str, max: usize| {
                let n = value.chars().count();
                (n > max).then(|| {
                    problem(
                        text,
                        at(key),
                        format!("the entry's `{key}` is {n} characters long; the limit is {max}"),
                    )
                    .with_hint("shorten it: a glossary word is a few words, a definition one or two plain sentences")
                })
            };
            diags.extend(too_long("term", &e.term, MAX_TERM_CHARS));
            diags.extend(
                e.abbr
                    .as_deref()
                    .and_then(|a| too_long("abbr", a, MAX_TERM_CHARS)),
            );
            diags.extend(
                e.also
                    .iter()
                    .find_map(|a| too_long("also", a, MAX_TERM_CHARS)),
            );
            diags.extend(too_long("definition", &e.definition, MAX_DEFINITION_CHARS));
            for s in e.spellings() {
                let key = spelling_key(e, s);
                match seen.get(&key) {
                    Some(&other) if other != i => diags.push(
                        problem(
                            text,
                            at(if Some(s) == e.abbr.as_deref() {
                                "abbr"
                            } else {
                                "term"
                            }),
                            format!(
                                "\"{s}\" is in the glossary twice (also under \"{}\")",
                                self.entries[other].term
                            ),
                        )
                        .with_hint("keep one entry for each word; put other spellings in `also:`"),
                    ),
                    _ => {
                        seen.insert(key, i);
                    }
                }
            }
            if let Some(new) = &e.superseded_by {
                if self.by_term(new).is_none() {
                    diags.push(problem(text, at("superseded_by"),
                        format!("`superseded_by: {new}` names no entry of the glossary"))
                        .with_hint("write the `term:` of the entry that replaced this one, exactly as it is spelled there"));
                }
            }
        }
        diags
    }

    /// Checks every `see:` names a page (and heading) of the site.
    pub fn check_see(&self, found: impl Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for e in &self.entries {
            let Some(see) = &e.see else { continue };
            if found(see).is_none() {
                diags.push(problem(&self.text, self.key_line(e, "see"),
                    format!("`see: {see}` names no page of this site"))
                    .with_hint("give the page's path inside content/, e.g. `see: \"parents/ehc-plans.md\"` (a `#heading-id` may follow)"));
            }
        }
        diags
    }
}

/// Duplicate detection key: abbreviations by exact spelling, other words ignoring case.
fn spelling_key(e: &Entry, s: &str) -> String {
    if Some(s) == e.abbr.as_deref() || matcher::looks_like_acronym(s) {
        format!("={}", matcher::normalise(s))
    } else {
        format!("~{}", matcher::normalise(s).to_lowercase())
    }
}

fn entry(raw: RawEntry, item: usize, line: usize) -> Entry {
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Entry {
        id: slugify(&raw.term),
        term: raw.term.trim().to_string(),
        abbr: clean(raw.abbr),
        also: raw
            .also
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        definition: raw.definition.trim().to_string(),
        see: clean(raw.see),
        superseded_by: clean(raw.superseded_by),
        line,
        item,
    }
}

fn problem(text: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic::error(Code::Glossary, FILE, message).at(line, 0, Some(text))
}

/// A wrong key or value inside entry `n` (its YAML `value`): at the line of the entry's first
/// key that is not one of [`FIELDS`] when serde says so, else at the entry's line.
fn entry_error(
    message: &str,
    value: &serde_yaml::Value,
    text: &str,
    positions: &Positions,
    n: usize,
) -> Diagnostic {
    // serde_yaml's errors carry no kind to ask, only their words.
    let unknown = message.contains("unknown field");
    let start = item("", n);
    let key = value
        .as_mapping()
        .and_then(|m| {
            m.keys()
                .filter_map(|k| k.as_str())
                .find(|k| !FIELDS.contains(k))
        })
        .filter(|_| unknown);
    let line = key
        .and_then(|k| positions.key_line(&child(&start, k)))
        .or_else(|| positions.value_line(&start))
        .unwrap_or(0);
    let msg = message.split(" at line ").next().unwrap_or(message);
    let hint = if unknown {
        "the keys an entry may have are term, abbr, also, definition, see and superseded_by"
    } else {
        "every entry needs `term:` and `definition:`; `also:` is a list like `[\"EHC plan\"]`"
    };
    problem(text, line, format!("glossary entry: {msg}")).with_hint(hint)
}

/// A glossary file's entries as YAML values (none for an empty file), with where each is
/// written; or its YAML syntax error at its line, with `hint`. The English glossary and each
/// language's ([`translation::parse`]) are read this way.
fn read_entries(
    text: &str,
    file: &str,
    hint: &str,
) -> Result<(Vec<serde_yaml::Value>, Positions), Diagnostic> {
    if text.trim().is_empty() {
        return Ok((Vec::new(), Positions::of(text, 1)));
    }
    match crate::load::yaml::from_str(text) {
        Ok(values) => Ok((values, Positions::of(text, 1))),
        Err(e) => {
            Err(crate::load::yaml::to_diagnostic(&e, Path::new(file), text, 1).with_hint(hint))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "- term: \"Education, Health and Care plan\"\n  abbr: EHCP\n  also: [\"EHC plan\"]\n  definition: A legal document.\n- term: Statement of special educational needs\n  also: [statement]\n  definition: The old name.\n  superseded_by: Education, Health and Care plan\n";

    #[test]
    fn loads_entries_with_ids_and_lines() {
        let (g, d) = Glossary::parse(GOOD);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].id, "education-health-and-care-plan");
        assert_eq!(g.entries[0].abbr.as_deref(), Some("EHCP"));
        assert_eq!(g.entries[1].line, 5);
    }

    #[test]
    fn missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (g, d) = Glossary::load(dir.path());
        assert!(g.entries.is_empty() && d.is_empty());
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = "- term: A\n  definition: B\n- term: C\n  defintion: D\n  definition: E\n";
        let (g, d) = Glossary::parse(text);
        assert_eq!(g.entries.len(), 1);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 4, "{:?}", d[0]);
        assert!(
            d[0].message.contains("unknown field `defintion`"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].file, Path::new("content/glossary.yaml"));
    }

    #[test]
    fn duplicates_and_dangling_superseded_by_are_errors() {
        let text = "- term: SEN support\n  definition: Help.\n- term: Sen Support\n  definition: Again.\n- term: Old\n  definition: Gone.\n  superseded_by: Nothing here\n- term: X one\n  abbr: EHCP\n  definition: a\n- term: X two\n  abbr: EHCP\n  definition: b\n";
        let (_, d) = Glossary::parse(text);
        let msgs: Vec<String> = d
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        assert!(
            msgs.contains(
                &"3: \"Sen Support\" is in the glossary twice (also under \"SEN support\")"
                    .to_string()
            ),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(
                &"7: `superseded_by: Nothing here` names no entry of the glossary".to_string()
            ),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(
                &"12: \"EHCP\" is in the glossary twice (also under \"X one\")".to_string()
            ),
            "{msgs:?}"
        );
    }

    #[test]
    fn see_must_name_a_page() {
        let text = "- term: A\n  definition: B\n  see: parents/gone.md\n";
        let (g, _) = Glossary::parse(text);
        let d = g.check_see(|_| None);
        assert_eq!(d[0].line, 3);
        assert_eq!(
            d[0].message,
            "`see: parents/gone.md` names no page of this site"
        );
    }

    #[test]
    fn terms_in_finds_sorted_indices() {
        let (g, _) = Glossary::parse(GOOD);
        assert_eq!(g.terms_in("Your statement became an EHCP."), vec![0, 1]);
        assert!(g.terms_in("ehcp in lower case").is_empty());
    }

    #[test]
    fn over_long_definitions_and_terms_name_their_line() {
        let text = format!(
            "- term: A\n  definition: B\n- term: C\n  also: [\"{}\"]\n  definition: \"{}\"\n",
            "t".repeat(MAX_TERM_CHARS + 1),
            "d".repeat(MAX_DEFINITION_CHARS + 1)
        );
        let (_, d) = Glossary::parse(&text);
        let got: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (
                    4,
                    "the entry's `also` is 201 characters long; the limit is 200"
                ),
                (
                    5,
                    "the entry's `definition` is 2001 characters long; the limit is 2000"
                ),
            ]
        );
    }

    #[test]
    fn keys_are_found_where_the_yaml_has_them_not_in_a_definition_text() {
        // The text search this replaced took the first line starting `see:` or `colour:` from
        // the entry's start, here inside the block text of the definition (line 3).
        let text =
            "- term: A\n  definition: |\n    see: this is text, colour: too\n  see: gone.md\n";
        let (g, d) = Glossary::parse(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(g.check_see(|_| None)[0].line, 4);
        let text = "- term: A\n  definition: |\n    colour: in the text\n  colour: red\n";
        let (_, d) = Glossary::parse(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 4, "{:?}", d[0]);
        assert_eq!(d[0].source_line.as_deref(), Some("  colour: red"));
        // A wrong type is at the entry's line.
        let (_, d) = Glossary::parse(
            "- term: A\n  definition: B\n- term: C\n  also: {a: b}\n  definition: D\n",
        );
        assert_eq!((d.len(), d[0].line), (1, 3), "{d:?}");
        assert!(d[0].message.contains("invalid type"), "{}", d[0].message);
    }

    #[test]
    fn an_indented_or_flow_list_has_its_lines() {
        // Entries were found by lines starting `- `: an indented list had no lines at all.
        let text = "  - term: SEN support\n    definition: Help.\n  - term: Sen Support\n    definition: Again.\n";
        let (g, d) = Glossary::parse(text);
        assert_eq!((g.entries[0].line, g.entries[1].line), (1, 3));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 3);
        let (g, _) = Glossary::parse("[{term: A, definition: B},\n {term: C, definition: D}]\n");
        assert_eq!((g.entries[0].line, g.entries[1].line), (1, 2));
        // An item whose `-` stands alone starts at its first key.
        let (g, _) = Glossary::parse("-\n  term: A\n  definition: B\n");
        assert_eq!(g.entries[0].line, 2);
    }
}

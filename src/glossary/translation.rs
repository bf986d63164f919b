//! A language's glossary, `content/glossary.<code>.yaml`: a list of entries, each naming the
//! English entry it translates (`of:`, that entry's `term` exactly) with its own `term`,
//! optional `abbr` and `also`, and `definition`. The English entry's `see:` and `superseded_by:`
//! carry over (the replacing term as this language writes it).

use super::{entry, Entry, Glossary, RawEntry};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::{child, item};
use serde::Deserialize;
use std::path::Path;

/// The keys an entry of a language's glossary may have.
const FIELDS: &str = "of, term, abbr, also, definition";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslated {
    of: String,
    term: String,
    #[serde(default)]
    abbr: Option<String>,
    #[serde(default)]
    also: Vec<String>,
    definition: String,
}

/// The file of a language's glossary, from the site root.
pub fn file(code: &str) -> String {
    format!("content/glossary.{code}.yaml")
}

/// Whether a path inside `content/` is a language's glossary (`glossary.pl.yaml`).
pub fn is_translation_file(rel: &str) -> bool {
    rel.strip_prefix("glossary.")
        .and_then(|r| r.strip_suffix(".yaml"))
        .is_some_and(|code| !code.is_empty() && !code.contains('/'))
}

/// Reads `content/glossary.<code>.yaml` under `root`; `None` when the language has none.
pub fn load(root: &Path, code: &str, english: &Glossary) -> Option<(Glossary, Vec<Diagnostic>)> {
    let name = file(code);
    match crate::load::files::read_text(root, &root.join(&name)) {
        Ok(text) => Some(parse(&text, &name, english)),
        Err(e) if e.is_not_found() => None,
        Err(e) => Some((
            Glossary::default(),
            vec![Diagnostic::error(
                Code::Glossary,
                name,
                format!("cannot read this glossary: {e}"),
            )
            .with_hint(e.hint("check the file is saved as UTF-8 text"))],
        )),
    }
}

/// Parses a language's glossary against the English one.
pub fn parse(text: &str, name: &str, english: &Glossary) -> (Glossary, Vec<Diagnostic>) {
    let error = |line: usize, message: String, hint: &str| {
        Diagnostic::error(Code::Glossary, name, message)
            .at(line, 0, Some(text))
            .with_hint(hint.to_string())
    };
    let (values, positions) = match super::read_entries(
        text,
        name,
        "a language's glossary is a list of entries, each starting `- of: \"...\"` (the English term) with `term:` and `definition:` below it",
    ) {
        Ok(read) => read,
        Err(d) => return (Glossary::default(), vec![d]),
    };
    let mut diags = Vec::new();
    let mut raws: Vec<(usize, RawTranslated)> = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let at = item("", i);
        let line = positions.value_line(&at).unwrap_or(0);
        match RawTranslated::deserialize(value) {
            Ok(raw) => {
                let of_line = positions.key_line(&child(&at, "of")).unwrap_or(line);
                if english.by_term(&raw.of).is_none() {
                    diags.push(error(of_line, format!("`of: {}` is not a term of content/glossary.yaml", raw.of),
                        "write the English entry's `term:` exactly as content/glossary.yaml has it"));
                } else if raws.iter().any(|(_, r)| r.of == raw.of) {
                    diags.push(error(of_line, format!("`{}` is translated twice in this file", raw.of),
                        "keep one entry for each English term"));
                } else {
                    raws.push((i, raw));
                }
            }
            Err(e) => diags.push(error(line, format!("this entry cannot be read: {e}"),
                &format!("an entry may have the keys {FIELDS}; `of`, `term` and `definition` are required"))),
        }
    }
    let entries: Vec<Entry> = raws
        .iter()
        .map(|(i, raw)| {
            let from = &english.entries[english.by_term(&raw.of).expect("checked above")];
            let replaced = from.superseded_by.as_ref().and_then(|new| {
                raws.iter()
                    .find(|(_, r)| &r.of == new)
                    .map(|(_, r)| r.term.clone())
            });
            let line = positions.value_line(&item("", *i)).unwrap_or(0);
            entry(
                RawEntry {
                    term: raw.term.clone(),
                    abbr: raw.abbr.clone(),
                    also: raw.also.clone(),
                    definition: raw.definition.clone(),
                    see: from.see.clone(),
                    superseded_by: replaced,
                },
                *i,
                line,
            )
        })
        .collect();
    let glossary = Glossary {
        entries,
        text: text.to_string(),
        positions,
        translations: Default::default(),
    };
    if let Err(e) = super::matcher::check_limits(&glossary) {
        return (Glossary::default(), vec![e.diagnostic()]);
    }
    (glossary, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Glossary {
        Glossary::parse(
            "- term: Statement of SEN\n  definition: Old.\n  superseded_by: EHC plan\n- term: EHC plan\n  abbr: EHCP\n  definition: A plan.\n  see: parents/ehc-plans.md\n",
        )
        .0
    }

    #[test]
    fn a_language_glossary_names_its_english_terms() {
        let text = "- of: EHC plan\n  term: Plan EHC\n  abbr: EHCP\n  definition: Plan.\n- of: Statement of SEN\n  term: Orzeczenie SEN\n  definition: Stare.\n";
        let (g, diags) = parse(text, "content/glossary.pl.yaml", &english());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(g.entries[0].id, "plan-ehc");
        assert_eq!(g.entries[0].see.as_deref(), Some("parents/ehc-plans.md"));
        assert_eq!(g.entries[1].superseded_by.as_deref(), Some("Plan EHC"));
        assert!(is_translation_file("glossary.pl.yaml") && !is_translation_file("glossary.yaml"));
    }

    #[test]
    fn a_wrong_of_or_key_is_named_at_its_line() {
        let text = "- of: EHC plan\n  term: A\n  definition: B\n- of: Nothing\n  term: C\n  definition: D\n- of: EHC plan\n  term: E\n  definition: F\n- of: EHC plan\n  term: G\n  colour: red\n  definition: H\n";
        let (_, diags) = parse(text, "content/glossary.pl.yaml", &english());
        let found: Vec<(usize, &str)> =
            diags.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            found[0],
            (4, "`of: Nothing` is not a term of content/glossary.yaml")
        );
        assert_eq!(found[1], (7, "`EHC plan` is translated twice in this file"));
        assert_eq!(found[2].0, 10);
        assert!(found[2].1.contains("unknown field `colour`"), "{found:?}");
    }
}

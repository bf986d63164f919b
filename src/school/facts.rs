//! School facts: reads `content/schools/<slug>.yaml` into typed [`School`]s and checks them the way a
//! school office would need: every missing field, unknown key, email, phone, URN, need, phase and
//! accent colour problem is a diagnostic naming the file, line and field with the fix.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What stage of education a school is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Nursery,
    Primary,
    Secondary,
    AllThrough,
    Special,
    #[serde(rename = "post-16")]
    Post16,
}

/// The phases in the order lists show them: (slug, label).
pub const PHASES: &[(&str, &str)] = &[
    ("nursery", "Nursery"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("all-through", "All-through"),
    ("special", "Special school"),
    ("post-16", "Post-16"),
];

/// The four broad areas of need (SEND Code of Practice 6.28–6.35): (slug, label).
pub const NEEDS: &[(&str, &str)] = &[
    (
        "communication-and-interaction",
        "Communication and interaction",
    ),
    ("cognition-and-learning", "Cognition and learning"),
    (
        "social-emotional-and-mental-health",
        "Social, emotional and mental health",
    ),
    ("sensory-and-physical", "Sensory and physical"),
];

impl Phase {
    pub fn slug(self) -> &'static str {
        PHASES[self as usize].0
    }
    pub fn label(self) -> &'static str {
        PHASES[self as usize].1
    }
}

/// A person the school names (headteacher, SENCO, governors).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// When they can be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<String>,
    /// How to reach them when not by email or phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// Optional school branding for single-school sites.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Branding {
    /// Path under content/.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
}

/// The answers of the SEN information report; see `school::items` for the items. (Unknown keys are
/// caught before this is read: `flatten` cannot deny them.)
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub reviewed: NaiveDate,
    /// Item answers (Markdown) by key, e.g. `kinds_of_need`; an empty key is `None`.
    #[serde(flatten)]
    pub answers: BTreeMap<String, Option<String>>,
}

/// One school's facts (`content/schools/<slug>.yaml`). Unknown keys here and in [`Person`] and
/// [`Branding`] are reported (each at its line) by `check_keys` before the typed parse, which
/// then reads the text itself so that its errors keep their lines and field names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Facts {
    pub name: String,
    #[serde(default)]
    pub example: bool,
    #[serde(deserialize_with = "text_or_number")]
    pub urn: String,
    pub phase: Phase,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_authority: Option<String>,
    pub area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_range: Option<String>,
    pub headteacher: Person,
    pub senco: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sen_governor: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair_of_governors: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_within: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sen_policy_reviewed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility_plan_url: Option<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Branding>,
    pub report: Report,
}

/// A loaded school: its slug, file and facts.
#[derive(Debug, Clone)]
pub struct School {
    pub slug: String,
    /// `content/schools/<slug>.yaml`.
    pub file: PathBuf,
    pub text: String,
    pub facts: Facts,
}

impl School {
    /// The 1-based line of a dotted key path such as `senco.email` (its nearest written parent
    /// when the key itself is not written on its own line), 0 when absent.
    pub fn line_of(&self, path: &str) -> usize {
        key_lines(&self.text)
            .iter()
            .filter(|(k, _)| path == k || path.starts_with(&format!("{k}.")))
            .max_by_key(|(k, _)| k.len())
            .map_or(0, |(_, l)| *l)
    }

    /// A diagnostic about field `path` of this school.
    pub fn problem(
        &self,
        code: crate::diagnostics::Code,
        path: &str,
        message: String,
    ) -> Diagnostic {
        Diagnostic::error(code, self.file.clone(), message).at(
            self.line_of(path),
            0,
            Some(&self.text),
        )
    }
}

fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(u64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Text(s) => s,
        Raw::Number(n) => n.to_string(),
    })
}

/// Top-level keys: (key, required).
const KEYS: &[(&str, bool)] = &[
    ("name", true),
    ("example", false),
    ("urn", true),
    ("phase", true),
    ("type", true),
    ("local_authority", false),
    ("area", true),
    ("address", false),
    ("postcode", false),
    ("phone", false),
    ("email", false),
    ("website", false),
    ("age_range", false),
    ("headteacher", true),
    ("senco", true),
    ("sen_governor", false),
    ("chair_of_governors", false),
    ("reply_within", false),
    ("sen_policy_reviewed", false),
    ("accessibility_plan_url", false),
    ("needs", false),
    ("branding", false),
    ("report", true),
];
const PERSON_KEYS: &[(&str, bool)] = &[
    ("name", true),
    ("email", false),
    ("phone", false),
    ("available", false),
    ("contact", false),
];
const BRANDING_KEYS: &[(&str, bool)] = &[("logo", false), ("accent", false)];

fn nested_keys(key: &str) -> Option<Vec<(&'static str, bool)>> {
    match key {
        "headteacher" | "senco" | "sen_governor" | "chair_of_governors" => {
            Some(PERSON_KEYS.to_vec())
        }
        "branding" => Some(BRANDING_KEYS.to_vec()),
        "report" => {
            let mut keys = vec![("reviewed", true)];
            keys.extend(crate::school::items::ITEMS.iter().map(|i| (i.key, false)));
            Some(keys)
        }
        _ => None,
    }
}

/// Reads every school in `content/schools/`. Schools whose facts cannot be read are left out;
/// every problem in every file is in the diagnostics.
pub fn load(root: &Path) -> (Vec<School>, Vec<Diagnostic>) {
    let dir = root.join("content").join("schools");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(d) => d
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    files.sort();
    // Read and parsed on every core; the results are gathered in file order.
    use rayon::prelude::*;
    let read: Vec<(Option<School>, Vec<Diagnostic>)> = files
        .par_iter()
        .filter_map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.filter(|n| !crate::load::files::is_ignored(n))?;
            let file = Path::new("content/schools").join(&name);
            Some(match crate::load::files::read_text(root, path) {
                Ok(text) => match parse(&name, file, text) {
                    Ok((school, more)) => (Some(school), more),
                    Err(ds) => (None, ds),
                },
                Err(e) => (
                    None,
                    vec![Diagnostic::error(
                        Code::School,
                        file,
                        format!("cannot read this file: {e}"),
                    )
                    .with_hint(e.hint("check the file is saved as UTF-8 text"))],
                ),
            })
        })
        .collect();
    let mut schools = Vec::new();
    let mut diags = Vec::new();
    for (school, more) in read {
        schools.extend(school);
        diags.extend(more);
    }
    (schools, diags)
}

/// Parses one school file: `Err` when its facts cannot be read at all, else the school and the
/// problems found in its values.
pub fn parse(
    file_name: &str,
    file: PathBuf,
    text: String,
) -> Result<(School, Vec<Diagnostic>), Vec<Diagnostic>> {
    let slug = file_name
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .to_string();
    let mut diags = Vec::new();
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        diags.push(
            Diagnostic::error(
                Code::School,
                file.clone(),
                format!("the file name `{file_name}` cannot be a school's web address"),
            )
            .with_hint("name the file with lower-case letters, digits and hyphens only, e.g. `oakfield-primary.yaml`"),
        );
    }
    let value: serde_yaml::Value =
        crate::load::yaml::parse(&text, &file, &text, 1).map_err(|d| vec![d])?;
    let (unknown, missing) = check_keys(&value, &file, &text);
    diags.extend(unknown);
    if !missing.is_empty() {
        diags.extend(missing);
        return Err(diags);
    }
    let too_long = check_lengths(&value, &file, &text);
    if !too_long.is_empty() {
        diags.extend(too_long);
        return Err(diags);
    }
    // Read from the text (not from `value`), so that a wrong value is reported at its line.
    let typed = crate::load::yaml::parse::<Facts>(&text, &file, &text, 1);
    let facts = typed.map_err(|mut d| {
        if d.message.contains("unknown variant") {
            d.hint = Some(variant_hint(&d.message));
        }
        diags.push(d);
        std::mem::take(&mut diags)
    })?;
    let school = School {
        slug,
        file,
        text,
        facts,
    };
    Ok((school, diags))
}

fn variant_hint(message: &str) -> String {
    if message.contains("nursery") {
        "use one of: nursery, primary, secondary, all-through, special, post-16".into()
    } else {
        "use one of the values listed above".into()
    }
}

/// Unknown and missing keys, all of them, with their lines: (unknown, missing).
fn check_keys(
    value: &serde_yaml::Value,
    file: &Path,
    text: &str,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let lines = key_lines(text);
    let line_of = |path: &str| {
        lines
            .iter()
            .filter(|(k, _)| path == k || path.starts_with(&format!("{k}.")))
            .max_by_key(|(k, _)| k.len())
            .map_or(0, |(_, l)| *l)
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut walk = |map: &serde_yaml::Mapping, prefix: &str, keys: &[(&str, bool)]| {
        for (k, _) in map {
            let k = k.as_str().unwrap_or("");
            if !keys.iter().any(|(name, _)| *name == k) {
                let path = format!("{prefix}{k}");
                let allowed: Vec<&str> = keys.iter().map(|(n, _)| *n).collect();
                out.push(
                    Diagnostic::error(Code::School, file, format!("unknown field `{path}`"))
                        .at(line_of(&path), 0, Some(text))
                        .with_hint(format!(
                            "remove it or fix its spelling; the fields allowed here are: {}",
                            allowed.join(", ")
                        )),
                );
            }
        }
        for (name, required) in keys {
            if *required && !map.contains_key(*name) {
                let at = prefix.trim_end_matches('.');
                missing.push(
                    Diagnostic::error(
                        Code::School,
                        file,
                        format!("the field `{prefix}{name}` is missing"),
                    )
                    .at(if at.is_empty() { 1 } else { line_of(at) }, 0, Some(text))
                    .with_hint(format!(
                        "add `{name}:` {}; see docs/FORMATS.md, section \"School facts\"",
                        if at.is_empty() {
                            "at the start of a line".to_string()
                        } else {
                            format!("indented under `{at}:`")
                        }
                    )),
                );
            }
        }
    };
    let Some(top) = value.as_mapping() else {
        let d = Diagnostic::error(
            Code::School,
            file,
            "this file is not a list of `field: value` lines",
        )
        .with_hint("start with `name: \"...\"`; see docs/FORMATS.md, section \"School facts\"");
        return (Vec::new(), vec![d]);
    };
    walk(top, "", KEYS);
    for (k, v) in top {
        let key = k.as_str().unwrap_or("");
        if let (Some(keys), Some(map)) = (nested_keys(key), v.as_mapping()) {
            walk(map, &format!("{key}."), &keys);
        }
    }
    (out, missing)
}

/// The longest text a school field may hold, in characters (docs/FORMATS.md).
fn max_chars(path: &str) -> usize {
    use crate::load::yaml::limit;
    if path.starts_with("report.") {
        limit::ANSWER
    } else if matches!(path, "website" | "accessibility_plan_url" | "branding.logo")
        || path == "email"
        || path.ends_with(".email")
    {
        limit::ADDRESS
    } else {
        limit::SHORT
    }
}

/// Every text longer than its field's limit, at the field's line.
fn check_lengths(value: &serde_yaml::Value, file: &Path, text: &str) -> Vec<Diagnostic> {
    fn walk(value: &serde_yaml::Value, path: &str, found: &mut Vec<(String, usize, usize)>) {
        match value {
            serde_yaml::Value::String(s) => {
                let (n, max) = (s.chars().count(), max_chars(path));
                if n > max {
                    found.push((path.to_string(), n, max));
                }
            }
            serde_yaml::Value::Sequence(items) => {
                items.iter().for_each(|v| walk(v, path, found));
            }
            serde_yaml::Value::Mapping(map) => {
                for (k, v) in map {
                    let k = k.as_str().unwrap_or("");
                    let sub = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, &sub, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, "", &mut found);
    if found.is_empty() {
        return Vec::new();
    }
    let lines = key_lines(text);
    found
        .into_iter()
        .map(|(path, n, max)| {
            let line = lines
                .iter()
                .filter(|(k, _)| path == *k || path.starts_with(&format!("{k}.")))
                .max_by_key(|(k, _)| k.len())
                .map_or(0, |(_, l)| *l);
            Diagnostic::error(
                Code::School,
                file,
                format!("`{path}`: {}", crate::load::yaml::limit::too_long(n, max)),
            )
            .at(line, 0, Some(text))
            .with_hint(
                "shorten it; the limits are listed in docs/FORMATS.md, section \"School facts\"",
            )
        })
        .collect()
}

/// Every `key:` written at the start of a line, as (dotted path, 1-based line).
pub fn key_lines(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut block: Option<usize> = None; // indent of a key whose value is a block scalar
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if let Some(b) = block {
            if indent > b {
                continue;
            }
            block = None;
        }
        let Some((key, rest)) = body.split_once(':') else {
            continue;
        };
        if key.is_empty() || key.contains([' ', '"', '\'']) || key.starts_with('-') {
            continue;
        }
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let mut path: Vec<&str> = stack.iter().map(|(_, k)| k.as_str()).collect();
        path.push(key);
        out.push((path.join("."), n + 1));
        let rest = rest.trim();
        if rest.starts_with('|') || rest.starts_with('>') {
            block = Some(indent);
        }
        stack.push((indent, key.to_string()));
    }
    out
}

/// A web-address-safe id for free text (areas): the heading-id rule.
pub fn area_slug(area: &str) -> String {
    crate::load::markdown::slugify(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const GOOD: &str = "name: \"Oak Primary\"\nurn: \"100001\"\nphase: primary\ntype: \"Community school\"\narea: \"Northbridge\"\nheadteacher: { name: \"Ms A Head\" }\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@oak.example\"\n  phone: \"01234 567891\"\nneeds: [cognition-and-learning]\nreport:\n  reviewed: 2026-09-01\n  kinds_of_need: |\n    We support: all four areas.\n";

    /// Parses a school and checks its values, as `school::load` does.
    fn run(text: &str) -> Vec<Diagnostic> {
        match parse("oak.yaml", "content/schools/oak.yaml".into(), text.into()) {
            Ok((school, mut d)) => {
                d.extend(crate::school::values::validate(&school));
                d
            }
            Err(d) => d,
        }
    }

    #[test]
    fn good_facts_have_no_problems() {
        assert!(run(GOOD).is_empty(), "{:?}", run(GOOD));
    }

    #[test]
    fn key_lines_follow_nesting_and_skip_block_text() {
        let lines = key_lines(GOOD);
        assert!(lines.contains(&("senco.email".into(), 9)));
        assert!(lines.contains(&("report.kinds_of_need".into(), 14)));
        assert!(!lines.iter().any(|(k, _)| k.contains("We support")));
    }

    #[test]
    fn every_unknown_and_missing_key_is_reported() {
        let text = GOOD
            .replace("area: \"Northbridge\"\n", "colour: red\n")
            .replace("  phone:", "  fone:");
        let d = run(&text);
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(msgs.contains(&"unknown field `colour`"), "{msgs:?}");
        assert!(msgs.contains(&"unknown field `senco.fone`"), "{msgs:?}");
        assert!(msgs.contains(&"the field `area` is missing"), "{msgs:?}");
        let fone = d.iter().find(|d| d.message.contains("fone")).unwrap();
        assert_eq!(fone.line, 10);
    }

    #[test]
    fn values_are_checked() {
        let text = GOOD
            .replace("\"100001\"", "\"12345\"")
            .replace("senco@oak.example", "senco at oak")
            .replace("01234 567891", "12345")
            .replace("[cognition-and-learning]", "[autism]");
        let d = run(&text);
        assert_eq!(d.len(), 4, "{d:?}");
        assert!(d[0].message.contains("URN `12345` is not 6 digits"));
        assert_eq!(d[0].line, 2);
        assert!(d[1].message.contains("`senco.email` is not an email"));
        assert_eq!(d[1].line, 9);
        assert!(d[2].message.contains("`senco.phone` is not a UK phone"));
        assert!(d[3].message.contains("`autism` is not one of"));
    }

    #[test]
    fn a_type_error_beside_an_unknown_key_names_its_field_and_line() {
        let text = GOOD
            .replace(
                "area: \"Northbridge\"\n",
                "area: \"Northbridge\"\ncolour: red\n",
            )
            .replace(
                "headteacher: { name: \"Ms A Head\" }",
                "headteacher: { name: [1, 2] }",
            );
        let d = run(&text);
        let got: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (6, "unknown field `colour`"),
                (
                    7,
                    "headteacher.name: invalid type: sequence, expected a string"
                ),
            ]
        );
    }

    #[test]
    fn over_long_text_names_the_field_and_its_line() {
        let long = "x".repeat(crate::load::yaml::limit::ANSWER + 1);
        let text = GOOD
            .replace("We support: all four areas.", &long)
            .replace("\"Mr B Senco\"", &format!("\"{}\"", "y".repeat(201)));
        let d = run(&text);
        let got: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (8, "`senco.name`: this text is 201 characters long; the limit is 200 characters"),
                (14, "`report.kinds_of_need`: this text is 20002 characters long; the limit is 20000 characters"),
            ]
        );
    }
}

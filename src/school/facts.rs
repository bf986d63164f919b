//! School facts: reads `content/schools/<slug>.yaml` into typed [`School`]s and checks them the way a
//! school office would need: every missing field, unknown key, email, phone, URN, need, phase and
//! accent colour problem is a diagnostic naming the file, line and field with the fix.
//! (Over 400 lines: the typed facts, the key lists and the key and length checks that name every
//! unknown, missing or too-long field at its line are one job and share private key tables.)

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::load::positions::Positions;
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

/// The types of need of the register of schools (its `SEN1`–`SEN13` columns): (slug, the
/// register's abbreviation, plain label, the area of need in [`NEEDS`] it belongs to).
pub const TYPES_OF_NEED: &[(&str, &str, &str, &str)] = &[
    ("asd", "ASD", "Autism", "communication-and-interaction"),
    (
        "slcn",
        "SLCN",
        "Speech, language and communication",
        "communication-and-interaction",
    ),
    (
        "mld",
        "MLD",
        "Moderate learning difficulty",
        "cognition-and-learning",
    ),
    (
        "sld",
        "SLD",
        "Severe learning difficulty",
        "cognition-and-learning",
    ),
    (
        "pmld",
        "PMLD",
        "Profound and multiple learning difficulty",
        "cognition-and-learning",
    ),
    (
        "spld",
        "SpLD",
        "Specific learning difficulty, such as dyslexia",
        "cognition-and-learning",
    ),
    (
        "semh",
        "SEMH",
        "Social, emotional and mental health",
        "social-emotional-and-mental-health",
    ),
    ("hi", "HI", "Hearing impairment", "sensory-and-physical"),
    ("vi", "VI", "Visual impairment", "sensory-and-physical"),
    (
        "msi",
        "MSI",
        "Multi-sensory impairment",
        "sensory-and-physical",
    ),
    ("pd", "PD", "Physical disability", "sensory-and-physical"),
    ("oth", "OTH", "Other difficulty or disability", ""),
];

/// Facts as the government's register of schools has them: the types of need its specialist
/// places are for, a resourced provision or SEN unit (with its places, 0 when not known) and
/// where the school is. `senpack import gias` writes and updates them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Register {
    #[serde(default)]
    pub types_of_need: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resourced_provision: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sen_unit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// The answers of the SEN information report; see `school::items` for the items. (Unknown keys are
/// caught before this is read: `flatten` cannot deny them.)
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Empty (`None`) in a file a tool wrote until the school has checked its answers.
    #[serde(default)]
    pub reviewed: Option<NaiveDate>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<Register>,
    pub report: Report,
}

/// A loaded school: its slug, file and facts.
#[derive(Debug, Clone)]
pub struct School {
    pub slug: String,
    /// `content/schools/<slug>.yaml`.
    pub file: PathBuf,
    pub text: String,
    /// Where each key and value of `text` is written.
    pub positions: Positions,
    pub facts: Facts,
}

impl School {
    /// The 1-based line of a dotted key path such as `senco.email` (its nearest written parent
    /// when the key itself is not written), 0 when absent.
    pub fn line_of(&self, path: &str) -> usize {
        line_of(&self.positions, path)
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

fn line_of(positions: &Positions, path: &str) -> usize {
    positions.nearest_key_line(path).unwrap_or(0)
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
pub const KEYS: &[(&str, bool)] = &[
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
    ("register", false),
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
const REGISTER_KEYS: &[(&str, bool)] = &[
    ("types_of_need", false),
    ("resourced_provision", false),
    ("sen_unit", false),
    ("latitude", false),
    ("longitude", false),
];

fn nested_keys(key: &str) -> Option<Vec<(&'static str, bool)>> {
    match key {
        "headteacher" | "senco" | "sen_governor" | "chair_of_governors" => {
            Some(PERSON_KEYS.to_vec())
        }
        "branding" => Some(BRANDING_KEYS.to_vec()),
        "register" => Some(REGISTER_KEYS.to_vec()),
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
    crate::load::files::read_yaml_dir(root, "schools", Code::School, parse)
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
    let positions = Positions::of(&text, 1);
    let (unknown, missing) = check_keys(&value, &file, &text, &positions);
    diags.extend(unknown);
    if !missing.is_empty() {
        diags.extend(missing);
        return Err(diags);
    }
    let too_long = check_lengths(&value, &file, &text, &positions);
    if !too_long.is_empty() {
        diags.extend(too_long);
        return Err(diags);
    }
    // Read from the text (not from `value`), so that a wrong value is reported at its line.
    let typed = crate::load::yaml::parse::<Facts>(&text, &file, &text, 1);
    let facts = typed.map_err(|mut d| {
        // serde_yaml's errors have no kind to ask, only text; the phase is the one named
        // choice, so an error at the phase's value when it is not a phase is about the phase.
        let at_phase = positions
            .get("phase")
            .is_some_and(|s| (s.value.line, s.value.column) == (d.line, d.column));
        if at_phase && !is_phase(value.get("phase")) {
            d.hint = Some(PHASE_HINT.into());
        }
        diags.push(d);
        std::mem::take(&mut diags)
    })?;
    let school = School {
        slug,
        file,
        text,
        positions,
        facts,
    };
    Ok((school, diags))
}

const PHASE_HINT: &str = "use one of: nursery, primary, secondary, all-through, special, post-16";

/// Whether a written `phase:` is text naming one of [`PHASES`] (an absent one is reported as
/// missing before this).
fn is_phase(value: Option<&serde_yaml::Value>) -> bool {
    value
        .and_then(serde_yaml::Value::as_str)
        .is_some_and(|p| PHASES.iter().any(|(slug, _)| *slug == p))
}

/// Unknown and missing keys, all of them, with their lines: (unknown, missing).
fn check_keys(
    value: &serde_yaml::Value,
    file: &Path,
    text: &str,
    positions: &Positions,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let line_of = |path: &str| line_of(positions, path);
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
fn check_lengths(
    value: &serde_yaml::Value,
    file: &Path,
    text: &str,
    positions: &Positions,
) -> Vec<Diagnostic> {
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
    found
        .into_iter()
        .map(|(path, n, max)| {
            let line = line_of(positions, &path);
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
    fn lines_follow_nesting_and_skip_block_text() {
        let (school, _) =
            parse("oak.yaml", "content/schools/oak.yaml".into(), GOOD.into()).expect("good facts");
        assert_eq!(school.line_of("senco.email"), 9);
        assert_eq!(school.line_of("report.kinds_of_need"), 14);
        assert_eq!(school.line_of("headteacher.name"), 6);
        // Not written: the nearest written parent, else 0.
        assert_eq!(school.line_of("senco.available"), 7);
        assert_eq!(school.line_of("report.We support"), 12);
        assert_eq!(school.line_of("website"), 0);
    }

    #[test]
    fn a_quoted_or_flow_map_key_is_named_at_its_own_line() {
        // The hand-written key scanner this replaced skipped quoted keys (line 0 for `colour`)
        // and named a `{ }` map's line for a key written on the next line of it.
        let text = GOOD
            .replace(
                "area: \"Northbridge\"\n",
                "area: \"Northbridge\"\n\"colour\": red\n",
            )
            .replace(
                "headteacher: { name: \"Ms A Head\" }",
                "headteacher: { name: \"Ms A Head\",\n  email: \"head at oak\" }",
            );
        let d = run(&text);
        let got: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(got[0], (6, "unknown field `colour`"), "{got:?}");
        let head = d.iter().find(|d| d.message.contains("headteacher.email"));
        assert_eq!(head.map(|d| d.line), Some(8), "{got:?}");
    }

    #[test]
    fn a_wrong_phase_gets_the_list_of_phases() {
        let d = run(&GOOD.replace("phase: primary", "phase: primry"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 3);
        assert!(
            d[0].message.contains("unknown variant `primry`"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].hint.as_deref(), Some(PHASE_HINT));
        // An error before it is reported with its own hint.
        let d = run(&GOOD
            .replace("phase: primary", "phase: primry")
            .replace("name: \"Oak Primary\"", "name: [1]"));
        assert_eq!(d[0].line, 1, "{d:?}");
        assert!(d[0].message.contains("invalid type"), "{d:?}");
        assert_ne!(d[0].hint.as_deref(), Some(PHASE_HINT));
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

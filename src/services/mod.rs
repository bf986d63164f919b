//! Services: the Local Offer directory's records, one file per local service for children and
//! young people with SEND in `content/services/<slug>.yaml` (docs/FORMATS.md, "Services"), read
//! into typed [`Service`]s with the position of every key.

pub mod facts;
pub mod feed;
pub mod import;
pub mod keys;
pub mod oruk;
pub mod postcodes;
pub mod taxonomy;
pub mod values;

pub use facts::Service;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::positions::LazyPositions;
use std::path::{Path, PathBuf};

/// Where service files live, inside `content/`.
pub const DIR: &str = "services";

/// Reads every service in `content/services/` and checks its values, in file order. Services
/// whose facts cannot be read are left out; every problem in every file is in the diagnostics.
pub fn load(root: &Path) -> (Vec<Service>, Vec<Diagnostic>) {
    crate::load::files::read_yaml_dir(root, DIR, Code::Service, |name, file, text| {
        let (service, mut more) = parse(name, file, text)?;
        more.extend(values::validate(&service));
        Ok((service, more))
    })
}

/// Reads one service file; `name` is its file name (the slug with `.yaml`). `Err` when its
/// facts cannot be read (a YAML syntax error, a missing key, a value of the wrong type: every
/// such problem), else the service and the unknown keys found beside its facts. Its values are
/// checked by [`values::validate`].
pub fn parse(
    name: &str,
    file: PathBuf,
    text: String,
) -> Result<(Service, Vec<Diagnostic>), Vec<Diagnostic>> {
    let slug = name
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .to_string();
    let value: serde_yaml::Value =
        crate::load::yaml::parse(&text, &file, &text, 1).map_err(|d| vec![d])?;
    let positions = LazyPositions::default();
    let (mut diags, missing) = keys::check(&value, &file, &text, &positions);
    if !missing.is_empty() {
        diags.extend(missing);
        return Err(diags);
    }
    // The typed read from the value already parsed (one YAML parse for a good file); when it
    // fails, read again from the text, so that a wrong value is reported at its line with its
    // field's path (the value has no lines).
    let typed = match <facts::Facts as serde::Deserialize>::deserialize(value) {
        Ok(facts) => Ok(facts),
        Err(_) => crate::load::yaml::parse::<facts::Facts>(&text, &file, &text, 1),
    };
    match typed {
        Ok(facts) => Ok((
            Service {
                slug,
                file,
                text,
                positions,
                facts,
            },
            diags,
        )),
        Err(mut d) => {
            if let Some(hint) = choice_hint(&d.message) {
                d.hint = Some(hint.into());
            }
            diags.push(d);
            Err(diags)
        }
    }
}

/// The hint for a typed-read error about one of the fields that take a named choice: the
/// choices. (serde_yaml's errors have no kind to ask, only words: the field's path starts the
/// message and `unknown variant` names a choice that is not one.)
fn choice_hint(message: &str) -> Option<&'static str> {
    if !message.contains("unknown variant") {
        return None;
    }
    let field = message.split(": ").next().unwrap_or("");
    if field == "status" {
        Some("use one of: active, inactive, temporarily-closed (then add `status_reason:`)")
    } else if field.starts_with("sessions[") && field.ends_with(".day") {
        Some("use one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday (in lower case)")
    } else {
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A whole service file with every key written, all values good.
    pub const GOOD: &str = r#"example: true
name: "Oak Speech Group"
organisation:
  name: "Anyshire Health"
  description: "The local NHS trust."
  website: "https://health.example"
  logo: "oak.svg"
description: >-
  A weekly group for children who find it hard to talk. We play games
  that help with words.
status: active
categories:
  - therapies
needs:
  - speech-language-and-communication
min_age: 3
max_age: 11
area: "Northbridge"
cost:
  free: false
  description: "£2 a session."
  amount: 2
access:
  referral: true
  who_refers: "your GP"
  how: "Ask your GP."
locations:
  - name: "Oak Hall"
    address: "1 High Street, Northbridge"
    postcode: "AN2 3CD"
    latitude: 52.1
    longitude: -1.2
    accessibility:
      - step-free-access
contacts:
  - name: "The team"
    role: "Bookings"
    phone: "01234 000111"
    email: "speech@health.example"
    website: "https://health.example/speech"
sessions:
  - day: tuesday
    start: "09:30"
    end: "11:00"
    term_time_only: true
    notes: "In the small hall"
languages:
  - English
local_offer:
  support: "We help."
  training: "We train."
  parents: "You stay."
  progress: "We tell you."
  environment: "It is calm."
  getting_started: "Ring us."
  future: "More groups."
reviewed: 2026-09-01
review_every: 12
visible_from: 2026-01-01
visible_to: 2027-12-31
"#;

    /// Reads a service file's text as `load` does: its problems, or none.
    pub fn problems(text: &str) -> Vec<Diagnostic> {
        match parse("oak.yaml", "content/services/oak.yaml".into(), text.into()) {
            Ok((service, mut d)) => {
                d.extend(values::validate(&service));
                d
            }
            Err(d) => d,
        }
    }

    /// `line message` of each problem.
    pub fn lines(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| format!("{} {}", d.line, d.message))
            .collect()
    }

    #[test]
    fn the_shipped_example_services_are_read() {
        let (list, diags) = load(Path::new(env!("CARGO_MANIFEST_DIR")));
        // Their values are checked too: the examples break no rule.
        assert!(diags.is_empty(), "{diags:#?}");
        assert!(list.len() >= 40, "{} services", list.len());
        assert!(list.iter().all(|s| s.facts.example));
        let slugs: Vec<&str> = list.iter().map(|s| s.slug.as_str()).collect();
        let mut sorted = slugs.clone();
        sorted.sort_unstable();
        assert_eq!(slugs, sorted, "services are read in file order");
    }

    #[test]
    fn a_file_with_every_key_has_no_problems() {
        assert_eq!(lines(&problems(GOOD)), Vec::<String>::new());
    }

    #[test]
    fn the_key_tables_are_the_typed_facts_keys() {
        // Every key of GOOD is read into the facts and written back: a key the tables allow
        // that the facts lack (or the other way round) would be missing from one side.
        let all = GOOD.replace("status: active\n", "status: active\nstatus_reason: \"x\"\n")
            + "oruk_extra:\n  id: \"x\"\n";
        let (service, _) =
            parse("oak.yaml", "content/services/oak.yaml".into(), all.clone()).expect("good");
        let back = serde_yaml::to_value(&service.facts).expect("facts as YAML");
        let written: serde_yaml::Value = serde_yaml::from_str(&all).expect("GOOD");
        let names = |v: &serde_yaml::Value| -> Vec<String> {
            let mut k: Vec<String> = v
                .as_mapping()
                .map(|m| {
                    m.keys()
                        .filter_map(|k| k.as_str())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            k.sort();
            k
        };
        let table = |t: &[(&str, bool)]| {
            let mut k: Vec<String> = t.iter().map(|(n, _)| n.to_string()).collect();
            k.sort();
            k
        };
        assert_eq!(names(&back), table(keys::TOP));
        assert_eq!(names(&written), table(keys::TOP));
        for (key, t) in [
            ("organisation", keys::ORGANISATION),
            ("cost", keys::COST),
            ("access", keys::ACCESS),
            ("local_offer", keys::LOCAL_OFFER),
        ] {
            assert_eq!(names(&back[key]), table(t), "{key}");
        }
        for (key, t) in [
            ("locations", keys::LOCATION),
            ("contacts", keys::CONTACT),
            ("sessions", keys::SESSION),
        ] {
            assert_eq!(names(&back[key][0]), table(t), "{key}");
        }
    }

    #[test]
    fn every_unknown_and_missing_key_is_reported_at_its_line() {
        let text = GOOD
            .replace("status: active\n", "statsu: active\n")
            .replace("    role: \"Bookings\"\n", "    rol: \"Bookings\"\n")
            .replace("  how: \"Ask your GP.\"\n", "  when: \"Now.\"\n");
        let d = problems(&text);
        assert_eq!(
            lines(&d),
            vec![
                "11 unknown key `statsu`",
                "26 unknown key `access.when`",
                "37 unknown key `contacts[0].rol`",
                "1 the key `status` is missing",
            ]
        );
        assert!(d
            .iter()
            .all(|d| d.file == Path::new("content/services/oak.yaml")));
        let hint = |i: usize| d[i].hint.clone().unwrap_or_default();
        assert!(hint(0).starts_with("did you mean `status`?"), "{}", hint(0));
        assert!(
            hint(1).ends_with("in `access` are: referral, who_refers, how"),
            "{}",
            hint(1)
        );
    }

    #[test]
    fn an_unknown_key_alone_still_reads_the_service() {
        let text = GOOD.replace(
            "area: \"Northbridge\"\n",
            "area: \"Northbridge\"\ncolour: red\n",
        );
        let (service, d) =
            parse("oak.yaml", "content/services/oak.yaml".into(), text).expect("read");
        assert_eq!(lines(&d), vec!["19 unknown key `colour`"]);
        assert_eq!(service.facts.area, "Northbridge");
    }

    #[test]
    fn a_wrong_type_names_the_field_and_its_line() {
        let text = GOOD.replace("min_age: 3", "min_age: three").replace(
            "area: \"Northbridge\"\n",
            "area: \"Northbridge\"\ncolour: red\n",
        );
        let d = problems(&text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].message, "unknown key `colour`");
        assert_eq!(d[1].line, 16);
        assert!(
            d[1].message.starts_with("min_age: invalid type"),
            "{}",
            d[1].message
        );
        let d = problems(&GOOD.replace("    phone: \"01234 000111\"", "    phone: [1]"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 38);
        assert!(
            d[0].message.starts_with("contacts[0].phone: invalid type"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_wrong_choice_gets_the_choices() {
        let d = problems(&GOOD.replace("status: active", "status: open"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 11);
        let hint = d[0].hint.clone().unwrap_or_default();
        assert!(hint.starts_with("use one of: active, inactive"), "{hint}");
        let d = problems(&GOOD.replace("day: tuesday", "day: Tues"));
        assert_eq!(d[0].line, 42);
        let hint = d[0].hint.clone().unwrap_or_default();
        assert!(hint.contains("monday, tuesday"), "{d:?}");
    }

    #[test]
    fn a_yaml_syntax_error_names_its_line() {
        let d = problems(&GOOD.replace("area: \"Northbridge\"", "area: \"Northbridge"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].file, Path::new("content/services/oak.yaml"));
        assert!(d[0].line >= 18, "{d:?}");
    }
}

//! Reading YAML (site settings, front matter, glossary, school facts) into typed data, turning
//! serde_yaml's errors into diagnostics whose line numbers count from the top of the file. Where
//! the keys and values are written is `load::positions`.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `yaml`, which starts on line `first_line` (1-based) of `whole_file`.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    whole_file: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so a file with no keys reports the missing ones.
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    from_str(yaml).map_err(|e| to_diagnostic(&e, file, whole_file, first_line))
}

/// `serde_yaml::from_str`, except that a repeated key is reported at the repeat itself:
/// serde_yaml reports it at the start of the mapping it is in. (serde_yaml's errors have no
/// kind to ask, only their words, so a repeat is known by them.)
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<T, serde_yaml::Error> {
    serde_yaml::from_str(yaml).map_err(|e| {
        if e.to_string().contains("duplicate") {
            serde_yaml::from_str::<unique::Unique>(yaml)
                .err()
                .unwrap_or(e)
        } else {
            e
        }
    })
}

/// A walk over a YAML document that fails at the first key repeated in its mapping. The error
/// is raised while the key itself is read, so serde_yaml gives it the key's own position.
mod unique {
    use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess};
    use serde::de::{VariantAccess, Visitor};
    use std::collections::HashSet;
    use std::fmt;

    pub struct Unique;

    impl<'de> de::Deserialize<'de> for Unique {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Any)
        }
    }

    struct Any;

    impl<'de> Visitor<'de> for Any {
        type Value = Unique;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_unit<E>(self) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_none<E>(self) -> Result<Unique, E> {
            Ok(Unique)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Unique, D::Error> {
            d.deserialize_any(Any)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
            while seq.next_element::<Unique>()?.is_some() {}
            Ok(Unique)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
            let mut seen = HashSet::new();
            while map.next_key_seed(Key(&mut seen))?.is_some() {
                map.next_value::<Unique>()?;
            }
            Ok(Unique)
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Unique, A::Error> {
            // A tagged value (`!tag value`): its value is walked like any other.
            let (Unique, value) = data.variant::<Unique>()?;
            value.newtype_variant::<Unique>()
        }
    }

    /// Reads one key of a mapping, failing when the mapping already had it.
    struct Key<'a>(&'a mut HashSet<String>);

    impl<'de> DeserializeSeed<'de> for Key<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl Key<'_> {
        fn check<E: de::Error>(self, key: String) -> Result<(), E> {
            if self.0.insert(key.clone()) {
                Ok(())
            } else {
                Err(E::custom(format!("duplicate key `{key}`")))
            }
        }
    }

    impl<'de> Visitor<'de> for Key<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a key")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            self.check(v.to_owned())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
            self.check(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
            self.check(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
            self.check(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
            self.check(v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.check("~".into())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
            Any.visit_seq(seq).map(|_| ())
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
            Any.visit_map(map).map(|_| ())
        }
    }
}

/// Turns a serde_yaml error into a diagnostic at the right line of the whole file.
pub fn to_diagnostic(
    e: &serde_yaml::Error,
    file: &Path,
    whole_file: &str,
    first_line: usize,
) -> Diagnostic {
    let raw = e.to_string();
    let message = strip_position(&raw);
    let hint = hint_for(&message);
    let mut d = Diagnostic::error(Code::Yaml, file, message);
    if let Some(loc) = e.location() {
        d = d.at(loc.line() + first_line - 1, loc.column(), Some(whole_file));
    }
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// serde_yaml appends " at line N column M"; we print the position ourselves (from
/// `Error::location`). It gives the message only with the position in it, so it is cut off.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The hint for a serde_yaml error. Its errors have no kind to ask (no `classify`, no
/// variants), so the kind is read from serde's words, which these match.
fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") || message.contains(": unknown field") {
        Some("remove this key or fix its spelling; the allowed keys are listed above".into())
    } else if message.contains("duplicate key") {
        Some(
            "a key may be written once in each block; remove one of them or fix its spelling"
                .into(),
        )
    } else if message.contains("characters long; the limit is") {
        Some("shorten this text; the limits are listed in docs/FORMATS.md".into())
    } else if message.contains("missing field") {
        Some("add this key; it is required".into())
    } else if message.contains("invalid type") {
        Some(
            "check the value's form: text, a number, a list (`- item`) or a date (YYYY-MM-DD)"
                .into(),
        )
    } else if message.contains("did not find expected") || message.contains("mapping values") {
        Some("check the indentation and that text containing `: ` or `#` is in quotes".into())
    } else {
        None
    }
}

/// Length limits for text fields (listed in docs/FORMATS.md). They are checked as each value is
/// read, so serde_yaml's error carries the field's name and its own line.
pub mod limit {
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::fmt;

    /// Names, titles, short answers.
    pub const SHORT: usize = 200;
    /// Addresses: web addresses, file paths.
    pub const ADDRESS: usize = 2_000;
    /// A sentence or two: descriptions, summary points.
    pub const SENTENCE: usize = 1_000;
    /// A paragraph or a few: a step's `what:`.
    pub const PARAGRAPHS: usize = 5_000;
    /// A Schedule 1 answer of a school's SEN information report.
    pub const ANSWER: usize = 20_000;

    /// Text of at most `N` characters.
    pub struct Limited<const N: usize>(pub String);

    struct Text<const N: usize>;

    impl<'de, const N: usize> Visitor<'de> for Text<N> {
        type Value = Limited<N>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "text of at most {N} characters")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Limited<N>, E> {
            let n = v.chars().count();
            if n > N {
                Err(E::custom(too_long(n, N)))
            } else {
                Ok(Limited(v.to_owned()))
            }
        }
    }

    impl<'de, const N: usize> Deserialize<'de> for Limited<N> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(Text::<N>)
        }
    }

    /// The message for text of `n` characters over the limit `max`.
    pub fn too_long(n: usize, max: usize) -> String {
        format!("this text is {n} characters long; the limit is {max} characters")
    }

    pub fn text<'de, D: Deserializer<'de>, const N: usize>(d: D) -> Result<String, D::Error> {
        Limited::<N>::deserialize(d).map(|t| t.0)
    }

    pub fn opt<'de, D: Deserializer<'de>, const N: usize>(
        d: D,
    ) -> Result<Option<String>, D::Error> {
        Option::<Limited<N>>::deserialize(d).map(|t| t.map(|t| t.0))
    }

    pub fn list<'de, D: Deserializer<'de>, const N: usize>(d: D) -> Result<Vec<String>, D::Error> {
        Vec::<Limited<N>>::deserialize(d).map(|v| v.into_iter().map(|t| t.0).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
    }

    #[test]
    fn unknown_key_is_reported_at_file_line() {
        let file = "---\ntitle: x\ntitel: y\n---\n";
        let yaml = "title: x\ntitel: y\n";
        let d = parse::<T>(yaml, Path::new("a.md"), file, 2).unwrap_err();
        assert_eq!(d.line, 3);
        assert!(d.message.contains("unknown field `titel`"), "{}", d.message);
        assert!(d.message.contains("expected `title`"), "{}", d.message);
        assert_eq!(d.source_line.as_deref(), Some("titel: y"));
    }

    #[test]
    fn empty_document_reports_missing_field() {
        let d = parse::<T>("", Path::new("a.yaml"), "", 1).unwrap_err();
        assert!(d.message.contains("missing field `title`"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        title: String,
        #[serde(default)]
        inner: Option<std::collections::BTreeMap<String, String>>,
    }

    #[test]
    fn a_repeated_key_is_reported_at_the_repeat() {
        let file = "---\ntitle: x\nweight: 1\ntitle: y\n---\n";
        let d = parse::<Outer>(
            "title: x\nweight: 1\ntitle: y\n",
            Path::new("a.md"),
            file,
            2,
        )
        .unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (4, 1, "duplicate key `title`")
        );
        let nested = "title: x\ninner:\n  a: b\n  c: d\n  a: e\n";
        let d = parse::<serde_yaml::Value>(nested, Path::new("a.yaml"), nested, 1).unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (5, 3, "inner: duplicate key `a`")
        );
    }
}

//! Reading YAML (site settings, front matter, glossary, school facts) into typed data, turning
//! serde_yaml's errors into diagnostics whose line numbers count from the top of the file.

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
    serde_yaml::from_str(yaml).map_err(|e| to_diagnostic(&e, file, whole_file, first_line))
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
    let mut d = Diagnostic::error("yaml", file, message);
    if let Some(loc) = e.location() {
        d = d.at(loc.line() + first_line - 1, loc.column(), Some(whole_file));
    }
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// serde_yaml appends " at line N column M"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") || message.contains(": unknown field") {
        Some("remove this key or fix its spelling; the allowed keys are listed above".into())
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
}

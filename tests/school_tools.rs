//! A SENCO can do it alone: a fresh `senpack new` site passes `check --strict`; `senpack
//! new-school` writes a school file with a note on every field, which `check` then walks them
//! through (its URN, the placeholders), and whose optional fields work once uncommented.

mod common;

#[test]
fn a_new_site_passes_a_strict_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let (code, _, err) = common::run_in(dir.path(), &["new", "site"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(site.join("content/schools/_index.md").is_file());
    let (code, _, err) = common::run_in(&site, &["check", "--strict"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(": 0 errors, 0 warnings"), "{err}");
}

#[test]
fn new_school_writes_a_commented_file_that_check_walks_through() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["new", "site"], &[]);
    assert_eq!(code, 0, "{err}");
    let site = dir.path().join("site");
    let (code, out, err) = common::run_in(&site, &["new-school", "st-annes-primary"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Wrote content/schools/st-annes-primary.yaml."),
        "{out}"
    );
    let path = site.join("content/schools/st-annes-primary.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Every field written or offered (commented out) has its note just above it: what it is
    // for, an example, how long.
    let lines: Vec<&str> = text.lines().collect();
    let mut noted = 0;
    for (i, line) in lines.iter().enumerate().skip(1) {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let is_field = t.split_once(':').is_some_and(|(k, _)| {
            let k = k.trim_start_matches("# ");
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        });
        let is_note = lines[i - 1].trim().is_empty();
        if indent > 2
            || !is_field
            || is_note
            || lines[i - 1] == "senco:"
            || lines[i - 1].trim_start().starts_with("name:")
            || lines[i - 1].trim_start().starts_with("# email")
            || lines[i - 1].trim_start().starts_with("# phone")
        {
            continue;
        }
        if *line == "report:" {
            assert!(lines[i - 1].starts_with("# report: The SEN information report"));
            continue;
        }
        assert!(
            lines[i - 1].trim_start().starts_with("#   Length: "),
            "line {}: {line}",
            i + 1
        );
        assert!(
            lines[i - 2].trim_start().starts_with("#   Example: "),
            "line {}: {line}",
            i + 1
        );
        let key = t.trim_start_matches("# ").split(':').next().unwrap();
        assert!(
            lines[i - 3].trim_start().starts_with(&format!("# {key}: ")),
            "line {}: {line}",
            i + 1
        );
        noted += 1;
    }
    assert_eq!(
        noted,
        21 + 24,
        "every top-level field but `example`, `register` and `report`, and every report field"
    );
    assert!(text.contains("  # kinds_of_need: Item 1: "));
    assert!(text.contains("This answers Schedule 1 item 4."));
    // `check` names what is left: the URN, and the rest in one line for the school.
    let (code, _, err) = common::run_in(&site, &["check"], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[school]: the URN `` is not 6 digits\n  --> content/schools/st-annes-primary.yaml:"), "{err}");
    assert!(err.contains("warning[sen-report]: St Annes Primary's SEN information report is not written yet: `type` and `area` still to be written, 23 of its 23 answers still say \"To be written by the school.\" (the first is Schedule 1 item 1), the SENCO is not named yet, the headteacher is not named yet and it has no `reviewed:` date"), "{err}");
    // Filled in, with two optional fields uncommented, it checks clean.
    let done = text
        .replace("urn: \"\"", "urn: \"123456\"")
        .replace(
            "type: \"To be written by the school.\"",
            "type: \"Community school\"",
        )
        .replace(
            "area: \"To be written by the school.\"",
            "area: \"Northbridge\"",
        )
        .replace(
            "headteacher: { name: \"To be written by the school.\" }",
            "headteacher: { name: \"Ms A Head\" }",
        )
        .replace(
            "  name: \"To be written by the school.\"\n  # email:",
            "  name: \"Mr B Senco\"\n  email:",
        )
        .replace("# phone: \"01234 000201\"", "phone: \"01234 000201\"")
        .replace(
            "# needs: [cognition-and-learning]",
            "needs: [cognition-and-learning]",
        )
        .replace("  reviewed:\n", "  reviewed: 2026-09-01\n")
        .replace(
            "\"To be written by the school.\"",
            "\"Our answer. Ask Anyshire SENDIASS on 01234 000111.\"",
        );
    std::fs::write(&path, done).unwrap();
    let (code, _, err) = common::run_in(&site, &["check", "--strict"], &[]);
    assert_eq!(code, 0, "{err}");
    // Again: the file is there; a bad name is refused.
    let (code, _, err) = common::run_in(&site, &["new-school", "st-annes-primary"], &[]);
    assert_eq!((code, err.as_str()), (1, "error: content/schools/st-annes-primary.yaml already exists; choose another name, or edit that file\n"));
    let (code, _, err) = common::run_in(&site, &["new-school", "St Annes"], &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`St Annes` cannot be a school's web-address name"),
        "{err}"
    );
}

//! `senpack import gias`: the schools of one local authority from the register of schools
//! (`school::gias`) into school files (`content/schools/<slug>.yaml`). A new school's file is
//! the commented school file (`school::template`) with the register's facts and every answer
//! "to be written by the school". A school already imported (found by its URN) has only its
//! register facts rewritten, line by line in its own text: every other line (the school's answers,
//! comments and layout) is kept byte for byte.

use crate::school::facts::{NEEDS, PHASES, TYPES_OF_NEED};
use crate::school::gias::{self, Establishment, GiasError};
use crate::school::template::{self, quoted, TO_BE_WRITTEN};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why an import stopped (before any file was written).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Register(#[from] GiasError),
    #[error("say which council's schools to import: --la NAME or --la CODE (as the register's `LA (name)` and `LA (code)` columns write it), or set `local_authority: name:` in site.yaml")]
    NoAuthority,
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What an import did, by slug.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The local authority, as the register names it.
    pub authority: String,
    pub added: Vec<String>,
    /// Slugs and the register fields that changed.
    pub changed: Vec<(String, Vec<&'static str>)>,
    pub unchanged: Vec<String>,
    /// Files of schools the register now lists as closed (kept, not changed).
    pub closed: Vec<String>,
    /// Files with the URN of a school of this import that could not be read as YAML (left alone).
    pub unreadable: Vec<(String, String)>,
    /// Establishments of the authority that are not schools (colleges, children's centres, …).
    pub not_schools: usize,
}

/// The register fields, in the order a school file writes them, that a later import rewrites.
const REGISTER_FIELDS: &[&str] = &[
    "name",
    "urn",
    "phase",
    "type",
    "local_authority",
    "address",
    "postcode",
    "phone",
    "website",
    "age_range",
    "headteacher",
    "needs",
    "register",
];

/// The first lines of every file an import writes.
const HEADER: &str = "# Made by `senpack import gias` from the government's register of schools (Get Information about\n# Schools). A later import rewrites only the fields the register has: name, urn, phase, type,\n# local_authority, address, postcode, phone, website, age_range, headteacher, needs and register.\n# Everything else is the school's to write and is never changed: replace each\n# \"To be written by the school.\" with the school's answer.\n";

/// Imports the schools of `la` (or of the council named in site.yaml) from the register `file`
/// into `root`'s `content/schools/`.
pub fn run(
    root: &Path,
    file: &Path,
    la: Option<&str>,
    include_closed: bool,
) -> Result<Report, ImportError> {
    let all = gias::read(file)?;
    let council = council_name(root);
    let (authority, rows) = match la {
        Some(la) => gias::of_authority(file, &all, la)?,
        None => {
            let name = council.as_deref().ok_or(ImportError::NoAuthority)?;
            let short = short_council_name(name);
            gias::of_authority(file, &all, &short)?
        }
    };
    let dir = root.join("content/schools");
    let existing = existing_files(&dir)?;
    let mut report = Report {
        authority: authority.clone(),
        ..Report::default()
    };
    let mut used: BTreeSet<String> = existing.values().map(|(s, _)| s.clone()).collect();
    let mut rows: Vec<&Establishment> = rows;
    rows.sort_by(|a, b| (&a.name, &a.urn).cmp(&(&b.name, &b.urn)));
    let mut writes: Vec<(String, String)> = Vec::new();
    for e in rows {
        if !e.is_school() {
            report.not_schools += 1;
            continue;
        }
        let known = existing.get(&e.urn);
        if !e.is_open() {
            if let Some((slug, _)) = known {
                report.closed.push(slug.clone());
            }
            if !include_closed || known.is_some() {
                continue;
            }
        }
        let values = register_values(e, council.as_deref().unwrap_or(&authority));
        match known {
            Some((slug, text)) => match update(text, &values) {
                Ok((new, changed)) if changed.is_empty() => {
                    debug_assert_eq!(&new, text);
                    report.unchanged.push(slug.clone());
                }
                Ok((new, changed)) => {
                    report.changed.push((slug.clone(), changed));
                    writes.push((slug.clone(), new));
                }
                Err(why) => report.unreadable.push((slug.clone(), why)),
            },
            None => {
                let slug = unique_slug(e, &mut used);
                writes.push((slug.clone(), new_file(e, values)));
                report.added.push(slug);
            }
        }
    }
    write_all(&dir, &writes)?;
    report.added.sort();
    report.changed.sort();
    report.unchanged.sort();
    report.closed.sort();
    Ok(report)
}

/// `local_authority: name:` of site.yaml, if it is written.
fn council_name(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.yaml")).ok()?;
    let v: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    Some(v.get("local_authority")?.get("name")?.as_str()?.to_string())
}

/// "Anyshire County Council" → "Anyshire", as the register names authorities.
fn short_council_name(name: &str) -> String {
    let mut n = name.trim();
    for end in [
        " County Council",
        " City Council",
        " Borough Council",
        " Metropolitan Borough Council",
        " District Council",
        " Council",
    ] {
        if let Some(s) = n.strip_suffix(end) {
            n = s;
            break;
        }
    }
    n.trim_start_matches("London Borough of ")
        .trim_start_matches("Royal Borough of ")
        .trim_start_matches("City of ")
        .to_string()
}

/// The school files already there, by URN: (slug, text).
fn existing_files(dir: &Path) -> Result<BTreeMap<String, (String, String)>, ImportError> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(slug) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".yaml"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        if let Some(urn) = urn_of(&text) {
            out.insert(urn, (slug.to_string(), text));
        }
    }
    Ok(out)
}

/// The URN a school file names on its `urn:` line (read from the line, so a file whose other
/// parts do not parse is still found, and reported, rather than imported twice).
fn urn_of(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix("urn:")?.trim();
        let v = v
            .split(" #")
            .next()?
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        (v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit())).then(|| v.to_string())
    })
}

/// The school's phase from the register's phase, type and ages.
fn phase(e: &Establishment) -> &'static str {
    if e.type_group == "Special schools" || e.kind.to_lowercase().contains("special") {
        return "special";
    }
    match e.phase.as_str() {
        "Nursery" => "nursery",
        "Primary" | "Middle deemed primary" => "primary",
        "Secondary" | "Middle deemed secondary" => "secondary",
        "16 plus" => "post-16",
        "All-through" => "all-through",
        _ => match (e.low_age.unwrap_or(0), e.high_age.unwrap_or(0)) {
            (_, high) if high > 0 && high <= 5 => "nursery",
            (_, high) if high > 0 && high <= 11 => "primary",
            (low, _) if low >= 16 => "post-16",
            (low, high) if low <= 5 && high >= 16 => "all-through",
            _ => "secondary",
        },
    }
}

/// A UK number as the register writes it (digits, sometimes without the 0) in the usual groups:
/// `01234 567890`, `020 7946 0000`; `None` when it is not a UK number.
fn phone(raw: &str) -> Option<String> {
    let mut d: String = raw.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 12 && d.starts_with("44") {
        d = format!("0{}", &d[2..]);
    } else if d.len() == 10 && !d.starts_with('0') {
        d = format!("0{d}");
    }
    if d.len() != 11 || !d.starts_with('0') {
        return None;
    }
    Some(if d.starts_with("02") {
        format!("{} {} {}", &d[..3], &d[3..7], &d[7..])
    } else {
        format!("{} {}", &d[..5], &d[5..])
    })
}

/// The register's `SEN` cells as type-of-need slugs ("ASD - Autistic Spectrum Disorder" → asd).
fn types_of_need(e: &Establishment) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = e
        .sen
        .iter()
        .filter_map(|cell| {
            let code = cell.split(" - ").next().unwrap_or("").trim();
            TYPES_OF_NEED
                .iter()
                .find(|(_, abbr, _, _)| abbr.eq_ignore_ascii_case(code))
                .map(|t| t.0)
        })
        .collect();
    out.dedup();
    out
}

/// The register's facts as the YAML text after each field's `key:`.
fn register_values(e: &Establishment, council: &str) -> BTreeMap<&'static str, String> {
    let mut v = BTreeMap::new();
    let mut put = |k: &'static str, s: String| {
        v.insert(k, s);
    };
    put("name", format!(" {}", quoted(&e.name)));
    put("urn", format!(" {}", quoted(&e.urn)));
    put("phase", format!(" {}", phase(e)));
    if !e.kind.is_empty() {
        put("type", format!(" {}", quoted(&e.kind)));
    }
    put("local_authority", format!(" {}", quoted(council)));
    if !e.address.is_empty() {
        put("address", format!(" {}", quoted(&e.address.join(", "))));
    }
    if !e.postcode.is_empty() {
        put(
            "postcode",
            format!(" {}", quoted(&e.postcode.to_uppercase())),
        );
    }
    if let Some(p) = phone(&e.phone) {
        put("phone", format!(" {}", quoted(&p)));
    }
    if !e.website.is_empty() {
        let w = &e.website;
        let url = if w.starts_with("http://") || w.starts_with("https://") {
            w.clone()
        } else {
            format!("https://{w}")
        };
        put("website", format!(" {}", quoted(&url)));
    }
    if let (Some(low), Some(high)) = (e.low_age, e.high_age) {
        put(
            "age_range",
            format!(" {}", quoted(&format!("{low} to {high}"))),
        );
    }
    if !e.head.is_empty() {
        put("headteacher", format!(" {{ name: {} }}", quoted(&e.head)));
    }
    let types = types_of_need(e);
    let needs: Vec<&str> = NEEDS
        .iter()
        .map(|(slug, _)| *slug)
        .filter(|n| {
            types
                .iter()
                .any(|t| TYPES_OF_NEED.iter().any(|x| x.0 == *t && x.3 == *n))
        })
        .collect();
    if !needs.is_empty() {
        put("needs", format!(" [{}]", needs.join(", ")));
    }
    let mut reg = String::new();
    if !types.is_empty() {
        reg.push_str(&format!("\n  types_of_need: [{}]", types.join(", ")));
    }
    let p = e.provision.to_lowercase();
    if p.contains("resourced provision") {
        reg.push_str(&format!(
            "\n  resourced_provision: {}",
            e.resourced_capacity.unwrap_or(0)
        ));
    }
    if p.contains("sen unit") {
        reg.push_str(&format!("\n  sen_unit: {}", e.unit_capacity.unwrap_or(0)));
    }
    if let Some(ll) = e
        .easting
        .zip(e.northing)
        .and_then(|(x, y)| crate::school::grid::to_wgs84(x, y))
    {
        reg.push_str(&format!(
            "\n  latitude: {:.6}\n  longitude: {:.6}",
            ll.latitude, ll.longitude
        ));
    }
    if !reg.is_empty() {
        put("register", reg);
    }
    debug_assert!(PHASES.iter().any(|(s, _)| *s == phase(e)));
    v
}

/// A new school's file: the register's facts, then the school's fields left to write.
fn new_file(e: &Establishment, mut values: BTreeMap<&'static str, String>) -> String {
    let area = if e.town.is_empty() {
        &e.district
    } else {
        &e.town
    };
    values.insert("area", format!(" {}", quoted(area)));
    values
        .entry("headteacher")
        .or_insert_with(|| format!(" {{ name: {} }}", quoted(TO_BE_WRITTEN)));
    values.insert("senco", format!("\n  name: {}", quoted(TO_BE_WRITTEN)));
    template::school_file(HEADER, &values, &BTreeMap::new())
}

/// An ASCII web-address name for the school, unique among `used` (then taken): its name, then
/// with its town, then with its URN.
fn unique_slug(e: &Establishment, used: &mut BTreeSet<String>) -> String {
    let base = ascii_slug(&e.name);
    let candidates = [
        base.clone(),
        format!("{base}-{}", ascii_slug(&e.town)),
        format!("{base}-{}", e.urn),
    ];
    let slug = candidates
        .into_iter()
        .find(|s| !s.ends_with('-') && !used.contains(s))
        .unwrap_or_else(|| format!("school-{}", e.urn));
    used.insert(slug.clone());
    slug
}

/// Lower-case ASCII letters and digits joined by single hyphens; apostrophes dropped
/// ("St Mary's" → `st-marys`), accented Latin letters without their accents.
fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        let c = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "school".into()
    } else {
        out
    }
}

/// Rewrites the register fields of a school file in its own text: each top-level field of
/// `values` replaces the lines of that field (its key line and the lines under it, not the
/// comments before the next field); a field not written yet is added, with its comment, after
/// the register field before it. `headteacher` keeps any other keys the school wrote under it.
/// Returns the new text and the fields that changed; every other byte is kept.
pub fn update(
    text: &str,
    values: &BTreeMap<&'static str, String>,
) -> Result<(String, Vec<&'static str>), String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    let Some(top) = doc.as_mapping() else {
        return Err("it is not a list of `field: value` lines".into());
    };
    let positions = crate::load::positions::Positions::of(text, 1);
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts: Vec<usize> = top
        .keys()
        .filter_map(|k| positions.key_line(k.as_str()?))
        .collect();
    starts.sort_unstable();
    // The lines [first, end) a field written at `line` holds (1-based line, 0-based range).
    let extent = |line: usize| -> (usize, usize) {
        let next = starts
            .iter()
            .find(|&&l| l > line)
            .map_or(lines.len(), |&l| l - 1);
        let mut end = next;
        while end > line && {
            let l = lines[end - 1].trim_end();
            l.is_empty() || l.starts_with('#')
        } {
            end -= 1;
        }
        (line - 1, end)
    };
    // (line range, new text), applied from the bottom up.
    let mut edits: Vec<((usize, usize), String)> = Vec::new();
    let mut changed = Vec::new();
    let mut after: Option<usize> = None;
    for &key in REGISTER_FIELDS {
        let Some(value) = values.get(key) else {
            if let Some(line) = positions.key_line(key) {
                after = Some(extent(line).1);
            }
            continue;
        };
        let mut value = value.clone();
        if key == "headteacher" {
            if let Some(merged) = merged_person(top.get("headteacher"), &value) {
                value = merged;
            }
        }
        let new = format!("{key}:{}{nl}", value.replace('\n', nl));
        match positions.key_line(key) {
            Some(line) => {
                let (a, b) = extent(line);
                let old: String = lines[a..b].concat();
                // A comment the school wrote at the end of a one-line field stays.
                let new = match trailing_comment(&old) {
                    Some(c) if b == a + 1 && !value.contains('\n') => {
                        format!("{}{c}{nl}", new.trim_end())
                    }
                    _ => new,
                };
                if old.trim_end() != new.trim_end() {
                    edits.push(((a, b), new));
                    changed.push(key);
                }
                after = Some(b);
            }
            None => {
                let at =
                    after.unwrap_or_else(|| starts.first().map_or(lines.len(), |&l| extent(l).0));
                let comment = template::comment(key, "").replace('\n', nl);
                edits.push(((at, at), format!("{nl}{comment}{new}")));
                changed.push(key);
            }
        }
    }
    if changed.is_empty() {
        return Ok((text.to_string(), changed));
    }
    edits.sort_by_key(|((a, b), _)| (*a, *b));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for ((a, b), new) in edits {
        out.push_str(&lines[at..a].concat());
        // A field added at the end of a file without a final line end starts on a line of its own.
        if a > 0 && a == lines.len() && !out.ends_with('\n') {
            out.push_str(nl);
        }
        out.push_str(&new);
        at = b;
    }
    out.push_str(&lines[at..].concat());
    Ok((out, changed))
}

/// The comment at the end of a one-line `key: value` (with the spaces before it), if any: a `#`
/// after a space, outside quotes.
fn trailing_comment(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q && !(q == '"' && prev == '\\') => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => {
                let start = line[..i].trim_end().len();
                return Some(&line[start..]);
            }
            None => {}
        }
        prev = c;
    }
    None
}

/// The headteacher with the register's name and the other keys the school wrote under it, as a
/// flow map (`None` when the school wrote only a name).
fn merged_person(old: Option<&serde_yaml::Value>, value: &str) -> Option<String> {
    let map = old?.as_mapping()?;
    if map.len() <= 1 {
        return None;
    }
    let new: serde_yaml::Value = serde_yaml::from_str(value).ok()?;
    let name = new.get("name")?.as_str()?;
    let mut parts = vec![format!("name: {}", quoted(name))];
    for (k, v) in map {
        let (Some(k), Some(v)) = (k.as_str(), v.as_str()) else {
            continue;
        };
        if k != "name" {
            parts.push(format!("{k}: {}", quoted(v)));
        }
    }
    Some(format!(" {{ {} }}", parts.join(", ")))
}

/// Writes every file (each to a temporary name first, then all renamed), so that an error
/// leaves no file half-written.
fn write_all(dir: &Path, writes: &[(String, String)]) -> Result<(), ImportError> {
    if writes.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|source| ImportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut staged = Vec::with_capacity(writes.len());
    for (slug, text) in writes {
        let tmp = dir.join(format!(".{slug}.yaml.import"));
        if let Err(source) = std::fs::write(&tmp, text) {
            for (t, _) in &staged {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(ImportError::Write { path: tmp, source });
        }
        staged.push((tmp, dir.join(format!("{slug}.yaml"))));
    }
    for (tmp, path) in staged {
        std::fs::rename(&tmp, &path).map_err(|source| ImportError::Write { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_slugs_and_phases() {
        assert_eq!(phone("01234567890").as_deref(), Some("01234 567890"));
        assert_eq!(phone("1234567890").as_deref(), Some("01234 567890"));
        assert_eq!(phone("02079460000").as_deref(), Some("020 7946 0000"));
        assert_eq!(phone("+44 20 7946 0000").as_deref(), Some("020 7946 0000"));
        assert_eq!(phone("123"), None);
        assert_eq!(
            ascii_slug("St Mary's C of E Primary School"),
            "st-marys-c-of-e-primary-school"
        );
        assert_eq!(
            ascii_slug("Ysgol Gymraeg Llundain / Élan"),
            "ysgol-gymraeg-llundain-elan"
        );
        let mut e = Establishment {
            phase: "Not applicable".into(),
            low_age: Some(2),
            high_age: Some(19),
            kind: "Pupil referral unit".into(),
            type_group: "Local authority maintained schools".into(),
            ..Establishment::default()
        };
        assert_eq!(phase(&e), "all-through");
        e.kind = "Community special school".into();
        assert_eq!(phase(&e), "special");
    }

    const FILE: &str = "# The school's own comment.\nname: \"Old Name\" # the school's note, kept\nurn: \"100001\"\n\n# phone: a comment the school wrote\nphone: \"01234 000000\"\nheadteacher:\n  name: \"Ms Old\"\n  email: \"head@oak.example\"\n\n# The SENCO, written by the school.\nsenco:\n  name: \"Mr B\"\n  email: \"b@oak.example\"\nreport:\n  reviewed: 2026-09-01\n  kinds_of_need: |\n    Our answer.\n\n    # not a comment: part of the answer\n";

    #[test]
    fn an_update_rewrites_only_register_fields() {
        let mut v = BTreeMap::new();
        v.insert("name", " \"New Name\"".to_string());
        v.insert("urn", " \"100001\"".to_string());
        v.insert("phone", " \"01234 000000\"".to_string());
        v.insert("headteacher", " { name: \"Dr New\" }".to_string());
        v.insert("postcode", " \"AN1 1AA\"".to_string());
        let (out, changed) = update(FILE, &v).unwrap();
        assert_eq!(changed, vec!["name", "postcode", "headteacher"]);
        let want = FILE
            .replace(
                "name: \"Old Name\" # the school's note, kept\n",
                "name: \"New Name\" # the school's note, kept\n",
            )
            .replace(
                "urn: \"100001\"\n",
                &format!(
                    "urn: \"100001\"\n\n{}postcode: \"AN1 1AA\"\n",
                    template::comment("postcode", "")
                ),
            )
            .replace(
                "headteacher:\n  name: \"Ms Old\"\n  email: \"head@oak.example\"\n",
                "headteacher: { name: \"Dr New\", email: \"head@oak.example\" }\n",
            );
        assert_eq!(out, want);
        // Again: nothing changes.
        let (again, changed) = update(&out, &v).unwrap();
        assert!(changed.is_empty(), "{changed:?}");
        assert_eq!(again, out);
    }

    #[test]
    fn trailing_comments_are_found_outside_quotes() {
        assert_eq!(
            trailing_comment("phone: \"0123 # 4\"   # the office\n"),
            Some("   # the office")
        );
        assert_eq!(trailing_comment("name: 'It''s #1' # ok"), Some(" # ok"));
        assert_eq!(
            trailing_comment("website: \"https://a.example/#top\""),
            None
        );
        assert_eq!(trailing_comment("area: North#bridge"), None);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = FILE.replace('\n', "\r\n");
        let mut v = BTreeMap::new();
        v.insert(
            "register",
            "\n  latitude: 52.1\n  longitude: -1.2".to_string(),
        );
        let (out, changed) = update(&text, &v).unwrap();
        assert_eq!(changed, vec!["register"]);
        assert!(
            out.contains("register:\r\n  latitude: 52.1\r\n  longitude: -1.2\r\n"),
            "{out}"
        );
        assert!(!out.replace("\r\n", "").contains('\n'), "{out}");
    }
}

//! `senpack import oruk`: reads an Open Referral UK v3 JSON export (a `/services` page, a list of
//! full services, or one service) into service files (`content/services/<slug>.yaml`). Each field
//! the service format has a place for is taken out of the record; what is left (ids, fields the
//! format lacks) is kept as it came under `oruk_extra:`, so nothing is silently dropped. A later
//! import finds each service's file again by its Open Referral id and reports what changed.
//! (Over 400 lines: each field's mapping takes it out of the record, so the mapping and the
//! `oruk_extra` remainder it leaves must be read together; a third is unit tests.)

use crate::services::facts::{
    Access, Contact, Cost, Day, Facts, LocalOffer, Location, Organisation, Session, Status,
};
use crate::services::taxonomy;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not JSON: {source}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: {what}", path.display())]
    Shape { path: PathBuf, what: String },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What an import did, by slug.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
    /// Files of an earlier import whose service is not in this export.
    pub removed: Vec<String>,
    /// Whether the `removed` files were deleted (`--remove`).
    pub deleted: bool,
}

/// The service records of an export: a page's `contents`, a list, or one service.
pub fn records(doc: Value) -> Result<Vec<Value>, String> {
    match doc {
        Value::Array(list) => Ok(list),
        Value::Object(mut map) => match map.remove("contents") {
            Some(Value::Array(list)) => Ok(list),
            Some(_) => Err("`contents` is not a list of services".into()),
            None if map.contains_key("name") => Ok(vec![Value::Object(map)]),
            None => Err("this is not a /services page, a list of services or one service".into()),
        },
        _ => Err("this is not a /services page, a list of services or one service".into()),
    }
}

fn take_str(m: &mut Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key) {
        Some(Value::String(_)) => m.remove(key).and_then(|v| v.as_str().map(str::to_string)),
        _ => None,
    }
}

fn take_f64(m: &mut Map<String, Value>, key: &str) -> Option<f64> {
    let n = m.get(key)?.as_f64()?;
    m.remove(key);
    Some(n)
}

fn take_age(m: &mut Map<String, Value>, key: &str) -> Option<u8> {
    let n = m.get(key)?.as_u64().and_then(|n| u8::try_from(n).ok())?;
    m.remove(key);
    Some(n)
}

/// The objects of the list at `key` (each left in place, for what is not taken out of it).
fn objects<'a>(m: &'a mut Map<String, Value>, key: &str) -> Vec<&'a mut Map<String, Value>> {
    match m.get_mut(key) {
        Some(Value::Array(list)) => list.iter_mut().filter_map(Value::as_object_mut).collect(),
        _ => Vec::new(),
    }
}

/// Removes empty objects and lists left behind; a list keeps its empty items while a later item
/// has something left, so what is left stays at its place.
fn prune(v: &mut Value) -> bool {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !prune(v));
            m.is_empty()
        }
        Value::Array(list) => {
            let empty: Vec<bool> = list.iter_mut().map(prune).collect();
            list.truncate(empty.iter().rposition(|e| !e).map_or(0, |i| i + 1));
            list.is_empty()
        }
        Value::Null => true,
        _ => false,
    }
}

fn day(code: &str) -> Option<Day> {
    Some(match code.trim() {
        "MO" => Day::Monday,
        "TU" => Day::Tuesday,
        "WE" => Day::Wednesday,
        "TH" => Day::Thursday,
        "FR" => Day::Friday,
        "SA" => Day::Saturday,
        "SU" => Day::Sunday,
        _ => return None,
    })
}

/// `10:00:00` or `10:00` → `10:00`.
fn hhmm(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let ok = b.len() >= 5 && b[2] == b':' && b[..2].iter().chain(&b[3..5]).all(u8::is_ascii_digit);
    ok.then(|| t[..5].to_string())
}

/// A weekly schedule's sessions, taking its fields out; `None` (all left in place) when it is not
/// a weekly rule with days and times.
fn sessions(s: &mut Map<String, Value>) -> Option<Vec<Session>> {
    let weekly = s
        .get("freq")
        .and_then(Value::as_str)
        .is_none_or(|f| f == "WEEKLY");
    let interval = s
        .get("interval")
        .and_then(Value::as_f64)
        .is_none_or(|i| i == 1.0);
    let days: Option<Vec<Day>> = s.get("byday")?.as_str()?.split(',').map(day).collect();
    let start = hhmm(s.get("opens_at")?.as_str()?)?;
    let end = hhmm(s.get("closes_at")?.as_str()?)?;
    let days = days.filter(|d| weekly && interval && !d.is_empty())?;
    for key in ["freq", "interval", "byday", "opens_at", "closes_at"] {
        s.remove(key);
    }
    let term_time_only = s.get("description").and_then(Value::as_str) == Some("Term time only");
    if term_time_only {
        s.remove("description");
    }
    let notes = take_str(s, "notes");
    Some(
        days.into_iter()
            .map(|day| Session {
                day,
                start: start.clone(),
                end: end.clone(),
                term_time_only,
                notes: notes.clone(),
            })
            .collect(),
    )
}

fn location(m: &mut Map<String, Value>) -> Option<Location> {
    let l = m.get_mut("location")?.as_object_mut()?;
    let name = take_str(l, "name").unwrap_or_default();
    let (latitude, longitude) = (take_f64(l, "latitude"), take_f64(l, "longitude"));
    let (mut address, mut postcode) = (String::new(), String::new());
    if let Some(a) = objects(l, "addresses").into_iter().next() {
        let street = take_str(a, "address_1").unwrap_or_default();
        address = match take_str(a, "city") {
            Some(city) if !street.is_empty() => format!("{street}, {city}"),
            Some(city) => city,
            None => street,
        };
        postcode = take_str(a, "postal_code").unwrap_or_default();
    }
    Some(Location {
        name,
        address,
        postcode,
        latitude,
        longitude,
        accessibility: Vec::new(),
    })
}

fn contact(m: &mut Map<String, Value>) -> Contact {
    let phone = objects(m, "phones")
        .into_iter()
        .next()
        .and_then(|p| take_str(p, "number"));
    Contact {
        name: take_str(m, "name"),
        role: take_str(m, "title"),
        phone,
        email: take_str(m, "email"),
        website: take_str(m, "url"),
    }
}

/// The slug of a taxonomy term in `list`, by its `term` (a slug) or `name` (a label).
fn term_slug(t: &Map<String, Value>, list: &'static [taxonomy::Term]) -> Option<&'static str> {
    let term = t.get("term").and_then(Value::as_str).unwrap_or("");
    let name = t.get("name").and_then(Value::as_str).unwrap_or("");
    list.iter()
        .find(|x| x.slug == term || x.label.eq_ignore_ascii_case(name))
        .map(|x| x.slug)
}

/// Categories and needs from `attributes`: each matching attribute is taken out whole.
fn terms(m: &mut Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let (mut categories, mut needs) = (Vec::new(), Vec::new());
    if let Some(Value::Array(list)) = m.get_mut("attributes") {
        list.retain(|a| {
            let Some(t) = a.get("taxonomy_term").and_then(Value::as_object) else {
                return true;
            };
            if let Some(slug) = term_slug(t, taxonomy::CATEGORIES) {
                categories.push(slug.to_string());
            } else if let Some(slug) = term_slug(t, taxonomy::NEEDS) {
                needs.push(slug.to_string());
            } else {
                return true;
            }
            false
        });
    }
    (categories, needs)
}

fn cost(m: &mut Map<String, Value>) -> Cost {
    if let Some(c) = objects(m, "cost_options").into_iter().next() {
        let amount = take_f64(c, "amount");
        let option = c.get("option").and_then(Value::as_str).unwrap_or("Free");
        if amount == Some(0.0) && option.eq_ignore_ascii_case("free") {
            c.remove("option");
            return Cost {
                free: true,
                description: None,
                amount: None,
            };
        }
        let description = take_str(c, "option").or_else(|| take_str(c, "amount_description"));
        return Cost {
            free: false,
            description,
            amount,
        };
    }
    // `fees` stays in `oruk_extra`, where the feed finds it again.
    let fees = m.get("fees").and_then(Value::as_str).map(str::to_string);
    Cost {
        free: fees.is_none(),
        description: fees,
        amount: None,
    }
}

/// One Open Referral UK service record as service facts (`today`: `reviewed` when the record
/// has no date).
pub fn facts(record: &Value, today: NaiveDate) -> Result<Facts, String> {
    let mut rest = record
        .as_object()
        .cloned()
        .ok_or("a service is not a JSON object")?;
    let r = &mut rest;
    let name = take_str(r, "name").ok_or("a service has no `name`")?;
    let description = take_str(r, "description").unwrap_or_default();
    let status = match r.get("status").and_then(Value::as_str) {
        Some("active") | None => Status::Active,
        Some("inactive") => Status::Inactive,
        Some("temporarily closed") => Status::TemporarilyClosed,
        // `defunct` and anything else: not running; the word stays in oruk_extra.
        Some(_) => Status::Inactive,
    };
    if matches!(
        r.get("status").and_then(Value::as_str),
        Some("active" | "inactive" | "temporarily closed")
    ) {
        r.remove("status");
    }
    let status_reason = (status == Status::TemporarilyClosed)
        .then(|| take_str(r, "alert"))
        .flatten();
    let mut own = Contact {
        name: None,
        role: None,
        phone: None,
        email: take_str(r, "email"),
        website: take_str(r, "url"),
    };
    let mut phones: Vec<String> = objects(r, "phones")
        .into_iter()
        .filter_map(|p| take_str(p, "number"))
        .collect();
    if !phones.is_empty() {
        own.phone = Some(phones.remove(0));
    }
    let mut contacts: Vec<Contact> = Vec::new();
    if own.email.is_some() || own.website.is_some() || own.phone.is_some() {
        contacts.push(own);
    }
    contacts.extend(phones.into_iter().map(|p| Contact {
        name: None,
        role: None,
        phone: Some(p),
        email: None,
        website: None,
    }));
    contacts.extend(objects(r, "contacts").into_iter().map(contact));
    let min_age = take_age(r, "minimum_age").unwrap_or(0);
    let max_age = take_age(r, "maximum_age").unwrap_or(25);
    let reviewed = match r
        .get("assured_date")
        .and_then(Value::as_str)
        .and_then(|d| d.parse().ok())
    {
        Some(d) => {
            r.remove("assured_date");
            d
        }
        None => r
            .get("last_modified")
            .and_then(Value::as_str)
            .and_then(|d| d.get(..10)?.parse().ok())
            .unwrap_or(today),
    };
    let organisation = match r.get_mut("organization").and_then(Value::as_object_mut) {
        Some(o) => Organisation {
            name: take_str(o, "name").unwrap_or_else(|| name.clone()),
            description: take_str(o, "description"),
            website: take_str(o, "website"),
            logo: None,
        },
        None => Organisation {
            name: name.clone(),
            description: None,
            website: None,
            logo: None,
        },
    };
    let area = objects(r, "service_areas")
        .into_iter()
        .next()
        .and_then(|a| take_str(a, "name"))
        .unwrap_or_else(|| "All areas".into());
    let locations = objects(r, "service_at_locations")
        .into_iter()
        .filter_map(location)
        .collect();
    let sessions = objects(r, "schedules")
        .into_iter()
        .filter_map(sessions)
        .flatten()
        .collect();
    let languages = objects(r, "languages")
        .into_iter()
        .filter_map(|l| take_str(l, "name"))
        .collect();
    let cost = cost(r);
    let (categories, needs) = terms(r);
    let how = take_str(r, "application_process");
    let mut extra = Value::Object(rest);
    let extra = (!prune(&mut extra))
        .then(|| serde_yaml::to_value(&extra).ok())
        .flatten();
    Ok(Facts {
        example: false,
        name,
        organisation,
        description,
        status,
        status_reason,
        categories,
        needs,
        min_age,
        max_age,
        area,
        cost,
        access: Access {
            referral: false,
            who_refers: None,
            how,
        },
        locations,
        contacts,
        sessions,
        languages,
        local_offer: LocalOffer::default(),
        reviewed,
        review_every: None,
        visible_from: None,
        visible_to: None,
        oruk_extra: extra,
    })
}

/// A file name from a service's name: lower-case ASCII words joined by `-`, at most 60 characters.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 60 {
        out.truncate(60);
        out = out.trim_end_matches('-').to_string();
    }
    if out.is_empty() {
        "service".into()
    } else {
        out
    }
}

/// The first line of every file an import writes.
const HEADER: &str = "# Imported from an Open Referral UK export by `senpack import oruk`.";

/// The text of a service file.
pub fn yaml(facts: &Facts) -> String {
    let body = serde_yaml::to_string(facts).unwrap_or_default();
    format!("{HEADER} `oruk_extra` keeps the fields\n# this format has no place for; a later import of the same service rewrites this file.\n{body}")
}

/// The Open Referral id of an existing service file, if an import wrote it.
fn imported_id(text: &str) -> Option<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    Some(v.get("oruk_extra")?.get("id")?.as_str()?.to_string())
}

/// Imports `file` into `root`'s `content/services/`; `remove` deletes the files of services an
/// earlier import wrote that this export no longer has.
pub fn run(
    root: &Path,
    file: &Path,
    remove: bool,
    today: NaiveDate,
) -> Result<Report, ImportError> {
    let text = std::fs::read_to_string(file).map_err(|source| ImportError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let doc: Value = serde_json::from_str(&text).map_err(|source| ImportError::Json {
        path: file.to_path_buf(),
        source,
    })?;
    let shape = |what: String| ImportError::Shape {
        path: file.to_path_buf(),
        what,
    };
    let list = records(doc).map_err(shape)?;
    let dir = root.join("content").join(crate::services::DIR);
    let mut existing: BTreeMap<String, String> = BTreeMap::new(); // slug → text
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "yaml") {
                if let (Some(stem), Ok(t)) = (p.file_stem(), std::fs::read_to_string(&p)) {
                    existing.insert(stem.to_string_lossy().into_owned(), t);
                }
            }
        }
    }
    let by_id: BTreeMap<String, String> = existing
        .iter()
        .filter_map(|(slug, t)| Some((imported_id(t)?, slug.clone())))
        .collect();
    let mut report = Report::default();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut writes = Vec::new();
    for (i, record) in list.iter().enumerate() {
        let facts = facts(record, today).map_err(|e| shape(format!("service {}: {e}", i + 1)))?;
        let id = record.get("id").and_then(Value::as_str);
        let slug = match id.and_then(|id| by_id.get(id)) {
            Some(s) if !taken.contains(s) => s.clone(),
            _ => {
                let base = slug(&facts.name);
                let mut n = 1;
                let mut s = base.clone();
                // A record without an id takes back the imported file of its name.
                let reusable = |s: &str| {
                    id.is_none() && existing.get(s).is_some_and(|t| t.starts_with(HEADER))
                };
                while taken.contains(&s) || (existing.contains_key(&s) && !reusable(&s)) {
                    n += 1;
                    s = format!("{base}-{n}");
                }
                s
            }
        };
        taken.insert(slug.clone());
        let text = yaml(&facts);
        match existing.get(&slug) {
            None => report.added.push(slug.clone()),
            Some(old) if *old == text => report.unchanged.push(slug.clone()),
            Some(_) => report.changed.push(slug.clone()),
        }
        writes.push((slug, text));
    }
    std::fs::create_dir_all(&dir).map_err(|source| ImportError::Write {
        path: dir.clone(),
        source,
    })?;
    for (slug, text) in &writes {
        if report.unchanged.contains(slug) {
            continue;
        }
        let path = dir.join(format!("{slug}.yaml"));
        std::fs::write(&path, text).map_err(|source| ImportError::Write { path, source })?;
    }
    report.removed = by_id
        .values()
        .filter(|s| !taken.contains(*s))
        .cloned()
        .collect();
    if remove {
        for slug in &report.removed {
            let path = dir.join(format!("{slug}.yaml"));
            std::fs::remove_file(&path).map_err(|source| ImportError::Write { path, source })?;
        }
        report.deleted = true;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        "2026-01-02".parse().unwrap()
    }

    #[test]
    fn exports_of_every_shape_give_their_services() {
        let one = json!({"id": "x", "name": "A"});
        assert_eq!(records(one.clone()).unwrap().len(), 1);
        assert_eq!(records(json!([one.clone(), one.clone()])).unwrap().len(), 2);
        assert_eq!(
            records(json!({"total_items": 1, "contents": [one]}))
                .unwrap()
                .len(),
            1
        );
        assert!(records(json!({"total_items": 0})).is_err());
        assert!(records(json!("text")).is_err());
    }

    #[test]
    fn fields_are_mapped_and_the_rest_kept_in_oruk_extra() {
        let r = json!({
            "id": "ac148810-d857-441c-9679-408f346de14b",
            "name": "Counselling", "status": "temporarily closed", "alert": "Closed in August",
            "url": "http://example.com", "email": "a@example.com", "minimum_age": 12,
            "accreditations": "BASC",
            "organization": {"id": "o", "name": "Org", "logo": "https://x/logo.png"},
            "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "TH,FR", "opens_at": "10:00:00",
                           "closes_at": "18:00:00", "bymonthday": "2"}],
            "cost_options": [{"id": "c", "option": "Adults", "amount": 35, "valid_to": "2022-12-31"}],
            "attributes": [{"id": "a1", "taxonomy_term": {"id": "t", "name": "Autism", "description": ""}},
                           {"id": "a2", "taxonomy_term": {"id": "u", "name": "Other", "description": ""}}],
        });
        let f = facts(&r, today()).unwrap();
        assert_eq!(f.status, Status::TemporarilyClosed);
        assert_eq!(f.status_reason.as_deref(), Some("Closed in August"));
        assert_eq!(f.contacts[0].website.as_deref(), Some("http://example.com"));
        assert_eq!((f.min_age, f.max_age), (12, 25));
        assert_eq!(f.sessions.len(), 2);
        assert_eq!(
            (f.sessions[1].day, f.sessions[1].start.as_str()),
            (Day::Friday, "10:00")
        );
        assert!(!f.cost.free && f.cost.amount == Some(35.0));
        assert_eq!(f.needs, ["autism"]);
        assert_eq!(f.reviewed, today());
        let extra = f.oruk_extra.unwrap();
        let get = |path: &[&str]| {
            let mut v = &extra;
            for k in path {
                v = v
                    .get(*k)
                    .unwrap_or_else(|| panic!("{path:?} kept: {extra:?}"));
            }
            v.clone()
        };
        assert_eq!(
            get(&["id"]).as_str(),
            Some("ac148810-d857-441c-9679-408f346de14b")
        );
        assert_eq!(get(&["accreditations"]).as_str(), Some("BASC"));
        assert_eq!(
            get(&["organization", "logo"]).as_str(),
            Some("https://x/logo.png")
        );
        assert_eq!(
            get(&["schedules"])[0]
                .get("bymonthday")
                .and_then(|v| v.as_str()),
            Some("2")
        );
        assert!(
            get(&["schedules"])[0].get("byday").is_none(),
            "taken fields are not kept twice"
        );
        assert_eq!(get(&["attributes"]).as_sequence().map(Vec::len), Some(1));
        assert!(extra.get("name").is_none() && extra.get("url").is_none());
    }

    #[test]
    fn slugs_are_lower_case_words() {
        assert_eq!(
            slug("Community Counselling (Anyshire)"),
            "community-counselling-anyshire"
        );
        assert_eq!(slug("  ---  "), "service");
        assert!(slug(&"word ".repeat(40)).len() <= 60);
    }

    #[test]
    fn a_second_import_updates_in_place_and_reports() {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("export.json");
        let write = |v: Value| std::fs::write(&export, v.to_string()).unwrap();
        let a = json!({"id": "id-a", "name": "Alpha", "description": "One."});
        let b = json!({"id": "id-b", "name": "Beta"});
        write(json!([a, b]));
        let first = run(dir.path(), &export, false, today()).unwrap();
        assert_eq!(first.added, ["alpha", "beta"]);
        // Alpha changes its name (its file stays), Beta goes, Gamma comes and shares a name.
        let a2 = json!({"id": "id-a", "name": "Alpha", "description": "Two."});
        let c = json!({"id": "id-c", "name": "Alpha"});
        write(json!({"contents": [a2, c]}));
        let second = run(dir.path(), &export, false, today()).unwrap();
        assert_eq!(second.changed, ["alpha"]);
        assert_eq!(second.added, ["alpha-2"]);
        assert_eq!(second.removed, ["beta"]);
        assert!(dir.path().join("content/services/beta.yaml").is_file());
        let third = run(dir.path(), &export, true, today()).unwrap();
        assert_eq!(third.unchanged, ["alpha", "alpha-2"]);
        assert!(third.deleted && !dir.path().join("content/services/beta.yaml").exists());
        let text = std::fs::read_to_string(dir.path().join("content/services/alpha.yaml")).unwrap();
        let parsed =
            crate::services::parse("alpha.yaml", "content/services/alpha.yaml".into(), text);
        assert_eq!(parsed.unwrap().0.facts.description, "Two.");
    }
}

//! The Open Referral UK feed's contents: every service file and every school as an HSDS 3.0 UK
//! [`oruk::Service`], the fixed taxonomy as `/taxonomies` and `/taxonomy_terms`, and the layout
//! of the static files under the feed folder (docs/HOSTING.md maps the API's URLs to them).
//! (Over 400 lines: a service file and a school become the same records through shared private
//! helpers — ids, addresses, schedules, contacts, attributes — so they stay in one file.)

use crate::school::facts::School;
use crate::services::facts::{Contact, Day, Session};
use crate::services::oruk::{self, id};
use crate::services::taxonomy::{self, Term};
use crate::services::Service;
use rayon::prelude::*;

/// Items per `/services` (and other list) page.
pub const PER_PAGE: usize = 50;

/// The taxonomies, as (key, name, description, terms).
pub const TAXONOMIES: &[(&str, &str, &str, &[Term])] = &[
    (
        "categories",
        "Local Offer service categories",
        "What kind of help a service gives.",
        taxonomy::CATEGORIES,
    ),
    (
        "needs",
        "Special educational needs and disabilities",
        "The needs a service is for: the four broad areas of need and common specific needs.",
        taxonomy::NEEDS,
    ),
    (
        "accessibility",
        "Accessibility features",
        "Accessibility features of the places services run.",
        taxonomy::ACCESSIBILITY,
    ),
];

/// Every taxonomy of the feed.
pub fn taxonomies() -> Vec<oruk::Taxonomy> {
    TAXONOMIES
        .iter()
        .map(|(key, name, description, _)| oruk::Taxonomy {
            id: id(&format!("taxonomy/{key}")),
            name: (*name).into(),
            description: (*description).into(),
        })
        .collect()
}

/// Every term of every taxonomy, taxonomy by taxonomy in list order.
pub fn terms() -> Vec<oruk::TaxonomyTerm> {
    TAXONOMIES
        .iter()
        .flat_map(|(key, _, _, list)| list.iter().map(move |t| term(key, t)))
        .collect()
}

fn term(key: &str, t: &Term) -> oruk::TaxonomyTerm {
    oruk::TaxonomyTerm {
        id: id(&format!("taxonomy_term/{key}/{}", t.slug)),
        name: t.label.into(),
        description: t.description.into(),
        taxonomy: format!("senpack-{key}"),
        taxonomy_id: id(&format!("taxonomy/{key}")),
        term: t.slug.into(),
    }
}

/// Attributes linking a record (`key`) to the terms of `slugs` in taxonomy `tax` (unknown slugs
/// are left out: `senpack check` names them).
fn attributes(key: &str, tax: usize, slugs: &[String]) -> Vec<oruk::Attribute> {
    let (tax_key, _, _, list) = TAXONOMIES[tax];
    slugs
        .iter()
        .filter_map(|slug| taxonomy::find(list, slug))
        .map(|t| {
            let term = term(tax_key, t);
            oruk::Attribute {
                id: id(&format!("{key}/attribute/{tax_key}/{}", t.slug)),
                taxonomy_term_id: term.id.clone(),
                taxonomy_term: term,
            }
        })
        .collect()
}

/// A string field of the service's `oruk_extra` block.
fn extra<'a>(s: &'a Service, path: &[&str]) -> Option<&'a str> {
    let mut v = s.facts.oruk_extra.as_ref()?;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str()
}

/// `street, town` → (`street`, `town`); an address with no comma is all street, in `town`.
pub fn split_address(address: &str, town: &str) -> (String, String) {
    match address.rsplit_once(',') {
        Some((street, city)) if !street.trim().is_empty() && !city.trim().is_empty() => {
            (street.trim().to_string(), city.trim().to_string())
        }
        _ => (address.trim().to_string(), town.to_string()),
    }
}

fn address(key: &str, address: &str, postcode: &str, town: &str) -> oruk::Address {
    let (address_1, city) = split_address(address, town);
    oruk::Address {
        id: id(&format!("{key}/address")),
        address_1,
        city,
        state_province: "England".into(),
        postal_code: postcode.into(),
        country: "GB",
        address_type: "physical",
    }
}

/// The two-letter iCalendar day.
pub fn day_code(day: Day) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day as usize]
}

/// Sessions as weekly schedules: sessions with the same times, term-time rule and notes are one
/// schedule (`byday: MO,WE`), in the order each first appears.
fn schedules(key: &str, sessions: &[Session]) -> Vec<oruk::Schedule> {
    let mut groups: Vec<(&Session, Vec<Day>)> = Vec::new();
    for s in sessions {
        let same = groups.iter_mut().find(|(g, _)| {
            g.start == s.start
                && g.end == s.end
                && g.term_time_only == s.term_time_only
                && g.notes == s.notes
        });
        match same {
            Some((_, days)) if !days.contains(&s.day) => days.push(s.day),
            Some(_) => {}
            None => groups.push((s, vec![s.day])),
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (s, days))| oruk::Schedule {
            id: id(&format!("{key}/schedule/{i}")),
            valid_from: None,
            valid_to: None,
            dtstart: None,
            freq: Some("WEEKLY"),
            interval: Some(1),
            byday: Some(
                days.iter()
                    .map(|&d| day_code(d))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            opens_at: format!("{}:00", s.start),
            closes_at: format!("{}:00", s.end),
            description: s.term_time_only.then(|| "Term time only".to_string()),
            notes: s.notes.clone(),
            schedule_link: None,
            attending_type: None,
        })
        .collect()
}

/// Contacts with a name or role become HSDS contacts; the others' phones are the service's own.
fn contacts(key: &str, list: &[Contact]) -> (Vec<oruk::Contact>, Vec<oruk::Phone>) {
    let mut named = Vec::new();
    let mut phones = Vec::new();
    for (i, c) in list.iter().enumerate() {
        if c.name.is_some() || c.role.is_some() {
            named.push(oruk::Contact {
                id: id(&format!("{key}/contact/{i}")),
                name: c.name.clone(),
                title: c.role.clone(),
                email: c.email.clone(),
                phones: c
                    .phone
                    .iter()
                    .map(|n| oruk::Phone {
                        id: id(&format!("{key}/contact/{i}/phone")),
                        number: n.clone(),
                    })
                    .collect(),
            });
        } else if let Some(n) = &c.phone {
            phones.push(oruk::Phone {
                id: id(&format!("{key}/phone/{i}")),
                number: n.clone(),
            });
        }
    }
    (named, phones)
}

/// One service file as a full record; `page_url` is its page on this site (its `url` when no
/// contact has a website).
pub fn service(s: &Service, page_url: &str) -> oruk::Service {
    let f = &s.facts;
    let key = format!("service/{}", s.slug);
    let service_id = extra(s, &["id"])
        .filter(|i| oruk::is_uuid(i))
        .map_or_else(|| id(&key), str::to_string);
    let org = &f.organisation;
    let organization = oruk::Organization {
        id: id(&format!("{key}/organization")),
        name: org.name.clone(),
        description: org.description.clone().unwrap_or_else(|| org.name.clone()),
        email: extra(s, &["organization", "email"]).map(str::to_string),
        website: org.website.clone(),
        logo: extra(s, &["organization", "logo"]).map(str::to_string),
        uri: extra(s, &["organization", "uri"]).map(str::to_string),
        organization_identifiers: Vec::new(),
    };
    let (named, phones) = contacts(&key, &f.contacts);
    let reviewed = f.reviewed.format("%Y-%m-%d").to_string();
    let summary = oruk::ServiceSummary {
        id: service_id,
        organization_id: organization.id.clone(),
        name: f.name.clone(),
        description: Some(f.description.clone()),
        url: Some(
            f.contacts
                .iter()
                .find_map(|c| c.website.clone())
                .unwrap_or_else(|| page_url.to_string()),
        ),
        email: f.contacts.iter().find_map(|c| c.email.clone()),
        status: f.status.oruk().into(),
        fees: extra(s, &["fees"]).map(str::to_string),
        accreditations: extra(s, &["accreditations"]).map(str::to_string),
        minimum_age: Some(f.min_age),
        maximum_age: Some(f.max_age),
        last_modified: Some(format!("{reviewed}T00:00:00Z")),
        assured_date: Some(reviewed),
        assurer_email: extra(s, &["assurer_email"]).map(str::to_string),
        alert: f
            .status_reason
            .clone()
            .or_else(|| extra(s, &["alert"]).map(str::to_string)),
        organization,
    };
    let application_process = match (f.access.referral, &f.access.who_refers, &f.access.how) {
        (true, Some(who), how) => Some(match how {
            Some(how) => format!("Needs a referral from {who}. {how}"),
            None => format!("Needs a referral from {who}."),
        }),
        (_, _, how) => how.clone(),
    };
    let locations = f
        .locations
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lkey = format!("{key}/location/{i}");
            oruk::ServiceAtLocation {
                id: id(&format!("{key}/service_at_location/{i}")),
                location: oruk::Location {
                    id: id(&lkey),
                    location_type: "physical",
                    name: l.name.clone(),
                    latitude: l.latitude,
                    longitude: l.longitude,
                    addresses: vec![address(&lkey, &l.address, &l.postcode, &f.area)],
                    accessibility: l
                        .accessibility
                        .iter()
                        .map(|slug| {
                            let t = taxonomy::find(taxonomy::ACCESSIBILITY, slug);
                            oruk::Accessibility {
                                id: id(&format!("{lkey}/accessibility/{slug}")),
                                description: t.map_or_else(|| slug.clone(), |t| t.label.into()),
                                details: t.map(|t| t.description.into()),
                            }
                        })
                        .collect(),
                },
            }
        })
        .collect();
    let cost = if f.cost.free {
        oruk::CostOption {
            id: id(&format!("{key}/cost")),
            option: Some("Free".into()),
            amount: Some(0.0),
            amount_description: None,
        }
    } else {
        oruk::CostOption {
            id: id(&format!("{key}/cost")),
            option: f.cost.description.clone(),
            amount: f.cost.amount,
            amount_description: None,
        }
    };
    let mut attributes = attributes(&key, 0, &f.categories);
    attributes.extend(self::attributes(&key, 1, &f.needs));
    oruk::Service {
        summary,
        application_process,
        schedules: schedules(&key, &f.sessions),
        service_areas: vec![oruk::ServiceArea {
            id: id(&format!("{key}/area")),
            name: f.area.clone(),
        }],
        service_at_locations: locations,
        languages: f
            .languages
            .iter()
            .enumerate()
            .map(|(i, name)| oruk::Language {
                id: id(&format!("{key}/language/{i}")),
                name: name.clone(),
            })
            .collect(),
        cost_options: vec![cost],
        contacts: named,
        phones,
        attributes,
    }
}

/// The ages of a school's `age_range` ("4 to 11", "11–16"): its first two whole numbers.
pub fn ages(range: &str) -> Option<(u8, u8)> {
    let mut numbers = range
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse::<u8>().ok());
    let (a, b) = (numbers.next()?, numbers.next()?);
    (a <= b).then_some((a, b))
}

/// One school as a service (category `education-settings`), from its facts; `page_url` is its
/// page on this site.
pub fn school(s: &School, page_url: &str) -> oruk::Service {
    let f = &s.facts;
    let key = format!("school/{}", s.slug);
    let organization = oruk::Organization {
        id: id(&format!("{key}/organization")),
        name: f.name.clone(),
        description: format!("{} ({})", f.kind, f.phase.label()),
        email: f.email.clone(),
        website: f.website.clone(),
        logo: None,
        uri: None,
        organization_identifiers: vec![oruk::OrganizationIdentifier {
            id: id(&format!("{key}/organization/urn")),
            identifier_scheme: "GB-EDU".into(),
            identifier_type: "URN".into(),
            identifier: f.urn.clone(),
        }],
    };
    let ages = f.age_range.as_deref().and_then(ages);
    let reviewed = f.report.reviewed.format("%Y-%m-%d").to_string();
    let summary = oruk::ServiceSummary {
        id: id(&key),
        organization_id: organization.id.clone(),
        name: f.name.clone(),
        description: Some(format!(
            "{} ({}) in {}. Its SEN information report says how it supports children with special educational needs.",
            f.kind,
            f.phase.label().to_lowercase(),
            f.area
        )),
        url: Some(page_url.to_string()),
        email: f.senco.email.clone().or_else(|| f.email.clone()),
        status: "active".into(),
        fees: None,
        accreditations: None,
        minimum_age: ages.map(|a| a.0),
        maximum_age: ages.map(|a| a.1),
        last_modified: Some(format!("{reviewed}T00:00:00Z")),
        assured_date: Some(reviewed),
        assurer_email: None,
        alert: None,
        organization,
    };
    let location = match (&f.address, &f.postcode) {
        (Some(a), Some(p)) => {
            let lkey = format!("{key}/location/0");
            vec![oruk::ServiceAtLocation {
                id: id(&format!("{key}/service_at_location/0")),
                location: oruk::Location {
                    id: id(&lkey),
                    location_type: "physical",
                    name: f.name.clone(),
                    latitude: None,
                    longitude: None,
                    addresses: vec![address(&lkey, a, p, &f.area)],
                    accessibility: Vec::new(),
                },
            }]
        }
        _ => Vec::new(),
    };
    let senco = oruk::Contact {
        id: id(&format!("{key}/contact/senco")),
        name: Some(f.senco.name.clone()),
        title: Some("Special educational needs co-ordinator (SENCO)".into()),
        email: f.senco.email.clone(),
        phones: f
            .senco
            .phone
            .iter()
            .map(|n| oruk::Phone {
                id: id(&format!("{key}/contact/senco/phone")),
                number: n.clone(),
            })
            .collect(),
    };
    let mut attributes = attributes(&key, 0, &["education-settings".to_string()]);
    attributes.extend(self::attributes(&key, 1, &f.needs));
    oruk::Service {
        summary,
        application_process: None,
        schedules: Vec::new(),
        service_areas: vec![oruk::ServiceArea {
            id: id(&format!("{key}/area")),
            name: f.area.clone(),
        }],
        service_at_locations: location,
        languages: Vec::new(),
        cost_options: Vec::new(),
        contacts: vec![senco],
        phones: f
            .phone
            .iter()
            .map(|n| oruk::Phone {
                id: id(&format!("{key}/phone")),
                number: n.clone(),
            })
            .collect(),
        attributes,
    }
}

/// One feed file: its path inside the output folder and its JSON text.
pub type File = (String, String);

fn json<T: serde::Serialize>(value: &T) -> String {
    // The records are plain structs of strings and numbers: serialising cannot fail. Compact,
    // not pretty: the feed is for machines, and thousands of files are written.
    let mut text = serde_json::to_string(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A list's pages: `<dir>/index.json` (page 1) and `<dir>/page/<N>/index.json` for every page.
fn pages<T: serde::Serialize + Clone>(dir: &str, items: &[T], out: &mut Vec<File>) {
    for page in oruk::Page::split(items, PER_PAGE) {
        let text = json(&page);
        if page.first_page {
            out.push((format!("{dir}/index.json"), text.clone()));
        }
        out.push((format!("{dir}/page/{}/index.json", page.page_number), text));
    }
}

/// Every file of the feed under `dir` (the feed folder inside the output, `api`): records sorted
/// by name (then id), so the pages are the same on every build. See docs/HOSTING.md for the
/// URL each file answers.
pub fn files(dir: &str, mut records: Vec<oruk::Service>) -> Vec<File> {
    records.sort_by(|a, b| {
        (a.summary.name.to_lowercase(), &a.summary.id)
            .cmp(&(b.summary.name.to_lowercase(), &b.summary.id))
    });
    let mut out = vec![(format!("{dir}/index.json"), json(&oruk::Root::default()))];
    let summaries: Vec<oruk::ServiceSummary> = records.iter().map(oruk::Service::summary).collect();
    pages(&format!("{dir}/services"), &summaries, &mut out);
    // Thousands of records: each serialised on its own thread.
    let full: Vec<File> = records
        .par_iter()
        .map(|r| (format!("{dir}/services/{}.json", r.summary.id), json(r)))
        .collect();
    out.extend(full);
    let taxonomies = taxonomies();
    pages(&format!("{dir}/taxonomies"), &taxonomies, &mut out);
    for t in &taxonomies {
        out.push((format!("{dir}/taxonomies/{}.json", t.id), json(t)));
    }
    let terms = terms();
    pages(&format!("{dir}/taxonomy_terms"), &terms, &mut out);
    for t in &terms {
        out.push((format!("{dir}/taxonomy_terms/{}.json", t.id), json(t)));
    }
    let per_record: Vec<(Vec<File>, Vec<_>)> = records
        .par_iter()
        .map(|r| {
            let mut service = r.clone();
            service.service_at_locations.clear();
            let mut files = Vec::with_capacity(r.service_at_locations.len());
            let mut items = Vec::with_capacity(r.service_at_locations.len());
            for sal in &r.service_at_locations {
                let full = oruk::ServiceAtLocationItem {
                    id: sal.id.clone(),
                    service_id: r.summary.id.clone(),
                    location_id: sal.location.id.clone(),
                    location: sal.location.clone(),
                    service: service.clone(),
                };
                files.push((
                    format!("{dir}/service_at_locations/{}.json", sal.id),
                    json(&full),
                ));
                items.push(oruk::ServiceAtLocationItem {
                    id: sal.id.clone(),
                    service_id: r.summary.id.clone(),
                    location_id: sal.location.id.clone(),
                    location: sal.location.summary(),
                    service: r.summary(),
                });
            }
            (files, items)
        })
        .collect();
    let mut at_locations = Vec::new();
    for (files, items) in per_record {
        out.extend(files);
        at_locations.extend(items);
    }
    pages(
        &format!("{dir}/service_at_locations"),
        &at_locations,
        &mut out,
    );
    out
}

/// The kinds of record the feed lists, as their folder names.
pub const LISTS: &[&str] = &[
    "services",
    "taxonomies",
    "taxonomy_terms",
    "service_at_locations",
];

/// `_headers` for Netlify / Cloudflare Pages–style hosts: CORS on every feed file (`url` is the
/// feed folder's address path, `/api/`).
pub fn headers(url: &str) -> String {
    format!(
        "# Open Referral UK feed (senpack): every response open to any site (CORS).\n{url}*\n  Access-Control-Allow-Origin: *\n/schools/feed.json\n  Access-Control-Allow-Origin: *\n"
    )
}

/// `_redirects` for Netlify-style hosts: the API's URLs (`/api/services?page=2`,
/// `/api/services/{id}`) answered by the feed's files, and the old schools feed moved.
pub fn redirects(url: &str) -> String {
    let mut out = String::from(
        "# Open Referral UK feed (senpack): the API's URLs, answered by static files.\n",
    );
    let root = url.trim_end_matches('/');
    out.push_str(&format!("{root} {url}index.json 200\n"));
    for list in LISTS {
        out.push_str(&format!(
            "{url}{list} page=:page {url}{list}/page/:page/index.json 200\n"
        ));
        out.push_str(&format!("{url}{list} {url}{list}/index.json 200\n"));
        out.push_str(&format!(
            "{url}{list}/page/:page {url}{list}/page/:page/index.json 200\n"
        ));
        out.push_str(&format!("{url}{list}/:id {url}{list}/:id.json 200\n"));
    }
    out.push_str(&format!(
        "/schools/feed.json {url}services/index.json 301!\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_at_the_last_comma() {
        assert_eq!(
            split_address("4 Station Road, Anytown", "Area"),
            ("4 Station Road".into(), "Anytown".into())
        );
        assert_eq!(
            split_address("Unit 2, Mill Lane, Westford", "Area"),
            ("Unit 2, Mill Lane".into(), "Westford".into())
        );
        assert_eq!(
            split_address("Beacon House", "Area"),
            ("Beacon House".into(), "Area".into())
        );
    }

    #[test]
    fn school_ages_come_from_the_age_range() {
        assert_eq!(ages("4 to 11"), Some((4, 11)));
        assert_eq!(ages("11–16"), Some((11, 16)));
        assert_eq!(ages("16 to 11"), None);
        assert_eq!(ages("all ages"), None);
    }

    #[test]
    fn sessions_with_the_same_times_are_one_schedule() {
        let s = |day, start: &str, notes: Option<&str>| Session {
            day,
            start: start.into(),
            end: "17:00".into(),
            term_time_only: false,
            notes: notes.map(str::to_string),
        };
        let list = [
            s(Day::Monday, "09:00", None),
            s(Day::Tuesday, "10:00", None),
            s(Day::Wednesday, "09:00", None),
            s(Day::Thursday, "09:00", Some("late")),
        ];
        let out = schedules("k", &list);
        let days: Vec<&str> = out
            .iter()
            .map(|s| s.byday.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(days, ["MO,WE", "TU", "TH"]);
        assert_eq!(out[0].opens_at, "09:00:00");
        assert_eq!(out[2].notes.as_deref(), Some("late"));
        assert_ne!(out[0].id, out[1].id);
    }

    #[test]
    fn every_term_is_in_a_taxonomy_with_its_own_id() {
        let terms = terms();
        let ids: std::collections::HashSet<&str> = terms.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), terms.len());
        let tax: Vec<String> = taxonomies().into_iter().map(|t| t.id).collect();
        assert!(terms.iter().all(|t| tax.contains(&t.taxonomy_id)));
        assert_eq!(
            terms.len(),
            taxonomy::CATEGORIES.len() + taxonomy::NEEDS.len() + taxonomy::ACCESSIBILITY.len()
        );
    }

    #[test]
    fn redirects_map_query_pages_and_ids_to_files() {
        let r = redirects("/api/");
        assert!(r.contains("/api/services page=:page /api/services/page/:page/index.json 200\n"));
        assert!(r.contains("/api/services/:id /api/services/:id.json 200\n"));
        assert!(r.contains("/api /api/index.json 200\n"));
        // The query rule comes before the plain one: the first rule that matches wins.
        assert!(r.find("/api/services page=").unwrap() < r.find("/api/services /api/").unwrap());
        assert!(headers("/api/").contains("/api/*\n  Access-Control-Allow-Origin: *\n"));
    }
}

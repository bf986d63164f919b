//! The Local Offer directory's pages: one model page per service at `/services/<slug>/` (its body
//! the provider's description, always cleaned), the `service` value its template sees, the
//! directory page `/services/`, and the pre-built filter pages (one per category, need, area, day
//! and "free"), so filtering works without JavaScript.
//! (Over 400 lines: the service value, the filters and the directory value are one vocabulary of
//! facets; the template, the filter pages and the script all read the names made here.)

use crate::diagnostics::Diagnostic;
use crate::load::config::{Audience, SiteConfig};
use crate::load::content::{FrontMatter, PageKind, SourcePage};
use crate::model::site::{Page, Site};
use crate::render::listing::{self, Letters};
use crate::school::facts::area_slug;
use crate::services::facts::{Day, Status};
use crate::services::taxonomy::{self, ACCESSIBILITY, CATEGORIES, NEEDS};
use crate::services::Service;
use chrono::{Months, NaiveDate};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The directory's address.
pub const PATH: &str = "/services/";

/// The `source` of a service's page: `services/<slug>.yaml` (no Markdown page has it).
pub fn page_source(slug: &str) -> String {
    format!("services/{slug}.yaml")
}

/// The address of a service's page.
pub fn page_path(slug: &str) -> String {
    format!("{PATH}{slug}/")
}

/// Days in week order with their labels.
pub const DAYS: [(Day, &str, &str); 7] = [
    (Day::Monday, "monday", "Monday"),
    (Day::Tuesday, "tuesday", "Tuesday"),
    (Day::Wednesday, "wednesday", "Wednesday"),
    (Day::Thursday, "thursday", "Thursday"),
    (Day::Friday, "friday", "Friday"),
    (Day::Saturday, "saturday", "Saturday"),
    (Day::Sunday, "sunday", "Sunday"),
];

fn day_slug(d: Day) -> &'static str {
    DAYS.iter().find(|x| x.0 == d).map_or("", |x| x.1)
}

fn day_label(d: Day) -> &'static str {
    DAYS.iter().find(|x| x.0 == d).map_or("", |x| x.2)
}

/// The first sentence of Markdown `md` as plain text (markup dropped), at most about 160
/// characters: the line a directory card shows.
pub fn one_line(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) | Event::Start(Tag::Heading { .. })
                if !text.is_empty() =>
            {
                break;
            }
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .find(|&i| text[i..].is_empty() || text[i..].starts_with(' '))
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= 160 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(157).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// Percent-encodes `text` for a URL query value (everything but unreserved characters).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `tel:` address for a phone number as written (`01234 000540` → `tel:01234000540`); `None`
/// when it has no digits.
pub fn tel(phone: &str) -> Option<String> {
    // A UK number is dialled in international form (`tel:+441234567890`).
    if let Some(t) = crate::render::contacts::tel(phone) {
        return Some(format!("tel:{t}"));
    }
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (i == 0 && c == '+') {
            out.push(c);
        }
    }
    (out.len() > 4 && out.bytes().any(|b| b.is_ascii_digit())).then_some(out)
}

/// A web address safe to link to: http or https only.
pub fn web(url: &Option<String>) -> Option<String> {
    url.as_deref()
        .map(str::trim)
        .filter(|u| {
            let l = u.to_ascii_lowercase();
            l.starts_with("https://") || l.starts_with("http://")
        })
        .map(str::to_string)
}

/// An email address as a `mailto:` address, when it looks like one (no spaces, no `?`).
pub fn mailto(email: &str) -> Option<String> {
    let e = email.trim();
    let ok = e.contains('@') && !e.contains(|c: char| c.is_whitespace() || "?&<>\"'".contains(c));
    ok.then(|| format!("mailto:{e}"))
}

/// "Report a problem with this information": a `mailto:` to the council's Local Offer team with
/// the service's name and address filled in; `None` when site.yaml names no team email.
pub fn report_mailto(config: &SiteConfig, name: &str, permalink: &str) -> Option<String> {
    let to = config
        .local_authority
        .as_ref()?
        .send_team_email
        .as_deref()?;
    let base = mailto(to)?;
    let subject = format!("Problem with the Local Offer entry: {name}");
    let body = format!("Service: {name}\nPage: {permalink}\n\nWhat is wrong or out of date:\n");
    Some(format!(
        "{base}?subject={}&body={}",
        percent_encode(&subject),
        percent_encode(&body)
    ))
}

/// When a service should next be checked: `reviewed` plus its `review_every` months (else the
/// site's).
pub fn next_check(service: &Service, config: &SiteConfig) -> Option<NaiveDate> {
    let months = service.facts.review_every.unwrap_or(config.review_every);
    service
        .facts
        .reviewed
        .checked_add_months(Months::new(months))
}

fn terms(
    list: &'static [taxonomy::Term],
    slugs: &[String],
    kind: &str,
    prefix: &str,
) -> Vec<Value> {
    slugs
        .iter()
        .map(|s| {
            let label = taxonomy::find(list, s).map_or(s.as_str(), |t| t.label);
            json!({"slug": s, "label": label, "url": format!("{prefix}{PATH}{kind}/{s}/")})
        })
        .collect()
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Active => "Open",
        Status::Inactive => "Not running at the moment",
        Status::TemporarilyClosed => "Closed for now",
    }
}

fn ages(min: u8, max: u8) -> String {
    match (min, max) {
        (0, m) => format!("From birth to {m}"),
        (a, b) if a == b => format!("Age {a}"),
        (a, b) => format!("Ages {a} to {b}"),
    }
}

/// The `service` value templates see: the facts (less the provider's Markdown, which only
/// reaches a page rendered and cleaned) with addresses, labels and links made safe.
pub fn service_value(service: &Service, config: &SiteConfig) -> Value {
    let f = &service.facts;
    let prefix = config.path_prefix();
    let path = page_path(&service.slug);
    let permalink = format!("{}{}", config.base(), path);
    let contacts: Vec<Value> = f
        .contacts
        .iter()
        .map(|c| {
            json!({
                "name": c.name, "role": c.role, "phone": c.phone,
                "tel": c.phone.as_deref().and_then(tel),
                "email": c.email,
                "mailto": c.email.as_deref().and_then(mailto),
                "website": web(&c.website),
            })
        })
        .collect();
    let sessions: Vec<Value> = f
        .sessions
        .iter()
        .map(|s| {
            json!({"day": day_slug(s.day), "day_label": day_label(s.day), "start": s.start,
                   "end": s.end, "term_time_only": s.term_time_only, "notes": s.notes})
        })
        .collect();
    let mut days: Vec<Day> = f.sessions.iter().map(|s| s.day).collect();
    days.sort();
    days.dedup();
    let locations: Vec<Value> = f
        .locations
        .iter()
        .map(|l| {
            let features: Vec<&str> = l
                .accessibility
                .iter()
                .map(|a| taxonomy::find(ACCESSIBILITY, a).map_or(a.as_str(), |t| t.label))
                .collect();
            let coords = l.latitude.zip(l.longitude);
            json!({"name": l.name, "address": l.address, "postcode": l.postcode,
                   "accessibility": features,
                   "lat": coords.map(|c| c.0), "lon": coords.map(|c| c.1)})
        })
        .collect();
    let next = next_check(service, config);
    let free = f.cost.free;
    json!({
        "slug": service.slug,
        "name": f.name,
        "example": f.example,
        "url": format!("{prefix}{path}"),
        "permalink": permalink,
        "file": service.file.display().to_string(),
        "summary": one_line(&f.description),
        "organisation": {
            "name": f.organisation.name,
            "description": f.organisation.description,
            "website": web(&f.organisation.website),
        },
        "status": f.status.oruk(),
        "status_label": status_label(f.status),
        "closed": f.status != Status::Active,
        "status_reason": f.status_reason,
        "categories": terms(CATEGORIES, &f.categories, "category", &prefix),
        "needs": terms(NEEDS, &f.needs, "need", &prefix),
        "min_age": f.min_age,
        "max_age": f.max_age,
        "ages": ages(f.min_age, f.max_age),
        "area": f.area,
        "area_slug": area_slug(&f.area),
        "free": free,
        "cost": if free { "Free".to_string() } else {
            f.cost.description.clone().unwrap_or_else(|| "There is a cost".into())
        },
        "referral": f.access.referral,
        "who_refers": f.access.who_refers,
        "how": f.access.how,
        "contacts": contacts,
        "sessions": sessions,
        "term_time_only": !f.sessions.is_empty() && f.sessions.iter().all(|s| s.term_time_only),
        "days": days.iter().map(|d| day_slug(*d)).collect::<Vec<_>>(),
        "locations": locations,
        "languages": f.languages,
        "reviewed": crate::format::human_date(f.reviewed),
        "reviewed_iso": f.reviewed.to_string(),
        "next_check": next.map(crate::format::human_date),
        "next_check_iso": next.map(|d| d.to_string()),
        "report_mailto": report_mailto(config, &f.name, &permalink),
    })
}

/// The Local Offer questions, in order: the key in `local_offer` and its heading.
pub const QUESTIONS: [(&str, &str); 7] = [
    (
        "support",
        "How does the service support children and young people with SEND?",
    ),
    ("training", "How are staff trained?"),
    ("parents", "How are parents and carers involved?"),
    ("progress", "How is progress shared?"),
    (
        "environment",
        "What is the place like, and how accessible is it?",
    ),
    ("getting_started", "How do we start?"),
    ("future", "What are the plans for the future?"),
];

/// The Local Offer answers a service gives, with their questions, in [`QUESTIONS`] order.
pub fn answers(service: &Service) -> Vec<(&'static str, &'static str, &str)> {
    let o = &service.facts.local_offer;
    let all = [
        &o.support,
        &o.training,
        &o.parents,
        &o.progress,
        &o.environment,
        &o.getting_started,
        &o.future,
    ];
    QUESTIONS
        .iter()
        .zip(all)
        .filter_map(|(&(k, q), a)| Some((k, q, a.as_deref()?)))
        .collect()
}

/// One page per service: `/services/<slug>/`, its body the provider's description.
pub fn make_pages(list: &[Service], values: &[Value]) -> Vec<Page> {
    list.iter()
        .zip(values)
        .map(|(s, v)| {
            let description = v["summary"].as_str().unwrap_or_default();
            let front = FrontMatter {
                title: s.facts.name.clone(),
                description: if description.is_empty() {
                    s.facts.name.clone()
                } else {
                    description.to_string()
                },
                audience: Audience::Parents,
                reviewed: Some(s.facts.reviewed),
                review_every: s.facts.review_every,
                weight: 0,
                draft: false,
                aliases: Vec::new(),
                reading_age: None,
                template: Some("service.html".into()),
                steps: Vec::new(),
                summary: Vec::new(),
                translated: None,
                translated_from_reviewed: None,
                local_offer: Vec::new(),
            };
            Page::new(
                page_path(&s.slug),
                SourcePage::made(
                    page_source(&s.slug),
                    s.file.clone(),
                    PageKind::Page,
                    front,
                    s.facts.description.clone(),
                ),
                None,
            )
        })
        .collect()
}

/// Makes `/services/` the directory: the site's own `content/services/_index.md` when it has
/// one (given `services.html` unless it names a template), else a page made from the theme's
/// words.
pub fn directory_page(
    pages: &mut Vec<Page>,
    words: &BTreeMap<String, String>,
) -> Result<(), Diagnostic> {
    if let Some(p) = pages.iter_mut().find(|p| p.path == PATH) {
        if p.src.front.template.is_none() {
            p.src.front.template = Some("services.html".into());
        }
        return Ok(());
    }
    let word = |k: &str, d: &str| words.get(k).cloned().unwrap_or_else(|| d.into());
    let text = format!(
        "---\ntitle: {}\ndescription: {}\nweight: 110\ntemplate: services.html\n---\n",
        serde_json::to_string(&word("services_title", "Services")).unwrap_or_default(),
        serde_json::to_string(&word(
            "services_description",
            "Local services for children and young people with special educational needs and disabilities."
        ))
        .unwrap_or_default(),
    );
    let src = SourcePage::parse(
        "services/_index.md",
        PathBuf::from("content/services/_index.md"),
        text,
    )
    .map_err(|d| {
        d.with_hint("the theme's `services_title` and `services_description` words make this page")
    })?;
    pages.push(Page::new(PATH.into(), src, None));
    Ok(())
}

/// A filter of the directory: its kind (`category`, `need`, `area`, `day`, `free`), value slug
/// and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub kind: &'static str,
    pub slug: String,
    pub label: String,
}

impl Filter {
    /// The filter page's path: `/services/category/health/`, `/services/free/`.
    pub fn path(&self) -> String {
        if self.kind == "free" {
            format!("{PATH}free/")
        } else {
            format!("{PATH}{}/{}/", self.kind, self.slug)
        }
    }

    /// Whether service `s` is on this filter's page.
    pub fn matches(&self, s: &Service) -> bool {
        let f = &s.facts;
        match self.kind {
            "category" => f.categories.contains(&self.slug),
            "need" => f.needs.contains(&self.slug),
            "area" => area_slug(&f.area) == self.slug,
            "day" => f.sessions.iter().any(|x| day_slug(x.day) == self.slug),
            _ => f.cost.free,
        }
    }
}

/// Every filter value some service has: categories and needs in the taxonomy's order, areas by
/// name, days in week order, then "free".
pub fn filters(list: &[Service]) -> Vec<Filter> {
    let mut out = Vec::new();
    let mut push = |kind: &'static str, slug: &str, label: &str| {
        let f = Filter {
            kind,
            slug: slug.into(),
            label: label.into(),
        };
        if list.iter().any(|s| f.matches(s)) {
            out.push(f);
        }
    };
    for t in CATEGORIES {
        push("category", t.slug, t.label);
    }
    for t in NEEDS {
        push("need", t.slug, t.label);
    }
    let areas: BTreeMap<String, String> = list
        .iter()
        .map(|s| (s.facts.area.to_lowercase(), s.facts.area.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for label in areas.values() {
        let slug = area_slug(label);
        if seen.insert(slug.clone()) {
            push("area", &slug, label);
        }
    }
    for (_, slug, label) in DAYS {
        push("day", slug, label);
    }
    push("free", "free", "Free");
    out
}

/// The order the directory lists services in: by name, ignoring case.
pub fn by_name(list: &[Service]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_cached_key(|&i| (list[i].facts.name.to_lowercase(), i));
    order
}

/// The path of page `n` (from 1) of a listing: the directory or filter `current`'s page, with
/// `page/<n>/` after it from page 2 on.
pub fn listing_path(current: Option<&Filter>, n: usize) -> String {
    let base = current.map_or_else(|| PATH.to_string(), Filter::path);
    listing::page_path(&base, n)
}

/// The directory's facts worked out once per build: which services each filter lists (in
/// directory order), and where each letter of the A–Z starts.
#[derive(Debug, Default)]
pub struct Listings {
    /// For each filter of [`filters`], the indexes of the services it lists, in name order.
    pub members: Vec<Vec<usize>>,
    /// Where each A–Z letter starts in the directory.
    pub letters: Letters,
    /// The card id (`letter-a`) of each service that starts its letter in the directory.
    pub letter_ids: BTreeMap<usize, String>,
}

impl Listings {
    pub fn new(list: &[Service], order: &[usize], all: &[Filter]) -> Listings {
        let members = all
            .iter()
            .map(|f| {
                order
                    .iter()
                    .copied()
                    .filter(|&i| f.matches(&list[i]))
                    .collect()
            })
            .collect();
        let letters = Letters::new(order.iter().map(|&i| list[i].facts.name.as_str()));
        let letter_ids = letters
            .starts
            .iter()
            .map(|(&pos, &l)| (order[pos], listing::letter_id(l)))
            .collect();
        Listings {
            members,
            letters,
            letter_ids,
        }
    }
}

/// The value one card template (`partials/service-card.html`) sees as `s`: what a directory
/// card shows, taken from the service's `service` value.
pub fn card_value(v: &Value, letter_id: Option<&String>) -> Value {
    json!({
        "slug": v["slug"], "name": v["name"], "url": v["url"], "example": v["example"],
        "organisation": v["organisation"]["name"], "summary": v["summary"],
        "ages": v["ages"], "min_age": v["min_age"], "max_age": v["max_age"],
        "cost": v["cost"], "free": v["free"], "area": v["area"], "area_slug": v["area_slug"],
        "categories": v["categories"], "needs": v["needs"], "days": v["days"],
        "closed": v["closed"], "status_label": v["status_label"],
        "lat": v["locations"][0]["lat"], "lon": v["locations"][0]["lon"],
        "letter_id": letter_id,
    })
}

/// One page of a listing: which filter (`None`: the whole directory), which services it lists
/// (in order) and which page of them (from 1).
pub struct ListPage<'a> {
    pub current: Option<&'a Filter>,
    pub members: &'a [usize],
    pub page: usize,
}

/// The `directory` value of `/services/` (and of each filter page and later page): this page's
/// cards as HTML made once per build (`cards`, one per service of `list`), each filter group
/// with its counts, the pages of this listing and the A–Z.
pub fn directory_value(
    site: &Site,
    list: &[Service],
    cards: &[String],
    all: &[Filter],
    listings: &Listings,
    at: &ListPage,
) -> Value {
    let pages = listing::page_count(at.members.len());
    let (page, range) = listing::page_range(at.members.len(), at.page);
    let from = range.start;
    let here: &[usize] = at.members.get(range).unwrap_or_default();
    let mut html = String::with_capacity(here.len() * 1200);
    for &i in here {
        if let Some(c) = cards.get(i) {
            html.push_str(c);
        }
    }
    let url = |n: usize| site.url(&listing_path(at.current, n));
    let az = listing::az_value(&listings.letters, page, url);
    let group = |kind: &str| -> Vec<Value> {
        all.iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind)
            .map(|(n, f)| {
                json!({
                    "slug": f.slug,
                    "label": f.label,
                    "url": site.url(&f.path()),
                    "count": listings.members.get(n).map_or(0, Vec::len),
                    "current": at.current == Some(f),
                })
            })
            .collect()
    };
    json!({
        "cards_html": html,
        "shown": here.len(),
        "first": if here.is_empty() { 0 } else { from + 1 },
        "last": from + here.len(),
        "matching": at.members.len(),
        "total": list.len(),
        "all_url": site.url(PATH),
        "index_url": site.url(INDEX),
        "pagination": listing::pagination_value(page, pages, url),
        "categories": group("category"),
        "needs": group("need"),
        "areas": group("area"),
        "days": group("day"),
        "free": group("free"),
        "az": az,
        "current": at.current.map(|f| json!({"kind": f.kind, "slug": f.slug, "label": f.label})),
    })
}

/// The address of the directory's compact index, loaded by the directory's script when a parent
/// first uses a filter.
pub const INDEX: &str = "/services/index.json";

/// The directory's compact index: for every service in directory order only what filtering and
/// a card need, under short keys (`s` slug, `n` name, `o` organisation, `d` one line, `a`/`b`
/// ages, `c` cost when not free, `f` free, `r` area slug, `k` categories, `e` needs, `w` days,
/// `x` status when closed, `l` latitude and longitude of the first location). Labels of
/// categories, needs and areas are in the page's filter form, so are not repeated here.
pub fn index_json(list: &[Service], values: &[Value], order: &[usize]) -> String {
    let slugs = |v: &Value| -> Vec<Value> {
        v.as_array()
            .map(|a| a.iter().map(|t| t["slug"].clone()).collect())
            .unwrap_or_default()
    };
    let items: Vec<Value> = order
        .iter()
        .filter_map(|&i| {
            let v = values.get(i)?;
            let s = list.get(i)?;
            let mut m = serde_json::Map::new();
            m.insert("s".into(), v["slug"].clone());
            m.insert("n".into(), v["name"].clone());
            m.insert("o".into(), v["organisation"]["name"].clone());
            m.insert("d".into(), v["summary"].clone());
            m.insert("a".into(), json!(s.facts.min_age));
            m.insert("b".into(), json!(s.facts.max_age));
            if s.facts.cost.free {
                m.insert("f".into(), json!(1));
            } else {
                m.insert("c".into(), v["cost"].clone());
            }
            m.insert("r".into(), v["area_slug"].clone());
            m.insert("k".into(), json!(slugs(&v["categories"])));
            let needs = slugs(&v["needs"]);
            if !needs.is_empty() {
                m.insert("e".into(), json!(needs));
            }
            if v["days"].as_array().is_some_and(|d| !d.is_empty()) {
                m.insert("w".into(), v["days"].clone());
            }
            if v["closed"].as_bool() == Some(true) {
                m.insert("x".into(), v["status_label"].clone());
            }
            let loc = &v["locations"][0];
            if loc["lat"].is_number() && loc["lon"].is_number() {
                m.insert("l".into(), json!([loc["lat"], loc["lon"]]));
            }
            Some(Value::Object(m))
        })
        .collect();
    let mut text = serde_json::to_string(&json!({"v": 1, "services": items})).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_is_the_first_sentence_as_plain_text() {
        assert_eq!(
            one_line("CAMHS *helps* children. We also [check](x) things."),
            "CAMHS helps children."
        );
        assert_eq!(one_line("Hi <b>there</b>. More"), "Hi there.");
        assert_eq!(one_line("<script>x</script>"), "");
        assert_eq!(one_line("No stop at all"), "No stop at all");
        assert_eq!(
            one_line("About 1.5 miles away. Next."),
            "About 1.5 miles away."
        );
        let long = "word ".repeat(60);
        let l = one_line(&long);
        assert!(l.ends_with('…') && l.chars().count() <= 158, "{l}");
    }

    #[test]
    fn links_are_encoded_and_safe() {
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(tel("01234 000540").as_deref(), Some("tel:+441234000540"));
        assert_eq!(tel("+44 1234 000540").as_deref(), Some("tel:+441234000540"));
        assert_eq!(tel("ask at reception"), None);
        assert_eq!(web(&Some("javascript:alert(1)".into())), None);
        assert_eq!(
            web(&Some("https://a.example".into())).as_deref(),
            Some("https://a.example")
        );
        assert_eq!(mailto("a@b.example?cc=x"), None);
        assert_eq!(mailto("a@b.example").as_deref(), Some("mailto:a@b.example"));
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(ages(0, 18), "From birth to 18");
        assert_eq!(ages(5, 5), "Age 5");
        assert_eq!(ages(4, 11), "Ages 4 to 11");
    }
}

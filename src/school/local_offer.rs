//! The Local Offer list of schools at `/schools/`: the list with its filters by phase, area and need
//! (a pre-built page per filter value, so filtering works without JavaScript), and an Open Referral
//! UK–style JSON feed of the schools at `/schools/feed.json` for other services to reuse.

use crate::model::site::Site;
use crate::school::facts::{area_slug, School, NEEDS, PHASES};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A filter: its kind (`phase`, `area`, `need`), value slug and label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Filter {
    pub kind: &'static str,
    pub slug: String,
    pub label: String,
}

impl Filter {
    /// The filter page's path: `/schools/phase/primary/`.
    pub fn path(&self) -> String {
        format!("/schools/{}/{}/", self.kind, self.slug)
    }

    fn matches(&self, s: &School) -> bool {
        match self.kind {
            "phase" => s.facts.phase.slug() == self.slug,
            "area" => area_slug(&s.facts.area) == self.slug,
            _ => s.facts.needs.contains(&self.slug),
        }
    }
}

/// Every filter value some school has, in a stable order (phases and needs in their list order,
/// areas by name).
pub fn filters(schools: &[School]) -> Vec<Filter> {
    let mut out = Vec::new();
    for (slug, label) in PHASES {
        if schools.iter().any(|s| s.facts.phase.slug() == *slug) {
            out.push(Filter {
                kind: "phase",
                slug: slug.to_string(),
                label: label.to_string(),
            });
        }
    }
    let areas: BTreeMap<String, String> = schools
        .iter()
        .map(|s| (area_slug(&s.facts.area), s.facts.area.clone()))
        .collect();
    let mut areas: Vec<(String, String)> = areas.into_iter().collect();
    areas.sort_by_key(|a| a.1.to_lowercase());
    for (slug, label) in areas {
        out.push(Filter {
            kind: "area",
            slug,
            label,
        });
    }
    for (slug, label) in NEEDS {
        if schools
            .iter()
            .any(|s| s.facts.needs.iter().any(|n| n == slug))
        {
            out.push(Filter {
                kind: "need",
                slug: slug.to_string(),
                label: label.to_string(),
            });
        }
    }
    out
}

/// The `offer` value of the list page (and of each filter page, with `current` set).
pub fn offer_value(
    site: &Site,
    schools: &[School],
    values: &[Value],
    all: &[Filter],
    current: Option<&Filter>,
) -> Value {
    let mut order: Vec<usize> = (0..schools.len()).collect();
    order.sort_by(|&a, &b| {
        schools[a]
            .facts
            .name
            .to_lowercase()
            .cmp(&schools[b].facts.name.to_lowercase())
    });
    let list: Vec<Value> = order
        .into_iter()
        .filter(|&i| current.is_none_or(|f| f.matches(&schools[i])))
        .map(|i| values[i].clone())
        .collect();
    let group = |kind: &str| -> Vec<Value> {
        all.iter()
            .filter(|f| f.kind == kind)
            .map(|f| {
                json!({
                    "slug": f.slug,
                    "label": f.label,
                    "url": site.url(&f.path()),
                    "count": schools.iter().filter(|s| f.matches(s)).count(),
                    "current": current == Some(f),
                })
            })
            .collect()
    };
    json!({
        "schools": list,
        "total": schools.len(),
        "all_url": site.url("/schools/"),
        "feed_url": site.url("/schools/feed.json"),
        "phases": group("phase"),
        "areas": group("area"),
        "needs": group("need"),
        "current": current.map(|f| json!({"kind": f.kind, "slug": f.slug, "label": f.label})),
    })
}

/// The Open Referral UK–style feed: organisations, services, locations and contacts.
pub fn feed(site: &Site, schools: &[School], values: &[Value]) -> String {
    let mut organizations = Vec::new();
    let mut services = Vec::new();
    let mut locations = Vec::new();
    let mut contacts = Vec::new();
    for (s, v) in schools.iter().zip(values) {
        let f = &s.facts;
        let id = &s.slug;
        let url = v.get("url").and_then(Value::as_str).unwrap_or("");
        organizations.push(json!({
            "id": format!("organization-{id}"),
            "name": f.name,
            "description": format!("{} ({}), {}", f.kind, f.phase.label(), f.area),
            "email": f.email,
            "website": f.website,
            "identifier": {"scheme": "URN", "value": f.urn},
        }));
        services.push(json!({
            "id": format!("service-{id}"),
            "organization_id": format!("organization-{id}"),
            "name": format!("Special educational needs support at {}", f.name),
            "description": format!("What {} offers children with special educational needs, and its SEN information report.", f.name),
            "url": site.permalink(&url[site.config.path_prefix().len()..]),
            "email": f.senco.email,
            "status": "active",
            "eligibility": {"phase": f.phase.slug(), "age_range": f.age_range},
            "attributes": f.needs.iter().map(|n| json!({"taxonomy": "send-area-of-need", "term": n})).collect::<Vec<_>>(),
            "service_areas": [{"name": f.area}],
            "service_at_locations": [{"location_id": format!("location-{id}")}],
            "contact_ids": [format!("contact-{id}-senco")],
            "example": f.example,
        }));
        locations.push(json!({
            "id": format!("location-{id}"),
            "name": f.name,
            "physical_addresses": [{"address_1": f.address, "postal_code": f.postcode, "country": "GB"}],
            "phones": f.phone.as_ref().map(|p| vec![json!({"number": p})]).unwrap_or_default(),
        }));
        contacts.push(json!({
            "id": format!("contact-{id}-senco"),
            "service_id": format!("service-{id}"),
            "name": f.senco.name,
            "title": "Special educational needs co-ordinator (SENCO)",
            "email": f.senco.email,
            "phones": f.senco.phone.as_ref().map(|p| vec![json!({"number": p})]).unwrap_or_default(),
        }));
    }
    let doc = json!({
        "standard": "Open Referral UK (shape of organizations, services, locations and contacts)",
        "publisher": site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone()),
        "organizations": organizations,
        "services": services,
        "locations": locations,
        "contacts": contacts,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

//! Open Referral UK (HSDS 3.0 UK profile) records as typed serde structs — the shapes of
//! `schema/service.json`, `service_list.json`, `service_at_location*.json` and the paging wrapper
//! of `openapi30.json` — and the stable UUIDs (v5, in senpack's own namespace) every record gets.
//! Optional fields with no value are left out, never written as `null`.
//! (Over 400 lines: the profile's record shapes are one vocabulary, read together; most of the
//! length is their field documentation and the unit tests.)

use serde::Serialize;
use uuid::Uuid;

/// senpack's UUID namespace: every feed id is `UUIDv5(NAMESPACE, "<kind>/<slug>/...")`, so the
/// same file always gets the same id and a rebuild never changes one.
pub const NAMESPACE: Uuid = Uuid::from_bytes([
    0x6b, 0x1e, 0x53, 0x0c, 0x2f, 0x4a, 0x5d, 0x8e, 0x9a, 0x31, 0x7c, 0x55, 0x0d, 0xe2, 0x44, 0x19,
]);

/// The id named by `key` (`service/camhs`, `service/camhs/location/0`, `taxonomy/categories`).
pub fn id(key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

/// Whether `s` is a UUID (an imported service keeps the id it came with).
pub fn is_uuid(s: &str) -> bool {
    Uuid::parse_str(s).is_ok()
}

/// The HSDS version the root document names.
pub const VERSION: &str = "HSDS-UK-3.0";
/// Where the UK profile is described.
pub const PROFILE: &str = "https://github.com/openreferral/uk-profile";
/// The profile's OpenAPI document.
pub const OPENAPI_URL: &str =
    "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json";

/// The root document (`GET /`).
#[derive(Debug, Clone, Serialize)]
pub struct Root {
    pub version: &'static str,
    pub profile: &'static str,
    pub openapi_url: &'static str,
}

impl Default for Root {
    fn default() -> Self {
        Root {
            version: VERSION,
            profile: PROFILE,
            openapi_url: OPENAPI_URL,
        }
    }
}

/// One page of a paged list (`openapi30.json`, `components/schemas/Page`, with `contents`).
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub total_items: usize,
    pub total_pages: usize,
    /// From 1.
    pub page_number: usize,
    /// How many items this page holds.
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

impl<T: Clone> Page<T> {
    /// `items` cut into pages of `per_page` (at least one page, empty when there are no items).
    pub fn split(items: &[T], per_page: usize) -> Vec<Page<T>> {
        let per_page = per_page.max(1);
        let total_pages = items.len().div_ceil(per_page).max(1);
        (0..total_pages)
            .map(|n| {
                let contents: Vec<T> = items
                    .iter()
                    .skip(n * per_page)
                    .take(per_page)
                    .cloned()
                    .collect();
                Page {
                    total_items: items.len(),
                    total_pages,
                    page_number: n + 1,
                    size: contents.len(),
                    first_page: n == 0,
                    last_page: n + 1 == total_pages,
                    empty: contents.is_empty(),
                    contents,
                }
            })
            .collect()
    }
}

/// Who runs a service (`organization`).
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    /// Required by the profile: the organisation's own, or its name.
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Left out of list items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization_identifiers: Vec<OrganizationIdentifier>,
}

/// A register number of an organisation (a school's URN).
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationIdentifier {
    pub id: String,
    pub identifier_scheme: String,
    pub identifier_type: String,
    pub identifier: String,
}

/// The one-to-one fields of a service: one item of `/services` (`service_list.json`).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceSummary {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `active`, `inactive`, `defunct` or `temporarily closed`.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accreditations: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u8>,
    /// `YYYY-MM-DD`: when the provider last confirmed the details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assurer_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// RFC 3339 date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub organization: Organization,
}

/// A fully nested service (`/services/{id}`, `service.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Service {
    #[serde(flatten)]
    pub summary: ServiceSummary,
    /// How to get the service (HSDS 3.0; not in the UK profile's list, allowed beside it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Service phone numbers (HSDS 3.0 `phones`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

impl Service {
    /// The `/services` list item: the one-to-one fields, the organisation without identifiers.
    pub fn summary(&self) -> ServiceSummary {
        let mut s = self.summary.clone();
        s.organization.organization_identifiers.clear();
        s
    }
}

/// A regular opening time (`schedules`), as an iCalendar-style weekly rule, or one dated event
/// of the service (`valid_from` = `valid_to` = `dtstart`, no rule).
#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// `YYYY-MM-DD`: the day of a dated event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dtstart: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// `MO,TU,…`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byday: Option<String>,
    /// `HH:MM:SS`
    pub opens_at: String,
    /// `HH:MM:SS`
    pub closes_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The event's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_link: Option<String>,
    /// How to attend (`In person`, `Online`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attending_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The area a service covers.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceArea {
    pub id: String,
    pub name: String,
}

/// A service at one place (`service_at_locations`).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAtLocation {
    pub id: String,
    pub location: Location,
}

/// A place (`location`).
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub id: String,
    /// `physical`.
    pub location_type: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<Accessibility>,
}

impl Location {
    /// The list form (`service_at_location_list.json`): no addresses or accessibility.
    pub fn summary(&self) -> Location {
        Location {
            addresses: Vec::new(),
            accessibility: Vec::new(),
            ..self.clone()
        }
    }
}

/// A postal address; `state_province` and `country` are required by the profile.
#[derive(Debug, Clone, Serialize)]
pub struct Address {
    pub id: String,
    pub address_1: String,
    pub city: String,
    pub state_province: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2: `GB`.
    pub country: &'static str,
    /// `physical`.
    pub address_type: &'static str,
}

/// One accessibility feature of a place.
#[derive(Debug, Clone, Serialize)]
pub struct Accessibility {
    pub id: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// A language staff speak (HSDS 3.0 `name`; the UK profile lists only ids).
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub id: String,
    pub name: String,
}

/// What the service costs.
#[derive(Debug, Clone, Serialize)]
pub struct CostOption {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_description: Option<String>,
}

/// A named person or team (HSDS 3.0 `email` and `phones` beside the profile's `name`, `title`).
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
}

/// A phone number.
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    pub id: String,
    pub number: String,
}

/// A taxonomy term linked to a service (`attributes`).
#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub id: String,
    pub taxonomy_term_id: String,
    pub taxonomy_term: TaxonomyTerm,
}

/// A taxonomy (`/taxonomies`).
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A taxonomy term (`/taxonomy_terms`).
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyTerm {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The taxonomy's key (`senpack-categories`).
    pub taxonomy: String,
    pub taxonomy_id: String,
    /// The term's slug, as service files write it.
    pub term: String,
}

/// One item of `/service_at_locations` (`service_at_location_list.json`), or with full records
/// one `/service_at_locations/{id}` (`service_at_location.json`).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAtLocationItem<S> {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
    pub location: Location,
    pub service: S,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_v5_uuids() {
        let a = id("service/camhs");
        assert_eq!(a, id("service/camhs"));
        assert_ne!(a, id("service/camhs/location/0"));
        let u = Uuid::parse_str(&a).unwrap();
        assert_eq!(u.get_version_num(), 5);
        assert!(is_uuid(&a) && !is_uuid("camhs"));
        // Pinned: changing the namespace would change every published id.
        assert_eq!(id(""), Uuid::new_v5(&NAMESPACE, b"").to_string());
        assert_eq!(&NAMESPACE.to_string()[..8], "6b1e530c");
    }

    #[test]
    fn pages_split_with_counts_and_flags() {
        let items: Vec<u32> = (0..5).collect();
        let pages = Page::split(&items, 2);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].contents, vec![0, 1]);
        assert!(pages[0].first_page && !pages[0].last_page);
        assert_eq!(pages[2].size, 1);
        assert!(pages[2].last_page && !pages[2].empty);
        assert!(pages
            .iter()
            .all(|p| p.total_items == 5 && p.total_pages == 3));
        let none = Page::<u32>::split(&[], 2);
        assert_eq!(none.len(), 1);
        assert!(none[0].empty && none[0].first_page && none[0].last_page);
    }

    #[test]
    fn optional_fields_are_left_out() {
        let c = Contact {
            id: id("x"),
            name: None,
            title: Some("SENCO".into()),
            email: None,
            phones: Vec::new(),
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
        assert!(!v.to_string().contains("null"));
    }
}

//! The data the shortlist ("pinboard") and "near me" read in the browser: `/services/shortlist.json`
//! (each shown service's name, organisation, contacts and addresses, by slug) and
//! `/services/postcodes.json` (the postcode-district table). Both are typed and deterministic.

use crate::load::config::SiteConfig;
use crate::render::services::{mailto, page_path, tel, web};
use crate::services::postcodes::District;
use crate::services::Service;
use serde::Serialize;
use std::collections::BTreeMap;

/// The shortlist page's address.
pub const PAGE: &str = "/services/shortlist/";
/// The shortlist data's address.
pub const JSON: &str = "/services/shortlist.json";
/// The postcode-district table's address.
pub const POSTCODES: &str = "/services/postcodes.json";

/// `/services/shortlist.json`.
#[derive(Debug, Serialize)]
pub struct Shortlist {
    /// Every shown service, by slug (sorted, so the file is the same on every build).
    pub services: BTreeMap<String, Entry>,
}

/// What the shortlist page shows of one service.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub name: String,
    pub organisation: String,
    /// The service page, with the site's path prefix.
    pub url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
}

/// One way to contact a service; `tel`, `mailto` and `website` only when safe to link to.
#[derive(Debug, Serialize)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailto: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// One place a service is given.
#[derive(Debug, Serialize)]
pub struct Location {
    pub name: String,
    pub address: String,
    pub postcode: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// `/services/postcodes.json`: district → `[latitude, longitude]`, sorted by district.
#[derive(Debug, Serialize)]
pub struct Postcodes {
    pub districts: BTreeMap<String, [f64; 2]>,
}

/// The shortlist data for the services shown on the site.
pub fn shortlist(list: &[Service], config: &SiteConfig) -> Shortlist {
    let prefix = config.path_prefix();
    let services = list
        .iter()
        .map(|s| {
            let f = &s.facts;
            let contacts = f
                .contacts
                .iter()
                .map(|c| Contact {
                    name: c.name.clone(),
                    role: c.role.clone(),
                    phone: c.phone.clone(),
                    tel: c.phone.as_deref().and_then(tel),
                    email: c.email.clone(),
                    mailto: c.email.as_deref().and_then(mailto),
                    website: web(&c.website),
                })
                .collect();
            let locations = f
                .locations
                .iter()
                .map(|l| {
                    let coords = l.latitude.zip(l.longitude);
                    Location {
                        name: l.name.clone(),
                        address: l.address.clone(),
                        postcode: l.postcode.clone(),
                        lat: coords.map(|c| c.0),
                        lon: coords.map(|c| c.1),
                    }
                })
                .collect();
            let entry = Entry {
                name: f.name.clone(),
                organisation: f.organisation.name.clone(),
                url: format!("{prefix}{}", page_path(&s.slug)),
                contacts,
                locations,
            };
            (s.slug.clone(), entry)
        })
        .collect();
    Shortlist { services }
}

/// The postcode-district table as the browser reads it.
pub fn postcodes(districts: &[District]) -> Postcodes {
    Postcodes {
        districts: districts
            .iter()
            .map(|d| (d.district.clone(), [d.latitude, d.longitude]))
            .collect(),
    }
}

/// Compact JSON text of `value` (serialising these plain structs cannot fail).
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_sorted_and_keyed_by_district() {
        let d = |n: &str, la: f64, lo: f64| District {
            district: n.into(),
            latitude: la,
            longitude: lo,
        };
        let json = to_json(&postcodes(&[d("AN9", 52.2, -1.5), d("AN1", 52.1, -1.3)]));
        assert_eq!(
            json,
            r#"{"districts":{"AN1":[52.1,-1.3],"AN9":[52.2,-1.5]}}"#
        );
    }
}

//! Service facts: the typed form of `content/services/<slug>.yaml` (see docs/FORMATS.md,
//! "Services"), one local service for children and young people with SEND, in the shape of the
//! Open Referral UK (HSDS 3.0 UK) model.

use crate::diagnostics::{Code, Diagnostic};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Whether a service runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Active,
    Inactive,
    TemporarilyClosed,
}

impl Status {
    /// The Open Referral UK value: `active`, `inactive`, `temporarily closed`.
    pub fn oruk(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::TemporarilyClosed => "temporarily closed",
        }
    }
}

/// Who runs a service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// A file in `content/services/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

/// What a service costs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cost {
    pub free: bool,
    /// Required when not free: what it costs, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// In pounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
}

/// How a family gets a service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Access {
    /// Whether someone has to refer the child (else anyone can use it).
    pub referral: bool,
    /// Required with a referral: who can refer ("your GP or health visitor").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_refers: Option<String>,
    /// How to start, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
}

/// A place the service runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub address: String,
    pub postcode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Accessibility feature slugs (`step-free-access`, `hearing-loop`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<String>,
}

/// A way to reach the service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// One regular opening time or session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub day: Day,
    /// `HH:MM`, 24-hour.
    pub start: String,
    /// `HH:MM`, 24-hour.
    pub end: String,
    #[serde(default)]
    pub term_time_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The Local Offer questions every provider answers (SEND Regulations 2014, Schedule 2), in
/// plain words; any may be left out.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LocalOffer {
    /// How the service supports children and young people with SEND.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<String>,
    /// How staff are trained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<String>,
    /// How parents and carers are involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parents: Option<String>,
    /// How progress is shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// The place and its accessibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// How to start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub getting_started: Option<String>,
    /// Plans for the future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub future: Option<String>,
}

/// One service's facts (`content/services/<slug>.yaml`). Unknown keys here and in the maps
/// inside are reported (each at its line) by `services::keys` before the typed read, which then
/// reads the text itself so that its errors keep their lines and field names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Facts {
    #[serde(default)]
    pub example: bool,
    pub name: String,
    pub organisation: Organisation,
    /// Markdown, from the provider: untrusted.
    pub description: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    pub min_age: u8,
    pub max_age: u8,
    pub area: String,
    pub cost: Cost,
    pub access: Access,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default)]
    pub local_offer: LocalOffer,
    pub reviewed: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_every: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<NaiveDate>,
    /// Fields of an Open Referral UK import that this format has no place for, kept as they came
    /// (free YAML, never shown on pages; `senpack import oruk` writes it, the feed reads a few
    /// service fields back from it: `id`, `fees`, `accreditations`, `assurer_email`, `alert`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oruk_extra: Option<serde_yaml::Value>,
}

/// A loaded service: its slug (the file name), file, text and facts.
#[derive(Debug, Clone)]
pub struct Service {
    pub slug: String,
    /// `content/services/<slug>.yaml`.
    pub file: PathBuf,
    pub text: String,
    /// Where each key and value of `text` is written (mapped when a problem is reported).
    pub positions: crate::load::positions::LazyPositions,
    pub facts: Facts,
}

impl Service {
    /// The 1-based line of a key path such as `contacts[1].phone` (its nearest written parent
    /// when the key itself is not written), else the first line.
    pub fn line_of(&self, path: &str) -> usize {
        self.positions
            .of(&self.text)
            .nearest_key_line(path)
            .unwrap_or(1)
    }

    /// When the provider should next confirm the details: `reviewed` plus `review_every`
    /// months, else `default_months` (the site's `review_every`).
    pub fn next_review(&self, default_months: u32) -> Option<NaiveDate> {
        let months = self.facts.review_every.unwrap_or(default_months);
        self.facts
            .reviewed
            .checked_add_months(chrono::Months::new(months))
    }

    /// An error about the value at `path` of this service, at its key's line (a list item's own
    /// line).
    pub fn error(&self, path: &str, message: String, hint: &str) -> Diagnostic {
        Diagnostic::error(Code::Service, self.file.clone(), message)
            .at(self.line_of(path), 0, Some(&self.text))
            .with_hint(hint)
    }

    /// A warning about the value at `path` of this service.
    pub fn warning(&self, path: &str, message: String, hint: &str) -> Diagnostic {
        Diagnostic {
            severity: crate::diagnostics::Severity::Warning,
            ..self.error(path, message, hint)
        }
    }
}

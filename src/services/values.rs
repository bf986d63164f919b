//! Value checks for service files: the file name, plain text that must be written, status,
//! taxonomy slugs, ages, cost and access, contacts (UK phone numbers, emails, web addresses),
//! locations (postcode shape, coordinates inside the UK), sessions and dates — each problem a
//! diagnostic at its value's line. Errors where the record is wrong; warnings where it still
//! works but reads oddly.

use crate::diagnostics::Diagnostic;
use crate::school::values::{is_email, is_uk_phone};
use crate::services::facts::Status;
use crate::services::taxonomy::{self, Term};
use crate::services::Service;

/// Ages a service may be for, in whole years (the SEND system covers 0–25).
pub const MAX_AGE: u8 = 25;
/// The UK's bounds in degrees, with a little sea around them: (south, north), (west, east).
pub const LATITUDE: (f64, f64) = (49.8, 60.9);
pub const LONGITUDE: (f64, f64) = (-8.7, 1.8);

/// Every problem in a service's values, in the order of the file's keys.
pub fn validate(s: &Service) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_slug(s, &mut out);
    check_text(s, &mut out);
    check_status(s, &mut out);
    check_terms(
        s,
        "categories",
        &s.facts.categories,
        taxonomy::CATEGORIES,
        &mut out,
    );
    if s.facts.categories.is_empty() {
        out.push(s.error(
            "categories",
            "the service has no category".into(),
            &format!(
                "add at least one category under `categories:`, one of: {}",
                taxonomy::slugs(taxonomy::CATEGORIES)
            ),
        ));
    }
    check_terms(s, "needs", &s.facts.needs, taxonomy::NEEDS, &mut out);
    check_ages(s, &mut out);
    check_cost_and_access(s, &mut out);
    check_locations(s, &mut out);
    check_contacts(s, &mut out);
    check_sessions(s, &mut out);
    check_dates(s, &mut out);
    out
}

/// The slug (the file name) becomes the service's web address.
fn check_slug(s: &Service, out: &mut Vec<Diagnostic>) {
    if !is_slug(&s.slug) {
        out.push(
            Diagnostic::error(
                crate::diagnostics::Code::Service,
                s.file.clone(),
                format!("the file name `{}` cannot be a service's web address", s.slug),
            )
            .with_hint("name the file with lower-case letters, digits and single hyphens only, e.g. `speech-and-language-therapy.yaml`"),
        );
    }
}

/// Lower-case letters, digits and single hyphens, not starting or ending with one.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Texts a page cannot do without are written.
fn check_text(s: &Service, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    for (path, value, what) in [
        ("name", &f.name, "the service's name, as families know it"),
        (
            "organisation.name",
            &f.organisation.name,
            "who runs the service",
        ),
        (
            "description",
            &f.description,
            "what the service does and who it is for, in plain words",
        ),
        (
            "area",
            &f.area,
            "the area it serves, e.g. `All of Anyshire`",
        ),
    ] {
        if value.trim().is_empty() {
            out.push(s.error(path, format!("`{path}` is empty"), &format!("write {what}")));
        }
    }
    if let Some(u) = &f.organisation.website {
        check_web(s, "organisation.website", u, out);
    }
    if let Some(logo) = &f.organisation.logo {
        if logo.contains(['/', '\\']) || logo.contains("..") || logo.contains("://") {
            out.push(s.error(
                "organisation.logo",
                format!("the logo `{logo}` is not a file name"),
                "put the logo file in content/services/ beside this file and write only its name, e.g. `logo: \"anyshire-health.svg\"`",
            ));
        }
    }
}

/// A temporarily closed service says why; a reason on any other is not shown.
fn check_status(s: &Service, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    let reason = f
        .status_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    match (f.status, reason) {
        (Status::TemporarilyClosed, None) => out.push(s.error(
            "status",
            "a temporarily closed service needs a `status_reason`".into(),
            "add `status_reason:` saying why it is closed, and until when if you know",
        )),
        (Status::Active | Status::Inactive, Some(_)) => out.push(s.warning(
            "status_reason",
            format!(
                "`status_reason` is only shown for a temporarily closed service; this one is {}",
                f.status.oruk()
            ),
            "remove `status_reason:`, or set `status: temporarily-closed` if the service is closed for now",
        )),
        _ => {}
    }
}

/// Each slug of a list is a term of the taxonomy; one written twice is a warning.
fn check_terms(
    s: &Service,
    path: &str,
    written: &[String],
    terms: &'static [Term],
    out: &mut Vec<Diagnostic>,
) {
    for (n, slug) in written.iter().enumerate() {
        let at = format!("{path}[{n}]");
        if taxonomy::find(terms, slug).is_none() {
            out.push(s.error(
                &at,
                format!("`{slug}` is not one of the {}", list_words(path)),
                &format!("use one of: {}", taxonomy::slugs(terms)),
            ));
        } else if written[..n].contains(slug) {
            out.push(s.warning(
                &at,
                format!("`{slug}` is written twice in `{}`", list_name(path)),
                "remove the second one",
            ));
        }
    }
}

/// What the slugs of a list are called in a message.
fn list_words(path: &str) -> &'static str {
    match list_name(path) {
        "categories" => "service categories",
        "needs" => "needs the directory knows",
        _ => "accessibility features the directory knows",
    }
}

/// `locations[1].accessibility` → `accessibility`.
fn list_name(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// Ages are 0–25 and the minimum is not above the maximum.
fn check_ages(s: &Service, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    let hint = "write ages in whole years from 0 to 25: `min_age` the youngest, `max_age` the oldest the service is for";
    for (key, age) in [("min_age", f.min_age), ("max_age", f.max_age)] {
        if age > MAX_AGE {
            out.push(s.error(
                key,
                format!("`{key}` is {age}; ages go up to {MAX_AGE}"),
                hint,
            ));
        }
    }
    if f.min_age > f.max_age {
        out.push(s.error(
            "min_age",
            format!(
                "`min_age` ({}) is above `max_age` ({})",
                f.min_age, f.max_age
            ),
            hint,
        ));
    }
}

/// A cost says what it is; a referral says who refers.
fn check_cost_and_access(s: &Service, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    let written = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
    if !f.cost.free && !written(&f.cost.description) {
        out.push(s.error(
            "cost.free",
            "the service is not free but `cost.description` says nothing about what it costs".into(),
            "add `description:` under `cost:` saying what families pay, in plain words, e.g. \"£3 a session; the first one is free\"",
        ));
    }
    match f.cost.amount {
        Some(a) if a.is_nan() || a < 0.0 => out.push(s.error(
            "cost.amount",
            format!("`cost.amount` is {a}; it must be a number of pounds, 0 or more"),
            "write the amount in pounds, e.g. `amount: 3.50`, or remove it",
        )),
        Some(a) if f.cost.free && a > 0.0 => out.push(s.warning(
            "cost.amount",
            format!("the service is free but `cost.amount` is {a}"),
            "remove `amount:`, or set `free: false` and say what it costs in `description:`",
        )),
        _ => {}
    }
    if f.access.referral && !written(&f.access.who_refers) {
        out.push(s.error(
            "access.referral",
            "the service needs a referral but `access.who_refers` does not say who can refer".into(),
            "add `who_refers:` under `access:`, e.g. \"your GP, health visitor or your child's school\"",
        ));
    }
}

/// Each location's postcode, coordinates and accessibility features.
fn check_locations(s: &Service, out: &mut Vec<Diagnostic>) {
    for (n, loc) in s.facts.locations.iter().enumerate() {
        let at = format!("locations[{n}]");
        for (key, value) in [("name", &loc.name), ("address", &loc.address)] {
            if value.trim().is_empty() {
                out.push(s.error(
                    &format!("{at}.{key}"),
                    format!("`{at}.{key}` is empty"),
                    &format!("write the place's {key}"),
                ));
            }
        }
        check_postcode(s, &format!("{at}.postcode"), &loc.postcode, out);
        check_coordinates(s, &at, loc.latitude, loc.longitude, out);
        check_terms(
            s,
            &format!("{at}.accessibility"),
            &loc.accessibility,
            taxonomy::ACCESSIBILITY,
            out,
        );
    }
}

/// A UK postcode's shape; a good one written in another form is a warning.
fn check_postcode(s: &Service, path: &str, written: &str, out: &mut Vec<Diagnostic>) {
    match postcode(written) {
        None => out.push(s.error(
            path,
            format!("`{written}` is not a UK postcode"),
            "write the full postcode: an area and district, a space, then a digit and two letters, e.g. `AN1 2BH`",
        )),
        Some(p) if p != written => out.push(s.warning(
            path,
            format!("the postcode `{written}` is written as `{p}` on the site"),
            &format!("write it in capitals with one space: `postcode: \"{p}\"`"),
        )),
        Some(_) => {}
    }
}

/// The postcode in its usual form (capitals, one space before the last three characters), when
/// `written` has a UK postcode's shape: an outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A` or
/// `AA9A`) then an inward code (`9AA`). Areas are not looked up: the made-up `AN` passes.
pub fn postcode(written: &str) -> Option<String> {
    let joined: String = written
        .split_whitespace()
        .collect::<String>()
        .to_ascii_uppercase();
    if !(5..=7).contains(&joined.len()) || !joined.is_ascii() {
        return None;
    }
    let (outward, inward) = joined.split_at(joined.len() - 3);
    let shape = |part: &str| -> String {
        part.chars()
            .map(|c| match c {
                'A'..='Z' => 'A',
                '0'..='9' => '9',
                _ => '?',
            })
            .collect()
    };
    let outward_ok = matches!(
        shape(outward).as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    );
    (outward_ok && shape(inward) == "9AA").then(|| format!("{outward} {inward}"))
}

/// Latitude and longitude are both written or neither, and inside the UK.
fn check_coordinates(
    s: &Service,
    at: &str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    out: &mut Vec<Diagnostic>,
) {
    let inside = |v: f64, (lo, hi): (f64, f64)| (lo..=hi).contains(&v);
    match (latitude, longitude) {
        (None, None) => {}
        (Some(_), None) | (None, Some(_)) => {
            let (has, lacks) = if latitude.is_some() {
                ("latitude", "longitude")
            } else {
                ("longitude", "latitude")
            };
            out.push(s.error(
                &format!("{at}.{has}"),
                format!("`{at}` has a {has} but no {lacks}"),
                &format!("add `{lacks}:` too, or remove `{has}:` (a place needs both to be shown on a map or sorted by distance)"),
            ));
        }
        (Some(lat), Some(lon)) => {
            if !(inside(lat, LATITUDE) && inside(lon, LONGITUDE)) {
                let swapped = inside(lon, LATITUDE) && inside(lat, LONGITUDE);
                out.push(s.error(
                    &format!("{at}.latitude"),
                    format!("`{at}` is at latitude {lat}, longitude {lon}: outside the UK"),
                    if swapped {
                        "latitude and longitude look swapped: latitude is the first number (about 50 to 60 in the UK), longitude the second (about -8 to 2)"
                    } else {
                        "check the numbers: in the UK, latitude is between 49.8 and 60.9 and longitude between -8.7 and 1.8 (west is below 0)"
                    },
                ));
            }
        }
    }
}

/// At least one contact; each one has a phone, email or website, and each is one.
fn check_contacts(s: &Service, out: &mut Vec<Diagnostic>) {
    let contacts = &s.facts.contacts;
    if contacts.is_empty() {
        out.push(s.error(
            "contacts",
            "the service has no contact".into(),
            "add a contact under `contacts:` with a `phone:`, `email:` or `website:` so families can reach it",
        ));
    }
    for (n, c) in contacts.iter().enumerate() {
        let at = format!("contacts[{n}]");
        if c.phone.is_none() && c.email.is_none() && c.website.is_none() {
            out.push(s.error(
                &at,
                format!("`{at}` has no phone, email or website"),
                "add at least one of `phone:`, `email:` or `website:` to this contact",
            ));
        }
        if let Some(p) = c.phone.as_deref().filter(|p| !is_uk_phone(p)) {
            out.push(s.error(
                &format!("{at}.phone"),
                format!("`{at}.phone` is not a UK phone number: `{p}`"),
                "write the full number with its area code, e.g. `01234 567890` (10 or 11 digits starting with 0, or +44)",
            ));
        }
        if let Some(e) = c.email.as_deref().filter(|e| !is_email(e)) {
            out.push(s.error(
                &format!("{at}.email"),
                format!("`{at}.email` is not an email address: `{e}`"),
                "write one address like `team@service.example`: no spaces, one @, and a dot after it",
            ));
        }
        if let Some(u) = &c.website {
            check_web(s, &format!("{at}.website"), u, out);
        }
    }
}

/// A web address starts with `https://` or `http://` and names a host.
fn check_web(s: &Service, path: &str, u: &str, out: &mut Vec<Diagnostic>) {
    if !is_web_address(u) {
        out.push(s.error(
            path,
            format!("`{path}` is not a web address: `{u}`"),
            "write it in full, starting with https://, e.g. `https://www.service.example/`",
        ));
    }
}

/// `https://` or `http://`, no spaces, and a host with a dot in it (`https://` alone is not one).
pub fn is_web_address(u: &str) -> bool {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    crate::school::values::is_web_address(u)
        && host.is_some_and(|h| h.contains('.') && !h.starts_with('.') && !h.ends_with('.'))
}

/// Each session has `HH:MM` times and starts before it ends.
fn check_sessions(s: &Service, out: &mut Vec<Diagnostic>) {
    for (n, session) in s.facts.sessions.iter().enumerate() {
        let at = format!("sessions[{n}]");
        let start = minutes(&session.start);
        let end = minutes(&session.end);
        for (key, written, read) in [("start", &session.start, start), ("end", &session.end, end)] {
            if read.is_none() {
                out.push(s.error(
                    &format!("{at}.{key}"),
                    format!("`{at}.{key}` is not a time: `{written}`"),
                    "write the time as HH:MM on the 24-hour clock, in quotes, e.g. `\"09:30\"` or `\"16:00\"`",
                ));
            }
        }
        if let (Some(a), Some(b)) = (start, end) {
            if a >= b {
                out.push(s.error(
                    &format!("{at}.end"),
                    format!(
                        "`{at}` ends at {} but starts at {}: it must start before it ends",
                        session.end, session.start
                    ),
                    "check the times: `start:` is when it opens and `end:` when it closes, on the 24-hour clock (5pm is 17:00)",
                ));
            }
        }
    }
}

/// `HH:MM` (24-hour, two digits each) → minutes after midnight.
pub fn minutes(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A review period of at least a month; `visible_from` not after `visible_to`.
fn check_dates(s: &Service, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    if f.review_every == Some(0) {
        out.push(s.error(
            "review_every",
            "`review_every` is 0 months".into(),
            "write how many months may pass between checks, e.g. `review_every: 12`, or remove it to use the site's",
        ));
    }
    if let (Some(from), Some(to)) = (f.visible_from, f.visible_to) {
        if from > to {
            out.push(s.error(
                "visible_to",
                format!("`visible_to` ({to}) is before `visible_from` ({from}): the service would never be shown"),
                "check the dates: the service is shown from `visible_from` to `visible_to`, both days included",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::tests::{lines, problems, GOOD};

    /// `line severity message` of each problem of GOOD with the replacements made.
    fn found(replacements: &[(&str, &str)]) -> Vec<String> {
        let mut text = GOOD.to_string();
        for (from, to) in replacements {
            assert!(text.contains(from), "GOOD has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        let d = problems(&text);
        let sev: Vec<&str> = d
            .iter()
            .map(|d| if d.is_error() { "error" } else { "warning" })
            .collect();
        lines(&d)
            .into_iter()
            .zip(sev)
            .map(|(l, s)| {
                let (n, m) = l.split_once(' ').unwrap_or_default();
                format!("{n} {s} {m}")
            })
            .collect()
    }

    fn none() -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn postcodes_of_every_uk_shape_pass() {
        for (written, shown) in [
            ("AN1 2BH", "AN1 2BH"),
            ("AN12 3CD", "AN12 3CD"),
            ("M1 1AE", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("W1A 0AX", "W1A 0AX"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("sw1a1aa", "SW1A 1AA"),
            (" an1  2bh ", "AN1 2BH"),
        ] {
            assert_eq!(postcode(written).as_deref(), Some(shown), "{written}");
        }
        for bad in [
            "", "AN1", "AN1 2B", "1AN 2BH", "AN1 BH2", "ANYTOWN", "AN1 2BHX", "ÄN1 2BH", "AN-1 2BH",
        ] {
            assert_eq!(postcode(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_are_24_hour_hh_mm() {
        assert_eq!(minutes("00:00"), Some(0));
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("23:59"), Some(1439));
        for bad in [
            "9:30",
            "24:00",
            "12:60",
            "0930",
            "09.30",
            "9am",
            "09:3",
            "+9:30",
            "٠٩:٣٠",
        ] {
            assert_eq!(minutes(bad), None, "{bad}");
        }
    }

    #[test]
    fn slugs_and_web_addresses() {
        assert!(is_slug("camhs") && is_slug("speech-and-language-therapy") && is_slug("a1"));
        for bad in [
            "",
            "Camhs",
            "under_score",
            "-a",
            "a-",
            "a--b",
            "a b",
            "café",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_web_address("https://health.example"));
        assert!(is_web_address("http://health.example/camhs?x=1"));
        for bad in [
            "https://",
            "https://localhost",
            "ftp://a.example",
            "www.a.example",
            "https://a .example",
            "javascript:alert(1)",
            "https://.example",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn the_file_name_must_be_a_slug() {
        let d = crate::services::parse(
            "Oak_Group.yaml",
            "content/services/Oak_Group.yaml".into(),
            GOOD.into(),
        )
        .map(|(s, _)| validate(&s))
        .expect("read");
        assert_eq!(
            lines(&d),
            vec!["0 the file name `Oak_Group` cannot be a service's web address"]
        );
    }

    #[test]
    fn empty_texts_are_errors() {
        assert_eq!(
            found(&[
                ("name: \"Oak Speech Group\"", "name: \" \""),
                ("area: \"Northbridge\"", "area: \"\"")
            ]),
            vec!["2 error `name` is empty", "18 error `area` is empty"]
        );
    }

    #[test]
    fn the_organisation_website_and_logo() {
        assert_eq!(
            found(&[
                ("\"https://health.example\"", "\"health.example\""),
                ("\"oak.svg\"", "\"../oak.svg\"")
            ]),
            vec![
                "6 error `organisation.website` is not a web address: `health.example`",
                "7 error the logo `../oak.svg` is not a file name",
            ]
        );
    }

    #[test]
    fn a_closed_service_says_why() {
        assert_eq!(
            found(&[("status: active", "status: temporarily-closed")]),
            vec!["11 error a temporarily closed service needs a `status_reason`"]
        );
        assert_eq!(
            found(&[(
                "status: active",
                "status: temporarily-closed\nstatus_reason: \"Building work until May.\""
            )]),
            none()
        );
        assert_eq!(
            found(&[("status: active", "status: inactive\nstatus_reason: \"Moved.\"")]),
            vec!["12 warning `status_reason` is only shown for a temporarily closed service; this one is inactive"]
        );
    }

    #[test]
    fn categories_needs_and_features_come_from_the_taxonomy() {
        let d = found(&[
            (
                "  - therapies\n",
                "  - therapy\n  - therapies\n  - therapies\n",
            ),
            ("  - speech-language-and-communication", "  - SLCN"),
            ("      - step-free-access", "      - ramp"),
        ]);
        assert_eq!(
            d,
            vec![
                "13 error `therapy` is not one of the service categories",
                "15 warning `therapies` is written twice in `categories`",
                "17 error `SLCN` is not one of the needs the directory knows",
                "36 error `ramp` is not one of the accessibility features the directory knows",
            ]
        );
        let text = GOOD.replace("  - therapies\n", "  - therapy\n");
        let hint = problems(&text)[0].hint.clone().unwrap_or_default();
        assert!(
            hint.starts_with("use one of: education-settings, early-years, health,"),
            "{hint}"
        );
        assert_eq!(
            found(&[("categories:\n  - therapies\n", "categories: []\n")]),
            vec!["12 error the service has no category"]
        );
    }

    #[test]
    fn ages_are_0_to_25_youngest_first() {
        assert_eq!(
            found(&[("min_age: 3", "min_age: 0"), ("max_age: 11", "max_age: 25")]),
            none()
        );
        assert_eq!(
            found(&[("min_age: 3", "min_age: 12")]),
            vec!["16 error `min_age` (12) is above `max_age` (11)"]
        );
        assert_eq!(
            found(&[("max_age: 11", "max_age: 26")]),
            vec!["17 error `max_age` is 26; ages go up to 25"]
        );
    }

    #[test]
    fn cost_and_referral_say_what_and_who() {
        assert_eq!(
            found(&[("  description: \"£2 a session.\"\n", ""), ("  who_refers: \"your GP\"\n", "")]),
            vec![
                "20 error the service is not free but `cost.description` says nothing about what it costs",
                "23 error the service needs a referral but `access.who_refers` does not say who can refer",
            ]
        );
        assert_eq!(
            found(&[
                ("free: false", "free: true"),
                ("referral: true", "referral: false")
            ]),
            vec!["22 warning the service is free but `cost.amount` is 2"]
        );
        assert_eq!(
            found(&[("amount: 2", "amount: -2")]),
            vec!["22 error `cost.amount` is -2; it must be a number of pounds, 0 or more"]
        );
    }

    #[test]
    fn postcodes_and_coordinates() {
        assert_eq!(
            found(&[("\"AN2 3CD\"", "\"Northbridge\"")]),
            vec!["30 error `Northbridge` is not a UK postcode"]
        );
        assert_eq!(
            found(&[("\"AN2 3CD\"", "\"an23cd\"")]),
            vec!["30 warning the postcode `an23cd` is written as `AN2 3CD` on the site"]
        );
        assert_eq!(
            found(&[("    longitude: -1.2\n", "")]),
            vec!["31 error `locations[0]` has a latitude but no longitude"]
        );
        assert_eq!(
            found(&[("    latitude: 52.1\n", "")]),
            vec!["31 error `locations[0]` has a longitude but no latitude"]
        );
        assert_eq!(
            found(&[("    latitude: 52.1\n    longitude: -1.2\n", "")]),
            none()
        );
        assert_eq!(
            found(&[("latitude: 52.1", "latitude: 48.9")]),
            vec!["31 error `locations[0]` is at latitude 48.9, longitude -1.2: outside the UK"]
        );
        // The corners of the UK pass; swapped numbers are named.
        assert_eq!(
            found(&[
                ("latitude: 52.1", "latitude: 60.9"),
                ("longitude: -1.2", "longitude: 1.8")
            ]),
            none()
        );
        assert_eq!(
            found(&[
                ("latitude: 52.1", "latitude: 49.8"),
                ("longitude: -1.2", "longitude: -8.7")
            ]),
            none()
        );
        let text = GOOD
            .replace("latitude: 52.1", "latitude: -1.2")
            .replace("longitude: -1.2", "longitude: 52.1");
        let d = problems(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("look swapped")));
    }

    #[test]
    fn contacts_reach_someone() {
        assert_eq!(
            found(&[
                ("    phone: \"01234 000111\"", "    phone: \"ring us\""),
                ("\"speech@health.example\"", "\"speech at health\""),
                (
                    "\"https://health.example/speech\"",
                    "\"www.health.example\""
                ),
            ]),
            vec![
                "38 error `contacts[0].phone` is not a UK phone number: `ring us`",
                "39 error `contacts[0].email` is not an email address: `speech at health`",
                "40 error `contacts[0].website` is not a web address: `www.health.example`",
            ]
        );
        assert_eq!(
            found(&[(
                "    website: \"https://health.example/speech\"\n",
                "    website: \"https://health.example/speech\"\n  - name: \"Reception\"\n"
            )]),
            vec!["41 error `contacts[1]` has no phone, email or website"]
        );
        // One way is enough.
        assert_eq!(
            found(&[(
                "    phone: \"01234 000111\"\n    email: \"speech@health.example\"\n",
                ""
            )]),
            none()
        );
        let no_contacts = GOOD.replace(
            "  - name: \"The team\"\n    role: \"Bookings\"\n    phone: \"01234 000111\"\n    email: \"speech@health.example\"\n    website: \"https://health.example/speech\"\n",
            "  []\n",
        );
        assert_eq!(
            lines(&problems(&no_contacts)),
            vec!["35 the service has no contact"]
        );
    }

    #[test]
    fn sessions_have_times_in_order() {
        assert_eq!(
            found(&[("start: \"09:30\"", "start: \"9.30am\"")]),
            vec!["43 error `sessions[0].start` is not a time: `9.30am`"]
        );
        assert_eq!(
            found(&[("end: \"11:00\"", "end: \"09:30\"")]),
            vec!["44 error `sessions[0]` ends at 09:30 but starts at 09:30: it must start before it ends"]
        );
        assert_eq!(found(&[("end: \"11:00\"", "end: \"09:31\"")]), none());
    }

    #[test]
    fn review_period_and_visible_dates() {
        assert_eq!(
            found(&[("review_every: 12", "review_every: 0")]),
            vec!["58 error `review_every` is 0 months"]
        );
        assert_eq!(
            found(&[("visible_from: 2026-01-01", "visible_from: 2028-01-01")]),
            vec!["60 error `visible_to` (2027-12-31) is before `visible_from` (2028-01-01): the service would never be shown"]
        );
    }
}

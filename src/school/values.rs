//! Value checks for school facts: URN, emails, UK phone numbers, needs, web addresses, and the
//! accent colour's contrast with the theme — each problem a diagnostic at the field's line.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::school::facts::{Facts, Person, School, NEEDS};
use std::path::Path;

/// Value checks: emails, phones, URN, needs, dates, web addresses, accent colour.
pub fn validate(s: &School) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_identity(s, &mut out);
    check_contacts(s, &mut out);
    check_needs(s, &mut out);
    check_web_addresses(s, &mut out);
    out.extend(check_branding(s));
    out
}

/// The URN is 6 digits; name, type and area are written.
fn check_identity(s: &School, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    if !(f.urn.len() == 6 && f.urn.chars().all(|c| c.is_ascii_digit())) {
        out.push(
            s.problem(Code::School, "urn", format!("the URN `{}` is not 6 digits", f.urn))
                .with_hint("copy the school's 6-digit unique reference number from Get Information About Schools, in quotes: `urn: \"123456\"`"),
        );
    }
    for (key, value) in [("name", &f.name), ("type", &f.kind), ("area", &f.area)] {
        if value.trim().is_empty() {
            out.push(
                s.problem(Code::School, key, format!("the field `{key}` is empty"))
                    .with_hint(format!("write the school's {key} after `{key}:`")),
            );
        }
    }
}

/// Every email address and phone number (the school's and its people's) is one, and the SENCO
/// can be reached.
fn check_contacts(s: &School, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    let mut emails = vec![("email", f.email.as_ref())];
    let mut phones = vec![("phone", f.phone.as_ref())];
    for (key, p) in people(f) {
        emails.push((key, p.email.as_ref()));
        phones.push((key, p.phone.as_ref()));
    }
    for (key, email) in emails {
        let path = field_path(key, "email");
        if let Some(e) = email.filter(|e| !is_email(e)) {
            out.push(
                s.problem(Code::School, &path, format!("`{path}` is not an email address: `{e}`"))
                    .with_hint("write one address like `office@school.example`: no spaces, one @, and a dot after it"),
            );
        }
    }
    for (key, phone) in phones {
        let path = field_path(key, "phone");
        if let Some(p) = phone.filter(|p| !is_uk_phone(p)) {
            out.push(
                s.problem(Code::School, &path, format!("`{path}` is not a UK phone number: `{p}`"))
                    .with_hint("write the full number with its area code, e.g. `01234 567890` (10 or 11 digits starting with 0, or +44)"),
            );
        }
    }
    // A SENCO still "to be written by the school" is named in the report check's one diagnostic.
    let placeholder = crate::school::report::is_placeholder(&f.senco.name);
    if f.senco.email.is_none() && f.senco.phone.is_none() && !placeholder {
        out.push(
            s.problem(
                Code::School,
                "senco",
                "the SENCO has no email or phone".into(),
            )
            .with_hint("add `email:` or `phone:` under `senco:` so parents can reach them"),
        );
    }
}

/// `email` for the school's own (`key` is the field itself), `senco.email` for a person's.
fn field_path(key: &str, field: &str) -> String {
    if key == field {
        key.to_string()
    } else {
        format!("{key}.{field}")
    }
}

/// Every need is one of the four areas of need.
fn check_needs(s: &School, out: &mut Vec<Diagnostic>) {
    for need in &s.facts.needs {
        if !NEEDS.iter().any(|(n, _)| n == need) {
            out.push(
                s.problem(Code::School, "needs", format!("`{need}` is not one of the four areas of need"))
                    .with_hint("use these words: communication-and-interaction, cognition-and-learning, social-emotional-and-mental-health, sensory-and-physical"),
            );
        }
    }
}

/// The website and accessibility plan are web addresses.
fn check_web_addresses(s: &School, out: &mut Vec<Diagnostic>) {
    let f = &s.facts;
    for (key, url) in [
        ("website", &f.website),
        ("accessibility_plan_url", &f.accessibility_plan_url),
    ] {
        if let Some(u) = url.as_ref().filter(|u| !is_web_address(u)) {
            out.push(
                s.problem(
                    Code::School,
                    key,
                    format!("`{key}` is not a web address: `{u}`"),
                )
                .with_hint("write it in full, starting with https://"),
            );
        }
    }
}

fn people(f: &Facts) -> Vec<(&'static str, &Person)> {
    let mut v = vec![("headteacher", &f.headteacher), ("senco", &f.senco)];
    if let Some(p) = &f.sen_governor {
        v.push(("sen_governor", p));
    }
    if let Some(p) = &f.chair_of_governors {
        v.push(("chair_of_governors", p));
    }
    v
}

/// The colour the theme writes text on and puts accent-coloured text against (its background).
pub const THEME_BACKGROUND: (u8, u8, u8) = (255, 255, 255);
/// The minimum contrast ratio for normal text (WCAG 2.2, 1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

fn check_branding(s: &School) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(b) = &s.facts.branding else {
        return out;
    };
    if let Some(accent) = &b.accent {
        match parse_colour(accent) {
            None => out.push(
                s.problem(
                    Code::School,
                    "branding.accent",
                    format!("`{accent}` is not a colour"),
                )
                .with_hint("write it as a hex colour in quotes, e.g. `accent: \"#1d5f8a\"`"),
            ),
            Some(c) => {
                let ratio = contrast(c, THEME_BACKGROUND);
                if ratio < MIN_CONTRAST {
                    out.push(
                        s.problem(
                            Code::School,
                            "branding.accent",
                            format!(
                                "the accent colour `{accent}` has a contrast of {ratio:.2}:1 with white; it needs at least 4.5:1"
                            ),
                        )
                        .with_hint("the theme puts white text on the accent (the header) and accent text on white; choose a darker colour, e.g. `#1d5f8a`"),
                    );
                }
            }
        }
    }
    if let Some(logo) = &b.logo {
        if logo.contains("..") || logo.starts_with('/') || logo.contains("://") {
            out.push(
                s.problem(Code::School, "branding.logo", format!("the logo `{logo}` is not a path inside content/"))
                    .with_hint("put the logo file in content/assets/ and write its path, e.g. `assets/schools/oakfield.svg`"),
            );
        }
    }
    out
}

/// The least contrast a logo's colours need with what they sit on (WCAG 2.2, 1.4.11, graphics).
pub const MIN_LOGO_CONTRAST: f64 = 3.0;

/// The colours an SVG logo paints with (`fill`/`stroke` attributes and style properties), in
/// the order written, `none` and references left out.
pub fn svg_colours(svg: &str) -> Vec<(String, (u8, u8, u8))> {
    let mut out = Vec::new();
    for key in ["fill", "stroke"] {
        for (i, _) in svg.match_indices(key) {
            let rest = svg[i + key.len()..].trim_start_matches([' ', '=', ':', '"', '\'']);
            let value: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .collect();
            if let Some(c) = parse_colour(&value) {
                if !out.iter().any(|(v, _): &(String, _)| *v == value) {
                    out.push((value, c));
                }
            }
        }
    }
    out
}

/// Checks a logo named in facts exists in content/ (`root` is the site folder), and that an SVG
/// logo shows on the white plate the theme puts it on (in the header of a school's own site and
/// on its badge on a shared site): a warning when none of its colours reaches 3:1 with white.
pub fn check_logo(s: &School, root: &Path) -> Option<Diagnostic> {
    let logo = s.facts.branding.as_ref()?.logo.as_ref()?;
    if logo.contains("..") {
        return None;
    }
    let path = root.join("content").join(logo);
    if path.is_file() {
        let text = logo
            .ends_with(".svg")
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten()?;
        let colours = svg_colours(&text);
        let best = colours
            .iter()
            .map(|(v, c)| (contrast(*c, THEME_BACKGROUND), v))
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        if best.0 >= MIN_LOGO_CONTRAST {
            return None;
        }
        return Some(
            Diagnostic::warning(
                Code::School,
                s.file.clone(),
                format!(
                    "the logo content/{logo} would hardly show: its strongest colour `{}` has a contrast of {:.2}:1 with the white it sits on in the header and the school's badge; a logo needs at least 3:1",
                    best.1, best.0
                ),
            )
            .at(s.line_of("branding.logo"), 0, Some(&s.text))
            .with_hint("use a version of the logo with darker colours (WCAG 2.2, 1.4.11 asks 3:1 for graphics)"),
        );
    }
    Some(
        s.problem(
            Code::School,
            "branding.logo",
            format!("the logo file content/{logo} does not exist"),
        )
        .with_hint("check the file name, or put the logo at that path inside content/"),
    )
}

#[cfg(test)]
mod logo_tests {
    use super::*;

    #[test]
    fn svg_colours_are_read_from_attributes_and_styles() {
        let svg = "<svg><circle fill=\"#1d5f8a\"/><rect style=\"fill:#fff; stroke: #eeeeee\"/><path fill=\"none\"/><g fill='url(#a)'/></svg>";
        let got: Vec<String> = svg_colours(svg).into_iter().map(|(v, _)| v).collect();
        assert_eq!(got, vec!["#1d5f8a", "#fff", "#eeeeee"]);
        assert!(contrast(parse_colour("#1d5f8a").unwrap(), THEME_BACKGROUND) > MIN_LOGO_CONTRAST);
        assert!(contrast(parse_colour("#eeeeee").unwrap(), THEME_BACKGROUND) < MIN_LOGO_CONTRAST);
    }
}

pub fn is_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e
            .chars()
            .any(|c| c.is_whitespace() || "<>()[],;:\"".contains(c))
}

pub fn is_uk_phone(p: &str) -> bool {
    if !p.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c)) {
        return false;
    }
    let digits: String = p.chars().filter(char::is_ascii_digit).collect();
    let national = if p.trim_start().starts_with('+') {
        match digits.strip_prefix("44") {
            Some(rest) => format!("0{}", rest.trim_start_matches('0')),
            None => return false,
        }
    } else {
        digits
    };
    national.starts_with('0') && (10..=11).contains(&national.len())
}

/// Whether `u` is written as a web address: `https://` or `http://`, no spaces.
pub fn is_web_address(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

/// `#rgb` or `#rrggbb` → (r, g, b).
pub fn parse_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG relative-luminance contrast ratio of two colours.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let lum = |(r, g, b): (u8, u8, u8)| {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    };
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_emails_and_contrast() {
        assert!(is_uk_phone("01234 567890"));
        assert!(is_uk_phone("+44 (0)1234 567890"));
        assert!(is_uk_phone("020 7946 0000"));
        assert!(!is_uk_phone("999"));
        assert!(!is_uk_phone("ring 01234"));
        assert!(is_email("a.b@c.example"));
        assert!(!is_email("a@b"));
        let white = (255, 255, 255);
        assert!((contrast((0, 0, 0), white) - 21.0).abs() < 0.01);
        assert!(contrast(parse_colour("#1d5f8a").unwrap(), white) >= 4.5);
        assert!(contrast(parse_colour("#ffcc00").unwrap(), white) < 4.5);
        assert_eq!(parse_colour("#abc"), Some((0xaa, 0xbb, 0xcc)));
        assert_eq!(parse_colour("blue"), None);
    }
}

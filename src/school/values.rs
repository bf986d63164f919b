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
pub fn svg_colours(svg: &str) -> Vec<Colour> {
    let mut out = Vec::new();
    for key in ["fill", "stroke"] {
        for (i, _) in svg.match_indices(key) {
            let rest = svg[i + key.len()..].trim_start_matches([' ', '=', ':', '"', '\'']);
            let value: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .collect();
            if let Some(c) = parse_colour(&value) {
                if !out.iter().any(|(v, _): &Colour| *v == value) {
                    out.push((value, c));
                }
            }
        }
    }
    out
}

/// A colour as written (`#1d5f8a`) and its red, green and blue.
pub type Colour = (String, (u8, u8, u8));

/// The share of a raster logo's pixels a colour must cover to count as one of its colours, so
/// that a few edge pixels smoothed by anti-aliasing are not taken for the logo.
const MIN_COLOUR_SHARE: f64 = 0.01;

/// The colours a PNG or JPEG logo is drawn in, as they show on white (transparent pixels are
/// blended with it), each rounded to 4 bits a channel and kept when it covers at least 1 % of the
/// picture, most used first. A large picture is sampled on a grid of at most 512 × 512 points.
pub fn raster_colours(bytes: &[u8]) -> Result<Vec<Colour>, image::ImageError> {
    let img = image::load_from_memory(bytes)?.into_rgba8();
    let (w, h) = img.dimensions();
    let step_x = (w / 512).max(1);
    let step_y = (h / 512).max(1);
    let mut counts: std::collections::BTreeMap<(u8, u8, u8), u64> = Default::default();
    let mut total = 0u64;
    for y in (0..h).step_by(step_y as usize) {
        for x in (0..w).step_by(step_x as usize) {
            let [r, g, b, a] = img.get_pixel(x, y).0;
            let on_white = |c: u8| {
                let a = f64::from(a) / 255.0;
                (f64::from(c) * a + 255.0 * (1.0 - a)).round() as u8
            };
            let round = |c: u8| (c & 0xf0) | (c >> 4);
            let colour = (round(on_white(r)), round(on_white(g)), round(on_white(b)));
            *counts.entry(colour).or_default() += 1;
            total += 1;
        }
    }
    let mut used: Vec<((u8, u8, u8), u64)> = counts
        .into_iter()
        .filter(|(_, n)| total > 0 && *n as f64 / total as f64 >= MIN_COLOUR_SHARE)
        .collect();
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(used
        .into_iter()
        .map(|((r, g, b), _)| (format!("#{r:02x}{g:02x}{b:02x}"), (r, g, b)))
        .collect())
}

/// Checks a logo named in facts exists in content/ (`root` is the site folder), and that it
/// shows on the white plate the theme puts it on (in the header of a school's own site and on
/// its badge on a shared site): a warning when none of its colours reaches 3:1 with white. SVG
/// logos are read for their `fill` and `stroke` colours, PNG and JPEG logos for the colours
/// their pixels show; a logo in another format, or one that cannot be read, is a warning too.
pub fn check_logo(s: &School, root: &Path) -> Option<Diagnostic> {
    let logo = s.facts.branding.as_ref()?.logo.as_ref()?;
    if logo.contains("..") {
        return None;
    }
    let path = root.join("content").join(logo);
    if !path.is_file() {
        return Some(
            s.problem(
                Code::School,
                "branding.logo",
                format!("the logo file content/{logo} does not exist"),
            )
            .with_hint("check the file name, or put the logo at that path inside content/"),
        );
    }
    let warn = |message: String, hint: &str| {
        Some(
            Diagnostic::warning(Code::School, s.file.clone(), message)
                .at(s.line_of("branding.logo"), 0, Some(&s.text))
                .with_hint(hint),
        )
    };
    let lower = logo.to_ascii_lowercase();
    let colours = if lower.ends_with(".svg") {
        svg_colours(&std::fs::read_to_string(&path).ok()?)
    } else if [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e)) {
        match std::fs::read(&path).map(|b| raster_colours(&b)) {
            Ok(Ok(colours)) => colours,
            Ok(Err(e)) => {
                return warn(
                    format!("the logo content/{logo} cannot be read as a picture: {e}"),
                    "save the logo again as a PNG, JPEG or SVG file",
                )
            }
            Err(e) => {
                return warn(
                    format!("cannot read the logo content/{logo}: {e}"),
                    "check the file can be opened",
                )
            }
        }
    } else {
        return warn(
            format!("the logo content/{logo} is not an SVG, PNG or JPEG file, so its contrast with the header cannot be checked"),
            "use an SVG, PNG or JPEG version of the logo (browsers show all three)",
        );
    };
    let best = colours
        .iter()
        .map(|(v, c)| (contrast(*c, THEME_BACKGROUND), v))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    if best.0 >= MIN_LOGO_CONTRAST {
        return None;
    }
    warn(
        format!(
            "the logo content/{logo} would hardly show: its strongest colour `{}` has a contrast of {:.2}:1 with the white it sits on in the header and the school's badge; a logo needs at least 3:1",
            best.1, best.0
        ),
        "use a version of the logo with darker colours (WCAG 2.2, 1.4.11 asks 3:1 for graphics)",
    )
}

#[cfg(test)]
mod logo_tests {
    use super::*;

    /// A `w` × `h` PNG, transparent but for the pixels `paint` gives a colour.
    fn png(w: u32, h: u32, paint: impl Fn(u32, u32) -> Option<[u8; 4]>) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba(paint(x, y).unwrap_or([0, 0, 0, 0]))
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    fn strongest(bytes: &[u8]) -> f64 {
        raster_colours(bytes)
            .expect("a picture")
            .iter()
            .map(|(_, c)| contrast(*c, THEME_BACKGROUND))
            .fold(0.0, f64::max)
    }

    #[test]
    fn raster_logos_are_judged_by_the_colours_they_show_on_white() {
        // Dark blue letters on a transparent ground show; the same in pale grey do not.
        let letters = |colour: [u8; 4]| {
            png(200, 80, move |x, y| {
                ((20..180).contains(&x) && (30..50).contains(&y)).then_some(colour)
            })
        };
        assert!(strongest(&letters([0x1d, 0x5f, 0x8a, 255])) >= MIN_LOGO_CONTRAST);
        assert!(strongest(&letters([0xee, 0xee, 0xee, 255])) < MIN_LOGO_CONTRAST);
        // Dark but nearly transparent pixels are pale on white.
        assert!(strongest(&letters([0, 0, 0, 30])) < MIN_LOGO_CONTRAST);
        // A few dark pixels (anti-aliased edges, 0.05 % of the picture) are not the logo's colour.
        let specks = png(200, 100, |x, y| {
            Some(if y == 0 && x < 10 {
                [0, 0, 0, 255]
            } else {
                [0xf4, 0xf4, 0xf4, 255]
            })
        });
        assert!(strongest(&specks) < MIN_LOGO_CONTRAST);
        let colours = raster_colours(&letters([0x1d, 0x5f, 0x8a, 255])).expect("a picture");
        assert_eq!(
            colours[0].0, "#ffffff",
            "the transparent ground shows as white, most used"
        );
        assert_eq!(
            colours[1].0, "#115588",
            "colours are rounded to 4 bits a channel"
        );
    }

    #[test]
    fn jpeg_logos_are_read_and_broken_pictures_are_errors() {
        let img = image::RgbImage::from_fn(64, 64, |x, _| {
            image::Rgb(if x < 32 {
                [10, 10, 10]
            } else {
                [255, 255, 255]
            })
        });
        let mut jpeg = std::io::Cursor::new(Vec::new());
        img.write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .expect("encode");
        assert!(strongest(&jpeg.into_inner()) >= MIN_LOGO_CONTRAST);
        assert!(raster_colours(b"\x89PNG\r\n\x1a\nnot really").is_err());
    }

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

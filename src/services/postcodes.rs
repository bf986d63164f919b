//! The postcode-district table `content/data/postcodes.csv` (district → latitude, longitude), read
//! and checked at build so "near me" can sort the directory from a district typed in.

use crate::diagnostics::{Code, Diagnostic};
use std::path::Path;

/// Where the table lives, from the site's root.
pub const FILE: &str = "content/data/postcodes.csv";

/// The header the table must start with.
pub const HEADER: &str = "district,latitude,longitude";

/// One postcode district and the point it is placed at.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// The outward code in capitals, e.g. `AN1` or `SW1A`.
    pub district: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// Reads the site's table; no file is no table. Problems go to `diags`; lines with a problem are
/// left out.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<District> {
    let path = root.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (list, problems) = parse(Path::new(FILE), &text);
            diags.extend(problems);
            list
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Files,
                FILE,
                format!("cannot read the postcode-district table: {e}"),
            ));
            Vec::new()
        }
    }
}

/// A district's shape: one or two letters, a digit, then an optional digit or letter.
fn is_district(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    let rest = &b[letters..];
    match rest {
        [d] => d.is_ascii_digit(),
        [d, x] => d.is_ascii_digit() && (x.is_ascii_digit() || x.is_ascii_uppercase()),
        _ => false,
    }
}

/// Parses the table's text (`file` names it in diagnostics). Every bad line is an error naming
/// its line; the good lines are returned in file order.
pub fn parse(file: &Path, text: &str) -> (Vec<District>, Vec<Diagnostic>) {
    let mut list: Vec<District> = Vec::new();
    let mut diags = Vec::new();
    let err = |line: usize, msg: String| {
        Diagnostic::error(Code::Service, file, msg)
            .at(line, 1, Some(text))
            .with_hint(format!(
                "each line is `district,latitude,longitude`, e.g. `AN1,52.2040,-1.3010`, after the header `{HEADER}`"
            ))
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    match lines.next() {
        Some((_, h)) if h.trim_start_matches('\u{feff}').replace(' ', "") == HEADER => {}
        Some((n, h)) => diags.push(err(
            n,
            format!("the postcode-district table must start with the header `{HEADER}`, not `{h}`"),
        )),
        None => return (list, diags),
    }
    for (n, line) in lines {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [district, lat, lon] = fields[..] else {
            diags.push(err(
                n,
                format!(
                    "expected 3 fields (district, latitude, longitude), found {}",
                    fields.len()
                ),
            ));
            continue;
        };
        let district = district.to_ascii_uppercase();
        if !is_district(&district) {
            diags.push(err(
                n,
                format!("`{district}` is not a postcode district (like AN1 or SW1A)"),
            ));
            continue;
        }
        let (Ok(latitude), Ok(longitude)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
            diags.push(err(
                n,
                format!("`{lat}, {lon}` are not numbers (latitude, longitude)"),
            ));
            continue;
        };
        if !(49.0..=61.0).contains(&latitude) || !(-8.7..=2.0).contains(&longitude) {
            diags.push(err(
                n,
                format!("{latitude}, {longitude} is outside the UK (latitude 49 to 61, longitude -8.7 to 2)"),
            ));
            continue;
        }
        if list.iter().any(|d| d.district == district) {
            diags.push(err(n, format!("district {district} is listed twice")));
            continue;
        }
        list.push(District {
            district,
            latitude,
            longitude,
        });
    }
    (list, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<District>, Vec<Diagnostic>) {
        parse(Path::new(FILE), text)
    }

    #[test]
    fn good_table_is_read_in_order() {
        let (list, diags) =
            run("district,latitude,longitude\nAN1,52.2,-1.3\n\nan2 , 52.3 , -1.32\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].district, "AN2");
        assert_eq!(list[1].longitude, -1.32);
    }

    #[test]
    fn each_bad_line_is_an_error_at_its_line() {
        let text = "district,latitude,longitude\nAN1,52.2,-1.3\nAN2,52.3\n12X,52,-1\nAN3,north,-1\nAN4,40.0,-1\nAN1,52.2,-1.3\nAN5,52.2,-1.1\n";
        let (list, diags) = run(text);
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7]);
        assert!(diags
            .iter()
            .all(|d| d.is_error() && d.file == Path::new(FILE)));
        assert!(diags[4].message.contains("twice"));
        assert_eq!(diags[0].source_line.as_deref(), Some("AN2,52.3"));
        let names: Vec<&str> = list.iter().map(|d| d.district.as_str()).collect();
        assert_eq!(names, ["AN1", "AN5"]);
    }

    #[test]
    fn wrong_header_is_an_error_on_line_one() {
        let (_, diags) = run("postcode,lat,lon\nAN1,52.2,-1.3\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 1);
    }

    #[test]
    fn district_shapes() {
        for ok in ["AN1", "SW1A", "M1", "B33", "EC1V"] {
            assert!(is_district(ok), "{ok}");
        }
        for bad in ["1AN", "ABC1", "AN", "AN123", "an1", ""] {
            assert!(!is_district(bad), "{bad}");
        }
    }
}

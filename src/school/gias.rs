//! The government's register of schools, Get Information about Schools (GIAS): its establishment
//! CSV (Windows-1252, CRLF, 135 named columns) read into [`Establishment`]s, each with its line,
//! columns found by name; which establishments are schools a SEND site lists; and the local
//! authority a council names (`--la`), with the nearest names when it is not in the file.

use crate::load::csv;
use std::path::{Path, PathBuf};

/// Why the register could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GiasError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {what}", path.display())]
    Csv {
        path: PathBuf,
        line: usize,
        what: String,
    },
    #[error("{} is not the register of schools: its first line has no `{column}` column (the establishment CSV from Get Information about Schools starts \"URN\",\"LA (code)\",\"LA (name)\",…)", path.display())]
    NotRegister { path: PathBuf, column: &'static str },
    #[error("{}:{line}: this row has {found} cells but the header has {want}; a cell with a comma in it needs quotes round it (the file may have been cut short or edited by hand)", path.display())]
    Row {
        path: PathBuf,
        line: usize,
        found: usize,
        want: usize,
    },
    #[error("{}:{line}: the URN `{urn}` is not 6 digits", path.display())]
    Urn {
        path: PathBuf,
        line: usize,
        urn: String,
    },
    #[error("no local authority called `{asked}` in {}; the nearest are: {}. Give a name or a 3-digit code from the `LA (name)` or `LA (code)` column with --la", path.display(), nearest.join(", "))]
    UnknownLa {
        path: PathBuf,
        asked: String,
        nearest: Vec<String>,
    },
}

/// One row of the register, with the columns a SEND site uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Establishment {
    /// The 1-based line of the file the row starts on.
    pub line: usize,
    pub urn: String,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub kind: String,
    pub type_group: String,
    pub status: String,
    pub phase: String,
    pub low_age: Option<u8>,
    pub high_age: Option<u8>,
    /// Street, locality, third line and town, those written.
    pub address: Vec<String>,
    pub town: String,
    pub district: String,
    pub postcode: String,
    pub website: String,
    pub phone: String,
    /// Title, first and last name, those written.
    pub head: String,
    /// The `SEN1`–`SEN13` cells written, in order.
    pub sen: Vec<String>,
    pub provision: String,
    pub resourced_capacity: Option<u32>,
    pub unit_capacity: Option<u32>,
    pub easting: Option<f64>,
    pub northing: Option<f64>,
}

impl Establishment {
    /// Open, or open but proposed to close.
    pub fn is_open(&self) -> bool {
        self.status.starts_with("Open")
    }

    /// Whether a SEND Local Offer lists it as a school: council-maintained, academies, free
    /// schools, special schools (independent ones too); not colleges, universities, fee-charging
    /// mainstream independent schools, Welsh schools, children's centres or online providers.
    pub fn is_school(&self) -> bool {
        match self.type_group.as_str() {
            "Local authority maintained schools"
            | "Academies"
            | "Free Schools"
            | "Free schools"
            | "Special schools" => true,
            "Independent schools" => self.kind.to_lowercase().contains("special"),
            _ => false,
        }
    }
}

/// The columns read, by the names of the register's header.
const COLUMNS: &[&str] = &[
    "URN",
    "EstablishmentName",
    "LA (code)",
    "LA (name)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "DistrictAdministrative (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionCapacity",
    "SenUnitCapacity",
    "Easting",
    "Northing",
];

/// Reads the register at `path`: every row, in file order.
pub fn read(path: &Path) -> Result<Vec<Establishment>, GiasError> {
    let bytes = std::fs::read(path).map_err(|source| GiasError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &csv::windows_1252(&bytes))
}

/// Reads the register's text (already decoded).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Establishment>, GiasError> {
    let records = csv::records(text).map_err(|e| GiasError::Csv {
        path: path.to_path_buf(),
        line: e.line,
        what: e.what,
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(GiasError::NotRegister {
            path: path.to_path_buf(),
            column: "URN",
        });
    };
    let find = |name: &str| {
        header
            .cells
            .iter()
            .position(|c| c.trim().trim_start_matches('\u{feff}') == name)
    };
    for column in ["URN", "EstablishmentName"] {
        if find(column).is_none() {
            return Err(GiasError::NotRegister {
                path: path.to_path_buf(),
                column,
            });
        }
    }
    let at: Vec<Option<usize>> = COLUMNS.iter().map(|c| find(c)).collect();
    let sen: Vec<usize> = (1..=13)
        .filter_map(|n| find(&format!("SEN{n} (name)")))
        .collect();
    let want = header.cells.len();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if r.cells.len() != want {
            return Err(GiasError::Row {
                path: path.to_path_buf(),
                line: r.line,
                found: r.cells.len(),
                want,
            });
        }
        let cell = |i: usize| at[i].map_or("", |n| r.cells[n].trim());
        let text = |i: usize| cell(i).to_string();
        let urn = text(0);
        if urn.len() != 6 || !urn.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GiasError::Urn {
                path: path.to_path_buf(),
                line: r.line,
                urn,
            });
        }
        let written = |i: usize| {
            let c = cell(i);
            (!c.is_empty() && c != "Not applicable").then(|| c.to_string())
        };
        let number = |i: usize| cell(i).parse::<f64>().ok().filter(|n| *n > 0.0);
        out.push(Establishment {
            line: r.line,
            urn,
            name: text(1),
            la_code: text(2),
            la_name: text(3),
            kind: text(4),
            type_group: text(5),
            status: text(6),
            phase: text(7),
            low_age: cell(8).parse().ok(),
            high_age: cell(9).parse().ok(),
            address: [10, 11, 12, 13].into_iter().filter_map(written).collect(),
            town: text(13),
            district: text(14),
            postcode: text(15),
            website: text(16),
            phone: text(17),
            head: [18, 19, 20]
                .into_iter()
                .filter_map(written)
                .collect::<Vec<_>>()
                .join(" "),
            sen: sen
                .iter()
                .map(|&n| r.cells[n].trim())
                .filter(|c| !c.is_empty() && *c != "Not applicable")
                .map(str::to_string)
                .collect(),
            provision: text(21),
            resourced_capacity: cell(22).parse().ok(),
            unit_capacity: cell(23).parse().ok(),
            easting: number(24),
            northing: number(25),
        });
    }
    Ok(out)
}

/// The establishments of the local authority `asked` (its name, any case, or its code): the
/// authority's name as the register writes it and its rows; an unknown one lists the nearest.
pub fn of_authority<'a>(
    path: &Path,
    all: &'a [Establishment],
    asked: &str,
) -> Result<(String, Vec<&'a Establishment>), GiasError> {
    let a = asked.trim();
    let is = |e: &Establishment| e.la_code == a || e.la_name.eq_ignore_ascii_case(a);
    let mine: Vec<&Establishment> = all.iter().filter(|e| is(e)).collect();
    if let Some(first) = mine.first() {
        return Ok((first.la_name.clone(), mine));
    }
    let mut names: Vec<&str> = all.iter().map(|e| e.la_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let key = a.to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .into_iter()
        .map(|n| {
            let l = n.to_lowercase();
            // Names that contain the text come first, then those nearest in spelling (a shared
            // start counts double: councils are told apart by their first word).
            let prefix = key
                .chars()
                .zip(l.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let d = if l.contains(&key) || key.contains(&l) {
                0
            } else {
                distance(&key, &l).saturating_sub(prefix) + 1
            };
            (d, n)
        })
        .collect();
    scored.sort();
    Err(GiasError::UnknownLa {
        path: path.to_path_buf(),
        asked: a.to_string(),
        nearest: scored
            .into_iter()
            .take(5)
            .map(|(_, n)| n.to_string())
            .collect(),
    })
}

/// Edit distance (Levenshtein) between two short texts.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "\"URN\",\"LA (code)\",\"LA (name)\",\"EstablishmentName\",\"EstablishmentStatus (name)\",\"SEN1 (name)\",\"SEN2 (name)\"\r\n";

    #[test]
    fn columns_are_found_by_name() {
        let text = format!(
            "{HEAD}100001,908,Anyshire,\"Oak, Primary\",Open,ASD - Autistic Spectrum Disorder,\r\n"
        );
        let all = parse(Path::new("r.csv"), &text).unwrap();
        assert_eq!(all.len(), 1);
        let e = &all[0];
        assert_eq!(
            (e.line, e.urn.as_str(), e.name.as_str(), e.la_code.as_str()),
            (2, "100001", "Oak, Primary", "908")
        );
        assert_eq!(e.sen, vec!["ASD - Autistic Spectrum Disorder"]);
        assert!(e.is_open());
    }

    #[test]
    fn bad_files_and_rows_say_what_and_where() {
        let p = Path::new("r.csv");
        let e = parse(p, "\"Name\",\"Town\"\r\nx,y\r\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("is not the register of schools: its first line has no `URN` column"),
            "{e}"
        );
        let e = parse(p, &format!("{HEAD}100001,908,Anyshire,Oak,Open,,\r\n100002,908,Anyshire,Elm, Primary,Open,,\r\n")).unwrap_err();
        assert_eq!(e.to_string(), "r.csv:3: this row has 8 cells but the header has 7; a cell with a comma in it needs quotes round it (the file may have been cut short or edited by hand)");
        let e = parse(p, &format!("{HEAD}10001,908,Anyshire,Oak,Open,,\r\n")).unwrap_err();
        assert_eq!(e.to_string(), "r.csv:2: the URN `10001` is not 6 digits");
    }

    #[test]
    fn an_unknown_authority_lists_the_nearest() {
        let text = format!("{HEAD}100001,908,Anyshire,Oak,Open,,\r\n100002,909,Bywater,Elm,Open,,\r\n100003,910,Anyborough,Ash,Open,,\r\n");
        let p = Path::new("r.csv");
        let all = parse(p, &text).unwrap();
        let (name, mine) = of_authority(p, &all, "anyshire").unwrap();
        assert_eq!((name.as_str(), mine.len()), ("Anyshire", 1));
        assert_eq!(of_authority(p, &all, "909").unwrap().1[0].name, "Elm");
        let e = of_authority(p, &all, "Anyshir").unwrap_err().to_string();
        assert!(e.contains("no local authority called `Anyshir`"), "{e}");
        assert!(
            e.contains("the nearest are: Anyshire, Anyborough, Bywater"),
            "{e}"
        );
    }
}

//! `cargo bench --bench gias`: writes a made-up national register of schools of 25,000 rows in
//! the real layout (the 135 columns of `tests/fixtures/gias/register.csv`'s header, Windows-1252,
//! quoted header, CRLF; 150 councils, one of them with 300 schools) to a RAM folder, then times
//! `senpack import gias` of that council three ways: the first import (300 files written), the
//! same register again (nothing changes) and a register in which every school's phone changed.
//! Target: under 5 s each. Options (after `--`): `--rows N`, `--dir PATH` (default
//! /dev/shm/senpack-gias-bench).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The register: `rows` rows, council `900` ("Benchshire") holding `big` of them.
fn register(columns: &[String], rows: usize, big: usize, phone_end: u32) -> Vec<u8> {
    let at = |name: &str| columns.iter().position(|c| c == name).expect(name);
    let cols = [
        "URN",
        "LA (code)",
        "LA (name)",
        "EstablishmentName",
        "TypeOfEstablishment (name)",
        "EstablishmentTypeGroup (name)",
        "EstablishmentStatus (name)",
        "PhaseOfEducation (name)",
        "StatutoryLowAge",
        "StatutoryHighAge",
        "Street",
        "Town",
        "Postcode",
        "SchoolWebsite",
        "TelephoneNum",
        "HeadTitle (name)",
        "HeadFirstName",
        "HeadLastName",
        "SEN1 (name)",
        "TypeOfResourcedProvision (name)",
        "ResourcedProvisionCapacity",
        "Easting",
        "Northing",
    ];
    let idx: Vec<usize> = cols.iter().map(|c| at(c)).collect();
    let mut s = String::with_capacity(rows * 700);
    let header: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    s.push_str(&header.join(","));
    s.push_str("\r\n");
    let towns = [
        "Northbridge",
        "Southmere",
        "Eastham",
        "Westford",
        "Caf\u{e9} Hill",
    ];
    let kinds = [
        (
            "Community school",
            "Local authority maintained schools",
            "Primary",
            4,
            11,
        ),
        ("Academy converter", "Academies", "Secondary", 11, 18),
        (
            "Community special school",
            "Special schools",
            "Not applicable",
            3,
            19,
        ),
        ("Further education", "Colleges", "16 plus", 16, 99),
        (
            "Voluntary aided school",
            "Local authority maintained schools",
            "Primary",
            4,
            11,
        ),
    ];
    let mut cells = vec![String::new(); columns.len()];
    for n in 0..rows {
        let la = if n < big { 900 } else { 901 + (n % 149) };
        let (kind, group, phase, low, high) = kinds[n % kinds.len()];
        let town = towns[n % towns.len()];
        // The columns this import does not read hold what the register usually has there
        // (codes, names, dates), so the file is about as large per row as the real one.
        for (i, c) in cells.iter_mut().enumerate() {
            c.clear();
            let _ = match i % 4 {
                0 => write!(c, "{}", (n * 31 + i) % 1000),
                1 => write!(c, "Not applicable"),
                2 => write!(c, "{:02}-{:02}-20{:02}", i % 28 + 1, n % 12 + 1, n % 25),
                _ => write!(c, "\"Some text, with a comma {i}\""),
            };
        }
        let values = [
            format!("{}", 100_000 + n),
            la.to_string(),
            if la == 900 {
                "Benchshire".to_string()
            } else {
                format!("Council {la}")
            },
            format!("\"{town} School, number {n}\""),
            kind.to_string(),
            group.to_string(),
            if n % 23 == 0 { "Closed" } else { "Open" }.to_string(),
            phase.to_string(),
            low.to_string(),
            high.to_string(),
            format!("{} School Lane", n % 90 + 1),
            town.to_string(),
            format!("BS{} {}AB", n % 20 + 1, n % 9 + 1),
            format!("www.school-{n}.sch.example"),
            format!("1234{:06}", (n as u32 * 7 + phone_end) % 1_000_000),
            "Mrs".to_string(),
            "Ann".to_string(),
            format!("Head{n}"),
            if n % 4 == 0 {
                "ASD - Autistic Spectrum Disorder".to_string()
            } else {
                String::new()
            },
            if n % 4 == 0 {
                "Resourced provision"
            } else {
                "Not applicable"
            }
            .to_string(),
            if n % 4 == 0 {
                "12".to_string()
            } else {
                String::new()
            },
            format!("{}", 400_000 + (n % 1000) * 97),
            format!("{}", 200_000 + (n % 1000) * 131),
        ];
        for (i, v) in idx.iter().zip(values) {
            cells[*i] = v;
        }
        let _ = write!(s, "{}\r\n", cells.join(","));
    }
    // Windows-1252: every character here is below U+0100, so each is its own byte.
    s.chars().map(|c| c as u32 as u8).collect()
}

fn main() {
    let mut rows = 25_000;
    let mut dir = PathBuf::from("/dev/shm/senpack-gias-bench");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rows" => rows = args.next().and_then(|n| n.parse().ok()).unwrap_or(rows),
            "--dir" => dir = args.next().map(PathBuf::from).unwrap_or(dir),
            _ => {}
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = std::fs::read(repo.join("tests/fixtures/gias/register.csv")).expect("fixture");
    let head = fixture.split(|&b| b == b'\r').next().expect("header");
    let columns: Vec<String> = String::from_utf8_lossy(head)
        .split(',')
        .map(|c| c.trim_matches('"').to_string())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("site/content/schools")).expect("bench folder");
    std::fs::write(
        dir.join("site/site.yaml"),
        "title: Bench\nbase_url: https://bench.example/\n",
    )
    .expect("site.yaml");
    let file = dir.join("register.csv");
    let file2 = dir.join("register-2.csv");
    std::fs::write(&file, register(&columns, rows, 300, 0)).expect("register");
    std::fs::write(&file2, register(&columns, rows, 300, 1)).expect("register 2");
    let mb = std::fs::metadata(&file).map_or(0.0, |m| m.len() as f64 / 1e6);
    println!("register: {rows} rows, 135 columns, {mb:.1} MB; council Benchshire: 300 rows\n");
    println!("| case | time | added | changed | unchanged | closed |");
    println!("|---|---:|---:|---:|---:|---:|");
    let site = dir.join("site");
    for (case, f) in [
        ("first import", &file),
        ("the same register again", &file),
        ("every phone changed", &file2),
    ] {
        let t = Instant::now();
        let r =
            senpack::school::import::run(&site, f, Some("Benchshire"), false).expect("the import");
        let s = t.elapsed().as_secs_f64();
        println!(
            "| {case} | {s:.3} s | {} | {} | {} | {} |",
            r.added.len(),
            r.changed.len(),
            r.unchanged.len(),
            r.closed.len()
        );
    }
}

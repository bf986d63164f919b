//! `senpack import gias` on a made-up register in the real layout (`tests/fixtures/gias/
//! register.csv`: all 135 columns, Windows-1252, quoted header, CRLF): the open schools of one
//! council become school files that build, a second import changes only the register's facts
//! (the school's answers and comments byte for byte), and bad input names file, line and fix.

mod common;

use senpack::school::import::{run, ImportError, Report};
use std::path::{Path, PathBuf};

const REGISTER: &str = "tests/fixtures/gias/register.csv";

/// A copy of the shipped site with no schools, in a temporary folder.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::repo();
    std::fs::copy(root.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    common::copy_dir(&root.join("content"), &dir.path().join("content"));
    common::copy_dir(&root.join("themes"), &dir.path().join("themes"));
    for e in std::fs::read_dir(dir.path().join("content/schools")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            std::fs::remove_file(p).unwrap();
        }
    }
    dir
}

fn school(dir: &Path, slug: &str) -> String {
    std::fs::read_to_string(dir.join(format!("content/schools/{slug}.yaml"))).unwrap()
}

/// The register with each (URN, old, new) replaced on that school's row.
fn edited(rows: &[(&str, &[u8], &[u8])]) -> Vec<u8> {
    let bytes = std::fs::read(REGISTER).unwrap();
    let mut out = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let mut line = line.to_vec();
        for (urn, old, new) in rows {
            if line.starts_with(urn.as_bytes()) {
                let at = line
                    .windows(old.len())
                    .position(|w| w == *old)
                    .expect("the text to replace");
                line.splice(at..at + old.len(), new.iter().copied());
            }
        }
        out.extend(line);
    }
    out
}

fn slugs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn the_register_has_the_real_layout() {
    let bytes = std::fs::read(REGISTER).unwrap();
    let head = bytes.split(|&b| b == b'\n').next().unwrap();
    assert!(head.starts_with(b"\"URN\",\"LA (code)\",\"LA (name)\""));
    assert!(head.ends_with(b"\r"), "CRLF");
    assert_eq!(head.split(|&b| b == b',').count(), 135);
    // é as one Windows-1252 byte, not UTF-8's two.
    assert!(bytes.windows(2).any(|w| w == b"\xc9t"), "É is 0xC9");
    assert!(std::str::from_utf8(&bytes).is_err());
}

#[test]
fn the_open_schools_of_a_council_become_school_files_that_build() {
    let dir = site();
    let r = run(dir.path(), Path::new(REGISTER), Some("908"), false).unwrap();
    assert_eq!(r.authority, "Anyshire");
    assert_eq!(
        slugs(&r.added),
        vec![
            "brookside-primary-school",
            "brookside-primary-school-southmere",
            "hillcrest-academy",
            "meadow-view-school",
            "saint-etienne-house-school"
        ]
    );
    // The college and the fee-paying independent school are left out; the closed school too.
    assert_eq!(r.not_schools, 2);
    assert!(r.closed.is_empty());
    let text = school(dir.path(), "saint-etienne-house-school");
    for line in [
        "name: \"Saint-Étienne House School\"\n",
        "phase: special\n",
        "address: \"Café Row, Northbridge\"\n",
        "headteacher: { name: \"Dr Renée O’Neill\" }\n",
        "needs: [communication-and-interaction, cognition-and-learning, sensory-and-physical]\n",
        "register:\n  types_of_need: [sld, pmld, asd, pd]\n  resourced_provision: 0\n  sen_unit: 8\n\n",
        "  kinds_of_need: \"To be written by the school.\"\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    // Every field carries its comment, and no grid reference means no coordinates.
    assert!(text.contains("# urn: The school's six-digit"));
    assert!(!text.contains("latitude"));
    let hill = school(dir.path(), "hillcrest-academy");
    for line in [
        "postcode: \"AN7 2HC\"\n",
        "phone: \"01234 000402\"\n",
        "website: \"https://hillcrest.sch.example\"\n",
        "age_range: \"11 to 18\"\n",
        "  types_of_need: [asd, slcn]\n  resourced_provision: 12\n",
        // E 651409.903, N 313177.270 (the Ordnance Survey's worked example) in WGS84.
        "  latitude: 52.657",
        "  longitude: 1.716",
    ] {
        assert!(hill.contains(line), "{line:?} not in\n{hill}");
    }

    // The site builds; `check` reports each school's unwritten report once, as a warning on a
    // site of many schools, and as an error in single-school mode.
    let (code, _, err) = common::run_in(dir.path(), &["check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("error["), "{err}");
    assert_eq!(
        err.matches("SEN information report is not written yet")
            .count(),
        5,
        "{err}"
    );
    assert!(err.contains("warning[sen-report]: Hillcrest Academy's SEN information report is not written yet: 23 of its 23 answers still say \"To be written by the school.\" (the first is Schedule 1 item 1), the SENCO is not named yet and it has no `reviewed:` date\n  --> content/schools/hillcrest-academy.yaml:71\n"), "{err}");
    assert!(
        err.contains("  hillcrest-academy: 1 problem in the SEN information report\n"),
        "{err}"
    );
    let (code, _, err) = common::run_in(dir.path(), &["check", "--strict"], &[]);
    assert_eq!(code, 1, "{err}");
    let (code, _, err) =
        common::run_in(dir.path(), &["check", "--school", "hillcrest-academy"], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error[sen-report]: Hillcrest Academy's SEN information report is not written yet"
        ),
        "{err}"
    );
}

#[test]
fn a_second_import_changes_the_register_facts_and_keeps_what_the_school_wrote() {
    let dir = site();
    run(dir.path(), Path::new(REGISTER), Some("Anyshire"), false).unwrap();
    // The school writes its answers, its SENCO and comments of its own.
    let path = dir.path().join("content/schools/hillcrest-academy.yaml");
    let written = school(dir.path(), "hillcrest-academy")
        .replace(
            "senco:\n  name: \"To be written by the school.\"\n",
            "senco:\n  name: \"Ms Jo Senco\" # our SENCO since 2024\n  email: \"senco@hillcrest.sch.example\"\n",
        )
        .replace(
            "  kinds_of_need: \"To be written by the school.\"\n",
            "  # Our own note, kept.\n  kinds_of_need: |\n    We help children with autism.\n\n    And with speech.\n",
        )
        .replace("phone: \"01234 000402\"\n", "phone: \"01234 000402\"   # the office\n");
    std::fs::write(&path, &written).unwrap();
    let register = dir.path().join("register-2.csv");
    std::fs::write(
        &register,
        edited(&[
            (
                "990102",
                b"Hillcrest Academy",
                b"Hillcrest Community Academy",
            ),
            ("990102", b"1234000402", b"1234000499"),
            ("990101", b",Open,", b",Closed,"),
        ]),
    )
    .unwrap();
    let r = run(dir.path(), &register, Some("anyshire"), false).unwrap();
    assert_eq!(
        r,
        Report {
            authority: "Anyshire".into(),
            added: vec![],
            changed: vec![("hillcrest-academy".into(), vec!["name", "phone"])],
            unchanged: vec![
                "brookside-primary-school-southmere".into(),
                "meadow-view-school".into(),
                "saint-etienne-house-school".into()
            ],
            closed: vec!["brookside-primary-school".into()],
            unreadable: vec![],
            not_schools: 2,
        }
    );
    let after = school(dir.path(), "hillcrest-academy");
    assert_eq!(
        after,
        written
            .replace(
                "name: \"Hillcrest Academy\"\n",
                "name: \"Hillcrest Community Academy\"\n"
            )
            .replace(
                "phone: \"01234 000402\"   # the office\n",
                "phone: \"01234 000499\"   # the office\n"
            )
    );
    // The closed school's file is kept as it was.
    assert!(dir
        .path()
        .join("content/schools/brookside-primary-school.yaml")
        .is_file());
    // A third import of the same register changes nothing.
    let r = run(dir.path(), &register, Some("908"), false).unwrap();
    assert!(r.changed.is_empty() && r.added.is_empty(), "{r:?}");
    assert_eq!(school(dir.path(), "hillcrest-academy"), after);
}

#[test]
fn closed_schools_come_in_when_asked() {
    let dir = site();
    let r = run(dir.path(), Path::new(REGISTER), Some("908"), true).unwrap();
    assert!(
        r.added.contains(&"old-mill-infant-school".to_string()),
        "{r:?}"
    );
}

#[test]
fn the_command_uses_the_council_in_site_yaml_and_reports() {
    let dir = site();
    // site.yaml names "Anyshire County Council"; the register says "Anyshire".
    let register = common::repo().join(REGISTER);
    let register = register.to_str().unwrap();
    let (code, out, err) = common::run_in(dir.path(), &["import", "gias", register], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("added: content/schools/brookside-primary-school.yaml\n"),
        "{out}"
    );
    assert!(out.contains("Imported the schools of Anyshire: 5 added, 0 changed, 0 unchanged, 0 closed (2 other establishments, such as colleges, left out)\n"), "{out}");
    let (code, out, _) = common::run_in(
        dir.path(),
        &["import", "gias", register, "--la", "Anyshire"],
        &[],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("0 added, 0 changed, 5 unchanged, 0 closed"),
        "{out}"
    );
    let (code, _, err) = common::run_in(
        dir.path(),
        &["import", "gias", register, "--la", "Nowhere"],
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: no local authority called `Nowhere`"),
        "{err}"
    );
}

fn error(dir: &Path, file: &Path, la: &str) -> String {
    match run(dir, file, Some(la), false) {
        Err(e) => e.to_string(),
        Ok(r) => panic!("imported {r:?}"),
    }
}

#[test]
fn bad_input_says_what_and_where_and_writes_nothing() {
    let dir = site();
    let p = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let services = p(
        "services.csv",
        b"\"Name\",\"Phone\"\r\nA club,01234 000000\r\n",
    );
    assert_eq!(
        error(dir.path(), &services, "908"),
        format!("{} is not the register of schools: its first line has no `URN` column (the establishment CSV from Get Information about Schools starts \"URN\",\"LA (code)\",\"LA (name)\",…)", services.display())
    );
    let e = error(dir.path(), Path::new(REGISTER), "Anyshir");
    assert!(e.starts_with("no local authority called `Anyshir` in tests/fixtures/gias/register.csv; the nearest are: Anyshire, Anyborough, Bywater."), "{e}");
    // Row 4 (Saint-Étienne House School) loses a comma between two cells.
    let broken = p(
        "broken.csv",
        &edited(&[("990103", b",Northbridge,", b" Northbridge,")]),
    );
    let e = error(dir.path(), &broken, "908");
    assert_eq!(e, format!("{}:4: this row has 134 cells but the header has 135; a cell with a comma in it needs quotes round it (the file may have been cut short or edited by hand)", broken.display()));
    let urn = p("urn.csv", &edited(&[("990102", b"990102", b"99010")]));
    assert_eq!(
        error(dir.path(), &urn, "908"),
        format!("{}:3: the URN `99010` is not 6 digits", urn.display())
    );
    let missing = error(dir.path(), &dir.path().join("nowhere.csv"), "908");
    assert!(missing.starts_with("cannot read"), "{missing}");
    // Nothing was written.
    let files: Vec<_> = std::fs::read_dir(dir.path().join("content/schools"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec![std::ffi::OsString::from("_index.md")]);
    let _ = ImportError::NoAuthority;
}

/// The shipped site's fourth school was made by this importer from the made-up register extract
/// in `register/` and then filled in by the school: importing the extract again finds it
/// unchanged and leaves every file as it is.
#[test]
fn the_shipped_sites_imported_school_is_unchanged_by_a_second_import() {
    let dir = tempfile::tempdir().unwrap();
    let repo = common::repo();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    let before = common::snapshot(&dir.path().join("content"));
    let extract = repo.join("register/anyshire-extract.csv");
    let (code, out, err) = common::run_in(
        dir.path(),
        &[
            "import",
            "gias",
            extract.to_str().unwrap(),
            "--la",
            "Anyshire",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported the schools of Anyshire: 0 added, 0 changed, 1 unchanged, 0 closed"),
        "{out}{err}"
    );
    common::assert_same_files(
        &before,
        &common::snapshot(&dir.path().join("content")),
        "content/ after a second import",
    );
    let school = std::fs::read_to_string(
        dir.path()
            .join("content/schools/elmtree-primary-school.yaml"),
    )
    .unwrap();
    assert!(
        school.starts_with("# Made by `senpack import gias`"),
        "{school}"
    );
    assert!(
        !school.contains(": \"To be written by the school.\""),
        "every answer is written"
    );
}

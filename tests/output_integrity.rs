//! Output integrity: one build at a time per output folder, one source per output path, a safe
//! `--out`, a swap that survives a kill, symbolic links kept inside the site, checked languages.

mod common;
use common::{page, Fixture};
use senpack::output::Staging;

fn site() -> Fixture {
    Fixture::new(&[
        ("content/_index.md", &page("Home", "Welcome.\n")),
        (
            "content/parents/_index.md",
            &page("For parents", "Guides.\n"),
        ),
        (
            "content/parents/meetings.md",
            &page("Meetings", "Before.\n"),
        ),
        (
            "content/complaints/_index.md",
            &page("Complaints", "How.\n"),
        ),
    ])
}

fn with_alias(alias: &str) -> String {
    format!("---\ntitle: Moved\ndescription: A page with an alias.\naliases: [\"{alias}\"]\n---\nText.\n")
}

#[test]
fn a_second_build_of_the_same_output_is_refused_while_one_holds_the_lock() {
    let site = site();
    let out = site.out();
    let first = Staging::begin(&out, site.root()).unwrap();
    let err = Staging::begin(&out, site.root())
        .err()
        .expect("second build refused");
    let text = err.to_string();
    assert!(
        text.contains("another build is writing")
            && text.contains(&format!("pid {}", std::process::id())),
        "{text}"
    );
    // The binary says the same and leaves the first build's staging folder alone.
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("another build is writing"), "{stderr}");
    assert!(first.dir().is_dir());
    let first_dir = first.dir().to_path_buf();
    drop(first);
    let second = Staging::begin(&out, site.root()).unwrap();
    assert_ne!(
        first_dir,
        second.dir(),
        "each build has its own staging folder"
    );
}

fn build_error(site: &Fixture) -> String {
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "the build should fail:\n{stderr}");
    stderr
}

#[test]
fn an_alias_of_the_home_page_is_an_error_naming_both_files() {
    let site = site();
    site.write("content/moved.md", &with_alias("."));
    let err = build_error(&site);
    assert!(err.contains("content/moved.md:4"), "{err}");
    assert!(err.contains("content/_index.md"), "{err}");
    assert!(!site.out().exists());
}

#[test]
fn aliases_are_normalised_before_they_are_compared() {
    for alias in [
        "complaints/./",
        "/complaints",
        "parents//meetings",
        "parents/x/../meetings/",
    ] {
        let site = site();
        site.write("content/moved.md", &with_alias(alias));
        let err = build_error(&site);
        assert!(err.contains("content/moved.md:4"), "{alias}: {err}");
        assert!(
            err.contains("content/complaints/_index.md")
                || err.contains("content/parents/meetings.md"),
            "{alias}: {err}"
        );
    }
}

#[test]
fn two_aliases_of_one_address_name_both_files_and_lines() {
    let site = site();
    site.write("content/a.md", &with_alias("/old/"));
    site.write("content/b.md", &with_alias("old/./"));
    let err = build_error(&site);
    assert!(
        err.contains("content/a.md:4") && err.contains("content/b.md:4"),
        "{err}"
    );
}

#[test]
fn an_alias_climbing_out_of_the_output_is_an_error() {
    let site = site();
    site.write("content/moved.md", &with_alias("../../escaped"));
    let err = build_error(&site);
    assert!(err.contains("content/moved.md:4"), "{err}");
    assert!(!site.root().join("escaped").exists());
}

#[test]
fn an_asset_and_a_page_at_one_address_name_both_files() {
    let site = site();
    site.write("content/parents/meetings/index.html", "<p>mine</p>");
    let err = build_error(&site);
    assert!(
        err.contains("content/parents/meetings/index.html")
            && err.contains("content/parents/meetings.md"),
        "{err}"
    );
}

#[test]
fn out_must_be_a_folder_outside_the_sources_and_not_holding_the_site() {
    let site = site();
    site.write("notes.txt", "mine");
    for (out, says) in [
        ("notes.txt", "is a file"),
        ("content/out", "inside content/"),
        ("themes/out", "inside themes/"),
        (".", "contains it"),
        ("..", "contains it"),
    ] {
        let (code, _, stderr) = site.run(&["build", "--out", out]);
        assert_eq!(code, 1, "--out {out}: {stderr}");
        assert!(stderr.contains(says), "--out {out}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(site.root().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(!site.root().join("content/out").exists());
    // And later builds still work.
    site.build();
}

/// The state a kill between the two renames of the swap leaves: the last good output moved
/// aside, the new one complete but not yet in place.
fn crash_between_renames(site: &Fixture) {
    let parent = site.root();
    std::fs::rename(site.out(), parent.join(".output.senpack-old")).unwrap();
    let new = parent.join(".output.senpack-new-12345-1");
    std::fs::create_dir_all(new.join("parents")).unwrap();
    std::fs::write(new.join("parents/index.html"), "half").unwrap();
}

#[test]
fn a_build_after_a_kill_mid_swap_restores_the_last_good_output() {
    let site = site();
    site.build();
    let home = site.read("index.html");
    crash_between_renames(&site);
    assert!(!site.out().exists());
    // A build that fails still puts the last good output back first.
    site.write("content/parents/meetings.md", "no front matter");
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("restored"), "{stderr}");
    assert_eq!(site.read("index.html"), home);
    assert!(!site.root().join(".output.senpack-old").exists());
    assert!(!site.root().join(".output.senpack-new-12345-1").exists());
    // A kill after the second rename (the old output not yet deleted) is finished off too.
    site.write(
        "content/parents/meetings.md",
        &page("Meetings", "Before.\n"),
    );
    std::fs::create_dir_all(site.root().join(".output.senpack-old/x")).unwrap();
    site.build();
    assert!(!site.root().join(".output.senpack-old").exists());
    assert_eq!(site.read("index.html"), home);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn secret() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret.yaml"), "root:x:0:0:SECRET-LINE\n").unwrap();
        std::fs::write(
            dir.path().join("page.md"),
            "---\ntitle: Outside\ndescription: SECRET-LINE\n---\nSECRET-LINE\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn files_linked_from_outside_the_site_are_errors_naming_the_link() {
        let outside = secret();
        for (link, target) in [
            ("content/schools/oak.yaml", "secret.yaml"),
            ("content/glossary.yaml", "secret.yaml"),
            ("content/linked.md", "page.md"),
            ("content/assets/linked.pdf", "secret.yaml"),
            ("site.yaml", "secret.yaml"),
            ("themes/default/static/linked.css", "secret.yaml"),
            ("themes/default/i18n/cy.yaml", "secret.yaml"),
        ] {
            let site = site();
            let path = site.root().join(link);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&path);
            symlink(outside.path().join(target), &path).unwrap();
            if link.contains("cy.yaml") {
                site.write("site.yaml", &format!("{}language: cy\n", common::SITE_YAML));
            }
            let (code, out, err) = site.run(&["build"]);
            assert_eq!(code, 1, "{link}: {out}{err}");
            assert!(err.contains(link), "{link}: {err}");
            assert!(err.contains("outside the site folder"), "{link}: {err}");
            assert!(!err.contains("SECRET-LINE"), "{link}: {err}");
            assert!(!site.out().exists(), "{link}");
        }
    }

    #[test]
    fn links_inside_the_site_are_followed_for_pages_and_assets() {
        let site = site();
        site.write("shared/guide.md", &page("Linked guide", "Shared text.\n"));
        site.write("shared/leaflet.pdf", "%PDF-1.4");
        symlink(
            site.root().join("shared/guide.md"),
            site.root().join("content/guide.md"),
        )
        .unwrap();
        symlink(
            site.root().join("shared"),
            site.root().join("content/files"),
        )
        .unwrap();
        site.build();
        assert!(site.read("guide/index.html").contains("Linked guide"));
        assert_eq!(site.read("files/leaflet.pdf"), "%PDF-1.4");
    }
}

#[test]
fn language_must_be_a_language_code() {
    let site = site();
    site.write(
        "site.yaml",
        &format!("{}language: ../../x\n", common::SITE_YAML),
    );
    let err = build_error(&site);
    assert!(err.contains("site.yaml:4"), "{err}");
    assert!(err.contains("language"), "{err}");
    for ok in ["en", "cy", "pt-BR", "zh-Hant"] {
        let site = self::site();
        site.write(
            "site.yaml",
            &format!("{}language: {ok}\n", common::SITE_YAML),
        );
        site.build();
    }
}

//! One source for each output file: every output path in its normal form, and two sources of
//! one file (a page, an alias, an asset, a theme file, a file senpack makes) an error naming
//! both, with lines.

use super::Build;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::links::page_file;
use crate::output::site_files::alias_file;

/// Every output path in its normal form, and one source for each: two sources of one file (a page,
/// an alias, an asset, a theme file, a file senpack makes) are an error naming both, with lines.
pub(super) fn check_output_paths(build: &mut Build) {
    let mut escaping = Vec::new();
    for f in &mut build.files {
        match crate::output::normal_path(&f.path) {
            Some(p) if !p.is_empty() => f.path = p,
            _ => escaping.push(f.path.clone()),
        }
    }
    build.files.retain(|f| !escaping.contains(&f.path));
    for path in escaping {
        build.diagnostics.push(
            Diagnostic::error(
                Code::Output,
                format!("output/{path}"),
                format!("`{path}` is not a path inside the output folder"),
            )
            .with_hint("rename the file so its path has no `..` climbing out of its folder"),
        );
    }
    build.files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut paths: Vec<&str> = build.files.iter().map(|f| f.path.as_str()).collect();
    paths.extend(build.streamed.iter().map(String::as_str));
    paths.sort_unstable();
    let mut twice = Vec::new();
    for pair in paths.windows(2) {
        if pair[0] == pair[1] && twice.last() != Some(&pair[0]) {
            twice.push(pair[0]);
        }
    }
    let twice: Vec<String> = twice.into_iter().map(str::to_string).collect();
    for path in twice {
        let mut sources = sources_of(build, &path);
        if sources.len() < 2 {
            sources.push((
                std::path::PathBuf::from(format!("senpack's own output/{path}")),
                0,
                None,
            ));
        }
        // The source with a line (an alias) first: it is the one most likely to be moved.
        sources.sort_by_key(|(_, line, _)| *line == 0);
        let named: Vec<String> = sources
            .iter()
            .map(|(file, line, _)| match line {
                0 => file.display().to_string(),
                n => format!("{}:{n}", file.display()),
            })
            .collect();
        let (file, line, text) = sources.swap_remove(0);
        build.diagnostics.push(
            Diagnostic::error(
                Code::Output,
                file,
                format!(
                    "{} would {} write the same file output/{path}",
                    named.join(" and "),
                    if named.len() == 2 { "both" } else { "all" }
                ),
            )
            .at(line, 0, text.as_deref())
            .with_hint("an alias, asset or page uses an address another one already has; rename or remove one"),
        );
    }
    build.files.dedup_by(|a, b| a.path == b.path);
}

/// What makes output file `path`, for the error when two do: (file, line, its text).
fn sources_of(build: &Build, path: &str) -> Vec<(std::path::PathBuf, usize, Option<String>)> {
    let mut found = Vec::new();
    let Some(site) = &build.site else {
        return found;
    };
    for page in &site.pages {
        if page_file(&page.path) == path {
            found.push((page.src.file.clone(), 0, None));
        }
        for (n, alias) in page.src.front.aliases.iter().enumerate() {
            if alias_file(alias).as_deref() == Some(path) {
                let line = page.src.front_matter_line(&format!("aliases[{n}]"));
                found.push((page.src.file.clone(), line, Some(page.src.text.clone())));
            }
        }
    }
    for f in &build.files {
        if f.path != path {
            continue;
        }
        if let crate::model::file::Contents::Copy(from) = &f.contents {
            let shown = from
                .strip_prefix(&site.options.root)
                .unwrap_or(from)
                .to_path_buf();
            found.push((shown, 0, None));
        }
    }
    found
}

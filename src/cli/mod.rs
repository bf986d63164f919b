//! The command line: parses flags with clap into checked options, runs the pipeline, prints
//! diagnostics like a compiler and returns the exit code (0 ok, 1 site errors, 2 bad command line).

pub mod progress;
pub mod scaffold;

use crate::diagnostics::{Diagnostic, Severity};
use crate::format::count;
use crate::load::config::BuildOptions;
use crate::pipeline::{self, Build};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "senpack",
    version,
    about = "Build plain, accessible SEND information sites"
)]
pub struct Cli {
    /// Print more detail (time per build stage).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Print nothing but errors (no warnings, no progress bar, no summary line).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Debug, Clone)]
pub struct SiteArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of the one in site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Build a single-school site for the school with this slug.
    #[arg(long)]
    pub school: Option<String>,
}

impl SiteArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            school: self.school.clone(),
            live_reload: false,
            today: today(),
        }
    }
}

/// Today's date, for review-date checks: `SENPACK_TODAY=YYYY-MM-DD` pins it (tests, reproducible
/// checks), else the clock. The one place senpack reads the date.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SENPACK_TODAY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: output/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check the site for anything that would hurt a reader, without writing it.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
        /// How to print the findings.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also write a readability report (one self-contained HTML page) to this file.
        #[arg(long, value_name = "FILE.html")]
        report: Option<PathBuf>,
    },
    /// Make one school's parent information pack; --pdf prints it through a local Chromium.
    Pack {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The school's slug (its file name in content/schools/, without .yaml).
        #[arg(long)]
        school: String,
        /// Print the pack to this PDF file.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// Stop Chromium if printing takes longer than this many seconds.
        #[arg(long, value_name = "SECS", default_value_t = crate::serve::print::DEFAULT_TIMEOUT.as_secs())]
        timeout: u64,
    },
    /// Preview the site at http://127.0.0.1:1111, rebuilding and reloading as files change.
    Serve(crate::serve::ServeArgs),
    /// Bring service records from another directory into content/services/.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Make a new site in DIR that builds.
    New {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Write a school file, content/schools/SLUG.yaml, with a note on every field (what it is
    /// for, an example, how long) and every answer left for the school to write.
    NewSchool {
        /// The school's web-address name: lower-case letters, digits and hyphens
        /// (oakfield-primary).
        slug: String,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Where `senpack import` reads from.
#[derive(Subcommand, Debug)]
pub enum ImportFrom {
    /// An Open Referral UK (HSDS 3.0 UK) JSON export: a /services page, a list of full services,
    /// or one service. Writes one file per service into content/services/ (fields the format has
    /// no place for are kept under `oruk_extra:`); importing again updates the same files.
    Oruk {
        /// The JSON file.
        file: PathBuf,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Delete the files of services an earlier import wrote that this export no longer has.
        #[arg(long)]
        remove: bool,
    },
    /// The government's register of schools (the Get Information about Schools establishment
    /// CSV): writes one file per open school of the council into content/schools/, with the
    /// register's facts and the SEN information report left for the school to write; importing
    /// again updates the register's facts and never what the school wrote.
    Gias {
        /// The CSV file (edubasealldataYYYYMMDD.csv).
        file: PathBuf,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The local authority: its name or 3-digit code as the register writes it (default: the
        /// council named in site.yaml).
        #[arg(long, value_name = "NAME|CODE")]
        la: Option<String>,
        /// Import closed schools too (they are reported, never deleted, either way).
        #[arg(long)]
        include_closed: bool,
    },
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    run(cli)
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build { site, out } => cmd_build(&site, out, cli.verbose, cli.quiet),
        Command::Check {
            site,
            strict,
            format,
            report,
        } => cmd_check(&site, strict, format, report, cli.quiet),
        Command::Pack {
            root,
            school,
            pdf,
            timeout,
        } => cmd_pack(root, &school, pdf, std::time::Duration::from_secs(timeout)),
        Command::Serve(args) => crate::serve::main(&args, today()),
        Command::Import {
            from: ImportFrom::Oruk { file, root, remove },
        } => cmd_import_oruk(&root, &file, remove),
        Command::Import {
            from:
                ImportFrom::Gias {
                    file,
                    root,
                    la,
                    include_closed,
                },
        } => cmd_import_gias(&root, &file, la.as_deref(), include_closed),
        Command::NewSchool { slug, root } => match crate::cli::scaffold::new_school(&root, &slug) {
            Ok(path) => {
                println!(
                    "Wrote {}. Fill it in (each field has a note), then run `senpack check` to see what is left.",
                    path.display()
                );
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
        Command::New { dir } => match crate::cli::scaffold::new_site(&dir) {
            Ok(n) => {
                println!(
                    "Made a new site in {} ({n} files). Build it with: senpack build --root {}",
                    dir.display(),
                    dir.display()
                );
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
    }
}

fn cmd_build(args: &SiteArgs, out: Option<PathBuf>, verbose: bool, quiet: bool) -> i32 {
    let start = Instant::now();
    let opts = args.options();
    let out = out.unwrap_or_else(|| opts.root.join("output"));
    // Pages go into a staging folder as they are made; it replaces `out` only if all went well.
    let staging = match crate::output::Staging::begin(&out, &opts.root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    if let Some(note) = staging.recovered().filter(|_| !quiet) {
        eprintln!("{note}");
    }
    let built = match progress::TerminalBar::for_terminal(quiet) {
        Some(bar) => pipeline::build_into_watched(&opts, &staging, &bar),
        None => pipeline::build_into(&opts, &staging),
    };
    print_diagnostics(&built.diagnostics, quiet);
    if verbose {
        print_timings(&built);
    }
    if built.has_errors() {
        drop(staging);
        eprintln!("{}", failure_line(&built));
        return 1;
    }
    let write_start = Instant::now();
    let written = staging
        .put_all(&built.files)
        .and_then(|()| staging.commit());
    match written {
        Ok(stats) => {
            if verbose {
                eprintln!(
                    "  {:<20} {:>8.1} ms ({} files written, {} unchanged)",
                    "write",
                    write_start.elapsed().as_secs_f64() * 1000.0,
                    stats.written,
                    stats.unchanged
                );
            }
            if !quiet {
                println!(
                    "Built {}{} in {:.2} s",
                    count(pipeline::page_count(&built), "page"),
                    crate::pipeline::schools::summary(&built),
                    start.elapsed().as_secs_f64()
                );
            }
            // The process ends now: freeing every page, service and file one by one would
            // only delay the exit (a tenth of a second on a large council site).
            std::mem::forget(built);
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn cmd_check(
    args: &SiteArgs,
    strict: bool,
    format: Format,
    report: Option<PathBuf>,
    quiet: bool,
) -> i32 {
    let built = pipeline::build(&args.options());
    if let (Some(file), Some(input)) = (report, built.check_input()) {
        let title = input.site.config.title.as_str();
        if let Err(e) = std::fs::write(&file, crate::checks::report::html(&input, title)) {
            eprintln!("error: cannot write the report to {}: {e}", file.display());
            return 1;
        }
    }
    let warnings = built
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    match format {
        Format::Json => {
            let report = serde_json::json!({
                "errors": built.errors().count(),
                "warnings": warnings,
                "diagnostics": built.diagnostics,
                "pages": built
                    .check_input()
                    .map(|input| crate::checks::report::rows(&input))
                    .unwrap_or_default(),
                "services": built
                    .check_input()
                    .map(|input| crate::checks::report::service_rows(&input))
                    .unwrap_or_default(),
                "local_offer": built
                    .check_input()
                    .filter(|input| input.site.config.local_offer.is_some())
                    .map(|input| crate::checks::duties::rows(&input))
                    .unwrap_or_default(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Text if quiet => print_diagnostics(&built.diagnostics, true),
        Format::Text => {
            print_diagnostics(&built.diagnostics, false);
            for line in crate::pipeline::schools::report_lines(&built) {
                eprintln!("{line}");
            }
            if let Some(input) = built.check_input() {
                for line in crate::checks::duties::report_lines(&input) {
                    eprintln!("{line}");
                }
            }
            eprintln!(
                "Checked {}{}: {}, {}",
                count(pipeline::page_count(&built), "page"),
                crate::pipeline::schools::summary(&built),
                crate::diagnostics::errors_summary(&built.diagnostics),
                count(warnings, "warning")
            );
        }
    }
    i32::from(built.has_errors() || (strict && warnings > 0))
}

fn cmd_pack(
    root: PathBuf,
    school: &str,
    pdf: Option<PathBuf>,
    timeout: std::time::Duration,
) -> i32 {
    let built = pipeline::build(&BuildOptions::new(&root, today()));
    print_diagnostics(&built.diagnostics, false);
    if built.has_errors() {
        eprintln!("{}", failure_line(&built));
        return 1;
    }
    match crate::serve::print::deliver(&built, &root, school, pdf.as_deref(), timeout) {
        Ok(done) => {
            println!("{done}");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn cmd_import_oruk(root: &std::path::Path, file: &std::path::Path, remove: bool) -> i32 {
    match crate::services::import::run(root, file, remove, today()) {
        Ok(r) => {
            for (what, list) in [("added", &r.added), ("changed", &r.changed)] {
                for slug in list {
                    println!("{what}: content/services/{slug}.yaml");
                }
            }
            for slug in &r.removed {
                if r.deleted {
                    println!("removed: content/services/{slug}.yaml");
                } else {
                    println!("not in this export (kept; --remove deletes it): content/services/{slug}.yaml");
                }
            }
            println!(
                "Imported {} services: {} added, {} changed, {} unchanged, {} removed",
                r.added.len() + r.changed.len() + r.unchanged.len(),
                r.added.len(),
                r.changed.len(),
                r.unchanged.len(),
                if r.deleted { r.removed.len() } else { 0 }
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn cmd_import_gias(
    root: &std::path::Path,
    file: &std::path::Path,
    la: Option<&str>,
    include_closed: bool,
) -> i32 {
    match crate::school::import::run(root, file, la, include_closed) {
        Ok(r) => {
            for slug in &r.added {
                println!("added: content/schools/{slug}.yaml");
            }
            for (slug, fields) in &r.changed {
                println!(
                    "changed: content/schools/{slug}.yaml ({})",
                    fields.join(", ")
                );
            }
            for slug in &r.closed {
                println!("closed in the register (file kept): content/schools/{slug}.yaml");
            }
            for (slug, why) in &r.unreadable {
                println!("not updated, its file does not read as YAML ({why}): content/schools/{slug}.yaml");
            }
            println!(
                "Imported the schools of {}: {} added, {} changed, {} unchanged, {} closed{}",
                r.authority,
                r.added.len(),
                r.changed.len(),
                r.unchanged.len(),
                r.closed.len(),
                if r.not_schools > 0 {
                    format!(
                        " ({} other establishments, such as colleges, left out)",
                        r.not_schools
                    )
                } else {
                    String::new()
                }
            );
            if !r.added.is_empty() {
                println!("Each new school has its SEN information report to write: `senpack check` lists them.");
            }
            i32::from(!r.unreadable.is_empty())
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn failure_line(built: &Build) -> String {
    format!(
        "Build failed: {} (output/ was not changed)",
        crate::diagnostics::errors_summary(&built.diagnostics)
    )
}

/// Prints diagnostics like a compiler; only the errors when `errors_only` (`-q`).
fn print_diagnostics(diags: &[Diagnostic], errors_only: bool) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags.iter().filter(|d| !errors_only || d.is_error()) {
        let text = d.to_string();
        if colour {
            let (label, code) = match d.severity {
                Severity::Error => ("error", "\x1b[1;31merror\x1b[0m"),
                Severity::Warning => ("warning", "\x1b[1;33mwarning\x1b[0m"),
            };
            eprintln!("{}", text.replacen(label, code, 1));
        } else {
            eprintln!("{text}");
        }
    }
}

fn print_timings(built: &Build) {
    for (stage, t) in &built.timings {
        eprintln!("  {:<20} {:>8.1} ms", stage, t.as_secs_f64() * 1000.0);
    }
}

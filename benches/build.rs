//! `cargo bench --bench build`: generates sites of 1,000, 10,000 and 50,000 pages (plus a council
//! case, a 500-term glossary case and the 10,000-page site with 3 translations of 20 %) in a RAM folder, builds each with the release senpack binary
//! and with Hugo, and prints wall time, CPU time, peak memory, output size and pages per second as a
//! Markdown table. Options (after `--`): `--sizes 1000,10000`, `--runs N`, `--no-hugo`,
//! `--no-council`, `--no-disk`, `--keep`, `--dir PATH` (default /dev/shm/senpack-bench).

mod sitegen;

use sitegen::Spec;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What one build of one tool cost.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
}

/// One row of the results table.
struct Row {
    case: String,
    tool: String,
    pages: usize,
    cost: Cost,
    output_mb: f64,
    hugo: Option<Cost>,
}

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    hugo: bool,
    council: bool,
    disk: bool,
    keep: bool,
    dir: PathBuf,
}

fn parse_args() -> Args {
    let mut a = Args {
        sizes: vec![1_000, 10_000, 50_000],
        runs: 3,
        hugo: true,
        council: true,
        disk: true,
        keep: false,
        dir: PathBuf::from("/dev/shm/senpack-bench"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sizes" => {
                a.sizes = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().replace('_', "").parse().ok())
                    .collect()
            }
            "--runs" => a.runs = it.next().and_then(|s| s.parse().ok()).unwrap_or(3).max(1),
            "--no-hugo" => a.hugo = false,
            "--no-council" => a.council = false,
            "--no-disk" => a.disk = false,
            "--keep" => a.keep = true,
            "--dir" => a.dir = it.next().map(PathBuf::from).unwrap_or(a.dir),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    a
}

/// Runs `cmd` to completion, timing it and reading its resource use with wait4.
/// Returns the cost and the combined stdout+stderr text.
fn measure(cmd: &mut Command, log: &Path) -> (Cost, bool, String) {
    let file = fs::File::create(log).expect("bench log file");
    let err = file.try_clone().expect("bench log file");
    cmd.stdout(Stdio::from(file)).stderr(Stdio::from(err));
    let start = Instant::now();
    // Reaped by wait4 below, which also reports the child's CPU time and peak memory.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("start the build");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for the child we just started.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: plain FFI call with valid pointers; the child is ours and not yet reaped.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wall = start.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4 failed");
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cost = Cost {
        wall,
        cpu: secs(ru.ru_utime) + secs(ru.ru_stime),
        peak_mb: ru.ru_maxrss as f64 / 1024.0,
    };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (cost, ok, fs::read_to_string(log).unwrap_or_default())
}

fn median(mut costs: Vec<Cost>) -> Cost {
    costs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    costs[costs.len() / 2]
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = fs::read_dir(p) else { return 0 };
    rd.flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// The number in "Built 10,000 pages" (senpack) or the "Pages | 10000" row (Hugo).
fn pages_in(text: &str) -> usize {
    for line in text.lines() {
        let l = line.trim();
        let rest = l
            .strip_prefix("Built ")
            .or_else(|| l.strip_prefix("Pages"))
            .map(|r| r.trim_start_matches([' ', '|', '│']));
        if let Some(r) = rest {
            let digits: String = r
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse() {
                return n;
            }
        }
    }
    0
}

fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

struct Bench {
    args: Args,
    bin: PathBuf,
    theme: PathBuf,
    rows: Vec<Row>,
    /// Lines printed under the table (sizes of what a browser downloads).
    notes: Vec<String>,
    stages: Vec<(String, String)>,
}

impl Bench {
    /// Builds with senpack `runs` times from empty output, then once over the kept output.
    fn senpack(
        &mut self,
        case: &str,
        site: &Path,
        out: &Path,
        runs: usize,
    ) -> Option<(Cost, usize, Cost)> {
        let mut costs = Vec::new();
        let log = site.with_extension("senpack.log");
        let mut pages = 0;
        let mut text = String::new();
        for _ in 0..runs {
            let _ = fs::remove_dir_all(out);
            let (cost, ok, t) = measure(
                Command::new(&self.bin)
                    .args(["-v", "build", "--root"])
                    .arg(site)
                    .arg("--out")
                    .arg(out)
                    .env("NO_COLOR", "1"),
                &log,
            );
            if !ok {
                eprintln!("senpack failed on {case}:\n{}", tail(&t, 30));
                return None;
            }
            pages = pages_in(&t);
            costs.push(cost);
            text = t;
        }
        let (rebuild, ok, t) = measure(
            Command::new(&self.bin)
                .args(["-v", "build", "--root"])
                .arg(site)
                .arg("--out")
                .arg(out),
            &log,
        );
        if !ok {
            eprintln!("senpack rebuild failed on {case}:\n{}", tail(&t, 30));
        }
        let stage_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains(" ms"))
            .collect();
        self.stages.push((case.to_string(), stage_lines.join("\n")));
        Some((median(costs), pages, rebuild))
    }

    fn hugo(&self, case: &str, site: &Path, out: &Path, runs: usize) -> Option<(Cost, usize)> {
        let mut costs = Vec::new();
        let mut pages = 0;
        let log = site.with_extension("hugo.log");
        for _ in 0..runs {
            let _ = fs::remove_dir_all(out);
            let (cost, ok, t) = measure(
                Command::new("hugo")
                    .arg("--source")
                    .arg(site)
                    .arg("--destination")
                    .arg(out)
                    .arg("--noBuildLock"),
                &log,
            );
            if !ok {
                eprintln!("hugo failed on {case}:\n{}", tail(&t, 30));
                return None;
            }
            pages = pages_in(&t);
            costs.push(cost);
        }
        Some((median(costs), pages))
    }

    /// Generates one case, builds it with both tools and records the rows.
    /// The folder of `case`'s site and output (one name for every step that reads it).
    fn case_dir(&self, case: &str) -> PathBuf {
        self.args.dir.join(case.replace([' ', ',', '%', '+'], "-"))
    }

    fn case(&mut self, case: &str, spec: Spec, runs: usize, with_hugo: bool) {
        self.case_with(case, spec, runs, with_hugo, 0);
    }

    /// [`Bench::case`], with `translations` languages translating 20 % of the guides.
    fn case_with(
        &mut self,
        case: &str,
        spec: Spec,
        runs: usize,
        with_hugo: bool,
        translations: usize,
    ) {
        let root = self.case_dir(case);
        let _ = fs::remove_dir_all(&root);
        let site = root.join("senpack-site");
        let t = Instant::now();
        sitegen::write_senpack(&site, spec, &self.theme).expect("write the senpack site");
        if translations > 0 {
            let languages = [
                ("pl", "Polski"),
                ("ur", "اردو"),
                ("ar", "العربية"),
                ("ro", "Română"),
            ];
            let n = sitegen::add_translations(&site, &languages[..translations.min(4)], 5)
                .expect("write the translations");
            eprintln!("{case}: {n} translated pages added");
        }
        if with_hugo {
            sitegen::write_hugo(&root.join("hugo-site"), spec).expect("write the Hugo site");
        }
        eprintln!(
            "{case}: generated {} pages ({} guides, {} schools, {} glossary terms) in {:.1} s",
            spec.total_pages(),
            spec.guides,
            spec.schools,
            spec.terms,
            t.elapsed().as_secs_f64()
        );
        let out = root.join("senpack-out");
        let hugo = if with_hugo {
            let h = self.hugo(case, &root.join("hugo-site"), &root.join("hugo-out"), runs);
            if let Some((cost, pages)) = h {
                let output_mb = dir_size(&root.join("hugo-out")) as f64 / 1e6;
                self.rows.push(Row {
                    case: case.into(),
                    tool: "Hugo 0.111".into(),
                    pages,
                    cost,
                    output_mb,
                    hugo: None,
                });
            }
            h.map(|(c, _)| c)
        } else {
            None
        };
        if let Some((cost, pages, rebuild)) = self.senpack(case, &site, &out, runs) {
            let output_mb = dir_size(&out) as f64 / 1e6;
            self.rows.push(Row {
                case: case.into(),
                tool: "senpack".into(),
                pages,
                cost,
                output_mb,
                hugo,
            });
            self.rows.push(Row {
                case: case.into(),
                tool: "senpack, rebuild (output unchanged)".into(),
                pages,
                cost: rebuild,
                output_mb,
                hugo,
            });
        }
        if !self.args.keep {
            let _ = fs::remove_dir_all(root.join("hugo-site"));
            let _ = fs::remove_dir_all(root.join("hugo-out"));
        }
    }

    /// The 10,000-page site again, output on disk (the repository's target/ folder).
    fn disk(&mut self, spec: Spec) {
        let case = "10,000 pages, output on disk";
        let site = self.args.dir.join("disk-site");
        let _ = fs::remove_dir_all(&site);
        sitegen::write_senpack(&site, spec, &self.theme).expect("write the senpack site");
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-disk-output");
        if let Some((cost, pages, rebuild)) = self.senpack(case, &site, &out, 1) {
            let output_mb = dir_size(&out) as f64 / 1e6;
            for (tool, c) in [
                ("senpack", cost),
                ("senpack, rebuild (output unchanged)", rebuild),
            ] {
                self.rows.push(Row {
                    case: case.into(),
                    tool: tool.into(),
                    pages,
                    cost: c,
                    output_mb,
                    hugo: None,
                });
            }
        }
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(&site);
    }

    /// What a browser downloads for the directory of `case` before it shows results: the
    /// page itself and the scripts and JSON files it names, each raw and gzipped.
    fn directory_sizes(&mut self, case: &str) {
        let out = self.case_dir(case).join("senpack-out");
        let Ok(page) = fs::read_to_string(out.join("services/index.html")) else {
            self.notes
                .push(format!("{case}: no services/index.html was built"));
            return;
        };
        let mut files = vec![("services/index.html".to_string(), page.clone().into_bytes())];
        for attr in ["src=\"", "data-src=\"", "data-index=\""] {
            for part in page.split(attr).skip(1) {
                let url = part.split('"').next().unwrap_or_default();
                let path = url.trim_start_matches('/');
                if path.ends_with(".js") || path.ends_with(".json") {
                    if let Ok(bytes) = fs::read(out.join(path)) {
                        files.push((path.to_string(), bytes));
                    }
                }
            }
        }
        let mut total = 0;
        for (path, bytes) in &files {
            let gz = gzip_len(bytes);
            total += gz;
            self.notes.push(format!(
                "{case}: {path} {:.1} KB ({:.1} KB gzip)",
                bytes.len() as f64 / 1024.0,
                gz as f64 / 1024.0
            ));
        }
        self.notes.push(format!(
            "{case}: the directory page and what it names: {:.1} KB gzip",
            total as f64 / 1024.0
        ));
    }

    fn print(&self) {
        println!();
        println!("Machine: {} cores (nproc)", cores());
        println!();
        println!("| case | tool | pages | wall s | CPU s | peak MB | output MB | pages/s | time ÷ Hugo | memory ÷ Hugo |");
        println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for r in &self.rows {
            let ratio =
                |a: f64, b: Option<f64>| b.map_or("–".into(), |b| format!("{:.2}", a / b));
            println!(
                "| {} | {} | {} | {:.2} | {:.2} | {:.0} | {:.1} | {:.0} | {} | {} |",
                r.case,
                r.tool,
                r.pages,
                r.cost.wall,
                r.cost.cpu,
                r.cost.peak_mb,
                r.output_mb,
                r.pages as f64 / r.cost.wall,
                ratio(r.cost.wall, r.hugo.map(|h| h.wall)),
                ratio(r.cost.peak_mb, r.hugo.map(|h| h.peak_mb)),
            );
        }
        let wall = |case: &str| {
            self.rows
                .iter()
                .find(|r| r.case == case && r.tool == "senpack")
                .map(|r| r.cost.wall)
        };
        if let (Some(a), Some(b)) = (wall("1,000 pages"), wall("10,000 pages")) {
            println!(
                "\nGrowth: the 10,000-page build takes {:.1}× the 1,000-page build.",
                b / a
            );
        }
        for (case, stages) in &self.stages {
            println!("\nsenpack -v stages, {case}:\n```\n{stages}\n```");
        }
        println!();
        for n in &self.notes {
            println!("{n}");
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn label(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} pages")
}

fn main() {
    let args = parse_args();
    let hugo_ok = args.hugo
        && Command::new("hugo")
            .arg("version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if args.hugo && !hugo_ok {
        eprintln!("Hugo is not installed, so the Hugo columns are skipped. Install it with `sudo apt-get install -y hugo` (Debian/Ubuntu) and run again.");
    }
    fs::create_dir_all(&args.dir).expect("make the benchmark folder");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bench = Bench {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_senpack")),
        theme: manifest.join("themes/default"),
        rows: Vec::new(),
        notes: Vec::new(),
        stages: Vec::new(),
        args,
    };
    let sizes = bench.args.sizes.clone();
    for &n in &sizes {
        let runs = if n > 10_000 { 1 } else { bench.args.runs };
        bench.case(&label(n), Spec::for_pages(n, 300), runs, hugo_ok);
    }
    if sizes.contains(&10_000) {
        bench.case(
            "10,000 pages, 500-term glossary",
            Spec::for_pages(10_000, 500),
            bench.args.runs,
            false,
        );
        // Languages multiply pages: the same 10,000-page site with 3 translations of 20 % of
        // its guides, to compare with the plain 10,000-page row above.
        bench.case_with(
            "10,000 pages + 3 translations of 20 %",
            Spec::for_pages(10_000, 300),
            bench.args.runs,
            false,
            3,
        );
    }
    if bench.args.council {
        let spec = Spec {
            guides: 1_000,
            schools: 300,
            terms: 300,
            services: 0,
        };
        bench.case(
            "council: 300 schools × 10 pages + 1,000 guides",
            spec,
            bench.args.runs,
            hugo_ok,
        );
        let with_services = Spec {
            services: 5_000,
            ..spec
        };
        let case = "council + 5,000 services";
        bench.case(case, with_services, bench.args.runs, false);
        bench.directory_sizes(case);
    }
    if bench.args.disk {
        bench.disk(Spec::for_pages(10_000, 300));
    }
    bench.print();
    if !bench.args.keep {
        let _ = fs::remove_dir_all(&bench.args.dir);
    }
}

/// The gzipped size of `bytes` (what a server sends with compression on).
fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip into memory");
    gz.finish().expect("gzip into memory").len()
}

//! Benchmark site generator: writes a synthetic but realistic SEND site (guides in nested
//! sections, a glossary, schools with school pages) twice: once in senpack's format and once as
//! the same pages in Hugo's format, so both tools build the same corpus.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Shared guide pages (section indexes included).
    pub guides: usize,
    /// Schools; each gets every school page.
    pub schools: usize,
    /// Glossary entries.
    pub terms: usize,
    /// Local Offer services (`content/services/*.yaml`).
    pub services: usize,
}

/// Pages per school (the files in `content/school-pages/`).
pub const SCHOOL_PAGES: usize = 10;
/// Top-level sections (a real site has a handful, shown in the main navigation).
const TOPICS: usize = 8;
/// Guide pages per sub-section.
const PER_SUB: usize = 40;

impl Spec {
    /// A site of about `pages` pages in total: one school per 100 pages (at most 300), each with
    /// its school pages, and guides for the rest.
    pub fn for_pages(pages: usize, terms: usize) -> Spec {
        let schools = (pages / 100).clamp(1, 300);
        Spec {
            guides: pages.saturating_sub(schools * SCHOOL_PAGES).max(10),
            schools,
            terms,
            services: 0,
        }
    }

    pub fn total_pages(&self) -> usize {
        self.guides + self.schools * SCHOOL_PAGES
    }
}

/// A tiny deterministic random source (xorshift64*), so every run writes the same site.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const WORDS: &[&str] = &[
    "child",
    "school",
    "help",
    "support",
    "plan",
    "meeting",
    "teacher",
    "parent",
    "carer",
    "review",
    "needs",
    "learning",
    "progress",
    "class",
    "week",
    "time",
    "reading",
    "writing",
    "speech",
    "language",
    "health",
    "care",
    "team",
    "council",
    "report",
    "letter",
    "advice",
    "decision",
    "right",
    "question",
    "answer",
    "group",
    "session",
    "visit",
    "change",
    "goal",
    "target",
    "outcome",
    "record",
    "notes",
    "home",
    "family",
    "friend",
    "lesson",
    "break",
    "lunch",
    "room",
    "place",
    "person",
    "worker",
    "service",
    "form",
    "date",
    "term",
    "year",
    "day",
    "timetable",
    "routine",
    "words",
    "number",
    "skill",
    "task",
    "step",
    "choice",
    "way",
    "the",
    "the",
    "the",
    "a",
    "a",
    "and",
    "and",
    "to",
    "to",
    "of",
    "for",
    "with",
    "in",
    "on",
    "your",
    "their",
    "this",
    "that",
    "can",
    "will",
    "should",
    "may",
    "must",
    "does",
    "gets",
    "asks",
    "tells",
    "shows",
    "needs",
    "helps",
    "gives",
    "checks",
    "writes",
    "meets",
    "talks",
    "about",
    "after",
    "before",
    "every",
    "some",
    "most",
    "each",
    "new",
    "small",
    "short",
    "clear",
    "quiet",
    "extra",
    "simple",
    "usual",
    "early",
    "late",
    "good",
    "kind",
    "calm",
];

const ADJ: &[&str] = &[
    "annual",
    "statutory",
    "graduated",
    "specialist",
    "personal",
    "early",
    "local",
    "joint",
    "formal",
    "targeted",
    "universal",
    "independent",
    "additional",
    "transition",
    "sensory",
    "emotional",
    "social",
    "physical",
    "medical",
    "educational",
    "alternative",
    "reasonable",
    "interim",
    "emergency",
    "careers",
];
const NOUN: &[&str] = &[
    "review",
    "assessment",
    "budget",
    "provision",
    "support",
    "panel",
    "tribunal",
    "placement",
    "advice",
    "plan",
    "offer",
    "duty",
    "adjustment",
    "outcome",
    "pathway",
    "service",
    "record",
    "mediation",
    "appeal",
    "transport",
    "therapy",
    "passport",
    "meeting",
    "profile",
    "agreement",
];

/// One glossary entry.
pub struct Term {
    pub term: String,
    pub abbr: Option<String>,
    pub also: Option<String>,
}

/// The glossary's entries, unique terms and abbreviations.
pub fn terms(n: usize) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::with_capacity(n);
    let mut abbrs = std::collections::HashSet::new();
    for i in 0..n {
        let (a, b) = (ADJ[i % ADJ.len()], NOUN[(i / ADJ.len()) % NOUN.len()]);
        let term = if i < ADJ.len() * NOUN.len() {
            format!("{a} {b}")
        } else {
            format!("{a} {b} {}", i / (ADJ.len() * NOUN.len()) + 1)
        };
        let initials: String = term
            .split(' ')
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase();
        let abbr = (i % 5 == 0 && initials.len() > 1 && abbrs.insert(initials.clone()))
            .then_some(initials);
        let also = (i % 3 == 0).then(|| format!("{b} of the {a} kind"));
        out.push(Term { term, abbr, also });
    }
    out
}

/// A guide page: where it lives and what it is called.
struct Guide {
    /// Path inside content/: `topic-01/sub-02/page-0003.md` or `topic-01/_index.md`.
    source: String,
    title: String,
    is_section: bool,
}

fn guides(n: usize) -> Vec<Guide> {
    let mut out = vec![Guide {
        source: "_index.md".into(),
        title: "SEND information".into(),
        is_section: true,
    }];
    for t in 1..=TOPICS.min(n.saturating_sub(1)) {
        out.push(Guide {
            source: format!("topic-{t:02}/_index.md"),
            title: format!("Topic {t}: {} {}", ADJ[t % ADJ.len()], NOUN[t % NOUN.len()]),
            is_section: true,
        });
    }
    let mut k = 0;
    while out.len() < n {
        let (t, s) = (k % TOPICS + 1, k / TOPICS + 1);
        k += 1;
        out.push(Guide {
            source: format!("topic-{t:02}/sub-{s:03}/_index.md"),
            title: format!(
                "{} {} in topic {t}",
                cap(ADJ[(t + s) % ADJ.len()]),
                NOUN[s % NOUN.len()]
            ),
            is_section: true,
        });
        for p in 1..=PER_SUB {
            if out.len() >= n {
                break;
            }
            let (a, b) = (
                ADJ[(t * 7 + s * 3 + p) % ADJ.len()],
                NOUN[(t + p * 5) % NOUN.len()],
            );
            out.push(Guide {
                source: format!("topic-{t:02}/sub-{s:03}/page-{p:03}.md"),
                title: format!("{} {} {t}.{s}.{p}", cap(a), b),
                is_section: false,
            });
        }
    }
    out
}

fn leaf_pages(all: &[Guide]) -> Vec<usize> {
    (0..all.len()).filter(|&j| !all[j].is_section).collect()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `a/b/c.md` relative to the folder of `from` (`a/x/y.md` → `../b/c.md`).
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// How a page writes a link to a guide: senpack uses relative `.md` paths, Hugo absolute ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Senpack,
    Hugo,
}

fn link(flavour: Flavour, from: &str, to: &str, anchor: Option<&str>) -> String {
    let path = match flavour {
        Flavour::Senpack => relative(from, to),
        Flavour::Hugo => format!("/{to}"),
    };
    match anchor {
        Some(a) => format!("{path}#{a}"),
        None => path,
    }
}

fn sentence(rng: &mut Rng, terms: &[Term], out: &mut String) {
    let n = 8 + rng.below(9);
    let mut first = true;
    for i in 0..n {
        let w = if i == n / 2 && rng.below(4) == 0 && !terms.is_empty() {
            let t = &terms[rng.below(terms.len())];
            match (&t.abbr, rng.below(2)) {
                (Some(a), 0) => a.clone(),
                _ => t.term.clone(),
            }
        } else {
            rng.pick(WORDS).to_string()
        };
        if first {
            out.push_str(&cap(&w));
            first = false;
        } else {
            out.push(' ');
            out.push_str(&w);
        }
    }
    out.push_str(". ");
}

fn paragraph(rng: &mut Rng, terms: &[Term], sentences: usize, out: &mut String) {
    for _ in 0..sentences {
        sentence(rng, terms, out);
    }
    out.pop();
    out.push_str("\n\n");
}

/// The body of a guide page: about 600 words with headings, a list, a table and links.
fn guide_body(
    rng: &mut Rng,
    all: &[Guide],
    pages: &[usize],
    i: usize,
    terms: &[Term],
    flavour: Flavour,
) -> String {
    let me = &all[i];
    let mut b = String::with_capacity(5000);
    let other = |rng: &mut Rng| {
        let j = pages[rng.below(pages.len())];
        &all[j]
    };
    paragraph(rng, terms, 4, &mut b);
    b.push_str("## What this means\n\n");
    paragraph(rng, terms, 5, &mut b);
    for _ in 0..5 {
        b.push_str("- ");
        let mut s = String::new();
        sentence(rng, terms, &mut s);
        b.push_str(s.trim_end().trim_end_matches('.'));
        b.push('\n');
    }
    b.push('\n');
    paragraph(rng, terms, 4, &mut b);
    b.push_str("## Who can help\n\n");
    let a = other(rng);
    let c = other(rng);
    let _ = write!(
        b,
        "Read [{}]({}) for the first steps, and [{}]({}) for who to ask. ",
        a.title,
        link(flavour, &me.source, &a.source, None),
        c.title,
        link(flavour, &me.source, &c.source, Some("who-can-help")),
    );
    paragraph(rng, terms, 4, &mut b);
    b.push_str("| Who | What they do | How to reach them |\n| --- | --- | --- |\n");
    for _ in 0..4 {
        let _ = writeln!(
            b,
            "| {} {} | {} {} {} | {} {} |",
            cap(rng.pick(WORDS)),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(WORDS)
        );
    }
    b.push('\n');
    b.push_str("### Before you ask\n\n");
    paragraph(rng, terms, 4, &mut b);
    b.push_str(
        "1. Write down your questions.\n2. Ask for a meeting.\n3. Keep a copy of every letter.\n\n",
    );
    b.push_str("## What happens next\n\n");
    paragraph(rng, terms, 5, &mut b);
    let d = other(rng);
    let _ = write!(
        b,
        "The next part is in [{}]({}). ",
        d.title,
        link(flavour, &me.source, &d.source, Some("what-happens-next")),
    );
    paragraph(rng, terms, 4, &mut b);
    if rng.below(4) == 0 {
        b.push_str("> [!TIP]\n> Ask the school to write down what they agreed.\n\n");
    }
    paragraph(rng, terms, 4, &mut b);
    b.push_str("## Sources\n\n- [SEND code of practice](https://www.gov.uk/government/publications/send-code-of-practice-0-to-25)\n- [Children and Families Act 2014](https://www.legislation.gov.uk/ukpga/2014/6/contents)\n");
    b
}

fn front_matter(title: &str, description: &str, weight: usize, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"{description}\"\naudience: parents\nreviewed: 2026-{:02}-{:02}\nweight: {weight}\n{extra}---\n\n",
        1 + weight % 10,
        1 + weight % 28
    )
}

fn hugo_front_matter(title: &str, description: &str, weight: usize) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: \"{description}\"\ndate: 2026-{:02}-{:02}\nweight: {weight}\n---\n\n",
        1 + weight % 10,
        1 + weight % 28
    )
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)?;
    }
    fs::write(path, text)
}

/// Writes the senpack site into `dir` (which must not exist) with a copy of `theme`.
pub fn write_senpack(dir: &Path, spec: Spec, theme: &Path) -> io::Result<()> {
    let content = dir.join("content");
    copy_dir(theme, &dir.join("themes/default"))?;
    let all = guides(spec.guides);
    let pages = leaf_pages(&all);
    let terms = terms(spec.terms);
    write(&dir.join("site.yaml"), &site_yaml(&all))?;
    let mut rng = Rng::new(1);
    for (i, g) in all.iter().enumerate() {
        let summary = if i % 5 == 0 {
            "summary:\n  - \"Ask the school first.\"\n  - \"Keep notes of every meeting.\"\n"
        } else {
            ""
        };
        let mut text = front_matter(&g.title, &description(&g.title), i % 50, summary);
        text.push_str(&guide_body(
            &mut rng,
            &all,
            &pages,
            i,
            &terms,
            Flavour::Senpack,
        ));
        write(&content.join(&g.source), &text)?;
    }
    write(&content.join("glossary.yaml"), &glossary_yaml(&terms, &all))?;
    for s in 0..spec.schools {
        write(
            &content.join(format!("schools/{}.yaml", school_slug(s))),
            &school_yaml(s),
        )?;
    }
    for s in 0..spec.services {
        write(
            &content.join(format!("services/service-{s:05}.yaml")),
            &service_yaml(s),
        )?;
    }
    if spec.schools > 0 {
        for (name, text) in school_pages(&all, &terms, Flavour::Senpack, None) {
            write(&content.join("school-pages").join(name), &text)?;
        }
    }
    Ok(())
}

fn description(title: &str) -> String {
    format!(
        "What {} means for your child, who can help and what happens next.",
        title.to_lowercase()
    )
}

fn site_yaml(all: &[Guide]) -> String {
    let pack: Vec<&str> = all
        .iter()
        .filter(|g| !g.is_section)
        .take(3)
        .map(|g| g.source.as_str())
        .collect();
    let mut s = String::from(
        "title: \"SEND information and advice\"\ndescription: \"Plain-language help with special educational needs and disabilities.\"\nbase_url: \"https://send.example.org\"\nlanguage: en\ntheme: default\npublisher: \"Anyshire County Council\"\nreview_every: 12\nreading_age:\n  parents: 11\n  young-people: 11\n  everyone: 12\n  schools: 14\ntrusted_html: false\nsearch: true\nacronyms_allowed: [UK, PDF, NHS]\npack:\n",
    );
    for p in pack {
        let _ = writeln!(s, "  - {p}");
    }
    s.push_str("local_authority:\n  name: \"Anyshire County Council\"\n  send_team_email: \"send@anyshire.example\"\n  send_team_phone: \"01234 000000\"\n  local_offer_url: \"https://send.example.org/\"\n  complaints_url: \"https://anyshire.example/complaints\"\nsendiass:\n  name: \"Anyshire SENDIASS\"\n  phone: \"01234 000111\"\n  email: \"sendiass@anyshire.example\"\n  website: \"https://sendiass.anyshire.example\"\n");
    s
}

fn glossary_yaml(terms: &[Term], all: &[Guide]) -> String {
    let mut s = String::with_capacity(terms.len() * 200);
    // The two abbreviations every page uses, defined as a real site would (so the generated
    // site builds without warnings, like a maintained one).
    s.push_str("- term: \"special educational needs and disabilities\"\n  abbr: \"SEND\"\n  definition: \"Help for children who find learning harder than most children of their age.\"\n");
    s.push_str("- term: \"special educational needs co-ordinator\"\n  abbr: \"SENCO\"\n  definition: \"The teacher who organises help for children with SEND in a school.\"\n");
    for (i, t) in terms.iter().enumerate() {
        let _ = writeln!(s, "- term: \"{}\"", t.term);
        if let Some(a) = &t.abbr {
            let _ = writeln!(s, "  abbr: \"{a}\"");
        }
        if let Some(a) = &t.also {
            let _ = writeln!(s, "  also: [\"{a}\"]");
        }
        let _ = writeln!(
            s,
            "  definition: \"A {} is the part of the system that decides how a child gets help with their learning.\"",
            t.term
        );
        if i % 4 == 0 {
            let g = &all[(i * 37) % all.len()];
            let _ = writeln!(s, "  see: \"{}\"", g.source);
        }
    }
    s
}

/// One made-up service in the format of docs/FORMATS.md ("Services"), varied by `s`: categories,
/// needs, ages, area, cost, referral, a location (with coordinates for two in three), sessions.
fn service_yaml(s: usize) -> String {
    const CATEGORIES: [&str; 16] = [
        "education-settings",
        "early-years",
        "health",
        "therapies",
        "mental-health",
        "social-care",
        "short-breaks",
        "activities-and-clubs",
        "holiday-schemes",
        "transport",
        "information-and-advice",
        "parent-carer-support",
        "preparing-for-adulthood",
        "employment-and-training",
        "housing",
        "money-and-benefits",
    ];
    const NEEDS: [&str; 6] = [
        "communication-and-interaction",
        "cognition-and-learning",
        "social-emotional-and-mental-health",
        "sensory-and-physical",
        "autism",
        "adhd",
    ];
    const AREAS: [&str; 4] = ["Northbridge", "Southmere", "Eastholme", "Westford"];
    const DAYS: [&str; 6] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ];
    let mut rng = Rng::new(s as u64 + 7);
    let c1 = CATEGORIES[s % 16];
    let c2 = CATEGORIES[(s * 7 + 3) % 16];
    let min = rng.below(12);
    let max = (min + 4 + rng.below(14)).min(25);
    let district = 1 + s % 9;
    let mut y = format!(
        "example: true\nname: \"{name} {s}\"\norganisation:\n  name: \"Anyshire Provider {org}\"\n  website: \"https://provider-{org}.example\"\ndescription: |\n  We help children and young people with {need} in {area}. Families can come to our sessions, talk to our staff and find out what else is near them. We keep things calm and friendly.\nstatus: active\ncategories: [{c1}{c2}]\nneeds: [{need}]\nmin_age: {min}\nmax_age: {max}\narea: \"{area}\"\n",
        name = ["Sunrise", "Harbour", "Meadow", "Oak", "Willow", "Brook"][s % 6],
        org = s % 400,
        need = NEEDS[s % 6],
        area = AREAS[s % 4],
        c2 = if c2 == c1 { String::new() } else { format!(", {c2}") },
    );
    if s.is_multiple_of(3) {
        y.push_str("cost:\n  free: false\n  description: \"£4 a session\"\n  amount: 4\n");
    } else {
        y.push_str("cost:\n  free: true\n");
    }
    if s.is_multiple_of(2) {
        y.push_str(
            "access:\n  referral: true\n  who_refers: \"your GP, health visitor or school\"\n",
        );
    } else {
        y.push_str("access:\n  referral: false\n  how: \"Call us or just come along.\"\n");
    }
    y.push_str(&format!(
        "locations:\n  - name: \"Community Centre {s}\"\n    address: \"{n} High Street, {area}\"\n    postcode: \"AN{district} {d2}AB\"\n",
        n = 1 + s % 200,
        area = AREAS[s % 4],
        d2 = 1 + s % 9,
    ));
    if s % 3 != 2 {
        y.push_str(&format!(
            "    latitude: {:.4}\n    longitude: {:.4}\n    accessibility: [step-free-access, accessible-toilet]\n",
            52.05 + (rng.below(3000) as f64) / 10_000.0,
            -1.55 + (rng.below(5000) as f64) / 10_000.0,
        ));
    }
    y.push_str(&format!(
        "contacts:\n  - name: \"Duty worker\"\n    phone: \"01234 {:06}\"\n    email: \"hello-{s}@provider.example\"\nsessions:\n  - day: {}\n    start: \"09:30\"\n    end: \"12:00\"\n    term_time_only: {}\nreviewed: 2026-{:02}-15\n",
        100_000 + s % 900_000,
        DAYS[s % 6],
        s.is_multiple_of(2),
        1 + s % 11,
    ));
    y
}

pub fn school_slug(s: usize) -> String {
    format!("school-{s:03}")
}

const PHASES: &[&str] = &[
    "primary",
    "secondary",
    "all-through",
    "special",
    "nursery",
    "post-16",
];
const AREAS: &[&str] = &[
    "Northbridge",
    "Eastfield",
    "Southmoor",
    "Westbrook",
    "Midvale",
];

fn school_yaml(s: usize) -> String {
    let slug = school_slug(s);
    let mut rng = Rng::new(1000 + s as u64);
    let mut y = format!(
        "name: \"Example School {s}\"\nexample: true\nurn: \"{urn}\"\nphase: {phase}\ntype: \"Community school\"\nlocal_authority: \"Anyshire County Council\"\narea: \"{area}\"\naddress: \"{s} School Lane, {area}\"\npostcode: \"AB1 {d}CD\"\nphone: \"01234 {p:06}\"\nemail: \"office@{slug}.sch.example\"\nwebsite: \"https://{slug}.sch.example\"\nage_range: \"4 to 11\"\nheadteacher: {{ name: \"Ms A Head\" }}\nsenco:\n  name: \"Mr B Senco\"\n  email: \"senco@{slug}.sch.example\"\n  phone: \"01234 {p2:06}\"\n  available: \"Monday to Wednesday, 8.30am to 3.30pm\"\nsen_governor: {{ name: \"Mrs C Governor\" }}\nchair_of_governors: {{ name: \"Mr D Chair\", contact: \"Write to them at the school address\" }}\nreply_within: \"5 school days\"\nsen_policy_reviewed: 2026-09-01\naccessibility_plan_url: \"https://{slug}.sch.example/accessibility-plan.pdf\"\nneeds:\n  - communication-and-interaction\n  - cognition-and-learning\nreport:\n  reviewed: 2026-09-01\n",
        urn = 100_000 + s,
        phase = PHASES[s % PHASES.len()],
        area = AREAS[s % AREAS.len()],
        d = s % 10,
        p = 500_000 + s,
        p2 = 600_000 + s,
    );
    for item in senpack::school::items::ITEMS.iter().map(|item| item.key) {
        let mut text = String::new();
        for _ in 0..3 {
            sentence(&mut rng, &[], &mut text);
        }
        if item == "support_services" {
            text.push_str("Anyshire SENDIASS gives free, impartial advice.");
        }
        let _ = writeln!(y, "  {item}: \"{}\"", text.trim_end());
    }
    y
}

/// The school page templates (senpack) or one school's expanded pages (Hugo, `school` set).
fn school_pages(
    all: &[Guide],
    terms: &[Term],
    flavour: Flavour,
    school: Option<usize>,
) -> Vec<(String, String)> {
    let names = [
        ("_index.md", "About our school", ""),
        (
            "sen-information-report.md",
            "SEN information report",
            "template: sen-report.html\n",
        ),
        ("contact-the-senco.md", "Contact the SENCO", ""),
        ("sen-support.md", "SEN support at our school", ""),
        ("meetings.md", "Meetings about your child", ""),
        ("annual-reviews.md", "Annual reviews", ""),
        ("accessibility.md", "Accessibility", ""),
        ("complaints.md", "Worries and complaints", ""),
        ("moving-on.md", "Moving to a new school", ""),
        ("parent-pack.md", "Information pack for parents", ""),
    ];
    let shared: Vec<&Guide> = all.iter().filter(|g| !g.is_section).take(20).collect();
    let mut rng = Rng::new(77 + school.unwrap_or(0) as u64);
    let slug = school.map(school_slug).unwrap_or_default();
    let senco_email = match school {
        Some(_) => format!("senco@{slug}.sch.example"),
        None => "{{ school.senco.email }}".into(),
    };
    let la = match school {
        Some(_) => "Anyshire County Council".to_string(),
        None => "{{ site.local_authority.name }}".into(),
    };
    names
        .iter()
        .enumerate()
        .map(|(k, (name, title, extra))| {
            let mut body = String::new();
            paragraph(&mut rng, terms, 3, &mut body);
            let _ = write!(body, "## Who can help\n\nEmail the SENCO at {senco_email}. The local authority is {la}. ");
            paragraph(&mut rng, terms, 4, &mut body);
            let g = shared[k % shared.len()];
            let (from, next) = match flavour {
                Flavour::Senpack => (
                    format!("school-pages/{name}"),
                    "contact-the-senco.md".to_string(),
                ),
                Flavour::Hugo => (
                    format!("schools/{slug}/{name}"),
                    format!("/schools/{slug}/contact-the-senco.md"),
                ),
            };
            let _ = write!(
                body,
                "Read [{}]({}) and [how to contact the SENCO]({next}). ",
                g.title,
                link(flavour, &from, &g.source, None)
            );
            paragraph(&mut rng, terms, 4, &mut body);
            body.push_str("## What happens next\n\n");
            paragraph(&mut rng, terms, 5, &mut body);
            body.push_str("- Ask for a meeting\n- Bring someone with you\n- Keep notes\n\n");
            paragraph(&mut rng, terms, 4, &mut body);
            body.push_str("## Sources\n\n- [SEND code of practice](https://www.gov.uk/government/publications/send-code-of-practice-0-to-25)\n");
            let text = match school {
                None => front_matter(title, &description(title), k, extra) + &body,
                Some(s) => {
                    let t = format!("{title} – Example School {s}");
                    hugo_front_matter(&t, &description(title), k) + &body
                }
            };
            (name.to_string(), text)
        })
        .collect()
}

/// Writes the same site as a minimal Hugo site (own layouts, no theme) into `dir`.
pub fn write_hugo(dir: &Path, spec: Spec) -> io::Result<()> {
    let content = dir.join("content");
    let all = guides(spec.guides);
    let pages = leaf_pages(&all);
    let terms = terms(spec.terms);
    write(&dir.join("hugo.toml"), HUGO_CONFIG)?;
    for (name, text) in HUGO_LAYOUTS {
        write(&dir.join("layouts").join(name), text)?;
    }
    write(
        &dir.join("static/css/site.css"),
        "body{font-family:sans-serif}\n",
    )?;
    let mut rng = Rng::new(1);
    for (i, g) in all.iter().enumerate() {
        let mut text = hugo_front_matter(&g.title, &description(&g.title), i % 50);
        text.push_str(&guide_body(
            &mut rng,
            &all,
            &pages,
            i,
            &terms,
            Flavour::Hugo,
        ));
        write(&content.join(&g.source), &text)?;
    }
    if spec.schools > 0 {
        write(
            &content.join("schools/_index.md"),
            &hugo_front_matter("Schools", "Every school's SEND pages.", 0),
        )?;
    }
    for s in 0..spec.schools {
        for (name, text) in school_pages(&all, &terms, Flavour::Hugo, Some(s)) {
            write(
                &content.join(format!("schools/{}/{name}", school_slug(s))),
                &text,
            )?;
        }
    }
    Ok(())
}

const HUGO_CONFIG: &str = r#"baseURL = "https://send.example.org/"
title = "SEND information and advice"
languageCode = "en"
disableKinds = ["taxonomy", "term"]
buildFuture = true
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<a href="#main">Skip to main content</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><ul>{{ range site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<nav aria-label="You are here"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>Published by Anyshire County Council</p></footer>
</body>
</html>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<p>Last reviewed {{ .Date.Format "2 January 2006" }}</p>
<nav aria-label="On this page">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<div class="prose">{{ .Content }}</div>
<h2 id="in-this-section">In this section</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>
</article>{{ end }}
"##,
    ),
    (
        "_default/_markup/render-link.html",
        r##"{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.Scheme) (strings.HasSuffix $u.Path ".md") -}}
{{- with site.GetPage $u.Path -}}{{- $href = .RelPermalink -}}{{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
{{- else -}}{{- errorf "broken link %s in %s" $.Destination $.Page.File.Path -}}{{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>"##,
    ),
];

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let dest: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Adds translations to a generated senpack site in `dir`: every `every`-th guide (in path
/// order; 5 is 20 %) gets a version in each language of `codes` (`(code, name)`), its English
/// text with translation dates, and site.yaml lists the languages. Returns how many
/// translated pages were written.
pub fn add_translations(dir: &Path, codes: &[(&str, &str)], every: usize) -> io::Result<usize> {
    let content = dir.join("content");
    let mut guides: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| !p.starts_with(content.join("school-pages")))
        .collect();
    guides.sort();
    let mut written = 0;
    for path in guides.iter().step_by(every.max(1)) {
        let text = fs::read_to_string(path)?;
        let Some(rest) = text.strip_prefix("---\n") else {
            continue;
        };
        let stem = path.with_extension("");
        for (code, _) in codes {
            let translated = format!(
                "---\ntranslated: 2026-11-01\ntranslated_from_reviewed: 2026-01-01\n{rest}"
            );
            write(&stem.with_extension(format!("{code}.md")), &translated)?;
            written += 1;
        }
    }
    let mut site = fs::read_to_string(dir.join("site.yaml"))?;
    site.push_str("languages:\n");
    for (code, name) in codes {
        let _ = writeln!(site, "  - {{code: {code}, name: \"{name}\"}}");
    }
    write(&dir.join("site.yaml"), &site)?;
    Ok(written)
}

//! The readability report: every page's figures as data (`check --format json`) and as one
//! self-contained HTML page (`check --report FILE.html`): a chart of reading age against target,
//! worst first, with a table giving the same figures, and the pages past their review date; and
//! every service by how overdue its review is, per organisation, for the Local Offer team.

use super::readability::{above, target};
use crate::checks::CheckInput;
use crate::format::human_date;
use crate::load::markdown::escape;
use serde::Serialize;

/// One page's row in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub path: String,
    pub file: String,
    pub title: String,
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub fre: f64,
    pub fk_grade: f64,
    pub reading_age: f64,
    pub target: u32,
    pub above_target: bool,
    pub next_review: Option<String>,
    pub overdue: bool,
}

/// Every page's figures, in page order.
pub fn rows(input: &CheckInput) -> Vec<Row> {
    let site = input.site;
    let today = input.today;
    site.pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let f = &input.pages[i].readability;
            let t = target(site, i);
            let due = p.next_review(&site.config);
            Row {
                path: site.url(&p.path),
                file: p.src.file.display().to_string(),
                title: p.title().to_string(),
                words: f.words,
                sentences: f.sentences,
                syllables: f.syllables,
                fre: f.fre,
                fk_grade: f.fk_grade,
                reading_age: f.reading_age,
                target: t,
                above_target: above(f, t),
                next_review: due.map(|d| d.to_string()),
                overdue: p.held_to_review() && due.is_none_or(|d| d < today),
            }
        })
        .collect()
}

const CSS: &str = "body{font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:1rem}\
h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}.above{color:#a4161a;font-weight:bold}svg{max-width:100%;height:auto}\
svg text{font:12px system-ui,sans-serif;fill:#1a1a1a}.key span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .3em 0 1em}\
@media print{svg{page-break-inside:avoid}}";

/// The whole report page.
pub fn html(input: &CheckInput, site_title: &str) -> String {
    let mut rows = rows(input);
    sort_by_gap(&mut rows);
    let over = rows.iter().filter(|r| r.above_target).count();
    let mut overdue: Vec<&Row> = rows.iter().filter(|r| r.overdue).collect();
    overdue.sort_by(|a, b| (&a.next_review, &a.path).cmp(&(&b.next_review, &b.path)));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Readability report – {t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>Readability report: {t}</h1>\n<p>{n} pages checked on {today}. {over} above their target reading age; {late} past review or never reviewed.</p>\n",
        t = escape(site_title),
        n = rows.len(),
        today = human_date(input.today),
        late = overdue.len(),
    );
    out.push_str(&format!(
        "<h2 id=\"chart-title\">Reading age against target, {ORDER}</h2>\n"
    ));
    out.push_str("<p class=\"key\" aria-hidden=\"true\"><span style=\"background:#a4161a\"></span>above target<span style=\"background:#2b6a3f\"></span>within target<span style=\"background:#1a1a1a;width:3px\"></span>target</p>\n");
    out.push_str(&chart(&rows));
    out.push_str(&table(&rows));
    out.push_str(&review_table(&overdue));
    out.push_str(&services_section(&service_rows(input)));
    out.push_str(&super::duties::html_table(input));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// How the chart and the table are ordered, and what their titles say about it.
const ORDER: &str = "furthest above target first";

/// Pages by how far their reading age is above their target (the most first; pages below
/// their target last), then by path: the order [`ORDER`] names.
fn sort_by_gap(rows: &mut [Row]) {
    let gap = |r: &Row| r.reading_age - f64::from(r.target);
    rows.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then_with(|| a.path.cmp(&b.path)));
}

fn chart(rows: &[Row]) -> String {
    let (label_w, bar_w, row_h) = (300.0, 400.0, 22.0);
    let max = rows
        .iter()
        .map(|r| r.reading_age.max(f64::from(r.target)))
        .fold(20.0_f64, f64::max)
        .ceil();
    let x = |age: f64| label_w + bar_w * age.clamp(0.0, max) / max;
    let height = row_h * rows.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\">\n<desc id=\"chart-desc\">A bar for each page shows its reading age; a black line marks its target. The table below gives the same figures.</desc>\n",
        w = label_w + bar_w + 60.0
    );
    for (n, r) in rows.iter().enumerate() {
        let y = n as f64 * row_h;
        let colour = if r.above_target { "#a4161a" } else { "#2b6a3f" };
        let label: String = r.path.chars().take(42).collect();
        svg.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text><rect x=\"{label_w}\" y=\"{ry}\" width=\"{bw:.1}\" height=\"{bh}\" fill=\"{colour}\"/><rect x=\"{tx:.1}\" y=\"{y}\" width=\"3\" height=\"{row_h}\" fill=\"#1a1a1a\"/><text x=\"{vx:.1}\" y=\"{ty}\">{age:.1}</text>\n",
            lx = label_w - 6.0,
            ty = y + 15.0,
            label = escape(&label),
            ry = y + 4.0,
            bw = x(r.reading_age) - label_w,
            bh = row_h - 8.0,
            tx = x(f64::from(r.target)) - 1.5,
            vx = x(r.reading_age.max(f64::from(r.target))) + 6.0,
            age = r.reading_age,
        ));
    }
    let axis_y = row_h * rows.len() as f64 + 18.0;
    for age in (0..=max as u32).step_by(5) {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{axis_y}\" text-anchor=\"middle\">{age}</text>\n",
            x(f64::from(age))
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

fn table(rows: &[Row]) -> String {
    let mut t = format!("<h2>Figures for every page</h2>\n<table>\n<caption>Reading age (Flesch–Kincaid grade + 5) and target per page, {ORDER}</caption>\n<thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Reading age</th><th scope=\"col\">Target</th><th scope=\"col\">Above target by</th><th scope=\"col\">Reading ease</th><th scope=\"col\">Words</th><th scope=\"col\">Sentences</th><th scope=\"col\">Syllables</th></tr></thead>\n<tbody>\n");
    for r in rows {
        let mark = if r.above_target {
            " class=\"n above\""
        } else {
            " class=\"n\""
        };
        let note = if r.above_target {
            " (above target)"
        } else if r.words < super::readability::MIN_WORDS {
            " (too short to judge)"
        } else {
            ""
        };
        t.push_str(&format!(
            "<tr><th scope=\"row\">{title}<br><small>{path}</small></th><td{mark}>{:.1}{note}</td><td class=\"n\">{}</td><td class=\"n\">{:+.1}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            r.reading_age, r.target, r.reading_age - f64::from(r.target), r.fre, r.words, r.sentences, r.syllables,
            title = escape(&r.title),
            path = escape(&r.path),
        ));
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

/// One service's row in the report: whom to chase, and how late its review is.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    pub organisation: String,
    pub name: String,
    pub slug: String,
    pub file: String,
    /// `YYYY-MM-DD`.
    pub reviewed: String,
    /// `YYYY-MM-DD`: `reviewed` plus the review period.
    pub due: String,
    /// Days since `due` (0 on the day it is due; below 0 while it is not yet due).
    pub days_overdue: i64,
    pub overdue: bool,
    /// Whether the service is on the site today (else left out by its visible dates).
    pub shown: bool,
}

/// Every service (shown and left out), grouped by organisation: the organisation with the most
/// overdue service first, and in each its services most overdue first (then by name).
pub fn service_rows(input: &CheckInput) -> Vec<ServiceRow> {
    let every = input.site.config.review_every;
    let mut rows: Vec<ServiceRow> = input
        .services
        .iter()
        .map(|s| (s, true))
        .chain(input.hidden.iter().map(|s| (s, false)))
        .map(|(s, shown)| {
            let due = s.next_review(every).unwrap_or(chrono::NaiveDate::MAX);
            let days = (input.today - due).num_days();
            ServiceRow {
                organisation: s.facts.organisation.name.clone(),
                name: s.facts.name.clone(),
                slug: s.slug.clone(),
                file: s.file.display().to_string(),
                reviewed: s.facts.reviewed.to_string(),
                due: due.to_string(),
                days_overdue: days,
                overdue: days > 0,
                shown,
            }
        })
        .collect();
    let mut latest: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for r in &rows {
        let e = latest.entry(r.organisation.clone()).or_insert(i64::MIN);
        *e = (*e).max(r.days_overdue);
    }
    rows.sort_by(|a, b| {
        let group = |r: &ServiceRow| latest.get(&r.organisation).copied().unwrap_or(i64::MIN);
        group(b)
            .cmp(&group(a))
            .then_with(|| a.organisation.cmp(&b.organisation))
            .then_with(|| b.days_overdue.cmp(&a.days_overdue))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// The services section: one table per organisation, in [`service_rows`]' order.
fn services_section(rows: &[ServiceRow]) -> String {
    let mut t = String::from("<h2>Services by review date</h2>\n");
    if rows.is_empty() {
        t.push_str("<p>The site has no services.</p>\n");
        return t;
    }
    let late = rows.iter().filter(|r| r.overdue).count();
    let orgs = rows
        .iter()
        .filter(|r| r.overdue)
        .map(|r| &r.organisation)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    t.push_str(&format!(
        "<p>{n} services; {late} past their review date, from {orgs} organisation{s}. Ask each organisation to confirm its details, then update <code>reviewed:</code> in the service's file.</p>\n",
        n = rows.len(),
        s = if orgs == 1 { "" } else { "s" },
    ));
    let mut start = 0;
    while start < rows.len() {
        let org = &rows[start].organisation;
        let end = rows[start..]
            .iter()
            .position(|r| &r.organisation != org)
            .map_or(rows.len(), |n| start + n);
        t.push_str(&format!("<h3>{}</h3>\n<table>\n<caption>Services of {0}, most overdue first</caption>\n<thead><tr><th scope=\"col\">Service</th><th scope=\"col\">File</th><th scope=\"col\">Last reviewed</th><th scope=\"col\">Review due</th><th scope=\"col\">Days overdue</th></tr></thead>\n<tbody>\n", escape(org)));
        for r in &rows[start..end] {
            let date = |d: &str| d.parse().map(human_date).unwrap_or_else(|_| d.to_string());
            let days = match r.days_overdue {
                0 => "due today".to_string(),
                d if d > 0 => format!("<strong class=\"above\">{d}</strong>"),
                d => format!("not yet ({} days left)", -d),
            };
            let note = if r.shown {
                ""
            } else {
                " <small>(left out of the site today)</small>"
            };
            t.push_str(&format!(
                "<tr><th scope=\"row\">{name}{note}</th><td>{file}</td><td>{reviewed}</td><td>{due}</td><td class=\"n\">{days}</td></tr>\n",
                name = escape(&r.name),
                file = escape(&r.file),
                reviewed = date(&r.reviewed),
                due = date(&r.due),
            ));
        }
        t.push_str("</tbody>\n</table>\n");
        start = end;
    }
    t
}

fn review_table(rows: &[&Row]) -> String {
    let mut t = String::from("<h2>Pages past review</h2>\n");
    if rows.is_empty() {
        t.push_str("<p>Every page is within its review date.</p>\n");
        return t;
    }
    t.push_str("<table>\n<caption>Pages whose review date has passed, or that have no review date</caption>\n<thead><tr><th scope=\"col\">Page</th><th scope=\"col\">File</th><th scope=\"col\">Review was due</th></tr></thead>\n<tbody>\n");
    for r in rows {
        let due = r.next_review.as_deref().unwrap_or("never reviewed");
        t.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
            escape(&r.title),
            escape(&r.file),
            escape(due)
        ));
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sample::{page, Sample};

    fn service(name: &str, org: &str, reviewed: &str) -> String {
        format!(
            "name: \"{name}\"\norganisation:\n  name: \"{org}\"\ndescription: \"A group.\"\nstatus: active\ncategories: [therapies]\nmin_age: 3\nmax_age: 11\narea: \"Northbridge\"\ncost:\n  free: true\naccess:\n  referral: false\ncontacts:\n  - phone: \"01234 000111\"\nreviewed: {reviewed}\n"
        )
    }

    /// Today is 2026-11-25 and the site's review period 12 months.
    fn sample() -> Sample {
        Sample::new(&[("_index.md", &page("reviewed: 2026-11-01\n", "Home.\n"))])
            .service("a.yaml", &service("Alpha", "Trust", "2025-11-20"), true)
            .service(
                "b.yaml",
                &service("Beta <b>", "Council & Co", "2025-10-25"),
                true,
            )
            .service("c.yaml", &service("Gamma", "Trust", "2026-11-01"), true)
            .service("d.yaml", &service("Delta", "Trust", "2025-11-25"), false)
    }

    #[test]
    fn services_are_grouped_by_organisation_most_overdue_first() {
        let s = sample();
        let rows = service_rows(&s.input());
        let got: Vec<(&str, &str, i64, bool, bool)> = rows
            .iter()
            .map(|r| {
                (
                    r.organisation.as_str(),
                    r.name.as_str(),
                    r.days_overdue,
                    r.overdue,
                    r.shown,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Council & Co", "Beta <b>", 31, true, true),
                ("Trust", "Alpha", 5, true, true),
                ("Trust", "Delta", 0, false, false),
                ("Trust", "Gamma", -341, false, true),
            ]
        );
        assert_eq!(
            (
                rows[1].file.as_str(),
                rows[1].reviewed.as_str(),
                rows[1].due.as_str()
            ),
            ("content/services/a.yaml", "2025-11-20", "2026-11-20")
        );
        let json = serde_json::to_value(&rows[0]).expect("a row as JSON");
        assert_eq!(json["days_overdue"], 31);
        assert_eq!(json["slug"], "b");
    }

    fn row(path: &str, reading_age: f64, target: u32) -> Row {
        Row {
            path: path.into(),
            file: String::new(),
            title: path.into(),
            words: 100,
            sentences: 5,
            syllables: 150,
            fre: 60.0,
            fk_grade: reading_age - 5.0,
            reading_age,
            target,
            above_target: reading_age > f64::from(target),
            next_review: None,
            overdue: false,
        }
    }

    #[test]
    fn the_chart_is_sorted_as_its_title_says() {
        // /b/ reads hardest (15) but is only 1 above its target of 14; /a/ is 2 above its 11.
        let mut rows = vec![
            row("/b/", 15.0, 14),
            row("/c/", 9.0, 11),
            row("/a/", 13.0, 11),
        ];
        sort_by_gap(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(order, ["/a/", "/b/", "/c/"]);
        let report = html(&sample().input(), "Sample");
        assert!(report.contains(&format!("Reading age against target, {ORDER}</h2>")));
        assert!(report.contains(&format!("target per page, {ORDER}</caption>")));
        assert!(!report.contains("hardest first"));
    }

    #[test]
    fn the_report_has_a_table_per_organisation() {
        let s = sample();
        let report = html(&s.input(), "Sample");
        let section = &report[report
            .find("<h2>Services by review date</h2>")
            .expect("the section")..];
        assert!(
            section.contains("<p>4 services; 2 past their review date, from 2 organisations."),
            "{section}"
        );
        let council = section
            .find("<h3>Council &amp; Co</h3>")
            .expect("escaped organisation");
        let trust = section.find("<h3>Trust</h3>").expect("second organisation");
        assert!(council < trust, "the most overdue organisation first");
        assert!(section.contains("<th scope=\"row\">Beta &lt;b&gt;</th><td>content/services/b.yaml</td><td>25 October 2025</td><td>25 October 2026</td><td class=\"n\"><strong class=\"above\">31</strong></td>"), "{section}");
        assert!(section.contains("Delta <small>(left out of the site today)</small></th>"));
        assert!(section.contains("<td class=\"n\">due today</td>"));
        assert!(section.contains("not yet (341 days left)"));
        assert_eq!(section.matches("<table>").count(), 2);
        let empty = Sample::new(&[("_index.md", &page("", "Home.\n"))]);
        assert!(html(&empty.input(), "Sample").contains("<p>The site has no services.</p>"));
    }
}

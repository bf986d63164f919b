//! The readability report: every page's figures as data (`check --format json`) and as one
//! self-contained HTML page (`check --report FILE.html`): a chart of reading age against target,
//! worst first, with a table giving the same figures, and the pages past their review date.

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
                overdue: due.is_none_or(|d| d < today),
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
    rows.sort_by(|a, b| {
        let gap = |r: &Row| r.reading_age - f64::from(r.target);
        gap(b).total_cmp(&gap(a)).then_with(|| a.path.cmp(&b.path))
    });
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
    out.push_str("<h2 id=\"chart-title\">Reading age against target, hardest first</h2>\n");
    out.push_str("<p class=\"key\" aria-hidden=\"true\"><span style=\"background:#a4161a\"></span>above target<span style=\"background:#2b6a3f\"></span>within target<span style=\"background:#1a1a1a;width:3px\"></span>target</p>\n");
    out.push_str(&chart(&rows));
    out.push_str(&table(&rows));
    out.push_str(&review_table(&overdue));
    out.push_str("</main>\n</body>\n</html>\n");
    out
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
    let mut t = String::from("<h2>Figures for every page</h2>\n<table>\n<caption>Reading age (Flesch–Kincaid grade + 5) and target per page, hardest first</caption>\n<thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Reading age</th><th scope=\"col\">Target</th><th scope=\"col\">Reading ease</th><th scope=\"col\">Words</th><th scope=\"col\">Sentences</th><th scope=\"col\">Syllables</th></tr></thead>\n<tbody>\n");
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
            "<tr><th scope=\"row\">{title}<br><small>{path}</small></th><td{mark}>{:.1}{note}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            r.reading_age, r.target, r.fre, r.words, r.sentences, r.syllables,
            title = escape(&r.title),
            path = escape(&r.path),
        ));
    }
    t.push_str("</tbody>\n</table>\n");
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

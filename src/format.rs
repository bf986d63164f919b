//! How numbers and dates are written for readers, in messages and on pages.

/// A date as people read it: "20 November 2026".
pub fn human_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A count with its noun, singular for one: `count(1, "warning")` → "1 warning",
/// `count(1234, "page")` → "1,234 pages" (nouns that add an `s`).
pub fn count(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// `YYYY-MM-DD` as people read it ("1 September 2026"), with the month's name from `month`
/// (given 1–12; the interface words of the site's language). Anything else comes back as written.
pub fn date_in_words(iso: &str, month: impl Fn(u32) -> Option<String>) -> String {
    let Ok(d) = chrono::NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d") else {
        return iso.to_string();
    };
    use chrono::Datelike;
    let name = month(d.month()).unwrap_or_else(|| d.format("%B").to_string());
    format!("{} {name} {}", d.day(), d.year())
}

/// 1234 → "1,234".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_read_naturally() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1_000_000), "1,000,000");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
        assert_eq!(human_date(d), "5 November 2026");
        assert_eq!(count(1, "warning"), "1 warning");
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(1234, "page"), "1,234 pages");
    }

    #[test]
    fn dates_take_the_month_names_given() {
        let welsh = |m: u32| (m == 9).then(|| "Medi".to_string());
        assert_eq!(date_in_words("2026-09-01", welsh), "1 Medi 2026");
        assert_eq!(
            date_in_words("2026-10-01", welsh),
            "1 October 2026",
            "English fills a gap"
        );
        assert_eq!(date_in_words("not a date", welsh), "not a date");
    }
}

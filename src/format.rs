//! How numbers and dates are written for readers, in messages and on pages.

/// A date as people read it: "20 November 2026".
pub fn human_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
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
    }
}

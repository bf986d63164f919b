//! Contacts a parent can tap: UK phone numbers and email addresses written in text become `tel:`
//! (in international form, `+44…`) and `mailto:` links, and bare web addresses become links whose
//! text is the address without its `https://` (a site's name reads better than its scheme). Used
//! on Markdown text (outside links, headings and code) and, as the `tel` filter, by templates.

/// One piece of a text: plain, or a link (its address and its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link { href: String, text: String },
}

/// A UK phone number in international form for `tel:` (`01234 567890` → `+441234567890`);
/// `None` when it is not one (10 or 11 digits starting with 0, or +44 and 9 or 10 digits).
pub fn tel(number: &str) -> Option<String> {
    let t = number.trim();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
    {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let national = if t.starts_with('+') {
        digits
            .strip_prefix("44")?
            .trim_start_matches('0')
            .to_string()
    } else {
        digits.strip_prefix('0')?.to_string()
    };
    ((9..=10).contains(&national.len()) && !national.starts_with('0'))
        .then(|| format!("+44{national}"))
}

/// The text of a link to a bare web address: the address without `https://`, `http://`, `www.`
/// or a final `/`.
pub fn readable_url(url: &str) -> String {
    let u = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.strip_suffix('/').unwrap_or(u).to_string()
}

fn is_email_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The email address around the `@` at byte `at`: (start, end), if it is one.
fn email_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut start = at;
    while start > 0 && is_email_char(b[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b'-')) {
        end += 1;
    }
    while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let domain = std::str::from_utf8(&b[at + 1..end]).ok()?;
    let ok = start < at
        && domain.contains('.')
        && domain.split('.').all(|p| !p.is_empty())
        && !b[start..at].starts_with(b".");
    ok.then_some((start, end))
}

/// The phone number starting at byte `i` (a `0` or `+`): its end, if it is a UK number. Digits
/// may be grouped by single spaces or hyphens.
fn phone_at(b: &[u8], i: usize) -> Option<usize> {
    if i > 0
        && (b[i - 1].is_ascii_alphanumeric()
            || matches!(b[i - 1], b'+' | b'/' | b'.' | b'-' | b':'))
    {
        return None;
    }
    let mut end = i + usize::from(b[i] == b'+');
    let mut last_digit = i;
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_digit() {
            last_digit = end + 1;
            end += 1;
        } else if matches!(c, b' ' | b'-') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
        } else {
            break;
        }
    }
    if last_digit == i || b.get(last_digit).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let text = std::str::from_utf8(&b[i..last_digit]).ok()?;
    tel(text).map(|_| last_digit)
}

/// The bare web address starting at byte `i` (`http://` or `https://`): its end, without the
/// punctuation that ends a sentence.
fn url_at(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i..];
    let scheme = if rest.starts_with(b"https://") {
        8
    } else if rest.starts_with(b"http://") {
        7
    } else {
        return None;
    };
    let mut end = i + scheme;
    while end < b.len() && !b[end].is_ascii_whitespace() && !matches!(b[end], b'<' | b'>' | b'"') {
        end += 1;
    }
    while end > i + scheme && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b')' | b'!' | b'?') {
        end -= 1;
    }
    (end > i + scheme).then_some(end)
}

/// `text` in pieces: its phone numbers, email addresses and bare web addresses as links.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut plain) = (0, 0);
    while i < b.len() {
        let found = match b[i] {
            b'h' => url_at(b, i).map(|end| {
                let url = &text[i..end];
                (i, end, url.to_string(), readable_url(url))
            }),
            b'0' | b'+' => phone_at(b, i).and_then(|end| {
                let number = &text[i..end];
                tel(number).map(|t| (i, end, format!("tel:{t}"), number.to_string()))
            }),
            b'@' => email_at(b, i)
                .filter(|(start, _)| *start >= plain)
                .map(|(start, end)| {
                    let e = &text[start..end];
                    (start, end, format!("mailto:{e}"), e.to_string())
                }),
            _ => None,
        };
        match found {
            Some((start, end, href, link_text)) => {
                if start > plain {
                    out.push(Piece::Text(&text[plain..start]));
                }
                out.push(Piece::Link {
                    href,
                    text: link_text,
                });
                plain = end;
                i = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        out.push(Piece::Text(&text[plain..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, String)> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link { href, text } => Some((href, text)),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn phone_numbers_in_international_form() {
        assert_eq!(tel("01234 000111").as_deref(), Some("+441234000111"));
        assert_eq!(tel("020 7946 0000").as_deref(), Some("+442079460000"));
        assert_eq!(tel("+44 (0)20 7946 0000").as_deref(), Some("+442079460000"));
        assert_eq!(tel("0800 123 4567").as_deref(), Some("+448001234567"));
        assert_eq!(tel("999"), None);
        assert_eq!(tel("2026-09-01"), None);
        assert_eq!(tel("phone me"), None);
    }

    #[test]
    fn numbers_emails_and_addresses_in_text_become_links() {
        let text = "Phone 01234 000111 or email help@sendiass.example. See https://send.anyshire.example/ and https://www.gov.uk/send.";
        assert_eq!(
            links(text),
            vec![
                ("tel:+441234000111".into(), "01234 000111".into()),
                (
                    "mailto:help@sendiass.example".into(),
                    "help@sendiass.example".into()
                ),
                (
                    "https://send.anyshire.example/".into(),
                    "send.anyshire.example".into()
                ),
                ("https://www.gov.uk/send".into(), "gov.uk/send".into()),
            ]
        );
        let p = pieces(text);
        assert_eq!(p[0], Piece::Text("Phone "));
        assert_eq!(p[2], Piece::Text(" or email "));
        assert_eq!(p.last(), Some(&Piece::Text(".")));
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for text in [
            "On 2026-09-01 we had 310 children and 45 on SEN support.",
            "Item 0123 of 45",
            "version 0.1234567890",
            "ref AB01234567890",
        ] {
            assert!(links(text).is_empty(), "{text}: {:?}", links(text));
        }
        assert!(links("an @ sign, or a@b").is_empty());
    }
}

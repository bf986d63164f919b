//! Comma-separated text (RFC 4180): records of fields, each record with the 1-based line it
//! starts on, cells quoted or not (`""` inside quotes is one `"`), lines ending LF or CRLF, and a
//! quoted cell may run over several lines. Also Windows-1252 bytes to text, the encoding of the
//! government's downloads.

/// One record: its first line and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Why a text is not CSV: a quoted cell never closed, or text straight after a closing quote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct CsvError {
    pub line: usize,
    pub what: String,
}

/// Every record of `text` (blank lines skipped), or the first place it stops being CSV.
pub fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) == Some(&b'\n')) {
            i += if b[i] == b'\r' { 2 } else { 1 };
            line += 1;
            continue;
        }
        let start_line = line;
        let mut cells = Vec::new();
        loop {
            let (cell, next, lines) = cell(text, i, line)?;
            cells.push(cell);
            line += lines;
            i = next;
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'\r') if b.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    line += 1;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                None => break,
                Some(_) => {
                    return Err(CsvError {
                        line,
                        what: "text straight after a closing quote; a quote inside a quoted cell is written twice (\"\")".into(),
                    })
                }
            }
            if i >= b.len() {
                // A comma at the very end: one more, empty cell.
                cells.push(String::new());
                break;
            }
        }
        out.push(Record {
            line: start_line,
            cells,
        });
    }
    Ok(out)
}

/// The cell starting at byte `i`: (its text, the byte after it, how many line ends it held).
fn cell(text: &str, i: usize, line: usize) -> Result<(String, usize, usize), CsvError> {
    let b = text.as_bytes();
    if b.get(i) != Some(&b'"') {
        let end = memchr::memchr3(b',', b'\n', b'\r', &b[i..]).map_or(b.len(), |n| i + n);
        // A lone `\r` inside an unquoted cell is kept; only `\r\n` ends a record.
        let mut end = end;
        while b.get(end) == Some(&b'\r') && b.get(end + 1) != Some(&b'\n') {
            end =
                memchr::memchr3(b',', b'\n', b'\r', &b[end + 1..]).map_or(b.len(), |n| end + 1 + n);
        }
        return Ok((text[i..end].to_string(), end, 0));
    }
    let mut s = String::new();
    let (mut j, mut lines) = (i + 1, 0);
    loop {
        let Some(n) = memchr::memchr(b'"', &b[j..]) else {
            return Err(CsvError {
                line,
                what: "a quoted cell is never closed (a `\"` is missing)".into(),
            });
        };
        let part = &text[j..j + n];
        lines += part.matches('\n').count();
        s.push_str(part);
        j += n + 1;
        if b.get(j) == Some(&b'"') {
            s.push('"');
            j += 1;
        } else {
            return Ok((s, j, lines));
        }
    }
}

/// Windows-1252 bytes as text: bytes below 0x80 and 0xA0–0xFF are the same code points as in
/// Latin-1; 0x80–0x9F are the table below (the five bytes it leaves undefined keep their C1 code
/// point, as browsers do).
pub fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if bytes.is_ascii() {
        // Every ASCII byte is its own character.
        return String::from_utf8_lossy(bytes).into_owned();
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(usize, Vec<&'static str>)> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| {
                let c: Vec<&'static str> = r
                    .cells
                    .into_iter()
                    .map(|s| &*Box::leak(s.into_boxed_str()))
                    .collect();
                (r.line, c)
            })
            .collect()
    }

    #[test]
    fn quoted_and_plain_cells_over_crlf_lines() {
        let got = cells("\"URN\",\"Name\"\r\n100001,\"Oak, \"\"the\"\" school\"\r\n\r\n100002,\"Two\r\nlines\"\r\n100003,\r\n");
        assert_eq!(
            got,
            vec![
                (1, vec!["URN", "Name"]),
                (2, vec!["100001", "Oak, \"the\" school"]),
                (4, vec!["100002", "Two\r\nlines"]),
                (6, vec!["100003", ""]),
            ]
        );
    }

    #[test]
    fn broken_quotes_name_their_line() {
        let e = records("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.what.contains("never closed"), "{e}");
        let e = records("a,b\n1,\"x\"y\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.what.contains("after a closing quote"), "{e}");
    }

    #[test]
    fn windows_1252_high_bytes() {
        assert_eq!(
            windows_1252(b"Caf\xe9 \x93quoted\x94 \x80 \x96"),
            "Café “quoted” € –"
        );
        assert_eq!(windows_1252(b"plain"), "plain");
    }
}

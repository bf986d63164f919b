//! Text for the search index: plain text and sections from rendered HTML, words (Unicode-aware,
//! lower case, accents folded), English stems and the edit distance the client uses for typos.
//! The browser client (`themes/default/static/js/search.js`) tokenises queries the same way.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Words left out of the index: too common to tell pages apart. Shipped in the root file so the
/// client drops the same words from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
];

pub fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// A part of a page under one heading (the first has no heading: the text before any).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading's id (empty for the top of the page).
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Splits rendered body HTML into sections at `<h2>`–`<h6>` headings with ids, as plain text.
/// A glossary definition shown in place (`<span class="term-def">`) is left out: its words are
/// the glossary's, not the page's, and would match searches the page is not about.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    // Whether a space is owed before the next word of the current heading or text: spaces are
    // collapsed as text is added, so no second pass over the text is needed.
    let mut space = false;
    let mut rest = html;
    let mut in_heading = false;
    // The element being left out, and how many of its kind are open inside it.
    let mut skip: Option<(&str, usize)> = None;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if skip.is_none() {
            let cur = out.last_mut().expect("there is always a section");
            let target = if in_heading {
                &mut cur.heading
            } else {
                &mut cur.text
            };
            push_text(target, text, &mut space);
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let bare = tag.trim_start_matches('/');
        let len = bare
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bare.len());
        // Tag names are short: lower-cased in a small buffer, without allocating.
        let mut buf = [0u8; 10];
        let name = if len <= buf.len() {
            buf[..len].copy_from_slice(&bare.as_bytes()[..len]);
            buf[..len].make_ascii_lowercase();
            std::str::from_utf8(&buf[..len]).unwrap_or("")
        } else {
            ""
        };
        if let Some((s, depth)) = skip {
            if name == s {
                skip = match (tag.starts_with('/'), depth) {
                    (true, 0) => None,
                    (true, _) => Some((s, depth - 1)),
                    (false, _) => Some((s, depth + 1)),
                };
            }
            continue;
        }
        match name {
            "script" | "style" | "svg" if !tag.starts_with('/') => {
                skip = Some(if name == "script" {
                    ("script", 0)
                } else if name == "style" {
                    ("style", 0)
                } else {
                    ("svg", 0)
                })
            }
            "span" if tag.starts_with(TERM_DEF) => skip = Some(("span", 0)),
            "h2" | "h3" | "h4" | "h5" | "h6" if !tag.starts_with('/') => {
                let anchor = attr(tag, "id").unwrap_or_default();
                out.push(Section {
                    anchor,
                    ..Section::default()
                });
                in_heading = true;
                space = false;
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                in_heading = false;
                space = false;
            }
            "a" | "em" | "strong" | "code" | "span" | "mark" | "b" | "i" | "abbr" | "sup"
            | "sub" | "small" | "del" | "s" | "kbd" | "q" | "dfn" => {}
            // Other tags (blocks, line breaks) separate words.
            _ => space = true,
        }
    }
    let cur = out.last_mut().expect("there is always a section");
    let target = if in_heading {
        &mut cur.heading
    } else {
        &mut cur.text
    };
    push_text(target, rest, &mut space);
    if out.len() > 1 && out[0].text.is_empty() {
        out.remove(0);
    }
    out
}

/// How a glossary definition shown in place starts (see `glossary::matcher`).
const TERM_DEF: &str = "span class=\"term-def\"";

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(decode(&tag[start..start + end]))
}

/// Adds `text` (entities decoded) to `target` with runs of white space as one space, none at
/// the start; `space` carries a space owed from the end of one piece to the next.
fn push_text(target: &mut String, text: &str, space: &mut bool) {
    let decoded;
    let text = if text.contains('&') {
        decoded = decode(text);
        decoded.as_str()
    } else {
        text
    };
    let mut add = |word: &str, space: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *space && !target.is_empty() {
            target.push(' ');
        }
        target.push_str(word);
        *space = false;
    };
    if !text.is_ascii() {
        for (k, word) in text.split(char::is_whitespace).enumerate() {
            if k > 0 {
                *space = true; // white space came before this piece
            }
            add(word, space);
        }
        return;
    }
    // ASCII (most text): split at white space bytes, the same ones `char::is_whitespace` knows.
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            add(&text[start..i], space);
            *space = true;
            start = i + 1;
        }
    }
    add(&text[start..], space);
}

/// Decodes the entities senpack's renderer writes (and numeric ones).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let entity = end.map(|e| &rest[1..e]);
        let ch = match entity {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") | Some("#39") => Some('\''),
            Some("nbsp") => Some(' '),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (ch, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lower-cases a letter and removes its accent (`é` → `e`), as Unicode NFD plus dropping marks
/// does in the client, for the Latin letters that have a decomposition.
pub fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// The words of a text: runs of letters and digits (apostrophes inside a word are dropped, and
/// a final `'s` too), lower case, accents folded.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text` (as [`words`] makes them), reusing one buffer. ASCII
/// bytes are read as bytes; other characters are decoded one at a time.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut cur = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                cur.push(char::from(b.to_ascii_lowercase()));
                i += 1;
                continue;
            }
            (char::from(b), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        i += len;
        if c.is_alphanumeric() {
            cur.push(fold(c));
        } else if c == '\'' || c == '’' {
            // "child's" → "child", "don't" → "dont".
            let mut after = text[i..].chars();
            let next = after.next();
            if !cur.is_empty() && next.is_some_and(char::is_alphanumeric) {
                if matches!(next, Some('s' | 'S'))
                    && !after.next().is_some_and(char::is_alphanumeric)
                {
                    i += 1;
                }
            } else if !cur.is_empty() {
                f(&cur);
                cur.clear();
            }
        } else if is_mark(c) {
            // Combining accents after a letter are dropped, as in the client.
        } else if !cur.is_empty() {
            f(&cur);
            cur.clear();
        }
    }
    if !cur.is_empty() {
        f(&cur);
    }
}

/// Combining diacritical marks (the common block), which NFD splits off letters.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The English (Porter 2) stem of a folded word.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| Stemmer::create(Algorithm::English));
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    stemmer.stem(word).into_owned()
}

/// Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), the
/// measure the client uses for typos.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// How many edits a query word may be away from an indexed word: 1, or 2 from 8 letters.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_lookup() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop("the") && !is_stop("plan"));
    }

    #[test]
    fn words_are_lower_case_without_accents() {
        assert_eq!(
            words("Education, Health and Care (EHC) plan"),
            ["education", "health", "and", "care", "ehc", "plan"]
        );
        assert_eq!(words("Café NAÏVE résumé"), ["cafe", "naive", "resume"]);
        assert_eq!(words("cafe\u{301}"), ["cafe"]);
        assert_eq!(words("your child's SENCO"), ["your", "child", "senco"]);
        assert_eq!(words("don’t 2014 Year-11"), ["dont", "2014", "year", "11"]);
        assert_eq!(words("Ŵales Łódź"), ["wales", "łodz"]);
        assert_eq!(
            words("'Quoted' it's, Ann’S; o'"),
            ["quoted", "it", "ann", "o"]
        );
        assert_eq!(words("naïve’s café's"), ["naive", "cafe"]);
    }

    #[test]
    fn stems_join_forms_of_a_word() {
        assert_eq!(stem("meetings"), stem("meeting"));
        assert_eq!(stem("assessments"), stem("assessment"));
        assert_eq!(stem("complaints"), "complaint");
        assert_eq!(stem("2014"), "2014");
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("dislexia", "dyslexia"), 1);
        assert_eq!(edit_distance("sendco", "senco"), 1);
        assert_eq!(edit_distance("ehpc", "ehcp"), 1, "a swap is one edit");
        assert_eq!(edit_distance("tribunal", "tribunal"), 0);
        assert_eq!(edit_distance("asesment", "assessment"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(typo_budget("ehc"), 0);
        assert_eq!(typo_budget("senco"), 1);
        assert_eq!(typo_budget("dyslexia"), 2);
    }

    #[test]
    fn sections_split_at_headings() {
        let html = "<p>Intro &amp; <a href=\"/x/\">more</a>.</p>\n<h2 id=\"what-is-it\">What <em>is</em> it?</h2>\n<p>Help in school.</p><script>var x = 1;</script><h3 id=\"b\">B</h3><ul><li>one</li><li>two</li></ul>";
        let s = sections(html);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].text, "Intro & more.");
        assert_eq!(s[1].anchor, "what-is-it");
        assert_eq!(s[1].heading, "What is it?");
        assert_eq!(s[1].text, "Help in school.");
        assert_eq!(s[2].text, "one two");
        let spaced = sections("<p> a\u{0B}b\u{A0}c \r\n d </p><p>e\u{2003}é</p>");
        assert_eq!(spaced[0].text, "a b c d e é");
    }

    #[test]
    fn glossary_definitions_are_not_page_text() {
        use crate::glossary::{Glossary, Matcher};
        use crate::markdown::{parse, render_with, Labels, Resolved};
        let g = Glossary::parse(
            "- term: SENCO\n  definition: The teacher who runs <em>extra</em> help.\n",
        )
        .0;
        let m = Matcher::new(&g);
        let md = "Ask the SENCO today.\n\nThe SENCO knows.";
        let linked = |ev| m.link(ev, "/glossary/");
        let html = render_with(parse(md), &Labels::default(), |_| Resolved::Keep, linked).html;
        assert!(html.contains("term-def"), "{html}");
        assert_eq!(
            sections(&html)[0].text,
            "Ask the SENCO today. The SENCO knows."
        );
        let nested = "<p>a <span class=\"term-def\">x <span>y</span> z</span> b</p><p>c</p>";
        assert_eq!(sections(nested)[0].text, "a b c");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode("a &lt;b&gt; &#39;c&#x27; &bogus d&e"),
            "a <b> 'c' &bogus d&e"
        );
    }
}

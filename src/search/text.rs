//! Words for the search index (Unicode-aware, lower case, accents folded), stop words, English
//! stems and the edit distance the client uses for typos.
//! The browser client (`themes/default/static/js/search.js`) tokenises queries the same way.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Words left out of the index: too common to tell pages apart, and the question words of a query
/// asked as a sentence ("who can help me for free" is "help free"). Shipped in the root file so the
/// client drops the same words from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from",
    "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our",
    "should", "that", "the", "their", "them", "there", "they", "this", "to", "was", "we", "were",
    "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
];

pub fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
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

/// Calls `f` with each word of `text` (as [`words`] makes them), reusing one buffer.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    each_word_sliced(text, |w, _| f(w));
}

/// [`each_word`], also giving each word as a slice of `text` when it is one as it stands (ASCII,
/// lower case), so a caller can keep it without copying. ASCII bytes are read as bytes; other
/// characters are decoded one at a time.
pub fn each_word_sliced<'a>(text: &'a str, mut f: impl FnMut(&str, Option<&'a str>)) {
    let mut cur = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if cur.is_empty() && b.is_ascii_alphanumeric() {
            // Most words: ASCII letters and digits up to a plain separator. Such a word is
            // handed on as it stands when it is already lower case.
            let end = bytes[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| i + n);
            if bytes.get(end).is_none_or(|&c| c.is_ascii() && c != b'\'') {
                let word = &text[i..end];
                if word.bytes().any(|c| c.is_ascii_uppercase()) {
                    cur.push_str(word);
                    cur.make_ascii_lowercase();
                    f(&cur, None);
                    cur.clear();
                } else {
                    f(word, Some(word));
                }
                i = end;
                continue;
            }
        }
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
                f(&cur, None);
                cur.clear();
            }
        } else if is_mark(c) {
            // Combining accents after a letter are dropped, as in the client.
        } else if !cur.is_empty() {
            f(&cur, None);
            cur.clear();
        }
    }
    if !cur.is_empty() {
        f(&cur, None);
    }
}

/// Combining diacritical marks (the common block), which NFD splits off letters.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The English (Porter 2) stem of a folded word.
pub fn stem(word: &str) -> String {
    Lang::English.stem(word)
}

/// The language an index is made in: which stemmer (rust-stemmers has one for some
/// languages; the others are indexed as plain words) and which stop words (English only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    English,
    /// A language rust-stemmers has a stemmer for (no stop words).
    Stemmed(Algorithm),
    /// Plain words: no stemmer, no stop words.
    Plain,
}

impl Lang {
    /// The index language of a language tag (`en`, `pl`, `ar`, `ro`, `cy`…).
    pub fn of(code: &str) -> Lang {
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "en" => return Lang::English,
            "ar" => Algorithm::Arabic,
            "da" => Algorithm::Danish,
            "nl" => Algorithm::Dutch,
            "fi" => Algorithm::Finnish,
            "fr" => Algorithm::French,
            "de" => Algorithm::German,
            "el" => Algorithm::Greek,
            "hu" => Algorithm::Hungarian,
            "it" => Algorithm::Italian,
            "no" | "nb" | "nn" => Algorithm::Norwegian,
            "pt" => Algorithm::Portuguese,
            "ro" => Algorithm::Romanian,
            "ru" => Algorithm::Russian,
            "es" => Algorithm::Spanish,
            "sv" => Algorithm::Swedish,
            "ta" => Algorithm::Tamil,
            "tr" => Algorithm::Turkish,
            _ => return Lang::Plain,
        };
        Lang::Stemmed(algorithm)
    }

    /// The stem of a folded word (the word itself when the language has no stemmer, and for
    /// words with digits).
    pub fn stem(self, word: &str) -> String {
        static STEMMERS: OnceLock<std::sync::Mutex<Vec<(usize, &'static Stemmer)>>> =
            OnceLock::new();
        let algorithm = match self {
            Lang::English => Algorithm::English,
            Lang::Stemmed(a) => a,
            Lang::Plain => return word.to_string(),
        };
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        let key = algorithm as usize;
        let stemmer = {
            let mut list = STEMMERS
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            match list.iter().find(|(k, _)| *k == key) {
                Some((_, s)) => *s,
                None => {
                    // One stemmer per language for the life of the process.
                    let s: &'static Stemmer = Box::leak(Box::new(Stemmer::create(algorithm)));
                    list.push((key, s));
                    s
                }
            }
        };
        stemmer.stem(word).into_owned()
    }

    /// Whether a word is left out of this language's index.
    pub fn is_stop(self, word: &str) -> bool {
        self == Lang::English && is_stop(word)
    }

    /// The stop words shipped in the index root for the client.
    pub fn stop_words(self) -> &'static [&'static str] {
        if self == Lang::English {
            STOP_WORDS
        } else {
            &[]
        }
    }
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
    use crate::search::sections::{sections, sections_of_events, Section};

    #[test]
    fn each_language_has_its_stemmer_or_plain_words() {
        assert_eq!(Lang::of("en").stem("meetings"), "meet");
        assert_eq!(
            Lang::of("ro").stem("copiilor"),
            Lang::of("ro").stem("copii")
        );
        assert_ne!(
            Lang::of("ar").stem("المدرسة"),
            "المدرسة",
            "Arabic is stemmed"
        );
        assert_eq!(
            Lang::of("pl").stem("wsparcie"),
            "wsparcie",
            "Polish: plain words"
        );
        assert!(Lang::of("en").is_stop("the") && !Lang::of("pl").is_stop("the"));
        assert!(Lang::of("cy").stop_words().is_empty());
    }

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
        assert_eq!(s[2].text, "one; two");
        let spaced = sections("<p> a\u{0B}b\u{A0}c \r\n d </p><p>e\u{2003}é</p>");
        assert_eq!(spaced[0].text, "a b c d e é");
    }

    #[test]
    fn glossary_definitions_are_not_page_text() {
        use crate::glossary::{Glossary, Matcher};
        use crate::load::markdown::parse;
        use crate::model::links::Resolved;
        use crate::render::markdown::{render_with, Labels};
        let g = Glossary::parse(
            "- term: SENCO\n  definition: The teacher who runs <em>extra</em> help.\n",
        )
        .0;
        let m = Matcher::new(&g).expect("matcher");
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

    /// The sections read from a body's events against those read back from its HTML.
    fn both_ways(md: &str, glossary: &crate::glossary::Glossary) -> (Vec<Section>, Vec<Section>) {
        use crate::load::markdown::parse;
        use crate::model::links::Resolved;
        use crate::render::markdown::{render_with, Labels};
        let m = crate::glossary::Matcher::new(glossary).expect("matcher");
        let mut from_events = Vec::new();
        let linked = |ev| {
            let ev = m.link(ev, "/glossary/");
            from_events = sections_of_events(&ev);
            ev
        };
        let html = render_with(parse(md), &Labels::default(), |_| Resolved::Keep, linked).html;
        (from_events, sections(&html))
    }

    #[test]
    fn sections_from_events_match_sections_from_html() {
        let g = crate::glossary::Glossary::parse(
            "- term: Special educational needs\n  abbr: SEN\n  definition: Extra <help> & more.\n",
        )
        .0;
        let md = "Intro with SEN &amp; AT&T, `a <b> &lt;` and *em*, **strong**, ~~old~~ text.\n\
            Soft\nbreak and hard  \nbreak.[^n] Again[^m] and[^n].\n\n\
            # Title one\n\n## Second {#custom .cls}\n\n\
            ![Alt *with* SEN[^z] text](a.png \"Title\") after image.\n\n\
            - [ ] task\n- [x] done\n   1. nested\n\n\
            > [!TIP]\n> Callout body.\n\n> Plain quote.\n\n\
            | A | B |\n|---|:-:|\n| one | two |\n\n\
            ```rust\nlet x = 1 < 2 && true;\n```\n\n    indented code\n\n***\n\n\
            [Link *text*](other.md) and <https://example.org> end.\n\n\
            [^n]: The note.\n[^m]: Another.\n\n### Third\n\nLast.";
        let (events, html) = both_ways(md, &g);
        assert_eq!(events, html);
        assert!(events.iter().any(|s| s.anchor == "custom"), "{events:?}");
        assert!(
            events.iter().any(|s| s.text.contains("The note.")),
            "{events:?}"
        );
    }

    #[test]
    fn sections_from_events_match_for_every_shipped_page() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let glossary = std::fs::read_to_string(root.join("content/glossary.yaml")).unwrap();
        let g = crate::glossary::Glossary::parse(&glossary).0;
        let mut pages = 0;
        for e in walkdir::WalkDir::new(root.join("content")) {
            let e = e.unwrap();
            if e.path().extension().is_none_or(|x| x != "md") {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap();
            let body = text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
                .map_or(text.as_str(), |(_, b)| b);
            let (events, html) = both_ways(body, &g);
            assert_eq!(events, html, "{}", e.path().display());
            pages += 1;
        }
        assert!(pages > 20, "{pages}");
    }
}

//! Text for the search index: plain text and sections from rendered HTML, words (Unicode-aware,
//! lower case, accents folded), English stems and the edit distance the client uses for typos.
//! The browser client (`themes/default/static/js/search.js`) tokenises queries the same way.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
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
    let mut text = SectionText::default();
    text.html(html);
    text.finish()
}

/// The same sections as [`sections`] gives for the HTML that pulldown-cmark writes for
/// `events`, read from the events themselves: text needs no tags skipped or entities decoded.
/// Only HTML events are read as HTML (in a build, the renderer's own markup: a page with raw
/// HTML of its own is read from its cleaned HTML instead).
pub fn sections_of_events(events: &[Event<'_>]) -> Vec<Section> {
    let mut text = SectionText::default();
    // Footnote numbers, given in order of first use as the HTML writer gives them.
    let mut numbers: Vec<&str> = Vec::new();
    fn number<'e>(numbers: &mut Vec<&'e str>, name: &'e str) -> usize {
        match numbers.iter().position(|n| *n == name) {
            Some(i) => i + 1,
            None => {
                numbers.push(name);
                numbers.len()
            }
        }
    }
    // Nesting inside an image (its text is the `alt` attribute) or a metadata block (not written).
    let mut image = 0usize;
    let mut hidden = false;
    for ev in events {
        if image > 0 {
            match ev {
                Event::Start(_) => image += 1,
                Event::End(_) => image -= 1,
                Event::FootnoteReference(name) => {
                    number(&mut numbers, name);
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Text(t) if !hidden => text.text(t),
            Event::Text(_) => {}
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => text.text(t),
            Event::Html(h) | Event::InlineHtml(h) => text.html(h),
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => {
                text.gap()
            }
            Event::FootnoteReference(name) => text.text(&number(&mut numbers, name).to_string()),
            Event::Start(Tag::Image { .. }) => {
                text.gap();
                image = 1;
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                text.gap();
                text.text(&number(&mut numbers, name).to_string());
            }
            Event::Start(Tag::Heading { level, id, .. }) if *level != HeadingLevel::H1 => {
                text.heading_start(id.as_deref().unwrap_or(""))
            }
            Event::End(TagEnd::Heading(level)) if *level != HeadingLevel::H1 => text.heading_end(),
            Event::Start(Tag::MetadataBlock(_)) => hidden = true,
            Event::End(TagEnd::MetadataBlock(_)) => hidden = false,
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::HtmlBlock,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::HtmlBlock,
            ) => {}
            // Every other tag is a block: it separates words.
            Event::Start(_) | Event::End(_) => text.gap(),
        }
    }
    text.finish()
}

/// A page's text gathered into sections, from HTML or from text as it reads.
struct SectionText {
    out: Vec<Section>,
    /// Whether a space is owed before the next word of the current heading or text: spaces
    /// are collapsed as text is added, so no second pass over the text is needed.
    space: bool,
    in_heading: bool,
    /// The element being left out, and how many of its kind are open inside it.
    skip: Option<(&'static str, usize)>,
}

impl Default for SectionText {
    fn default() -> Self {
        SectionText {
            out: vec![Section::default()],
            space: false,
            in_heading: false,
            skip: None,
        }
    }
}

impl SectionText {
    fn target(&mut self) -> (&mut String, &mut bool) {
        let cur = self.out.last_mut().expect("there is always a section");
        let target = if self.in_heading {
            &mut cur.heading
        } else {
            &mut cur.text
        };
        (target, &mut self.space)
    }

    /// Text as it reads (no entities).
    fn text(&mut self, text: &str) {
        if self.skip.is_none() {
            let (target, space) = self.target();
            push_plain(target, text, space);
        }
    }

    /// A break between words (a block or a line break).
    fn gap(&mut self) {
        if self.skip.is_none() {
            self.space = true;
        }
    }

    fn heading_start(&mut self, anchor: &str) {
        if self.skip.is_none() {
            self.out.push(Section {
                anchor: anchor.to_string(),
                ..Section::default()
            });
            self.in_heading = true;
            self.space = false;
        }
    }

    fn heading_end(&mut self) {
        if self.skip.is_none() {
            self.in_heading = false;
            self.space = false;
        }
    }

    /// A piece of HTML: tags and escaped text.
    fn html(&mut self, html: &str) {
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            if self.skip.is_none() {
                let (target, space) = self.target();
                push_text(target, &rest[..lt], space);
            }
            let Some(gt) = rest[lt..].find('>') else {
                break;
            };
            let tag = &rest[lt + 1..lt + gt];
            rest = &rest[lt + gt + 1..];
            self.tag(tag);
        }
        if self.skip.is_none() {
            let (target, space) = self.target();
            push_text(target, rest, space);
        }
    }

    /// One tag (what is between `<` and `>`).
    fn tag(&mut self, tag: &str) {
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
        let closing = tag.starts_with('/');
        if let Some((s, depth)) = self.skip {
            if name == s {
                self.skip = match (closing, depth) {
                    (true, 0) => None,
                    (true, _) => Some((s, depth - 1)),
                    (false, _) => Some((s, depth + 1)),
                };
            }
            return;
        }
        match name {
            "script" if !closing => self.skip = Some(("script", 0)),
            "style" if !closing => self.skip = Some(("style", 0)),
            "svg" if !closing => self.skip = Some(("svg", 0)),
            "span" if tag.starts_with(TERM_DEF) => self.skip = Some(("span", 0)),
            "h2" | "h3" | "h4" | "h5" | "h6" if !closing => {
                self.heading_start(&attr(tag, "id").unwrap_or_default())
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => self.heading_end(),
            "a" | "em" | "strong" | "code" | "span" | "mark" | "b" | "i" | "abbr" | "sup"
            | "sub" | "small" | "del" | "s" | "kbd" | "q" | "dfn" => {}
            // Other tags (blocks, line breaks) separate words.
            _ => self.space = true,
        }
    }

    fn finish(mut self) -> Vec<Section> {
        if self.out.len() > 1 && self.out[0].text.is_empty() {
            self.out.remove(0);
        }
        self.out
    }
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
    if text.contains('&') {
        push_plain(target, &decode(text), space);
    } else {
        push_plain(target, text, space);
    }
}

/// [`push_text`] for text without entities.
fn push_plain(target: &mut String, text: &str, space: &mut bool) {
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
    let b = text.as_bytes();
    // Most text has single spaces between words and no other white space: copied whole.
    let single_spaced = memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(b'\x0B', b'\x0C', b).is_none()
        && memchr::memmem::find(b, b"  ").is_none();
    if single_spaced {
        let core = match text.strip_prefix(' ') {
            Some(rest) => {
                *space = true;
                rest
            }
            None => text,
        };
        match core.strip_suffix(' ') {
            Some(core) => {
                add(core, space);
                *space = true;
            }
            None => add(core, space),
        }
        return;
    }
    // Other ASCII: white space bytes are the ones `char::is_whitespace` knows. Runs of words
    // with single spaces between them are copied whole.
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let mut i = 0;
    while i < b.len() {
        if ws(b[i]) {
            *space = true;
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < b.len() && !ws(b[i]) {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b' ' && !ws(b[i + 1]) {
                i += 1;
            } else {
                break;
            }
        }
        add(&text[start..i], space);
    }
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

    #[test]
    fn text_pieces_join_with_single_spaces() {
        let mut t = String::from("x");
        let mut space = false;
        push_plain(&mut t, " a b ", &mut space);
        assert_eq!((t.as_str(), space), ("x a b", true));
        push_plain(&mut t, "c  d\te", &mut space);
        push_plain(&mut t, "f", &mut space);
        assert_eq!((t.as_str(), space), ("x a b c d ef", false));
        push_plain(&mut t, " ", &mut space);
        push_plain(&mut t, "g\u{A0}h", &mut space);
        assert_eq!(t, "x a b c d ef g h");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode("a &lt;b&gt; &#39;c&#x27; &bogus d&e"),
            "a <b> 'c' &bogus d&e"
        );
    }
}

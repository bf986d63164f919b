//! A page's text in sections (one per heading) for the search index, read from the final
//! Markdown events or, for a cleaned body, from its HTML — the two readings must agree.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

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
            Event::End(TagEnd::Item) => text.item_end(),
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
    /// A list item just ended: the next words get a `;` before them (see [`SectionText::item_end`]).
    item: bool,
    /// The element being left out, and how many of its kind are open inside it.
    skip: Option<(&'static str, usize)>,
}

impl Default for SectionText {
    fn default() -> Self {
        SectionText {
            out: vec![Section::default()],
            space: false,
            in_heading: false,
            item: false,
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
            self.after_item(text);
            let (target, space) = self.target();
            push_plain(target, text, space);
        }
    }

    /// Before words that follow a list item: the `;` that keeps the item apart from them.
    fn after_item(&mut self, text: &str) {
        if self.item && !text.trim().is_empty() {
            self.item = false;
            let (target, _) = self.target();
            if target.ends_with(|c: char| c.is_alphanumeric() || c == ')' || c == '"') {
                target.push(';');
            }
        }
    }

    /// A break between words (a block or a line break).
    fn gap(&mut self) {
        if self.skip.is_none() {
            self.space = true;
        }
    }

    /// The end of a list item: when more words follow, a `;` after it unless it ends in
    /// punctuation of its own, so items read apart in a result's excerpt ("autism; cognition
    /// and learning").
    fn item_end(&mut self) {
        if self.skip.is_none() {
            self.item = true;
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
            self.item = false;
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
                self.after_item(&rest[..lt]);
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
            self.after_item(rest);
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
            "li" if closing => self.item_end(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn list_items_stay_apart_in_excerpts() {
        let html = "<ul><li>communication and interaction, and autism</li><li>cognition and learning.</li><li>health (sight)</li></ul><p>After</p>";
        let got = sections(html);
        assert_eq!(
            got[0].text,
            "communication and interaction, and autism; cognition and learning. health (sight); After"
        );
        let md = "- communication and interaction, and autism\n- cognition and learning.\n- health (sight)\n\nAfter\n";
        let events: Vec<_> = pulldown_cmark::Parser::new(md).collect();
        assert_eq!(sections_of_events(&events)[0].text, got[0].text);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode("a &lt;b&gt; &#39;c&#x27; &bogus d&e"),
            "a <b> 'c' &bogus d&e"
        );
    }
}

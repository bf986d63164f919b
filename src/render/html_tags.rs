//! Finding the tags of an HTML fragment (raw HTML written in Markdown), with the byte spans of
//! their names and attribute values, so a caller can rewrite single values and leave every other
//! byte as written. Follows the HTML tokenizer's rules for tags, attributes, comments and the
//! elements whose content is text (`script`, `style`, `textarea`…); it builds no tree.

use std::ops::Range;

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The attribute's name, lower-cased.
    pub name: String,
    /// The value as written (character references not decoded), without its quotes.
    pub value: Range<usize>,
    /// The value with its quotes, if it has a value (`None` for `<p hidden>`).
    pub written: Option<Range<usize>>,
    /// The quote around the value: `"`, `'`, or `None` when unquoted or absent.
    pub quote: Option<char>,
}

/// A start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag's name, lower-cased.
    pub name: String,
    /// Where the name is written.
    pub name_at: Range<usize>,
    pub end: bool,
    /// Attributes of a start tag (an end tag's are never kept).
    pub attrs: Vec<Attr>,
    /// The whole tag, from its `<` to its `>`.
    pub span: Range<usize>,
}

/// Elements whose content the tokenizer reads as text up to their end tag.
const TEXT_ELEMENTS: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Every complete tag of `html`, in order. Comments, `<!…>` and `<?…>` declarations, text, the
/// content of text elements and a tag left open at the end of the fragment give none.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(lt) = find(b, at, b"<") {
        at = lt + 1;
        match b.get(at) {
            Some(b'!') if b[at..].starts_with(b"!--") => {
                at = find(b, at + 3, b"-->").map_or(b.len(), |i| i + 3);
            }
            Some(b'!' | b'?') => at = find(b, at, b">").map_or(b.len(), |i| i + 1),
            Some(b'/') if b.get(at + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let Some((tag, next)) = tag_at(html, at + 1, true) else {
                    break;
                };
                out.push(tag);
                at = next;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((tag, next)) = tag_at(html, at, false) else {
                    break;
                };
                at = next;
                if TEXT_ELEMENTS.contains(&tag.name.as_str()) {
                    at = end_of_text(html, at, &tag.name);
                } else if tag.name == "plaintext" {
                    at = b.len();
                }
                out.push(tag);
            }
            _ => {}
        }
    }
    out
}

fn find(b: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(what.len())
        .position(|w| w == what)
        .map(|i| from + i)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the content of text element `name` opened at `from` ends: at its end tag.
fn end_of_text(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(i) = find(b, at, b"</") {
        let after = i + 2 + name.len();
        let same = b
            .get(i + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if same
            && b.get(after)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return i;
        }
        at = i + 2;
    }
    b.len()
}

/// The tag whose name starts at `start`, and where reading goes on after its `>`; `None` when
/// the fragment ends inside the tag.
fn tag_at(html: &str, start: usize, end: bool) -> Option<(Tag, usize)> {
    let b = html.as_bytes();
    let mut at = start;
    while at < b.len() && !is_space(b[at]) && b[at] != b'/' && b[at] != b'>' {
        at += 1;
    }
    let name_at = start..at;
    let mut attrs = Vec::new();
    loop {
        while at < b.len() && (is_space(b[at]) || b[at] == b'/') {
            at += 1;
        }
        match b.get(at)? {
            b'>' => break,
            _ => {
                let (attr, next) = attr_at(b, at)?;
                attrs.push(attr);
                at = next;
            }
        }
    }
    let lt = start - if end { 2 } else { 1 };
    let tag = Tag {
        name: html[name_at.clone()].to_ascii_lowercase(),
        name_at,
        end,
        attrs: if end { Vec::new() } else { attrs },
        span: lt..at + 1,
    };
    Some((tag, at + 1))
}

/// The attribute starting at `start` and where reading goes on; `None` when the fragment ends
/// inside a quoted value.
fn attr_at(b: &[u8], start: usize) -> Option<(Attr, usize)> {
    // An attribute's name may start with `=`; after that it ends at a space, `/`, `>` or `=`.
    let mut at = start + 1;
    while at < b.len() && !is_space(b[at]) && !matches!(b[at], b'/' | b'>' | b'=') {
        at += 1;
    }
    let name = String::from_utf8_lossy(&b[start..at]).to_ascii_lowercase();
    let mut after_name = at;
    while after_name < b.len() && is_space(b[after_name]) {
        after_name += 1;
    }
    if b.get(after_name) != Some(&b'=') {
        let attr = Attr {
            name,
            value: at..at,
            written: None,
            quote: None,
        };
        return Some((attr, at));
    }
    at = after_name + 1;
    while at < b.len() && is_space(b[at]) {
        at += 1;
    }
    let (value, written, quote, next) = match b.get(at)? {
        &q @ (b'"' | b'\'') => {
            let close = find(b, at + 1, &[q])?;
            (at + 1..close, at..close + 1, Some(q as char), close + 1)
        }
        _ => {
            let mut end = at;
            while end < b.len() && !is_space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            (at..end, at..end, None, end)
        }
    };
    let attr = Attr {
        name,
        value,
        written: Some(written),
        quote,
    };
    Some((attr, next))
}

/// `html` with each `(span, text)` edit made (spans in order, not overlapping).
pub fn splice(html: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(html.len() + edits.len() * 16);
    let mut at = 0;
    for (span, text) in edits {
        out.push_str(&html[at..span.start]);
        out.push_str(text);
        at = span.end;
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tags(html)
            .into_iter()
            .map(|t| format!("{}{}", if t.end { "/" } else { "" }, t.name))
            .collect()
    }

    #[test]
    fn attributes_are_found_in_every_quoting() {
        let html = "<DIV Id=\"a\" class='b c' data-x=d hidden\ntitle = \"e > f\">x</DIV>";
        let t = tags(html);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].name, "div");
        assert!(t[1].end);
        let got: Vec<(&str, &str, Option<char>)> = t[0]
            .attrs
            .iter()
            .map(|a| (a.name.as_str(), &html[a.value.clone()], a.quote))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "a", Some('"')),
                ("class", "b c", Some('\'')),
                ("data-x", "d", None),
                ("hidden", "", None),
                ("title", "e > f", Some('"')),
            ]
        );
        assert_eq!(t[0].attrs[3].written, None);
        assert_eq!(
            &html[t[0].span.clone()],
            &html[..html.find(">x").unwrap() + 1]
        );
        assert_eq!(&html[t[1].span.clone()], "</DIV>");
        assert_eq!(&html[t[0].attrs[1].written.clone().unwrap()], "'b c'");
    }

    #[test]
    fn comments_text_elements_and_open_tags_give_no_tags() {
        assert_eq!(
            names("<!-- <h2 id=x> --><p>a < b</p><!DOCTYPE html><?x <i>?>"),
            ["p", "/p"]
        );
        assert_eq!(
            names("<script>if (a <b) { '<h2 id=\"x\">' }</script ><textarea><h2></textarea><b>"),
            ["script", "/script", "textarea", "/textarea", "b"]
        );
        assert_eq!(names("<p>ok</p><a href=\"x"), ["p", "/p"]);
        assert_eq!(names("<p>ok</p><a href=x"), ["p", "/p"]);
    }

    #[test]
    fn edits_replace_only_their_spans() {
        let html = "<a href=\"#x\">#x</a>";
        let t = tags(html);
        let span = t[0].attrs[0].value.clone();
        assert_eq!(
            splice(html, &[(span, "#p-x".into())]),
            "<a href=\"#p-x\">#x</a>"
        );
    }
}

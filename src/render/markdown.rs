//! Markdown events (from `load::markdown`) to HTML with internal links rewritten to URLs, GitHub-style alerts as accessible
//! call-outs, fenced code highlighted by syntect (class-based CSS) and tables made scrollable.
//! Link targets are resolved by the caller, so this module never looks at other pages or the disk.

use crate::load::markdown::{escape, scheme_of, Heading, Parsed, ALLOWED_SCHEMES};
use crate::model::links::Resolved;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// A link the renderer could not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub target: String,
    pub message: String,
    pub hint: String,
}

/// The rendered body of a page.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<LinkProblem>,
    /// Whether the body had raw HTML (sanitised unless the site trusts its content).
    pub had_raw_html: bool,
    /// Link and image targets with a `#fragment`, with their byte offsets in the body, so the
    /// caller can check anchors once every page's headings are known.
    pub anchored_links: Vec<(usize, String)>,
    /// Acronyms the glossary does not explain, with their byte offsets in the body (filled by
    /// the build, which knows the glossary; read by the acronym check).
    pub unknown_acronyms: Vec<(usize, String)>,
    /// Links whose text does not say where they go, with their byte offsets (filled by the
    /// build; read by the link-text check).
    pub vague_links: Vec<(usize, String)>,
    /// First uses of old glossary terms: byte offset, glossary entry, the words as written
    /// (filled by the build; read by the superseded-term check).
    pub superseded_terms: Vec<(usize, usize, String)>,
    /// Images with no alt text, by the byte offset of their `!` (filled by the build; read by
    /// the alt-text check).
    pub images_without_alt: Vec<usize>,
}

/// Words the renderer prints itself (call-out titles), from the theme's interface words.
#[derive(Debug, Clone)]
pub struct Labels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    pub table: String,
    /// After a translation's link to a page in the site's own language: "in English".
    pub in_default_language: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
            table: "Table".into(),
            in_default_language: "in English".into(),
        }
    }
}

/// Renders parsed events to HTML. `resolve` decides each link and image target.
pub fn render<'a>(
    parsed: Parsed<'a>,
    labels: &Labels,
    resolve: impl FnMut(&str) -> Resolved,
) -> Rendered {
    render_with(parsed, labels, resolve, |events| events)
}

/// Like [`render`], passing the finished events (links resolved, raw HTML flagged) through
/// `transform` before they become HTML: the hook for page transforms such as glossary linking.
pub fn render_with<'a>(
    parsed: Parsed<'a>,
    labels: &Labels,
    resolve: impl FnMut(&str) -> Resolved,
    transform: impl FnOnce(Vec<Event<'a>>) -> Vec<Event<'a>>,
) -> Rendered {
    let Parsed { events, headings } = parsed;
    let mut rewrite = Rewrite {
        labels,
        resolve,
        out: Vec::with_capacity(events.len()),
        problems: Vec::new(),
        anchored_links: Vec::new(),
        had_raw_html: false,
        code: None,
        tables: 0,
        open_links: Vec::new(),
        heading: false,
        fallbacks: Vec::new(),
    };
    // Adjacent text (split by the parser at entities such as an escaped fact's `&#45;`) is one
    // text, so a phone number or email address in it is seen whole.
    let mut pending: Option<(String, usize)> = None;
    for (event, range) in events {
        match event {
            Event::Text(t) => match &mut pending {
                Some((buf, _)) => buf.push_str(&t),
                None => pending = Some((t.into_string(), range.start)),
            },
            other => {
                if let Some((buf, at)) = pending.take() {
                    rewrite.event(Event::Text(buf.into()), at);
                }
                rewrite.event(other, range.start);
            }
        }
    }
    if let Some((buf, at)) = pending.take() {
        rewrite.event(Event::Text(buf.into()), at);
    }
    let html = to_html(transform(rewrite.out));
    Rendered {
        html,
        headings,
        problems: rewrite.problems,
        had_raw_html: rewrite.had_raw_html,
        anchored_links: rewrite.anchored_links,
        unknown_acronyms: Vec::new(),
        vague_links: Vec::new(),
        images_without_alt: Vec::new(),
        superseded_terms: Vec::new(),
    }
}

/// One body's events on their way to HTML: links resolved, alerts, tables and code made into
/// senpack's markup, raw HTML noted.
struct Rewrite<'a, 'l, R> {
    labels: &'l Labels,
    resolve: R,
    out: Vec<Event<'a>>,
    problems: Vec<LinkProblem>,
    anchored_links: Vec<(usize, String)>,
    had_raw_html: bool,
    /// (language, text) of an open fenced block.
    code: Option<(String, String)>,
    tables: usize,
    /// For each open link or image: whether its start was written (a refused target is not).
    open_links: Vec<bool>,
    /// Inside a heading (its text is not made into contact links).
    heading: bool,
    /// For each open link or image whose start was written: whether it falls back to a page in
    /// the site's own language ([`Resolved::Fallback`]).
    fallbacks: Vec<bool>,
}

impl<'a, R: FnMut(&str) -> Resolved> Rewrite<'a, '_, R> {
    /// Takes the event at byte `offset` of the body.
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.code.is_some() {
            self.code_event(event);
            return;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(dest_url) = self.target(dest_url, offset) {
                    self.out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(dest_url) = self.target(dest_url, offset) {
                    self.out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if self.open_links.pop().unwrap_or(true) {
                    self.out.push(Event::End(end));
                    if self.fallbacks.pop().unwrap_or(false) && end == TagEnd::Link {
                        // A translation's link to a page only in the site's own language.
                        self.out.push(Event::Html(
                            format!(
                                " <span class=\"lang-note\">({})</span>",
                                escape(&self.labels.in_default_language)
                            )
                            .into(),
                        ));
                    }
                }
            }
            // Heading attributes (`{key=value}`) are not part of senpack's Markdown: only the
            // `{#id}` and `{.class}` forms reach the HTML, so no Markdown can add an event
            // handler or any other attribute.
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.heading = true;
                self.out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }))
            }
            Event::End(end @ TagEnd::Heading(_)) => {
                self.heading = false;
                self.out.push(Event::End(end));
            }
            Event::Text(t) => self.text(t),
            Event::Start(Tag::BlockQuote(Some(kind))) => self.callout(kind),
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.out.push(Event::Html("</div>\n".into()))
            }
            Event::Start(Tag::CodeBlock(kind)) => self.code = Some((language(kind), String::new())),
            Event::Start(Tag::Table(align)) => self.table(align),
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html("</div>\n".into()));
            }
            raw @ (Event::Html(_) | Event::InlineHtml(_)) => {
                self.had_raw_html = true;
                self.out.push(raw);
            }
            other => self.out.push(other),
        }
    }

    /// Text: outside links and headings, its phone numbers, email addresses and bare web
    /// addresses become links (`render::contacts`); a link whose text is its own web address
    /// (`<https://…>`, `[https://…](https://…)`) shows it without the scheme.
    fn text(&mut self, t: CowStr<'a>) {
        if !self.open_links.is_empty() {
            let autolink = matches!(
                self.out.last(),
                Some(Event::Start(Tag::Link { dest_url, .. }))
                    if dest_url.as_ref() == t.as_ref() && dest_url.starts_with("http")
            );
            let t = if autolink {
                crate::render::contacts::readable_url(&t).into()
            } else {
                t
            };
            self.out.push(Event::Text(t));
            return;
        }
        if self.heading {
            self.out.push(Event::Text(t));
            return;
        }
        let pieces = crate::render::contacts::pieces(&t);
        if let [crate::render::contacts::Piece::Text(_)] | [] = pieces.as_slice() {
            self.out.push(Event::Text(t));
            return;
        }
        for piece in pieces {
            match piece {
                crate::render::contacts::Piece::Text(s) => {
                    self.out.push(Event::Text(s.to_string().into()))
                }
                crate::render::contacts::Piece::Link { href, text } => {
                    self.out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: href.into(),
                        title: "".into(),
                        id: "".into(),
                    }));
                    self.out.push(Event::Text(text.into()));
                    self.out.push(Event::End(TagEnd::Link));
                }
            }
        }
    }

    /// Inside a code block: its text is gathered, and at its end highlighted.
    fn code_event(&mut self, event: Event<'a>) {
        match event {
            Event::Text(t) => {
                if let Some((_, buf)) = &mut self.code {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = self.code.take() {
                    self.out.push(Event::Html(highlight(&lang, &text).into()));
                }
            }
            _ => {}
        }
    }

    /// A link or image target at `offset`, resolved; `None` (the start left out, a problem
    /// noted) when its scheme is not allowed.
    fn target(&mut self, dest: CowStr<'a>, offset: usize) -> Option<CowStr<'a>> {
        let Some(dest) = allowed(dest, offset, &mut self.problems) else {
            self.open_links.push(false);
            return None;
        };
        // A `tel:` link written with a UK number in national form dials it in international form.
        if let Some(t) = dest
            .strip_prefix("tel:")
            .and_then(crate::render::contacts::tel)
        {
            self.open_links.push(true);
            self.fallbacks.push(false);
            return Some(format!("tel:{t}").into());
        }
        note_anchor(&dest, offset, &mut self.anchored_links);
        let mut fallback = false;
        let url = apply(
            &mut self.resolve,
            dest,
            offset,
            &mut self.problems,
            &mut fallback,
        );
        self.open_links.push(true);
        self.fallbacks.push(fallback);
        Some(url)
    }

    /// A GitHub-style alert's start: an accessible call-out with its title.
    fn callout(&mut self, kind: BlockQuoteKind) {
        let (class, label) = callout(kind, self.labels);
        self.out.push(Event::Html(
            format!(
                "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
                escape(label)
            )
            .into(),
        ));
    }

    /// A table's start, inside a numbered region that scrolls.
    fn table(&mut self, align: Vec<pulldown_cmark::Alignment>) {
        self.tables += 1;
        self.out.push(Event::Html(
            format!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{} {}\">\n",
                escape(&self.labels.table),
                self.tables
            )
            .into(),
        ));
        self.out.push(Event::Start(Tag::Table(align)));
    }
}

/// A code block's language: the first word of a fence's info string.
fn language(kind: CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(l) => l.split_whitespace().next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

/// Easy Read bodies keep their line breaks: one idea a line, as written (the break after a
/// block's picture is dropped: the picture sits beside the lines).
pub fn lines_kept(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut after_picture = false;
    for e in events {
        let picture_end = matches!(e, Event::End(TagEnd::Image));
        match e {
            Event::SoftBreak if after_picture => {}
            Event::SoftBreak => out.push(Event::HardBreak),
            e => out.push(e),
        }
        after_picture = picture_end;
    }
    out
}

/// The events as HTML, rendered into a reused buffer and copied out at its exact size: every
/// page's HTML is kept until the build ends, and per-page growing buffers would fragment the heap.
fn to_html(events: Vec<Event>) -> String {
    SCRATCH.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        pulldown_cmark::html::push_html(&mut buf, events.into_iter());
        buf.as_str().to_owned()
    })
}

thread_local! {
    static SCRATCH: std::cell::RefCell<String> = std::cell::RefCell::new(String::with_capacity(64 * 1024));
}

fn note_anchor(dest: &str, offset: usize, list: &mut Vec<(usize, String)>) {
    if dest.contains('#') {
        list.push((offset, dest.to_string()));
    }
}

fn apply<'a>(
    resolve: &mut impl FnMut(&str) -> Resolved,
    dest: CowStr<'a>,
    offset: usize,
    problems: &mut Vec<LinkProblem>,
    fallback: &mut bool,
) -> CowStr<'a> {
    match resolve(&dest) {
        Resolved::Url(u) => u.into(),
        Resolved::Fallback(u) => {
            *fallback = true;
            u.into()
        }
        Resolved::Keep => dest,
        Resolved::Broken(message, hint) => {
            problems.push(LinkProblem {
                offset,
                target: dest.to_string(),
                message,
                hint,
            });
            dest
        }
    }
}

/// A link or image target, or `None` (with a problem noted) when its scheme is not allowed.
fn allowed<'a>(
    dest: CowStr<'a>,
    offset: usize,
    problems: &mut Vec<LinkProblem>,
) -> Option<CowStr<'a>> {
    match scheme_of(&dest) {
        Some(scheme) if !ALLOWED_SCHEMES.contains(&scheme.as_str()) => {
            problems.push(LinkProblem {
                offset,
                target: dest.to_string(),
                message: format!(
                    "link to `{dest}`: `{scheme}:` links are not allowed (they can run code or hide what they open), so the link is left out"
                ),
                hint: "link with http://, https://, mailto: or tel:, or to a page's .md file or a file in content/ by its path".into(),
            });
            None
        }
        _ => Some(dest),
    }
}

fn callout(kind: BlockQuoteKind, labels: &Labels) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &labels.note),
        BlockQuoteKind::Tip => ("tip", &labels.tip),
        BlockQuoteKind::Important => ("important", &labels.important),
        BlockQuoteKind::Warning => ("warning", &labels.warning),
        BlockQuoteKind::Caution => ("caution", &labels.caution),
    }
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights a code block; unknown languages are escaped as plain text.
fn highlight(lang: &str, code: &str) -> String {
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    let ss = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| ss.find_syntax_by_token(lang))
        .flatten();
    let body = match syntax {
        Some(syntax) => {
            let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
            let ok = LinesWithEndings::from(code)
                .all(|line| gen.parse_html_for_line_which_includes_newline(line).is_ok());
            if ok {
                gen.finalize()
            } else {
                escape(code)
            }
        }
        None => escape(code),
    };
    format!("<pre class=\"code\" tabindex=\"0\"><code{lang_attr}>{body}</code></pre>\n")
}

/// The stylesheet for highlighted code, written to `/syntax.css`.
pub fn syntax_css() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::markdown::{parse, slugify};

    fn html(md: &str) -> Rendered {
        render(parse(md), &Labels::default(), |t| {
            if t == "ok.md" {
                Resolved::Url("/ok/".into())
            } else if t.ends_with(".md") {
                Resolved::Broken("missing".into(), "fix".into())
            } else {
                Resolved::Keep
            }
        })
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slugify("What is SEN support?"), "what-is-sen-support");
        assert_eq!(slugify("  Sections B, F & I "), "sections-b-f-i");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = html("## Why?\n\n## Why?\n\n### Time `limits`\n");
        assert!(r.html.contains("<h2 id=\"why\">Why?</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"why-2\">"));
        assert_eq!(r.headings[2].id, "time-limits");
        assert_eq!(r.headings[2].level, 3);
    }

    #[test]
    fn links_are_rewritten_or_reported() {
        let r = html("See [a](ok.md) and [b](gone.md).");
        assert!(r.html.contains("href=\"/ok/\""));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].target, "gone.md");
        assert_eq!(r.problems[0].offset, 19);
    }

    #[test]
    fn alerts_become_callouts() {
        let r = html("> [!TIP]\n> Ask for notes.\n");
        assert!(
            r.html
                .contains("<div class=\"callout callout-tip\" role=\"note\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p class=\"callout-title\">Tip</p>"));
        assert!(!r.html.contains("blockquote"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = html("```rust\nfn main() {}\n```\n");
        assert!(r.html.contains("<span class=\"hl-"), "{}", r.html);
        let plain = html("```\n<b>\n```\n");
        assert!(plain.html.contains("&lt;b&gt;"));
    }

    #[test]
    fn gfm_extensions_render() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n");
        assert!(r.html.contains(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">"
        ));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    /// Every tag's attributes in `html`, as (tag, attribute name, value).
    fn attributes(html: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').expect("tags are closed");
            let tag = &rest[..end];
            rest = &rest[end..];
            let name: String = tag.chars().take_while(|c| c.is_alphanumeric()).collect();
            let mut attrs = tag[name.len()..].trim_end_matches('/');
            while let Some(eq) = attrs.find("=\"") {
                let key = attrs[..eq].trim().to_string();
                let after = &attrs[eq + 2..];
                let close = after.find('"').expect("values are quoted");
                out.push((name.clone(), key, after[..close].to_string()));
                attrs = &after[close + 1..];
            }
        }
        out
    }

    /// No Markdown construct but raw HTML can put markup in a page: every construct, fed hostile
    /// text, gives only tags and attributes from this list, with no handler or script address.
    /// (Pages with raw HTML are cleaned by `sanitize`; the rest are safe by this.)
    #[test]
    fn no_markdown_but_raw_html_makes_markup() {
        // Quotes to break out of attributes, and tags written as entities (decoded into text).
        let evil = "\" onmouseover=alert(1) x=' &lt;script&gt;alert(1)&lt;/script&gt;&#60;img src=x onerror=alert(1)>";
        let md = format!(
            "## Welcome {{tabindex=0 autofocus onfocus=alert(1)}}\n\n\
             ## Also {{#main .x onclick=alert(1) style=color:red data-x=\"y\"}}\n\n\
             Setext {evil}\n---\n\n\
             Text {evil} *em {evil}* **strong** ~~del {evil}~~ `code {evil}`\n\n\
             [link {evil}](https://ok.example/a\"b 't\" onmouseover=alert(1) x=\"')\n\
             [js](javascript://%0aalert(1)) [vb](vbscript:msgbox) [data](data:text/html,%3Cscript%3E)\n\
             [ent](&#106;avascript:alert(1)) [up](JAVASCRIPT:alert(1))\n\
             ![img](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E) ![ok](pic.png \"t\\\" onerror=alert(1)\")\n\
             <javascript:alert(1)> <vbscript:x> <https://ok.example> <a@b.example>\n\
             [ref][r] [bad ref][b]\n\n[r]: https://ok.example 't\" onmouseover=x'\n[b]: javascript:alert(1)\n\n\
             > quote {evil}\n\n> [!WARNING]\n> alert {evil}\n\n\
             - [x] task {evil}\n- item\n\n3. ordered\n\n\
             | a {evil} | b |\n|:--|--:|\n| {evil} | c |\n\n\
             Footnote[^{evil}].\n\n[^{evil}]: note {evil}\n\n\
             ```{evil}\ncode {evil}\n```\n\n    indented {evil}\n\n\
             Line  \nbreak\\\nhard\n\n***\n"
        );
        let r = html(&md);
        assert!(!r.had_raw_html, "the fixture has no raw HTML");
        let out = &r.html;
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img src=x"), "{out}");
        for (tag, key, value) in attributes(out) {
            let ok_tag = [
                "h2", "a", "img", "div", "p", "table", "th", "td", "input", "sup", "pre", "code",
                "span", "ol", "li", "em",
            ];
            assert!(ok_tag.contains(&tag.as_str()), "<{tag}> in {out}");
            let ok_key = [
                "id",
                "class",
                "href",
                "src",
                "alt",
                "title",
                "type",
                "checked",
                "disabled",
                "role",
                "tabindex",
                "aria-label",
                "style",
                "start",
            ];
            assert!(ok_key.contains(&key.as_str()), "{key}= on <{tag}> in {out}");
            if key == "style" {
                assert!(value.starts_with("text-align: "), "{value}");
            }
            if key == "href" || key == "src" {
                assert!(
                    scheme_of(&value).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str())),
                    "{key}={value} in {out}"
                );
            }
        }
        assert!(
            !out.contains("onfocus") && !out.contains("tabindex=\"0\" autofocus"),
            "{out}"
        );
        // Each refused target is a problem at its own offset; its text stays, as text.
        let refused: Vec<&str> = r.problems.iter().map(|p| p.target.as_str()).collect();
        assert_eq!(refused.len(), 9, "{refused:?}");
        assert!(out.contains("js vb data\nent up\nimg <img"), "{out}");
        assert!(out.contains("<h2 id=\"welcome\">"), "{out}");
        assert!(out.contains("<h2 id=\"h-main\" class=\"x\">"), "{out}");
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(
            scheme_of(" \u{1}Java\nScript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("mailto:a@b").as_deref(), Some("mailto"));
        assert_eq!(scheme_of("../a.md#b:c"), None);
        assert_eq!(scheme_of("a.md?x=y:z"), None);
        assert_eq!(scheme_of("//cdn.example/a"), None);
    }

    #[test]
    fn headings_never_take_a_theme_id() {
        let r = html("## Main\n\n## Item 1\n\n## x {#toc-title}\n\n## Main\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["h-main", "h-item-1", "h-toc-title", "h-main-2"]);
    }

    #[test]
    fn raw_html_is_flagged() {
        assert!(html("<script>x</script>\n").had_raw_html);
        assert!(!html("plain").had_raw_html);
    }
}

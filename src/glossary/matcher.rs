//! Finding glossary words in text in linear time (two Aho–Corasick automata for the whole
//! glossary: spellings matched by case, and the rest), and linking the first use of each in a page
//! body as a Markdown event transform.
//! (Over 400 lines: the automata and the linking state machine share the private spelling and
//! candidate tables; a third of the file is the limits that keep a hostile glossary cheap.)

use super::Glossary;
use crate::diagnostics::Code;
use crate::load::markdown::escape;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// One way of writing an entry.
#[derive(Debug, Clone)]
struct Spelling {
    entry: usize,
    exact: String,
    case_sensitive: bool,
    /// Place in the glossary (entries in file order, then their spellings): where two
    /// spellings match the same text, the first wins.
    order: usize,
}

/// A glossary word found in text: byte range and entry index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
    /// The spelling matched (lower-cased unless it is matched case-sensitively).
    pub key: String,
}

/// One automaton over some of the glossary's spellings.
struct Automaton {
    ac: AhoCorasick,
    /// Spellings per pattern (spellings written the same, or the same ignoring ASCII case in
    /// the case-insensitive automaton, share a pattern).
    spellings: Vec<Vec<Spelling>>,
}

/// A match of one automaton: end and pattern (the start is known from context).
#[derive(Clone, Copy)]
struct Candidate {
    end: usize,
    pattern: usize,
}

/// The glossary's automata; build once per build and share between threads. Spellings matched
/// by case (abbreviations: "EHCP", "SpLD") have an automaton of their own, so that "er" inside
/// "teacher" is never even a candidate for the abbreviation "ER".
pub struct Matcher<'g> {
    pub glossary: &'g Glossary,
    /// `[case-sensitive, case-insensitive]`; `None` when no spelling is of that kind.
    automata: [Option<Automaton>; 2],
}

/// At most this many spellings (terms, abbreviations and `also:` entries) in the glossary.
pub const MAX_SPELLINGS: usize = 20_000;
/// At most this many bytes in all spellings together.
pub const MAX_PATTERN_BYTES: usize = 512 * 1024;
/// Up to this many pattern bytes per automaton, a DFA (the fastest search; its memory is about
/// 1 KB per pattern byte); above it, a contiguous NFA, whose memory stays a few dozen bytes per
/// pattern byte.
const DFA_PATTERN_BYTES: usize = 16 * 1024;

/// Why the glossary's words cannot be made into a matcher.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the glossary has {count} spellings (terms, abbreviations and `also:` entries); the limit is {MAX_SPELLINGS}")]
    TooManySpellings { count: usize },
    #[error(
        "the glossary's spellings add up to {bytes} bytes; the limit is {MAX_PATTERN_BYTES} bytes"
    )]
    TooManyBytes { bytes: usize },
    #[error("the glossary's words cannot be searched for: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
}

impl BuildError {
    /// The error as a diagnostic on the glossary file.
    pub fn diagnostic(&self) -> crate::diagnostics::Diagnostic {
        crate::diagnostics::Diagnostic::error(Code::Glossary, super::FILE, self.to_string()).with_hint(
            "keep the glossary to the words your pages use; see docs/FORMATS.md, section \"Glossary\", for the limits",
        )
    }
}

/// Checks the glossary is within [`MAX_SPELLINGS`] and [`MAX_PATTERN_BYTES`].
pub fn check_limits(glossary: &Glossary) -> Result<(), BuildError> {
    let count: usize = glossary.entries.iter().map(|e| e.spellings().count()).sum();
    if count > MAX_SPELLINGS {
        return Err(BuildError::TooManySpellings { count });
    }
    let bytes: usize = glossary
        .entries
        .iter()
        .flat_map(|e| e.spellings())
        .map(str::len)
        .sum();
    if bytes > MAX_PATTERN_BYTES {
        return Err(BuildError::TooManyBytes { bytes });
    }
    Ok(())
}

/// Collapses runs of white space to one space.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A single word with a capital after its first letter ("SENCo", "SpLD") is matched by case.
pub fn looks_like_acronym(s: &str) -> bool {
    !s.contains(' ') && s.chars().skip(1).any(|c| c.is_uppercase())
}

impl<'g> Matcher<'g> {
    /// A matcher that finds nothing (used when the glossary's matcher cannot be built; that
    /// error is reported on its own).
    pub fn empty(glossary: &'g Glossary) -> Matcher<'g> {
        Matcher {
            glossary,
            automata: [None, None],
        }
    }

    /// Builds the automata, refusing a glossary above [`MAX_SPELLINGS`] or [`MAX_PATTERN_BYTES`].
    pub fn new(glossary: &'g Glossary) -> Result<Matcher<'g>, BuildError> {
        check_limits(glossary)?;
        // Per kind (case-sensitive, not): pattern index by key, patterns, spellings per pattern.
        type Kind = (HashMap<String, usize>, Vec<String>, Vec<Vec<Spelling>>);
        let mut kinds: [Kind; 2] = Default::default();
        let mut order = 0;
        for (i, e) in glossary.entries.iter().enumerate() {
            for s in e.spellings() {
                let exact = normalise(s);
                if exact.is_empty() {
                    continue;
                }
                let case_sensitive = Some(s) == e.abbr.as_deref() || looks_like_acronym(&exact);
                let (index, patterns, spellings) = &mut kinds[usize::from(!case_sensitive)];
                let key = if case_sensitive {
                    exact.clone()
                } else {
                    exact.to_ascii_lowercase()
                };
                let p = *index.entry(key).or_insert_with(|| {
                    patterns.push(exact.clone());
                    spellings.push(Vec::new());
                    patterns.len() - 1
                });
                spellings[p].push(Spelling {
                    entry: i,
                    exact,
                    case_sensitive,
                    order,
                });
                order += 1;
            }
        }
        let mut automata = [None, None];
        for (slot, (_, patterns, spellings)) in automata.iter_mut().zip(kinds) {
            let Some(case_sensitive) = spellings
                .first()
                .and_then(|s| s.first())
                .map(|s| s.case_sensitive)
            else {
                continue;
            };
            let size: usize = patterns.iter().map(String::len).sum();
            let kind = if size <= DFA_PATTERN_BYTES {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(!case_sensitive)
                .start_kind(StartKind::Both)
                .kind(Some(kind))
                .build(&patterns)?;
            *slot = Some(Automaton { ac, spellings });
        }
        Ok(Matcher { glossary, automata })
    }

    /// Heap bytes used by the automata.
    pub fn memory_usage(&self) -> usize {
        self.automata
            .iter()
            .flatten()
            .map(|a| a.ac.memory_usage())
            .sum()
    }

    fn is_empty(&self) -> bool {
        self.automata.iter().all(Option::is_none)
    }

    /// Every glossary word in `text`, left to right, not overlapping; the longest wins.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        // Each automaton's next match at or after `pos` (`None` inside: no more), once searched.
        let mut next: [Option<Option<aho_corasick::Match>>; 2] = [None, None];
        let mut pos = 0;
        while pos < text.len() {
            for (k, aut) in self.automata.iter().enumerate() {
                if next[k].is_some_and(|m| m.is_some_and(|m| m.start() < pos)) {
                    next[k] = None;
                }
                if next[k].is_none() {
                    next[k] = Some(
                        aut.as_ref()
                            .and_then(|a| a.ac.find(Input::new(text).span(pos..text.len()))),
                    );
                }
            }
            let Some(start) = next.iter().flatten().flatten().map(|m| m.start()).min() else {
                break;
            };
            if text[..start].chars().next_back().is_some_and(is_word_char) {
                // Inside a word ("plan" in "explanation"): nothing can start before it ends.
                let end = text[start..]
                    .find(|c: char| !is_word_char(c))
                    .map_or(text.len(), |e| start + e);
                pos = end.max(next_char(text, start));
                continue;
            }
            let at = next.map(|m| {
                m.flatten()
                    .filter(|m| m.start() == start)
                    .map(|m| Candidate {
                        end: m.end(),
                        pattern: m.pattern().as_usize(),
                    })
            });
            match self.accept(text, start, at) {
                Some(f) => {
                    pos = f.end;
                    found.push(f);
                }
                None => pos = next_char(text, start),
            }
        }
        found
    }

    /// The longest candidate at `start` that passes its checks (case, the word boundary at its
    /// end), trying shorter words at the same start when the longest fails.
    fn accept(&self, text: &str, start: usize, mut at: [Option<Candidate>; 2]) -> Option<Found> {
        loop {
            // The longer candidate first; of two the same length, the one first in the glossary.
            let rank = |k: usize| {
                at[k].map(|c| {
                    let first = self.spellings(k, c.pattern).first().map_or(0, |s| s.order);
                    (c.end, std::cmp::Reverse(first))
                })
            };
            let k = if rank(1) > rank(0) { 1 } else { 0 };
            let c = at[k]?;
            if let Some(f) = self.verify(k, text, start, c) {
                return Some(f);
            }
            let ac = &self.automata[k].as_ref()?.ac;
            let shorter = Input::new(text)
                .span(start..c.end - 1)
                .anchored(Anchored::Yes);
            at[k] = ac.find(shorter).map(|m| Candidate {
                end: m.end(),
                pattern: m.pattern().as_usize(),
            });
        }
    }

    fn spellings(&self, kind: usize, pattern: usize) -> &[Spelling] {
        self.automata[kind]
            .as_ref()
            .map_or(&[], |a| &a.spellings[pattern])
    }

    fn verify(&self, kind: usize, text: &str, start: usize, c: Candidate) -> Option<Found> {
        let slice = &text[start..c.end];
        let s = self
            .spellings(kind, c.pattern)
            .iter()
            .find(|s| !s.case_sensitive || s.exact == slice)?;
        let rest = &text[c.end..];
        let mut chars = rest.chars();
        let end = match chars.next() {
            None => c.end,
            Some(ch) if !is_word_char(ch) => c.end,
            // A plural: "EHCPs", "statements".
            Some('s') if !chars.next().is_some_and(is_word_char) => c.end + 1,
            Some(_) => return None,
        };
        let key = if s.case_sensitive {
            s.exact.clone()
        } else {
            s.exact.to_ascii_lowercase()
        };
        Some(Found {
            start,
            end,
            entry: s.entry,
            key,
        })
    }

    /// Links the first use of each glossary entry in a page's events to `glossary_url#id`, with
    /// the definition shown in place: once per entry, whichever of its spellings comes first, so
    /// a term written with its abbreviation ("special educational needs (SEN)") is one link.
    /// Skips headings, links, images, code and raw HTML.
    pub fn link<'a>(&self, events: Vec<Event<'a>>, glossary_url: &str) -> Vec<Event<'a>> {
        self.link_with_ids(events, glossary_url, "")
    }

    /// [`Matcher::link`], starting the id of every definition it shows with `id_prefix`
    /// (`part-2-` makes `part-2-gl-def-1`, named by its term's `aria-describedby`).
    pub fn link_with_ids<'a>(
        &self,
        events: Vec<Event<'a>>,
        glossary_url: &str,
        id_prefix: &str,
    ) -> Vec<Event<'a>> {
        if self.is_empty() {
            return events;
        }
        let mut state = LinkState {
            matcher: self,
            url: glossary_url,
            id_prefix,
            seen: HashSet::new(),
            count: 0,
        };
        let mut out = Vec::with_capacity(events.len() + 16);
        let mut run: Vec<Event<'a>> = Vec::new();
        let mut skip = 0usize;
        let mut raw = 0usize;
        for ev in events {
            let open = skip == 0 && raw == 0;
            match ev {
                Event::Text(_) | Event::SoftBreak if open => run.push(ev),
                other => {
                    state.flush(&mut run, &mut out);
                    match &other {
                        Event::Start(t) if skipped(t) => skip += 1,
                        Event::End(t) if skipped_end(t) => skip = skip.saturating_sub(1),
                        Event::InlineHtml(h) => raw = html_depth(raw, h),
                        Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => raw = 0,
                        _ => {}
                    }
                    out.push(other);
                }
            }
        }
        state.flush(&mut run, &mut out);
        out
    }
}

struct LinkState<'m, 'g> {
    matcher: &'m Matcher<'g>,
    url: &'m str,
    id_prefix: &'m str,
    /// Entries linked already on this page.
    seen: HashSet<usize>,
    count: usize,
}

impl LinkState<'_, '_> {
    /// Joins a run of text (line breaks become spaces) and links its first uses.
    fn flush<'a>(&mut self, run: &mut Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
        if run.is_empty() {
            return;
        }
        let mut text = String::new();
        for ev in run.iter() {
            match ev {
                Event::Text(t) => text.push_str(t),
                _ => text.push(' '),
            }
        }
        let urls = url_spans(&text);
        let found: Vec<Found> = self
            .matcher
            .find(&text)
            .into_iter()
            .filter(|f| !urls.iter().any(|u| f.start < u.end && u.start < f.end))
            .filter(|f| self.seen.insert(f.entry))
            .collect();
        if found.is_empty() {
            out.append(run);
            return;
        }
        run.clear();
        let mut at = 0;
        for f in found {
            if f.start > at {
                out.push(Event::Text(text[at..f.start].to_string().into()));
            }
            out.push(Event::InlineHtml(
                self.markup(&text[f.start..f.end], f.entry).into(),
            ));
            at = f.end;
        }
        if at < text.len() {
            out.push(Event::Text(text[at..].to_string().into()));
        }
    }

    fn markup(&mut self, shown: &str, entry: usize) -> String {
        self.count += 1;
        let g = self.matcher.glossary;
        let e = &g.entries[entry];
        let id = format!("{}gl-def-{}", self.id_prefix, self.count);
        let name = match &e.abbr {
            Some(a) => format!("{} ({a})", e.term),
            None => e.term.clone(),
        };
        let replaced = e
            .superseded_by
            .as_ref()
            .map(|new| format!(" Now called: {new}."))
            .unwrap_or_default();
        format!(
            "<span class=\"term\" tabindex=\"-1\"><a class=\"term-link\" href=\"{url}#{anchor}\" aria-describedby=\"{id}\">{shown}</a><span class=\"term-def\" id=\"{id}\" role=\"tooltip\"><span class=\"term-name\">{name}:</span> {def}{replaced}</span></span>",
            url = escape(self.url),
            anchor = escape(&e.id),
            shown = escape(shown),
            name = escape(&name),
            def = escape(&e.definition),
            replaced = escape(&replaced),
        )
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .map_or(text.len(), |c| i + c.len_utf8())
}

/// Where web and mail addresses written as plain text are (`https://…`, `www.…`, `name@host`):
/// runs of non-space characters around `://`, starting `www.`, or holding an `@`. A term inside
/// one is not linked, so the address stays whole.
fn url_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // Most text has no address: one scan for the characters every address has.
    if !text.contains([':', '@', '.']) {
        return out;
    }
    let mut at = 0;
    for word in text.split(|c: char| c.is_ascii_whitespace()) {
        let start = at;
        at += word.len() + 1;
        let bare = word.trim_start_matches(['(', '"', '\'']);
        let www = bare
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."));
        let mailto = bare
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
        if www || mailto || word.contains("://") || (word.contains('@') && word.contains('.')) {
            out.push(start..start + word.len());
        }
    }
    out
}

fn skipped(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::CodeBlock(_)
            | Tag::MetadataBlock(_)
    )
}

fn skipped_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::CodeBlock
            | TagEnd::MetadataBlock(_)
    )
}

const VOID: &[&str] = &[
    "br", "img", "hr", "wbr", "input", "source", "col", "area", "embed",
];

/// Tracks how deep inside inline raw HTML elements the text is.
fn html_depth(depth: usize, tag: &str) -> usize {
    let t = tag.trim();
    if t.starts_with("</") {
        return depth.saturating_sub(1);
    }
    let name: String = t
        .trim_start_matches('<')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || t.ends_with("/>") || VOID.contains(&name.as_str()) {
        depth
    } else {
        depth + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::markdown::parse;

    fn glossary() -> Glossary {
        Glossary::parse(
            "- term: Education, Health and Care plan\n  abbr: EHCP\n  also: [EHC plan]\n  definition: A legal plan.\n\
             - term: EHC needs assessment\n  definition: A check by the council.\n\
             - term: Education, Health and Care\n  abbr: EHC\n  definition: The three kinds of help.\n\
             - term: Statement of special educational needs\n  also: [statement]\n  definition: The old plan.\n  superseded_by: Education, Health and Care plan\n\
             - term: Special educational needs\n  abbr: SEN\n  definition: Extra help to learn.\n\
             - term: Specific learning difficulty\n  abbr: SpLD\n  definition: Like dyslexia.\n",
        )
        .0
    }

    fn html(md: &str) -> String {
        let g = glossary();
        let m = Matcher::new(&g).expect("matcher");
        // pulldown-cmark's own HTML writer: these tests are about the events the matcher makes,
        // not about senpack's renderer.
        let events = parse(md).events.into_iter().map(|(e, _)| e).collect();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, m.link(events, "/glossary/").into_iter());
        out
    }

    fn words(text: &str) -> Vec<String> {
        let g = glossary();
        Matcher::new(&g)
            .expect("matcher")
            .find(text)
            .into_iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn addresses_written_as_text_stay_whole() {
        let out = html("Read https://send.example.org/SEN-support/EHCP or www.SEN.example/EHCP or write to SEN@council.example. Then SEN and EHCP.\n\nAn autolink <https://x.example/EHCP>.\n");
        for url in [
            "https://send.example.org/SEN-support/EHCP",
            "www.SEN.example/EHCP",
            "SEN@council.example.",
        ] {
            assert!(out.contains(url), "{url} was split: {out}");
        }
        assert!(
            out.contains("href=\"https://x.example/EHCP\">https://x.example/EHCP</a>"),
            "{out}"
        );
        // The first uses outside the addresses are still linked.
        assert!(
            out.contains(">SEN</a>") && out.contains(">EHCP</a>"),
            "{out}"
        );
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            words("Ask for an EHC needs assessment now."),
            ["EHC needs assessment"]
        );
        assert_eq!(words("The EHC plan and EHC."), ["EHC plan", "EHC"]);
    }

    #[test]
    fn abbreviations_match_case_sensitively_terms_do_not() {
        assert!(words("ehcp sen Sen").is_empty());
        assert_eq!(words("an ehc Needs Assessment"), ["ehc Needs Assessment"]);
        assert_eq!(words("Her SpLD and SPLD"), ["SpLD"]);
    }

    #[test]
    fn word_boundaries_are_respected_and_plurals_allowed() {
        assert!(words("SENCO, ASEN, SENs1, understatement").is_empty());
        assert_eq!(words("Two EHCPs and statements."), ["EHCPs", "statements"]);
        assert_eq!(words("(EHCP)"), ["EHCP"]);
        // A longer word that fails its boundary falls back to a shorter one at the same place.
        assert_eq!(words("the EHC planning"), ["EHC"]);
    }

    #[test]
    fn text_two_spellings_share_goes_to_the_first_in_the_glossary() {
        let entries = |g: &Glossary, text: &str| -> Vec<usize> {
            Matcher::new(g)
                .expect("matcher")
                .find(text)
                .iter()
                .map(|f| f.entry)
                .collect()
        };
        let word_first = Glossary::parse(
            "- term: Ark\n  definition: A boat.\n- term: Another Real Kit\n  abbr: ARK\n  definition: A kit.\n",
        )
        .0;
        assert_eq!(entries(&word_first, "ARK and ark"), [0, 0]);
        let abbr_first = Glossary::parse(
            "- term: Another Real Kit\n  abbr: ARK\n  definition: A kit.\n- term: Ark\n  definition: A boat.\n",
        )
        .0;
        assert_eq!(entries(&abbr_first, "ARK and ark"), [0, 1]);
    }

    #[test]
    fn first_use_only_and_across_line_breaks() {
        let h = html("An EHC needs\nassessment first. Then another EHC needs assessment.\n");
        assert_eq!(h.matches("class=\"term-link\"").count(), 1, "{h}");
        assert!(h.contains("href=\"/glossary/#ehc-needs-assessment\" aria-describedby=\"gl-def-1\">EHC needs assessment</a>"), "{h}");
        assert!(h.contains("<span class=\"term-def\" id=\"gl-def-1\" role=\"tooltip\"><span class=\"term-name\">EHC needs assessment:</span> A check by the council.</span>"), "{h}");
    }

    #[test]
    fn each_term_is_linked_once_a_page_whichever_spelling_comes_first() {
        let h = html("Children with special educational needs (SEN) get help. SEN support is for SEN.\n\nAn EHC plan, then an EHCP, then the Education, Health and Care plan.\n");
        assert_eq!(h.matches("class=\"term-link\"").count(), 2, "{h}");
        assert!(h.contains("\">special educational needs</a>"), "{h}");
        assert!(
            h.contains("</span></span> (SEN) get help"),
            "the abbreviation beside its term is not linked: {h}"
        );
        assert!(h.contains("\">EHC plan</a>"), "{h}");
        assert!(!h.contains("\">EHCP</a>"), "{h}");
    }

    #[test]
    fn definition_ids_take_the_given_prefix() {
        let g = glossary();
        let m = Matcher::new(&g).expect("matcher");
        let events = parse("SEN and an EHCP.\n")
            .events
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        let mut h = String::new();
        let linked = m.link_with_ids(events, "https://x.example/glossary/", "part-3-");
        pulldown_cmark::html::push_html(&mut h, linked.into_iter());
        for n in [1, 2] {
            assert!(
                h.contains(&format!("aria-describedby=\"part-3-gl-def-{n}\"")),
                "{h}"
            );
            assert!(h.contains(&format!("id=\"part-3-gl-def-{n}\"")), "{h}");
        }
        assert!(!h.contains("\"gl-def-"), "{h}");
        assert!(
            h.contains("href=\"https://x.example/glossary/#special-educational-needs\""),
            "{h}"
        );
    }

    #[test]
    fn never_inside_headings_links_code_images_or_html() {
        let h = html("## About EHCP\n\n[EHCP guide](x.md) `EHCP` ![EHCP](a.png) <b>EHCP</b>\n\n```\nEHCP\n```\n\n> [!NOTE]\n> Text.\n");
        assert!(!h.contains("term-link"), "{h}");
        let later = html("## EHCP\n\n[EHCP](x.md) then EHCP.\n");
        assert_eq!(later.matches("term-link").count(), 1, "{later}");
        assert!(
            later.contains("then <span class=\"term\" tabindex=\"-1\">"),
            "{later}"
        );
    }

    #[test]
    fn superseded_terms_link_to_their_entry_and_name_the_new_term() {
        let h = html("Her statement.\n");
        assert!(h.contains("#statement-of-special-educational-needs"), "{h}");
        assert!(
            h.contains("Now called: Education, Health and Care plan."),
            "{h}"
        );
    }

    #[test]
    fn abbreviation_shows_its_full_term_and_text_is_escaped() {
        let h = html("A <i>x</i> & EHCP.\n");
        assert!(
            h.contains("Education, Health and Care plan (EHCP):</span>"),
            "{h}"
        );
        assert!(
            h.contains("&amp; <span class=\"term\" tabindex=\"-1\">"),
            "{h}"
        );
    }

    fn generated(n: usize) -> Glossary {
        let entries = (0..n)
            .map(|i| crate::glossary::Entry {
                term: format!("glossary term number {i} of a long list"),
                abbr: Some(format!("GT{i}")),
                also: vec![format!("term {i} spelled another way")],
                definition: "A word.".into(),
                see: None,
                superseded_by: None,
                id: format!("t{i}"),
                line: 0,
                item: i,
            })
            .collect();
        Glossary {
            entries,
            ..Glossary::default()
        }
    }

    #[test]
    fn a_large_glossary_builds_in_memory_linear_in_its_words() {
        let g = generated(6_000);
        let bytes: usize = g
            .entries
            .iter()
            .flat_map(|e| e.spellings())
            .map(str::len)
            .sum();
        assert!(bytes > 300_000 && bytes < MAX_PATTERN_BYTES, "{bytes}");
        let m = Matcher::new(&g).expect("within the limits");
        // A DFA would take about 1 KB per pattern byte; the NFA a few dozen bytes.
        assert!(
            m.memory_usage() < 64 * bytes,
            "{} bytes for {bytes}",
            m.memory_usage()
        );
        let found = m.find("See glossary term number 5999 of a long list, and GT12.");
        assert_eq!(
            found.iter().map(|f| f.entry).collect::<Vec<_>>(),
            vec![5999, 12]
        );
    }

    #[test]
    fn a_glossary_above_the_limits_is_an_error_not_an_automaton() {
        let g = generated(MAX_SPELLINGS / 3 + 1);
        let e = Matcher::new(&g).err().expect("over the limit");
        assert_eq!(
            e.to_string(),
            format!("the glossary has {} spellings (terms, abbreviations and `also:` entries); the limit is 20000", 3 * (MAX_SPELLINGS / 3 + 1))
        );
    }
}

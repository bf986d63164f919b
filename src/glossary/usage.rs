//! How a page body uses the glossary's words, read from its Markdown events while it is
//! rendered: acronyms nothing explains, and first uses of superseded terms.

use crate::glossary::{Glossary, Matcher};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// Calls `f(offset, text)` for each run of prose text among parsed events (not code or images).
fn prose_of<'e, E>(events: impl Iterator<Item = (E, Range<usize>)>, mut f: impl FnMut(usize, &str))
where
    E: std::borrow::Borrow<Event<'e>>,
{
    let mut skip = 0usize;
    for (ev, range) in events {
        match ev.borrow() {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                skip += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) if skip == 0 => f(range.start, t),
            _ => {}
        }
    }
}

/// The acronyms in a parsed body that `known` (see [`known_words`]) does not hold and no
/// glossary term around them explains, first use of each, with their byte offsets. Done while
/// the body is rendered, so the check needs no second parse.
pub fn unknown_acronyms(
    events: &[(Event<'_>, Range<usize>)],
    known: &HashSet<String>,
    matcher: &Matcher,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    prose_of(
        events.iter().map(|(e, r)| (e, r.clone())),
        |offset, text| {
            let mut candidates = acronyms(text)
                .into_iter()
                .filter(|(_, w)| !known.contains(*w))
                .peekable();
            if candidates.peek().is_none() {
                return;
            }
            // Only texts with an unknown acronym pay for the glossary search.
            let found = matcher.find(text);
            for (i, word) in candidates {
                let inside = found.iter().any(|f| f.start <= i && i < f.end);
                if !inside && seen.insert(word.to_string()) {
                    out.push((offset + i, word.to_string()));
                }
            }
        },
    );
    out
}

/// Words of 2–6 capital letters (an `s` plural allowed) in `text`, with their byte offsets.
pub fn acronyms(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // Most text has no two capitals in a row: a quick byte scan settles it.
    let upper = |b: &u8| b.is_ascii_uppercase();
    if !text
        .as_bytes()
        .windows(2)
        .any(|w| upper(&w[0]) && upper(&w[1]))
    {
        return out;
    }
    let mut start = None;
    let bytes = text.as_bytes();
    // A dot between letters or digits joins them into one dotted name (`GOV.UK`, `NHS.uk`): a
    // name, not an acronym.
    let joins = |i: usize, c: char| {
        c == '.' && i > 0 && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    };
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (
            c.is_alphanumeric() || (start.is_some() && joins(i, c)),
            start,
        ) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                let bare = word
                    .strip_suffix('s')
                    .filter(|b| b.len() >= 2)
                    .unwrap_or(word);
                if (2..=6).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_uppercase()) {
                    out.push((s, bare));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Every spelling the glossary defines, and the acronyms a site allows without one.
pub fn known_words(glossary: &Glossary, allowed: &[String]) -> HashSet<String> {
    glossary
        .entries
        .iter()
        .flat_map(|e| e.spellings().map(str::to_string).collect::<Vec<_>>())
        .chain(allowed.iter().cloned())
        .collect()
}

/// The first use of each old term (an entry with `superseded_by`) in a parsed body: byte
/// offset, entry and the words as written. Lines of one paragraph are read as one text, so a
/// term broken over two lines is found. Done while the body is rendered.
pub fn superseded_uses(
    events: &[(Event<'_>, Range<usize>)],
    matcher: &Matcher,
) -> Vec<(usize, usize, String)> {
    let g = matcher.glossary;
    let mut out = Vec::new();
    if g.entries.iter().all(|e| e.superseded_by.is_none()) {
        return out;
    }
    let mut seen = HashSet::new();
    // The current run of text, and where each of its pieces starts: (in the run, in the body).
    let mut run = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut flush = |run: &mut String, pieces: &mut Vec<(usize, usize)>| {
        for f in matcher.find(run) {
            if g.entries[f.entry].superseded_by.is_some() && seen.insert(f.entry) {
                let (at, body) = pieces
                    .iter()
                    .rev()
                    .find(|(at, _)| *at <= f.start)
                    .copied()
                    .unwrap_or((0, 0));
                out.push((
                    body + f.start - at,
                    f.entry,
                    run[f.start..f.end].to_string(),
                ));
            }
        }
        run.clear();
        pieces.clear();
    };
    let mut skip = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                flush(&mut run, &mut pieces);
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) if skip == 0 => {
                pieces.push((run.len(), range.start));
                run.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => run.push(' '),
            _ => flush(&mut run, &mut pieces),
        }
    }
    flush(&mut run, &mut pieces);
    out
}

//! The index files themselves, laid out for the client (see the module docs of `search` and
//! `docs/ARCHITECTURE.md`): postings shards, word lists, synonym-group postings, excerpts and
//! the root file.

use super::score::{self, Posting};
use super::{text, Doc, SynonymGroup, EXCERPT_GROUP, MAX_POSTINGS, SECTION_TEXT, SHARD_SPLIT};
use crate::model::file::OutputFile;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Writes the index files made from the site's scored words.
pub(super) fn write_index(
    dir: &str,
    scorer: score::Scorer,
    meta: &[(char, Option<String>)],
    groups: &[SynonymGroup],
    out: &(dyn Fn(OutputFile) + Sync),
) {
    let stop = scorer.lang.stop_words();
    let phrases = group_phrases(groups);
    let covered: Vec<Vec<Vec<String>>> = phrases.iter().map(|p| p.covered.clone()).collect();
    // Word postings and synonym-group postings only read the scores: made side by side.
    let (shard_keys, found) = rayon::join(
        || {
            let words = scorer.words();
            let postings: BTreeMap<&str, Vec<Posting>> = scorer.stem_postings(MAX_POSTINGS);
            let shards = shard_words(&words, &postings);
            for (key, shard) in &shards {
                out(OutputFile::bytes(
                    format!("{dir}p/{}.json", file_key(key)),
                    shard.as_str(),
                ));
            }
            drop(postings);
            let mut letters: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for w in words.keys() {
                letters.entry(first_char(w)).or_default().push(w);
            }
            for (letter, list) in &letters {
                out(json_file(
                    format!("{dir}d/{}.json", file_key(letter)),
                    &json!(list),
                ));
            }
            shards.into_keys().collect::<Vec<String>>()
        },
        || scorer.phrase_postings(&covered, MAX_POSTINGS),
    );
    for (n, found) in found.iter().enumerate() {
        out(OutputFile::bytes(format!("{dir}g/{n}.json"), flat(found)));
    }
    out(json_file(
        format!("{dir}index.json"),
        &root(meta, &phrases, shard_keys.iter(), stop),
    ));
}

fn json_file(path: String, value: &Value) -> OutputFile {
    OutputFile::bytes(path, value.to_string())
}

fn first_char(w: &str) -> String {
    w.chars().next().map(String::from).unwrap_or_default()
}

pub(super) fn prefix(w: &str, n: usize) -> String {
    w.chars().take(n).collect()
}

/// A shard key as a file name: ASCII letters and digits as they are, others as `_hex_`.
pub fn file_key(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// Groups words into shards by 2-letter prefix, splitting big ones by the third letter. Each
/// shard is `{"w": {word: n}, "p": [postings n]}`: words of one stem share a posting list.
fn shard_words(
    words: &BTreeMap<String, String>,
    postings: &BTreeMap<&str, Vec<Posting>>,
) -> BTreeMap<String, String> {
    let mut by_two: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (w, s) in words {
        by_two.entry(prefix(w, 2)).or_default().push((w, s));
    }
    let groups: Vec<(String, Vec<(&str, &str)>)> = by_two.into_iter().collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(key, list)| {
            let whole = shard_json(&list, postings);
            if whole.len() <= SHARD_SPLIT {
                return vec![(key, whole)];
            }
            let mut by_three: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
            for item in list {
                by_three.entry(prefix(item.0, 3)).or_default().push(item);
            }
            by_three
                .into_iter()
                .map(|(k, l)| {
                    let json = shard_json(&l, postings);
                    (k, json)
                })
                .collect()
        })
        .collect()
}

fn shard_json(list: &[(&str, &str)], postings: &BTreeMap<&str, Vec<Posting>>) -> String {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lists: Vec<String> = Vec::new();
    let mut out = String::from("{\"w\":{");
    for (i, (w, s)) in list.iter().enumerate() {
        let n = *ids.entry(s).or_insert_with(|| {
            lists.push(flat(postings.get(s).map_or(&[][..], |v| v)));
            lists.len() - 1
        });
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(*w).to_string());
        out.push_str(&format!(":{n}"));
    }
    out.push_str("},\"p\":[");
    out.push_str(&lists.join(","));
    out.push_str("]}");
    out
}

/// Postings as one flat JSON array: page (as the gap from the previous page), section, score.
fn flat(postings: &[Posting]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(postings.len() * 10 + 2);
    out.push('[');
    let mut last = 0;
    for (i, p) in postings.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(out, "{sep}{},{},{}", p.page - last, p.section, p.score);
        last = p.page;
    }
    out.push(']');
    out
}

/// A synonym group ready for the index.
struct GroupPhrases {
    /// Its own phrases, words joined by single spaces (the client spots these in queries).
    own: Vec<String>,
    /// Phrases its postings cover, as word lists.
    covered: Vec<Vec<String>>,
    /// The group of the term that replaced this one.
    replaced_by: Option<usize>,
}

/// Each group's own phrases (for the client to spot in queries) and the phrases its postings
/// cover (its own plus, for a superseded term, those of the term that replaced it).
fn group_phrases(groups: &[SynonymGroup]) -> Vec<GroupPhrases> {
    let norm = |w: &str| text::words(w).join(" ");
    let find = |term: &str| {
        let t = norm(term);
        groups
            .iter()
            .position(|g| g.words.iter().any(|w| norm(w) == t))
    };
    groups
        .iter()
        .map(|g| {
            let own: BTreeSet<String> = g
                .words
                .iter()
                .map(|w| norm(w))
                .filter(|w| !w.is_empty())
                .collect();
            let mut covered = own.clone();
            let target = g.replaced_by.as_deref().and_then(find);
            if let Some(t) = target {
                covered.extend(groups[t].words.iter().map(|w| norm(w)));
            }
            let covered = covered
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.split(' ').map(String::from).collect())
                .collect();
            GroupPhrases {
                own: own.into_iter().collect(),
                covered,
                replaced_by: target,
            }
        })
        .collect()
}

/// Title, address, description and sections `[anchor, heading, text]` of each page, as JSON.
pub(super) fn excerpts(chunk: &[Doc]) -> String {
    type Page<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Vec<(&'a str, &'a str, Cow<'a, str>)>,
    );
    let pages: Vec<Page> = chunk
        .iter()
        .map(|d| {
            let sections = d
                .sections
                .iter()
                .map(|s| {
                    (
                        s.anchor.as_str(),
                        s.heading.as_str(),
                        clip(&s.text, SECTION_TEXT),
                    )
                })
                .collect();
            (
                d.title.as_str(),
                d.url.as_str(),
                d.description.as_str(),
                sections,
            )
        })
        .collect();
    serde_json::to_string(&pages).expect("strings serialise")
}

fn clip(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return text.into();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", &text[..cut]).into()
}

/// The root file: everything a query needs before it fetches shards.
fn root<'a>(
    docs: &[(char, Option<String>)],
    phrases: &[GroupPhrases],
    shard_keys: impl Iterator<Item = &'a String>,
    stop: &[&str],
) -> Value {
    let audiences: String = docs.iter().map(|d| d.0).collect();
    let schools: Vec<&str> = docs
        .iter()
        .filter_map(|d| d.1.as_deref())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: HashMap<&str, usize> = schools.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // Pages of one school sit together, so runs of [school + 1 (0 = shared), count] stay short.
    let mut runs: Vec<[usize; 2]> = Vec::new();
    for d in docs {
        let s = d.1.as_deref().map_or(0, |s| index[s] + 1);
        match runs.last_mut() {
            Some(r) if r[0] == s => r[1] += 1,
            _ => runs.push([s, 1]),
        }
    }
    json!({
        "v": 1,
        "n": docs.len(),
        "eg": EXCERPT_GROUP,
        "aud": audiences,
        "sch": schools,
        "ps": runs,
        "stop": stop,
        "syn": phrases.iter().map(|p| &p.own).collect::<Vec<_>>(),
        "rep": phrases
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i.to_string(), p.replaced_by?)))
            .collect::<BTreeMap<_, _>>(),
        "sh": shard_keys.collect::<Vec<_>>(),
    })
}

//! Scoring for the search index: every page's words as ids per field, and BM25F scores per
//! (stem, page) with the page's best-matching section. Title and headings weigh more than body.
//! (Over 400 lines on purpose: the vocabulary and the scorer share the private per-page word
//! layout, `DocWords` and `Counts`, which splitting the file would have to make public.)

use super::text;
use super::Doc;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The Fx hash: fast for the many short words and ids counted here (no untrusted keys that
/// could be chosen to collide matter: the worst case is a slower build).
type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The stem id of words that are not counted (stop words).
const STOP: u32 = u32::MAX;

/// One count per stem, reused from page to page, and the stems the current page touched.
#[derive(Default)]
struct Scratch {
    counts: Vec<Counts>,
    touched: Vec<u32>,
}

/// Pages counted at a time when postings are made.
const BLOCK: usize = 1024;

/// The parts of a page a word can be in, with their weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    Heading = 1,
    Description = 2,
    Body = 3,
}

const WEIGHT: [f32; 4] = [6.0, 3.0, 2.0, 1.0];
/// Added to a word's score (times its idf), outside BM25's saturation, when the word is in the
/// page's title: more than any number of repeats in the body can reach (`K1 + 1`), so a page
/// whose title has the query's words ranks above pages that only say them often.
const TITLE_BONUS: f32 = 3.5;
/// The same for a word in one of the page's headings: more than body repeats alone.
const HEADING_BONUS: f32 = 1.0;
/// Length normalisation per field (0 = none, 1 = full).
const B: [f32; 4] = [0.3, 0.5, 0.5, 0.75];
const K1: f32 = 1.2;

/// One page a word is on: its section with the most of the word, and the score (an integer:
/// twice the scaled score, plus 1 when the word is in the page's title, so the client can tell
/// title matches apart with `score & 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub page: usize,
    pub section: usize,
    pub score: usize,
}

/// A page's words as ids: title, description, and (heading, body) per section.
struct DocWords {
    title: Vec<u32>,
    desc: Vec<u32>,
    sections: Vec<(Vec<u32>, Vec<u32>)>,
}

impl DocWords {
    /// Replaces page-local word numbers with site-wide ones.
    fn remap(&mut self, map: &[u32]) {
        let fix = |v: &mut Vec<u32>| v.iter_mut().for_each(|w| *w = map[*w as usize]);
        fix(&mut self.title);
        fix(&mut self.desc);
        for (h, b) in &mut self.sections {
            fix(h);
            fix(b);
        }
    }

    /// Each field's words with the section they belong to (title and description: section 0).
    fn fields(&self) -> impl Iterator<Item = (Field, usize, &[u32])> {
        let top = [
            (Field::Title, 0, &self.title[..]),
            (Field::Description, 0, &self.desc[..]),
        ];
        top.into_iter().chain(
            self.sections
                .iter()
                .enumerate()
                .flat_map(|(i, (h, b))| [(Field::Heading, i, &h[..]), (Field::Body, i, &b[..])]),
        )
    }
}

/// Term frequencies of one thing (a stem or a phrase) on one page. Sections are visited in
/// order, so the best section is kept as it goes, without a map per page.
#[derive(Default, Clone, Copy)]
struct Counts {
    tf: [f32; 4],
    /// (section, weighted count) of the section being counted, and of the best so far.
    current: (usize, f32),
    best: (usize, f32),
}

impl Counts {
    fn add(&mut self, field: Field, section: usize) {
        self.tf[field as usize] += 1.0;
        if matches!(field, Field::Heading | Field::Body) {
            if self.current.0 != section {
                self.current = (section, 0.0);
            }
            self.current.1 += WEIGHT[field as usize];
            if self.current.1 > self.best.1 {
                self.best = self.current;
            }
        }
    }

    fn best_section(&self) -> usize {
        self.best.0
    }
}

/// A page's words numbered within the page: its distinct words (borrowed from the page's text
/// where they stand in it as they are), and the page in those numbers.
struct LocalWords<'a>(Vec<Cow<'a, str>>, DocWords);

/// Numbers a page's words within the page.
fn local_words(d: &Doc) -> LocalWords<'_> {
    // Sized for a typical page's distinct words, so the map rarely grows.
    let mut ids: FastMap<Cow<'_, str>, u32> =
        FastMap::with_capacity_and_hasher(512, Default::default());
    let mut number = |text| -> Vec<u32> {
        // About one word in six bytes of text.
        let mut out = Vec::with_capacity(str::len(text) / 6 + 1);
        text::each_word_sliced(text, |w, slice| {
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = ids.len() as u32;
                    let key = slice.map_or_else(|| Cow::Owned(w.to_string()), Cow::Borrowed);
                    ids.insert(key, id);
                    id
                }
            };
            out.push(id);
        });
        out
    };
    let title = number(&d.title);
    let desc = number(&d.description);
    let sections = d
        .sections
        .iter()
        .map(|s| (number(&s.heading), number(&s.text)))
        .collect();
    let mut list = vec![Cow::Borrowed(""); ids.len()];
    for (w, id) in ids {
        list[id as usize] = w;
    }
    LocalWords(
        list,
        DocWords {
            title,
            desc,
            sections,
        },
    )
}

/// The site's words, numbered as pages are read on many threads. The numbers depend on which
/// page got there first, but nothing written depends on them: only on the words, so the index
/// files are the same on every build.
#[derive(Default)]
pub struct Vocab(Mutex<VocabList>);

#[derive(Default)]
struct VocabList {
    ids: FastMap<String, u32>,
    words: Vec<String>,
}

impl Vocab {
    /// A page's words in the site's numbers (a page's words are numbered within the page first,
    /// so the shared list is locked once per page, not once per word).
    pub fn page(&self, d: &Doc) -> PageIds {
        let LocalWords(list, mut doc) = local_words(d);
        let map: Vec<u32> = {
            let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let VocabList { ids, words } = &mut *v;
            list.into_iter()
                .map(|w| {
                    if let Some(&id) = ids.get(w.as_ref()) {
                        return id;
                    }
                    let id = words.len() as u32;
                    let w = w.into_owned();
                    words.push(w.clone());
                    ids.insert(w, id);
                    id
                })
                .collect()
        };
        doc.remap(&map);
        PageIds(doc)
    }

    /// Scores the pages read into this vocabulary (`pages` in page order), stemmed in `lang`.
    pub fn scorer(self, pages: Vec<PageIds>, lang: text::Lang) -> Scorer {
        let list = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        Scorer::from_words(pages.into_iter().map(|p| p.0).collect(), list.words, lang)
    }
}

/// One page's words as site-wide numbers (see [`Vocab::page`]).
pub struct PageIds(DocWords);

/// The scored words of a whole site.
pub struct Scorer {
    docs: Vec<DocWords>,
    /// Word id → word.
    vocab: Vec<String>,
    /// Word id → stem id.
    stem_of: Vec<u32>,
    /// Word id → stem id, or [`STOP`] for a stop word (not counted).
    counted: Vec<u32>,
    stems: Vec<String>,
    /// Field lengths per page, and their averages.
    lengths: Vec<[f32; 4]>,
    average: [f32; 4],
    /// The language the words are stemmed in.
    pub lang: text::Lang,
}

impl Scorer {
    fn from_words(words: Vec<DocWords>, vocab: Vec<String>, lang: text::Lang) -> Scorer {
        let stemmed: Vec<String> = vocab.par_iter().map(|w| lang.stem(w)).collect();
        let mut stem_ids: HashMap<&str, u32> = HashMap::new();
        let mut stems = Vec::new();
        let stem_of: Vec<u32> = stemmed
            .iter()
            .map(|s| {
                *stem_ids.entry(s).or_insert_with(|| {
                    stems.push(s.clone());
                    stems.len() as u32 - 1
                })
            })
            .collect();
        let counted = vocab
            .iter()
            .zip(&stem_of)
            .map(|(w, &s)| if lang.is_stop(w) { STOP } else { s })
            .collect();
        let lengths: Vec<[f32; 4]> = words
            .iter()
            .map(|d| {
                let mut l = [0.0; 4];
                for (f, _, w) in d.fields() {
                    l[f as usize] += w.len() as f32;
                }
                l
            })
            .collect();
        let mut average = [0.0f32; 4];
        for l in &lengths {
            for f in 0..4 {
                average[f] += l[f];
            }
        }
        let n = lengths.len().max(1) as f32;
        average.iter_mut().for_each(|a| *a = (*a / n).max(1.0));
        Scorer {
            docs: words,
            vocab,
            counted,
            stem_of,
            stems,
            lengths,
            average,
            lang,
        }
    }

    /// Every indexed word (stop words left out) with its stem, sorted.
    pub fn words(&self) -> BTreeMap<String, String> {
        self.vocab
            .iter()
            .enumerate()
            .filter(|(_, w)| !self.lang.is_stop(w) && w.chars().count() <= 40)
            .map(|(i, w)| (w.clone(), self.stems[self.stem_of[i] as usize].clone()))
            .collect()
    }

    /// The pages of every stem, best `max` kept, in page order.
    pub fn stem_postings(&self, max: usize) -> BTreeMap<&str, Vec<Posting>> {
        // Pages are counted a block at a time and their counts filed by stem at once, so only
        // one block's counts are ever held twice.
        let mut by_stem: Vec<Vec<Weighed>> = vec![Vec::new(); self.stems.len()];
        for (b, block) in self.docs.chunks(BLOCK).enumerate() {
            let per_doc: Vec<Vec<(u32, Weighed)>> = block
                .par_iter()
                .enumerate()
                .map_init(Scratch::default, |scratch, (j, d)| {
                    self.stem_counts(b * BLOCK + j, d, scratch)
                })
                .collect();
            for list in per_doc {
                for (stem, w) in list {
                    by_stem[stem as usize].push(w);
                }
            }
        }
        by_stem
            .into_par_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(stem, list)| (self.stems[stem].as_str(), self.postings(list, max)))
            .collect()
    }

    /// The weighed count of each stem on page `page`, by stem id. `scratch` is one count per
    /// stem, all zero, reused from page to page (and left all zero).
    fn stem_counts(&self, page: usize, d: &DocWords, scratch: &mut Scratch) -> Vec<(u32, Weighed)> {
        let Scratch { counts, touched } = scratch;
        if counts.len() < self.stems.len() {
            counts.resize(self.stems.len(), Counts::default());
        }
        for (field, section, words) in d.fields() {
            for &w in words {
                let stem = self.counted[w as usize];
                if stem == STOP {
                    continue;
                }
                let c = &mut counts[stem as usize];
                if c.tf == [0.0; 4] {
                    touched.push(stem);
                }
                c.add(field, section);
            }
        }
        touched.sort_unstable();
        let weighed = touched
            .iter()
            .map(|&stem| {
                let c = std::mem::take(&mut counts[stem as usize]);
                (stem, self.weigh(page, &c))
            })
            .collect();
        touched.clear();
        weighed
    }

    /// The pages of each group of phrases (each phrase a list of words), scored as one term.
    pub fn phrase_postings(&self, groups: &[Vec<Vec<String>>], max: usize) -> Vec<Vec<Posting>> {
        let stem_ids: HashMap<&str, u32> = self
            .stems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        // Phrases as stem ids, by their first stem: (group, stems).
        let mut starts: HashMap<u32, Vec<(usize, Vec<u32>)>> = HashMap::new();
        for (g, phrases) in groups.iter().enumerate() {
            for p in phrases {
                let ids: Option<Vec<u32>> = p
                    .iter()
                    .map(|w| stem_ids.get(self.lang.stem(w).as_str()).copied())
                    .collect();
                if let Some(ids) = ids.filter(|i| !i.is_empty()) {
                    starts.entry(ids[0]).or_default().push((g, ids));
                }
            }
        }
        let per_doc: Vec<BTreeMap<usize, Counts>> = self
            .docs
            .par_iter()
            .map(|d| {
                let mut counts: BTreeMap<usize, Counts> = BTreeMap::new();
                for (field, section, words) in d.fields() {
                    let stems: Vec<u32> = words.iter().map(|&w| self.stem_of[w as usize]).collect();
                    for i in 0..stems.len() {
                        for (g, p) in starts.get(&stems[i]).map_or(&[][..], |v| v) {
                            if stems[i..].starts_with(p) {
                                counts.entry(*g).or_default().add(field, section);
                            }
                        }
                    }
                }
                counts
            })
            .collect();
        let mut by_group: Vec<Vec<Weighed>> = vec![Vec::new(); groups.len()];
        for (page, counts) in per_doc.into_iter().enumerate() {
            for (g, c) in counts {
                by_group[g].push(self.weigh(page, &c));
            }
        }
        by_group
            .into_iter()
            .map(|list| self.postings(list, max))
            .collect()
    }

    /// The length-normalised, field-weighted count of one thing on one page (BM25F's term part).
    fn weigh(&self, page: usize, c: &Counts) -> Weighed {
        let mut wtf = 0.0;
        for f in 0..4 {
            let norm = 1.0 - B[f] + B[f] * self.lengths[page][f] / self.average[f];
            wtf += WEIGHT[f] * c.tf[f] / norm.max(0.1);
        }
        Weighed {
            page: page as u32,
            section: c.best_section() as u32,
            wtf,
            title: c.tf[Field::Title as usize] > 0.0,
            heading: c.tf[Field::Heading as usize] > 0.0,
        }
    }

    /// BM25F scores from weighed counts, best `max` pages kept, in page order.
    fn postings(&self, list: Vec<Weighed>, max: usize) -> Vec<Posting> {
        let n = self.docs.len() as f32;
        let df = list.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let mut out: Vec<Posting> = list
            .into_iter()
            .map(|w| {
                let bonus = TITLE_BONUS * f32::from(u8::from(w.title))
                    + HEADING_BONUS * f32::from(u8::from(w.heading));
                let score = idf * (w.wtf * (K1 + 1.0) / (K1 + w.wtf) + bonus);
                Posting {
                    page: w.page as usize,
                    section: w.section as usize,
                    score: ((score * 20.0).round() as usize).max(1) * 2 + usize::from(w.title),
                }
            })
            .collect();
        if out.len() > max {
            let best_first =
                |a: &Posting, b: &Posting| b.score.cmp(&a.score).then(a.page.cmp(&b.page));
            out.select_nth_unstable_by(max.saturating_sub(1), best_first);
            out.truncate(max);
            out.sort_by_key(|p| p.page);
        }
        out
    }
}

/// One page's weighed count of a stem or phrase, kept small: there are millions.
#[derive(Debug, Clone, Copy)]
struct Weighed {
    page: u32,
    section: u32,
    wtf: f32,
    /// The word is in the page's title; in one of its headings.
    title: bool,
    heading: bool,
}

//! Search: builds the static, sharded search index the browser client (`js/search.js`) reads.
//! Words from each page's title, description, headings and body are stemmed and scored (BM25F:
//! title and headings count more than body); glossary synonym groups get their own posting lists;
//! the files are laid out so a query fetches only what its words need:
//!
//! - `search/index.json`: the root — page audiences and schools, stop words, synonym groups, shard keys;
//! - `search/p/<prefix>.json`: postings shards, words by their first 2 (or 3) letters;
//! - `search/d/<letter>.json`: the words of one first letter, for typo matching;
//! - `search/g/<n>.json`: the pages of synonym group `n`;
//! - `search/e/<n>.json`: titles, addresses and section text of a small group of pages, for excerpts.
//!
//! A [`Reader`] reads pages as the build makes them (on many threads, a group of
//! [`EXCERPT_GROUP`] pages at a time: their excerpt file is written and their words numbered);
//! [`Reader::finish`] makes the rest once every page is read. The layout is described for the
//! client in `docs/ARCHITECTURE.md`.

mod files;
mod score;
pub mod sections;
pub mod text;

use crate::diagnostics::Diagnostic;
use crate::model::file::OutputFile;
use crate::model::links::{page_file, Generated};
use crate::model::site::Site;
use crate::render::{self, Theme};
pub use files::file_key;
use files::{excerpts, write_index};
use rayon::prelude::*;
use score::Vocab;
use sections::Section;
use std::path::Path;

/// Words that mean the same (a glossary term, its abbreviation and other spellings), and the
/// current term when these words are out of date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SynonymGroup {
    pub words: Vec<String>,
    pub replaced_by: Option<String>,
}

/// Pages per excerpt file.
pub const EXCERPT_GROUP: usize = 4;
/// A word's postings are cut to its best-scoring pages beyond this many.
pub const MAX_POSTINGS: usize = 400;
/// A two-letter shard bigger than this (bytes of JSON) is split by the third letter.
pub const SHARD_SPLIT: usize = 24_000;
/// Characters of section text kept for excerpts.
const SECTION_TEXT: usize = 500;

/// The URL path of the search page, registered with the build's generated addresses.
pub const PAGE_PATH: &str = "/search/";

/// Registers `/search/` (and each variant's, `/pl/search/`) so content can link to it.
pub fn register(site: &Site, generated: &mut Generated) {
    generated.insert(PAGE_PATH.into(), Default::default());
    for v in site.variants() {
        let path = format!("/{}{PAGE_PATH}", crate::load::languages::url_prefix(v));
        generated.insert(path, Default::default());
    }
}

/// The audience letter of a service's page in the index root (`aud`): service pages are
/// results of their own kind ("services only"; shown to parents and carers too).
pub const SERVICE: char = 'v';

/// The audience letter of a glossary entry's result (`aud`): shown for every audience but
/// "services only", and first when the query is the entry's term.
pub const GLOSSARY: char = 'g';

/// Each glossary entry as a search result, at its anchor on the glossary page (`page_url`): the
/// term and abbreviation as its title and its other spellings as a heading (so a query for any
/// of them is a title or heading match), the definition as its description.
pub fn glossary_docs(glossary: &crate::glossary::Glossary, page_url: &str) -> Vec<Doc> {
    glossary
        .entries
        .iter()
        .map(|e| Doc {
            title: match &e.abbr {
                Some(abbr) => format!("{} ({abbr})", e.term),
                None => e.term.clone(),
            },
            url: format!("{page_url}#{}", e.id),
            description: e.definition.clone(),
            audience: GLOSSARY,
            school: None,
            sections: vec![Section {
                anchor: String::new(),
                heading: e.also.join(", "),
                text: String::new(),
            }],
        })
        .collect()
}

/// One page as the index sees it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub url: String,
    pub description: String,
    pub audience: char,
    pub school: Option<String>,
    pub sections: Vec<Section>,
}

/// Page `i` of a site, whose body's text is `sections`, as the index sees it.
pub fn page_doc(site: &Site, i: usize, sections: Vec<Section>) -> Doc {
    let p = &site.pages[i];
    Doc {
        title: p.title().to_string(),
        url: site.url(&p.path),
        description: p.src.front.description.clone(),
        audience: if p.service_slug().is_some() {
            SERVICE
        } else {
            p.src.front.audience.as_str().chars().next().unwrap_or('e')
        },
        school: p.school.clone(),
        sections,
    }
}

/// The `/search/` page, when there is a theme with a `search.html` template; `site_value` is
/// `site` as the build's templates see it.
pub fn search_page(
    theme: Option<(&Theme, &serde_json::Value)>,
    variant: Option<&str>,
    az: &[Letter],
    out: &(dyn Fn(OutputFile) + Sync),
    diags: &mut Vec<Diagnostic>,
) {
    let Some((theme, site_value)) = theme.filter(|(t, _)| t.has_template("search.html")) else {
        return;
    };
    let mut ctx = render::base_context(site_value, theme);
    ctx.insert("i18n", theme.words_for(variant));
    ctx.insert("search_page", &true);
    ctx.insert("az", az);
    let path = match variant {
        Some(v) => format!("/{}{PAGE_PATH}", crate::load::languages::url_prefix(v)),
        None => PAGE_PATH.to_string(),
    };
    match theme.render("search.html", &ctx, Path::new("themes/search.html")) {
        Ok(html) => out(OutputFile::bytes(page_file(&path), html)),
        Err(d) => diags.push(d),
    }
}

/// One letter of the search page's A–Z list (what a reader without JavaScript has instead of
/// search): the titles and glossary words starting with it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Letter {
    pub letter: String,
    /// For the letter's anchor: the letter lower-cased, or `other`.
    pub id: String,
    pub items: Vec<AzItem>,
}

/// A title or a glossary word in the A–Z list.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct AzItem {
    pub title: String,
    pub url: String,
    /// A glossary word (the theme labels it).
    pub word: bool,
}

/// The A–Z list: the title of every shared page (school pages repeat for every school, so the
/// schools' list stands for them) and every glossary word, by first letter (ignoring case and
/// accents; titles starting with anything else go last, under `#`).
pub fn az_list(docs: impl Iterator<Item = AzItem>) -> Vec<Letter> {
    let mut by_letter: std::collections::BTreeMap<(bool, String), Vec<AzItem>> =
        std::collections::BTreeMap::new();
    for item in docs {
        let first = item
            .title
            .chars()
            .map(text::fold)
            .find(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .unwrap_or('#');
        let key = if first.is_ascii_alphabetic() {
            (false, first.to_ascii_uppercase().to_string())
        } else {
            (true, "#".to_string())
        };
        by_letter.entry(key).or_default().push(item);
    }
    by_letter
        .into_iter()
        .map(|((other, letter), mut items)| {
            items.sort_by(|a, b| {
                (a.title.to_lowercase(), &a.url).cmp(&(b.title.to_lowercase(), &b.url))
            });
            items.dedup();
            Letter {
                id: if other {
                    "other".into()
                } else {
                    letter.to_lowercase()
                },
                letter,
                items,
            }
        })
        .collect()
}

/// The A–Z list of `site`: its shared pages' titles and the glossary's words (`words`, their
/// results as [`glossary_docs`] makes them), for the search page of `variant`'s pages (`None`:
/// the site's own language).
pub fn site_az(site: &Site, variant: Option<&str>, words: &[Doc]) -> Vec<Letter> {
    let pages = site
        .pages
        .iter()
        .filter(|p| p.school.is_none() && p.variant() == variant)
        .map(|p| AzItem {
            title: p.title().to_string(),
            url: site.url(&p.path),
            word: false,
        });
    let terms = words.iter().map(|d| AzItem {
        title: d.title.clone(),
        url: d.url.clone(),
        word: true,
    });
    az_list(pages.chain(terms))
}

/// Builds every index file for `docs`.
pub fn index_files(docs: &[Doc], groups: &[SynonymGroup]) -> Vec<OutputFile> {
    index_files_with(docs, &[], groups)
}

/// Builds every index file for the pages `docs` and the other results `extra` (the glossary's
/// entries), sorted by path.
pub fn index_files_with(docs: &[Doc], extra: &[Doc], groups: &[SynonymGroup]) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    let push = |f: OutputFile| files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
    let reader = Reader::default();
    let pages = read_all(&reader, docs.len(), &|i| docs[i].clone(), &push);
    reader.finish(pages, extra, groups, &push);
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One page read for the index: its words, audience and school. Its text is not kept.
pub struct PageWords {
    words: score::PageIds,
    audience: char,
    school: Option<String>,
}

/// Reads pages for the index, from many threads at once, keeping only their words.
pub struct Reader {
    vocab: Vocab,
    /// The folder of the index in the output (`search/`, `pl/search/`).
    dir: String,
    lang: text::Lang,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new("search/", text::Lang::English)
    }
}

impl Reader {
    /// A reader of the index in `dir` (`search/`, `pl/search/`), its words stemmed in `lang`.
    pub fn new(dir: impl Into<String>, lang: text::Lang) -> Reader {
        Reader {
            vocab: Vocab::default(),
            dir: dir.into(),
            lang,
        }
    }

    /// A reader of the index of the pages in `variant` (`None`: the site's own language) in
    /// `site`: `pl/search/`, stemmed in Polish when rust-stemmers has it.
    pub fn for_variant(site: &Site, variant: Option<&str>) -> Reader {
        let c = &site.config;
        match variant {
            None => Reader::new(
                PAGE_PATH.trim_start_matches('/'),
                text::Lang::of(&c.language),
            ),
            Some(v) => Reader::new(
                format!("{}{}", crate::load::languages::url_prefix(v), PAGE_PATH)
                    .trim_start_matches('/')
                    .to_string(),
                text::Lang::of(crate::load::languages::html_lang(v, &c.language)),
            ),
        }
    }

    /// Reads one excerpt group of pages (`EXCERPT_GROUP` pages from page `first`, which is a
    /// multiple of it): hands their excerpt file to `out` and gives back their words.
    pub fn group(
        &self,
        first: usize,
        docs: &[Doc],
        out: &(dyn Fn(OutputFile) + Sync),
    ) -> Vec<PageWords> {
        let group = first / EXCERPT_GROUP;
        out(OutputFile::bytes(
            format!("{}e/{group}.json", self.dir),
            excerpts(docs),
        ));
        docs.iter()
            .map(|d| PageWords {
                words: self.vocab.page(d),
                audience: d.audience,
                school: d.school.clone(),
            })
            .collect()
    }

    /// Builds the rest of the index from every page's words (in page order) and the results
    /// that are not pages (`extra`: the glossary's entries, numbered after the pages from the
    /// next excerpt group on), handing each file to `out`: their excerpts, postings shards, word
    /// lists, synonym groups and the root file.
    pub fn finish(
        self,
        mut pages: Vec<PageWords>,
        extra: &[Doc],
        groups: &[SynonymGroup],
        out: &(dyn Fn(OutputFile) + Sync),
    ) {
        if !extra.is_empty() {
            // Empty places fill the last group of pages: its excerpt file is already written.
            let empty = Doc {
                title: String::new(),
                url: String::new(),
                description: String::new(),
                audience: 'e',
                school: None,
                sections: Vec::new(),
            };
            while !pages.len().is_multiple_of(EXCERPT_GROUP) {
                pages.push(PageWords {
                    words: self.vocab.page(&empty),
                    audience: empty.audience,
                    school: None,
                });
            }
            for chunk in extra.chunks(EXCERPT_GROUP) {
                let read = self.group(pages.len(), chunk, out);
                pages.extend(read);
            }
        }
        let mut ids = Vec::with_capacity(pages.len());
        let mut meta: Vec<(char, Option<String>)> = Vec::with_capacity(pages.len());
        for p in pages {
            ids.push(p.words);
            meta.push((p.audience, p.school));
        }
        write_index(
            &self.dir,
            self.vocab.scorer(ids, self.lang),
            &meta,
            groups,
            out,
        );
    }
}

/// Reads `n` pages, made one at a time by `doc`, in parallel; a page's text is dropped as soon
/// as its group is read.
fn read_all(
    reader: &Reader,
    n: usize,
    doc: &(dyn Fn(usize) -> Doc + Sync),
    out: &(dyn Fn(OutputFile) + Sync),
) -> Vec<PageWords> {
    let ids: Vec<usize> = (0..n).collect();
    let read: Vec<Vec<PageWords>> = ids
        .par_chunks(EXCERPT_GROUP)
        .map(|chunk| {
            let docs: Vec<Doc> = chunk.iter().map(|&i| doc(i)).collect();
            reader.group(chunk[0], &docs, out)
        })
        .collect();
    read.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests;

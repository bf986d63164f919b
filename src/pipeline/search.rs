//! How search joins a build: the glossary's synonym groups and entries (results of their own),
//! and the whole index made again from the bodies a preview server keeps, after an edit.

use super::Build;
use crate::glossary::Glossary;
use crate::model::file::OutputFile;
use crate::model::site::Site;
use crate::render::{glossary_page, Theme};
use crate::search::{self, Doc, SynonymGroup};
use rayon::prelude::*;

/// The glossary as search synonyms: each entry's spellings find each other, and a superseded
/// term also finds the pages of the term that replaced it.
pub fn synonym_groups(glossary: &Glossary) -> Vec<SynonymGroup> {
    glossary
        .entries
        .iter()
        .map(|e| SynonymGroup {
            words: e.spellings().map(str::to_string).collect(),
            replaced_by: e.superseded_by.clone(),
        })
        .collect()
}

/// The glossary's entries as search results, at their anchors on the glossary page (none when
/// the theme makes no glossary page).
pub fn glossary_words(site: &Site, glossary: &Glossary, theme: &Theme) -> Vec<Doc> {
    if !theme.has_template("glossary.html") {
        return Vec::new();
    }
    search::glossary_docs(glossary, &site.url(glossary_page::PATH))
}

/// What the search index is made from, read off a build (see [`SearchInput::read`]): the
/// pages' text, the glossary's results and synonyms, and the search page (it is small and needs
/// the theme). Owned, so the index itself can be made without holding the build.
pub struct SearchInput {
    docs: Vec<Doc>,
    words: Vec<Doc>,
    groups: Vec<SynonymGroup>,
    page: Vec<OutputFile>,
}

impl SearchInput {
    /// Reads `build` as it is now (the preview server keeps every page's body): `None` when the
    /// site has search off. Each body's text is read back from its HTML, which gives what the
    /// build read from its events (`search::sections` holds the two equal).
    pub fn read(build: &Build, theme: &Theme) -> Option<SearchInput> {
        let site = build.site.as_ref().filter(|s| s.config.search)?;
        // The site's own language's index (each translation's index is made by a full build:
        // an edit to a page with versions rebuilds the whole site). Its pages are numbered in
        // order among themselves, as the build numbers them.
        let docs: Vec<Doc> = build
            .pages
            .par_iter()
            .enumerate()
            .filter(|(i, _)| site.pages[*i].variant().is_none())
            .map(|(i, p)| search::page_doc(site, i, search::sections::sections(&p.rendered.html)))
            .collect();
        let words = glossary_words(site, &build.glossary, theme);
        let mut diags = Vec::new();
        let site_value = super::page::theme_site_value(site, theme, &build.schools, &mut diags);
        let az = search::site_az(site, None, &words);
        let page = std::sync::Mutex::new(Vec::new());
        search::search_page(
            Some((theme, &site_value)),
            None,
            &az,
            &|f| page.lock().unwrap_or_else(|e| e.into_inner()).push(f),
            &mut diags,
        );
        Some(SearchInput {
            docs,
            words,
            groups: synonym_groups(&build.glossary),
            page: page.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }

    /// Every search file: the index, its excerpts and the search page with its A–Z list.
    pub fn files(self) -> Vec<OutputFile> {
        let mut files = search::index_files_with(&self.docs, &self.words, &self.groups);
        files.extend(self.page);
        files
    }
}

/// Every search file of `build` made again from its pages' bodies as they are now (see
/// [`SearchInput`]); empty when the site has search off.
pub fn index_again(build: &Build, theme: &Theme) -> Vec<OutputFile> {
    SearchInput::read(build, theme).map_or_else(Vec::new, SearchInput::files)
}

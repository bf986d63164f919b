//! Checks of translations and Easy Read versions: a version made from an older English page
//! (its page's `reviewed:` is later than its `translated_from_reviewed:`), and Easy Read's rules
//! (no sentence over [`EASY_READ_WORDS`] words; every block starts with a picture with alt text).

use crate::checks::{Check, CheckInput};
use crate::diagnostics::{line_col, Code, Diagnostic};
use crate::load::languages::EASY_READ;
use crate::model::site::Page;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The most words an Easy Read sentence may have.
pub const EASY_READ_WORDS: usize = 15;

/// Warns on translations and Easy Read versions older than the English page.
pub struct StaleTranslations;

impl Check for StaleTranslations {
    fn code(&self) -> Code {
        Code::Translation
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        let site = input.site;
        (0..site.pages.len())
            .filter_map(|i| {
                let changed = crate::render::versions::stale_since(site, i)?;
                let p = &site.pages[i];
                let original = &site.pages[p.original?];
                let from = p.src.front.translated_from_reviewed?;
                let line = p.src.front_matter_line("translated_from_reviewed");
                Some(
                    Diagnostic::warning(
                        Code::Translation,
                        p.src.file.clone(),
                        format!(
                            "{} changed on {changed} (its `reviewed:` date), after the version this was made from ({from}): this may be out of date",
                            original.src.file.display()
                        ),
                    )
                    .at(line, 1, Some(&p.src.text))
                    .with_hint(format!(
                        "bring this version up to date with the English page, then set `translated_from_reviewed: {changed}`"
                    )),
                )
            })
            .collect()
    }
}

/// Easy Read's rules, on every Easy Read version: sentences of at most [`EASY_READ_WORDS`]
/// words, and a picture with alt text at the start of every block (paragraph).
pub struct EasyReadRules;

impl Check for EasyReadRules {
    fn code(&self) -> Code {
        Code::EasyRead
    }
    fn run(&self, input: &CheckInput) -> Vec<Diagnostic> {
        input
            .site
            .pages
            .iter()
            .filter(|p| p.variant() == Some(EASY_READ))
            .flat_map(easy_read_problems)
            .collect()
    }
}

/// One Easy Read page's problems: (byte offset in the body, message, hint).
fn easy_read_problems(page: &Page) -> Vec<Diagnostic> {
    let body = page.src.body();
    let parsed = crate::load::markdown::parse(body);
    let mut out = Vec::new();
    let mut at = |offset: usize, message: String, hint: &str| {
        let (line, col) = line_col(&page.src.text, page.src.body_start + offset);
        out.push(
            Diagnostic::warning(Code::EasyRead, page.src.file.clone(), message)
                .at(line, col, Some(&page.src.text))
                .with_hint(hint.to_string()),
        );
    };
    // (start of the paragraph, whether its first thing is a picture, the picture's alt text)
    let mut block: Option<(usize, bool, bool, String)> = None;
    let mut sentence = (0usize, 0usize); // (offset of its first word, words so far)
    let mut in_image = false;
    for (event, range) in &parsed.events {
        match event {
            Event::Start(Tag::Paragraph) => {
                block = Some((range.start, false, true, String::new()));
                sentence = (range.start, 0);
            }
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                if let Some(b) = block.as_mut().filter(|b| b.2) {
                    b.1 = true;
                }
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(t) if in_image => {
                if let Some(b) = block.as_mut() {
                    b.3.push_str(t);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = block.as_mut() {
                    b.2 = false; // text came first, or after the picture
                }
                count_sentences(t, range.start, &mut sentence, &mut |offset, words| {
                    at(offset, long_sentence(words), SPLIT_SENTENCE)
                });
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, picture, _, alt)) = block.take() {
                    if !picture {
                        at(start, "this Easy Read block has no picture".into(), "start every block with a picture of its idea, e.g. `![A school building](/easy-read/school.svg)`, then its short lines");
                    } else if alt.trim().is_empty() {
                        at(start, "this Easy Read block's picture has no alt text".into(), "say what the picture shows between the brackets: `![A school building](/easy-read/school.svg)`");
                    }
                }
            }
            _ => {}
        }
        // A paragraph's end ends its sentence, and so does a line's (one idea a line).
        if matches!(
            event,
            Event::End(TagEnd::Paragraph) | Event::SoftBreak | Event::HardBreak
        ) {
            if sentence.1 > EASY_READ_WORDS {
                at(sentence.0, long_sentence(sentence.1), SPLIT_SENTENCE);
            }
            sentence = (range.end, 0);
        }
    }
    out
}

/// What to do about a sentence that is too long.
const SPLIT_SENTENCE: &str = "split it into two short sentences, one idea a line";

/// The problem with an Easy Read sentence of `words` words, more than [`EASY_READ_WORDS`].
fn long_sentence(words: usize) -> String {
    format!("this Easy Read sentence has {words} words; the most is {EASY_READ_WORDS}")
}

/// Counts the words of `text` (at byte `start` of the body) into the open sentence, calling
/// `long` with a sentence's offset and length when one ends over the limit.
fn count_sentences(
    text: &str,
    start: usize,
    sentence: &mut (usize, usize),
    long: &mut impl FnMut(usize, usize),
) {
    for (i, word) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        if sentence.1 == 0 {
            sentence.0 = start + i;
        }
        if word.chars().any(char::is_alphanumeric) {
            sentence.1 += 1;
        }
        if word.ends_with(['.', '!', '?']) {
            if sentence.1 > EASY_READ_WORDS {
                long(sentence.0, sentence.1);
            }
            *sentence = (start + i + word.len(), 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::content::SourcePage;

    fn easy(body: &str) -> Vec<String> {
        let text = format!("---\ntitle: T\ndescription: D\n---\n{body}");
        let src = SourcePage::parse("a.easy.md", "content/a.easy.md".into(), text).unwrap();
        let page = crate::model::site::shared_pages(vec![src]).remove(0);
        easy_read_problems(&page)
            .into_iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect()
    }

    #[test]
    fn easy_read_blocks_start_with_a_picture_with_alt_text() {
        assert!(easy("![A school](/s.svg)\nShort line.\nAnother one.\n").is_empty());
        assert_eq!(
            easy("No picture here.\n"),
            ["5: this Easy Read block has no picture"]
        );
        assert_eq!(
            easy("![](/s.svg)\nA line.\n"),
            ["5: this Easy Read block's picture has no alt text"]
        );
        assert_eq!(
            easy("Text first ![A school](/s.svg)\n"),
            ["5: this Easy Read block has no picture"]
        );
    }

    #[test]
    fn easy_read_sentences_have_at_most_fifteen_words() {
        let fifteen = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.";
        assert!(easy(&format!("![A](/a.svg)\n{fifteen}\n")).is_empty());
        let sixteen = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.";
        assert_eq!(
            easy(&format!("![A](/a.svg)\nShort.\n{sixteen}\n")),
            ["7: this Easy Read sentence has 16 words; the most is 15"]
        );
        // A sentence with no full stop ends with its line.
        let unended = sixteen.trim_end_matches('.');
        assert_eq!(
            easy(&format!("![A](/a.svg)\n{unended}\nNext line.\n")),
            ["6: this Easy Read sentence has 16 words; the most is 15"]
        );
    }
}

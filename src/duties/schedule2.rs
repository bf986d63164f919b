//! The paragraphs of the SEND Regulations 2014 (SI 2014/1530), Schedule 2: what a council must
//! publish in its Local Offer (regulation 53). Each has its number as the Schedule writes it
//! (`5h` for paragraph 5(h)), a short plain title and the address of its text on
//! legislation.gov.uk. A leaf: pages, service categories and the checks all read it.
//!
//! Paragraphs 1, 2, 3 and 5 were checked word for word against the text on legislation.gov.uk
//! (the Schedule as made); paragraphs 15 and 17 by their numbers as other published guides cite
//! them. The numbers of the other topics follow the order of the Schedule's subjects in the
//! Code of Practice, chapter 4, and must be checked against legislation.gov.uk before they are
//! relied on. Each paragraph says which it is ([`Paragraph::verified`]), and `check` says so.

/// The address of the Schedule on legislation.gov.uk.
pub const SCHEDULE_URL: &str = "https://www.legislation.gov.uk/uksi/2014/1530/schedule/2";

/// One paragraph (or lettered sub-paragraph) a Local Offer must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// As pages write it: `1`, `5h`, `17`.
    pub number: &'static str,
    /// A short plain title.
    pub title: &'static str,
    /// The number was checked against the Schedule's text on legislation.gov.uk (1, 2, 3 and
    /// 5(a)–(j)); `false` for numbers taken from published guides (15, 17) or from the Code of
    /// Practice's order (4, 6–12), which are still to be checked.
    pub verified: bool,
}

/// A paragraph whose number was checked against legislation.gov.uk.
const fn p(number: &'static str, title: &'static str) -> Paragraph {
    Paragraph {
        number,
        title,
        verified: true,
    }
}

/// A paragraph whose number is not yet checked against legislation.gov.uk.
const fn unchecked(number: &'static str, title: &'static str) -> Paragraph {
    Paragraph {
        number,
        title,
        verified: false,
    }
}

/// Every paragraph the check holds a Local Offer to, in the Schedule's order. Paragraph 5 is
/// held to each of its sub-paragraphs (a) to (j); a page that writes `5` answers them all.
/// Paragraphs 1 and 3 are held whole: a page may write `1` or `3`, or their letters (`1c`),
/// and the paragraph counts as answered when every letter is.
pub const PARAGRAPHS: &[Paragraph] = &[
    p(
        "1",
        "Special educational provision and training expected in the area, by each kind of setting",
    ),
    p("2", "Provision expected outside the area"),
    p(
        "3",
        "Mainstream, special and council-secured provision, and how it is funded",
    ),
    unchecked(
        "4",
        "Identifying and assessing needs, including how to ask for an EHC needs assessment",
    ),
    p("5a", "Settings' approach to teaching"),
    p(
        "5b",
        "How settings adapt the curriculum and the learning environment",
    ),
    p("5c", "Additional learning support"),
    p(
        "5d",
        "How progress is assessed and reviewed, with children, parents and young people",
    ),
    p(
        "5e",
        "How the effectiveness of provision is assessed and evaluated",
    ),
    p("5f", "How children and young people can use the facilities"),
    p(
        "5g",
        "Activities beyond the curriculum, including physical activities",
    ),
    p("5h", "What support is available"),
    p(
        "5i",
        "How staff gain expertise in supporting children and young people with SEND",
    ),
    p("5j", "Support for emotional, mental and social development"),
    unchecked("6", "Health provision"),
    unchecked("7", "Social care provision"),
    unchecked(
        "8",
        "Other educational provision, such as sport and the arts",
    ),
    unchecked("9", "Training provision, including apprenticeships"),
    unchecked(
        "10",
        "Travel to and from schools, colleges and early years settings",
    ),
    unchecked("11", "Moving between phases of education"),
    unchecked("12", "Preparing for adulthood and independent living"),
    unchecked("15", "Sources of information, advice and support"),
    unchecked(
        "17",
        "Complaints, disagreement resolution, mediation and appeals",
    ),
];

/// The lettered sub-paragraphs of a paragraph held whole (1 and 3), which together answer it.
const LETTERS: &[(&str, &str)] = &[("1", "abcdefgh"), ("3", "abcd"), ("5", "abcdefghij")];

/// The paragraphs the Schedule lists letters for (for messages): `1 (a)–(h)`, …
fn letters_of(paragraph: &str) -> Option<&'static str> {
    LETTERS
        .iter()
        .find(|(n, _)| *n == paragraph)
        .map(|(_, l)| *l)
}

/// The address of one paragraph's text: `…/schedule/2/paragraph/5`.
pub fn citation(number: &str) -> String {
    let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
    format!("{SCHEDULE_URL}/paragraph/{whole}")
}

/// How a paragraph is named in messages: `paragraph 5(h)`, `paragraph 17`.
pub fn name(number: &str) -> String {
    let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
    let letter = &number[whole.len()..];
    if letter.is_empty() {
        format!("paragraph {whole}")
    } else {
        format!("paragraph {whole}({letter})")
    }
}

/// Reads what a page writes in `local_offer:` (`5h`, `5(h)`, `5 h`, `17`): the normal form
/// (`5h`), or `None` when it is not a paragraph or sub-paragraph of the list.
pub fn normalise(written: &str) -> Option<String> {
    let s: String = written
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect::<String>()
        .to_ascii_lowercase();
    let whole: String = s.chars().take_while(char::is_ascii_digit).collect();
    let letter = &s[whole.len()..];
    if whole.is_empty() || whole.starts_with('0') {
        return None;
    }
    if letter.is_empty() {
        let listed = PARAGRAPHS.iter().any(|p| {
            p.number == whole
                || p.number.trim_end_matches(|c: char| c.is_ascii_lowercase()) == whole
        });
        return listed.then_some(whole);
    }
    let letters = letters_of(&whole)?;
    (letter.len() == 1 && letters.contains(letter)).then_some(s)
}

/// Which of [`PARAGRAPHS`] a set of normalised numbers answers (by index).
pub fn answered(declared: &[String]) -> Vec<usize> {
    PARAGRAPHS
        .iter()
        .enumerate()
        .filter(|(_, p)| answers(declared, p.number))
        .map(|(i, _)| i)
        .collect()
}

/// Whether `declared` (normalised numbers) answers the listed paragraph `number`.
fn answers(declared: &[String], number: &str) -> bool {
    if declared.iter().any(|d| d == number) {
        return true;
    }
    let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
    if whole.len() < number.len() {
        // A lettered unit (5h) is answered by its whole paragraph (5).
        return declared.contains(&whole);
    }
    // A paragraph held whole (1, 3) is answered by all of its letters.
    letters_of(&whole).is_some_and(|letters| {
        letters
            .chars()
            .all(|l| declared.iter().any(|d| *d == format!("{whole}{l}")))
    })
}

/// The line that ends `check`'s Schedule 2 list while some numbers are not yet checked against
/// legislation.gov.uk: which they are, and what to do; `None` once every number is checked.
pub fn unverified_note() -> Option<String> {
    let numbers: Vec<&str> = PARAGRAPHS
        .iter()
        .filter(|p| !p.verified)
        .map(|p| p.number)
        .collect();
    let (last, rest) = numbers.split_last()?;
    let list = if rest.is_empty() {
        format!("paragraph {last}")
    } else {
        format!("paragraphs {} and {last}", rest.join(", "))
    };
    Some(format!(
        "Not yet checked against legislation.gov.uk: the numbers of {list}. Check them against {SCHEDULE_URL} before relying on this check."
    ))
}

/// The hint for a number that is not in the list.
pub fn allowed_hint() -> String {
    let numbers: Vec<&str> = PARAGRAPHS.iter().map(|p| p.number).collect();
    format!(
        "write paragraph numbers of Schedule 2 as the Schedule gives them ({SCHEDULE_URL}): {}; \
         `5` answers all of 5(a) to 5(j), and 1 and 3 may also be written by their letters (1a to 1h, 3a to 3d)",
        numbers.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| normalise(s).expect("listed")).collect()
    }

    #[test]
    fn numbers_are_read_in_every_spelling() {
        assert_eq!(normalise("5h").as_deref(), Some("5h"));
        assert_eq!(normalise("5(h)").as_deref(), Some("5h"));
        assert_eq!(normalise(" 5 H ").as_deref(), Some("5h"));
        assert_eq!(normalise("17").as_deref(), Some("17"));
        assert_eq!(normalise("5").as_deref(), Some("5"));
        assert_eq!(normalise("1c").as_deref(), Some("1c"));
        assert_eq!(normalise("5k"), None);
        assert_eq!(normalise("99"), None);
        assert_eq!(normalise("2a"), None);
        assert_eq!(normalise("h"), None);
        assert_eq!(normalise("05"), None);
    }

    #[test]
    fn a_whole_paragraph_answers_its_letters_and_letters_answer_a_whole_one() {
        let five = answered(&n(&["5"]));
        let titles: Vec<&str> = five.iter().map(|&i| PARAGRAPHS[i].number).collect();
        assert_eq!(titles.len(), 10);
        assert!(titles.iter().all(|t| t.starts_with('5')));
        let one = |d: &[&str]| answered(&n(d)).iter().any(|&i| PARAGRAPHS[i].number == "1");
        assert!(one(&["1"]));
        assert!(!one(&["1a", "1b"]));
        assert!(one(&["1a", "1b", "1c", "1d", "1e", "1f", "1g", "1h"]));
        assert!(!answered(&n(&["5h"]))
            .iter()
            .any(|&i| PARAGRAPHS[i].number == "5g"));
    }

    #[test]
    fn only_the_numbers_checked_against_legislation_are_verified() {
        let verified: Vec<&str> = PARAGRAPHS
            .iter()
            .filter(|p| p.verified)
            .map(|p| p.number)
            .collect();
        assert_eq!(
            verified,
            ["1", "2", "3", "5a", "5b", "5c", "5d", "5e", "5f", "5g", "5h", "5i", "5j"]
        );
        assert_eq!(
            unverified_note().as_deref(),
            Some("Not yet checked against legislation.gov.uk: the numbers of paragraphs 4, 6, 7, 8, 9, 10, 11, 12, 15 and 17. Check them against https://www.legislation.gov.uk/uksi/2014/1530/schedule/2 before relying on this check.")
        );
    }

    #[test]
    fn names_and_citations() {
        assert_eq!(name("5h"), "paragraph 5(h)");
        assert_eq!(name("17"), "paragraph 17");
        assert_eq!(
            citation("5h"),
            "https://www.legislation.gov.uk/uksi/2014/1530/schedule/2/paragraph/5"
        );
    }
}

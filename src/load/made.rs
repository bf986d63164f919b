//! What a page the build writes from a data file (an event's YAML, "You said, we did") keeps of
//! that file: which parts of its Markdown body the file's fields wrote, with where each field is
//! written, so a problem found in the body is reported in the data file; and how the page is
//! dated, since it has no front matter of its own.

use crate::load::positions::{advance, Pos, Spot};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// How `check` holds a page to a review date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Review {
    /// By its front matter's `reviewed` date, as every page of `content/` is.
    #[default]
    FrontMatter,
    /// By the `reviewed:` date its data file writes at this place (an event not yet over).
    At(Pos),
    /// Not at all: its data file has checks of its own ("You said, we did", the events list),
    /// or what it describes is over (a past event).
    Exempt,
}

/// A part of a made page's body written from one field of its data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Byte range in the page's body.
    pub body: Range<usize>,
    /// Where the text of the range starts in the data file.
    pub at: Pos,
    /// The file holds the text character for character from `at` (see [`Spot::text`]), so a
    /// place inside the range is found exactly; otherwise every place in it is `at`.
    pub verbatim: bool,
}

/// What a made page keeps of its data file.
#[derive(Debug, Clone, Default)]
pub struct MadeFrom {
    /// The data file, from the site root: `content/events/coffee-morning.yaml`.
    pub file: PathBuf,
    /// Its text, for diagnostics' source lines.
    pub text: Arc<str>,
    /// The byte offset in the body where the made part starts (0, unless the made text follows
    /// the body of a page of `content/` at the same address).
    pub body_from: usize,
    /// The parts of the body written from the file's fields, in order.
    pub fields: Vec<Field>,
    pub review: Review,
    /// When what the page lists last changed (its newest entry's latest change): the page shows
    /// it as "Last updated".
    pub updated: Option<NaiveDate>,
}

impl MadeFrom {
    /// A made page of `file` (whose text is `text`), with no fields yet.
    pub fn new(file: PathBuf, text: Arc<str>, review: Review) -> MadeFrom {
        MadeFrom {
            file,
            text,
            review,
            ..MadeFrom::default()
        }
    }

    /// Appends the Markdown `value` of the field whose place is `spot` (`None`: not written) to
    /// `md`, trimmed, and notes where it came from.
    pub fn push_field(&mut self, md: &mut String, value: &str, spot: Option<Spot>) {
        let trimmed = value.trim();
        let lead = &value[..value.len() - value.trim_start().len()];
        let (at, verbatim) = match spot {
            Some(Spot {
                text: Some(start), ..
            }) => (advance(start, lead), true),
            Some(s) => (s.value, false),
            None => (Pos::default(), false),
        };
        let start = md.len();
        md.push_str(trimmed);
        self.fields.push(Field {
            body: start..md.len(),
            at,
            verbatim,
        });
    }

    /// Notes that `md[start..]` (just written) stands for the field whose place is `spot`, as a
    /// whole: every place in it is reported at the field's text.
    pub fn mark(&mut self, md: &str, start: usize, spot: Option<Spot>) {
        let at = spot.map_or(Pos::default(), |s| s.text.unwrap_or(s.value));
        self.fields.push(Field {
            body: start..md.len(),
            at,
            verbatim: false,
        });
    }

    /// Where the byte `offset` of `body` (the page's body) is written in the data file: in a
    /// field, its place; elsewhere in the made part, the whole file (line 0); `None` before the
    /// made part (the page's own text).
    pub fn place(&self, body: &str, offset: usize) -> Option<Pos> {
        if offset < self.body_from {
            return None;
        }
        let Some(f) = self.fields.iter().find(|f| f.body.contains(&offset)) else {
            return Some(Pos::default());
        };
        if !f.verbatim {
            return Some(f.at);
        }
        let before = body.get(f.body.start..offset).unwrap_or_default();
        Some(advance(f.at, before))
    }

    /// The same, for a body in which the made text now starts `by` bytes later.
    pub fn shifted(mut self, by: usize) -> MadeFrom {
        self.body_from += by;
        for f in &mut self.fields {
            f.body = f.body.start + by..f.body.end + by;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::positions::Positions;

    #[test]
    fn places_in_fields_are_found_in_the_file() {
        let yaml = "title: A\ndescription: |\n  First line.\n  See [x](gone.md).\nwho: \"Parents\"\nfolded: >\n  a\n  b\n";
        let p = Positions::of(yaml, 1);
        let mut made = MadeFrom::new("content/events/a.yaml".into(), yaml.into(), Review::Exempt);
        let mut md = String::from("- **When:** today\n\n");
        made.push_field(
            &mut md,
            "First line.\nSee [x](gone.md).\n",
            p.get("description"),
        );
        md.push_str("\n\n");
        made.push_field(&mut md, "Parents", p.get("who"));
        md.push('\n');
        made.push_field(&mut md, "a b", p.get("folded"));
        let link = md.find("[x]").unwrap();
        assert_eq!(made.place(&md, link), Some(Pos { line: 4, column: 7 }));
        let parents = md.find("rents").unwrap();
        assert_eq!(made.place(&md, parents), Some(Pos { line: 5, column: 9 }));
        let b = md.rfind('b').unwrap();
        assert_eq!(
            made.place(&md, b),
            Some(Pos { line: 7, column: 3 }),
            "folded: its start"
        );
        assert_eq!(made.place(&md, 2), Some(Pos::default()), "not a field");
        let moved = made.shifted(10);
        let body = format!("{}{md}", "x".repeat(10));
        assert_eq!(moved.place(&body, 3), None, "the page's own text");
        assert_eq!(
            moved.place(&body, link + 10),
            Some(Pos { line: 4, column: 7 })
        );
    }
}

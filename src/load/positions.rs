//! Where each key and value of a YAML text is written: a map from key paths (`title`,
//! `report.kinds_of_need`, `steps[2].page`, `aliases[0]`) to lines and columns, built once from
//! the parser's events when the text is loaded, so that no diagnostic searches the text again.
//!
//! serde_yaml reads the values but gives no positions for them; the events come from
//! saphyr-parser, which marks every node. Only the first document is mapped (serde_yaml refuses
//! more than one), and a text the parser cannot read keeps what was mapped before the error.

use rustc_hash::FxHashMap;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::sync::{Arc, OnceLock};

/// A place in a file: 1-based line and 1-based column (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Where a key and its value are written. For a list item, both are the item's own start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spot {
    pub key: Pos,
    pub value: Pos,
    /// Where the value's text starts when the file holds it character for character: a literal
    /// block (`|`), whose lines are the text's lines, or a scalar on one line with no escapes
    /// (inside its quotes, if quoted). `None` for folded, escaped or multi-line flow text, and
    /// for maps and lists. See [`advance`].
    pub text: Option<Pos>,
}

/// Where the end of `before` is, for a text written character for character from `start`
/// (a [`Spot::text`]): lines after the first start at `start`'s column, as a literal block's do.
pub fn advance(start: Pos, before: &str) -> Pos {
    match before.rfind('\n') {
        None => Pos {
            line: start.line,
            column: start.column + before.chars().count(),
        },
        Some(nl) => Pos {
            line: start.line + before.matches('\n').count(),
            column: start.column + before[nl + 1..].chars().count(),
        },
    }
}

/// Where a scalar's text starts, when the file holds it character for character.
fn verbatim(event: &Event, span: &Span, at: Pos) -> Option<Pos> {
    let Event::Scalar(text, style, ..) = event else {
        return None;
    };
    if *style == ScalarStyle::Literal {
        return Some(at);
    }
    if span.start.line() != span.end.line() || text.contains('\n') {
        return None;
    }
    let width = span.end.col().checked_sub(span.start.col())?;
    let chars = text.chars().count();
    match style {
        ScalarStyle::Plain if width == chars => Some(at),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if width == chars + 2 => Some(Pos {
            line: at.line,
            column: at.column + 1,
        }),
        _ => None,
    }
}

/// The position map of one YAML text (shared, not copied, when a page made from a template
/// keeps its template's front matter).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    spots: Arc<FxHashMap<String, Spot>>,
}

/// The position map of a file's YAML, made the first time it is asked for: most files never
/// need theirs, since positions are read only to report a problem.
#[derive(Debug, Clone, Default)]
pub struct LazyPositions {
    cell: OnceLock<Positions>,
}

impl LazyPositions {
    /// The map of `yaml` (a whole file: its first line is line 1), made on first use. Always
    /// pass the same text.
    pub fn of(&self, yaml: &str) -> &Positions {
        self.cell.get_or_init(|| Positions::of(yaml, 1))
    }
}

/// The path of a map's value: `parent.key`, or `key` at the top.
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of a list's item: `parent[n]`.
pub fn item(parent: &str, n: usize) -> String {
    format!("{parent}[{n}]")
}

/// An open mapping or sequence while the events are walked. `path` is `None` inside a key that
/// is itself a mapping or sequence (such keys have no path).
enum Frame {
    Map { path: Option<String>, state: Next },
    Seq { path: Option<String>, next: usize },
}

/// What a mapping reads next.
enum Next {
    Key,
    /// The value of the key just read (`None` for a key that is not text), written at `Pos`.
    Value(Option<String>, Pos),
    /// Inside the value: when it is complete, the next key.
    InValue,
}

impl Positions {
    /// Maps `yaml`, whose first line is line `first_line` (1-based) of its file: 1 for a file
    /// of its own, the line after the opening `---` for front matter.
    pub fn of(yaml: &str, first_line: usize) -> Positions {
        let mut spots = FxHashMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let at = |span: &Span| Pos {
            line: span.start.line() + first_line - 1,
            column: span.start.col() + 1,
        };
        let mut started = false;
        for event in Parser::new_from_str(yaml) {
            let Ok((event, span)) = event else { break };
            let pos = at(&span);
            let opens = match &event {
                Event::MappingStart(..) | Event::SequenceStart(..) => true,
                Event::Scalar(..) | Event::Alias(..) => false,
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    if stack.is_empty() {
                        break; // the first document's root is done
                    }
                    done(&mut stack);
                    continue;
                }
                Event::DocumentEnd if started => break,
                _ => continue,
            };
            started = true;
            // What this node is: a key, a key's value or a list item, and the path it gets.
            let path: Option<String> = match stack.last_mut() {
                None => Some(String::new()),
                Some(Frame::Map { path, state }) => match std::mem::replace(state, Next::InValue) {
                    Next::Key => {
                        // A key: remembered until its value is read.
                        let name = match &event {
                            Event::Scalar(text, ..) => Some(text.to_string()),
                            _ => None,
                        };
                        *state = Next::Value(name, pos);
                        if opens {
                            // A mapping or sequence used as a key: nothing inside it is mapped.
                            stack.push(open(&event, None));
                        }
                        continue;
                    }
                    Next::Value(name, key) => {
                        let p = path.as_deref().zip(name).map(|(p, k)| child(p, &k));
                        if let Some(p) = &p {
                            spots.insert(
                                p.clone(),
                                Spot {
                                    key,
                                    value: pos,
                                    text: verbatim(&event, &span, pos),
                                },
                            );
                        }
                        p
                    }
                    Next::InValue => None, // not reached: a value is one node
                },
                Some(Frame::Seq { path, next }) => {
                    let p = path.as_deref().map(|p| item(p, *next));
                    if let Some(p) = &p {
                        spots.insert(
                            p.clone(),
                            Spot {
                                key: pos,
                                value: pos,
                                text: verbatim(&event, &span, pos),
                            },
                        );
                    }
                    p
                }
            };
            if opens {
                stack.push(open(&event, path));
            } else if stack.is_empty() {
                break; // a document that is one scalar
            } else {
                done(&mut stack);
            }
        }
        Positions {
            spots: Arc::new(spots),
        }
    }

    /// Where the key (or list item) at `path` and its value are written.
    pub fn get(&self, path: &str) -> Option<Spot> {
        self.spots.get(path).copied()
    }

    /// The line of the key at `path` (of the item, for a list item).
    pub fn key_line(&self, path: &str) -> Option<usize> {
        self.get(path).map(|s| s.key.line)
    }

    /// The line where the value at `path` starts.
    pub fn value_line(&self, path: &str) -> Option<usize> {
        self.get(path).map(|s| s.value.line)
    }

    /// The key line of `path`, else of its nearest parent that is written (`senco.email`, then
    /// `senco`; `steps[1].what`, then `steps[1]`, then `steps`).
    pub fn nearest_key_line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(line) = self.key_line(p) {
                return Some(line);
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    }
}

fn open(event: &Event, path: Option<String>) -> Frame {
    match event {
        Event::MappingStart(..) => Frame::Map {
            path,
            state: Next::Key,
        },
        _ => Frame::Seq { path, next: 0 },
    }
}

/// A node inside the top frame is complete: after a value a map reads its next key (a key's own
/// end leaves it waiting for the value); a list counts the item.
fn done(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { state, .. }) => {
            if matches!(state, Next::InValue) {
                *state = Next::Key;
            }
        }
        Some(Frame::Seq { next, .. }) => *next += 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(p: &Positions, path: &str) -> ((usize, usize), (usize, usize)) {
        let s = p
            .get(path)
            .unwrap_or_else(|| panic!("{path} is not mapped"));
        ((s.key.line, s.key.column), (s.value.line, s.value.column))
    }

    #[test]
    fn nested_maps_give_dotted_paths() {
        let p = Positions::of(
            "name: Oak\nsenco:\n  name: B\n  contact:\n    email: x\n",
            1,
        );
        assert_eq!(spot(&p, "name"), ((1, 1), (1, 7)));
        assert_eq!(spot(&p, "senco"), ((2, 1), (3, 3)));
        assert_eq!(spot(&p, "senco.name"), ((3, 3), (3, 9)));
        assert_eq!(spot(&p, "senco.contact.email"), ((5, 5), (5, 12)));
        assert!(p.get("email").is_none() && p.get("contact").is_none());
    }

    #[test]
    fn lists_of_maps_are_numbered() {
        let yaml =
            "steps:\n  - title: A\n    page: a.md\n  - title: B\n    what: x\n    page: b.md\n";
        let p = Positions::of(yaml, 1);
        assert_eq!(spot(&p, "steps[0]"), ((2, 5), (2, 5)));
        assert_eq!(spot(&p, "steps[0].page"), ((3, 5), (3, 11)));
        assert_eq!(spot(&p, "steps[1].title"), ((4, 5), (4, 12)));
        assert_eq!(spot(&p, "steps[1].page"), ((6, 5), (6, 11)));
        assert!(p.get("steps[2]").is_none());
        let top = Positions::of("- term: A\n  definition: B\n-\n  term: C\n", 1);
        assert_eq!(top.value_line("[0]"), Some(1));
        assert_eq!(top.key_line("[0].definition"), Some(2));
        // An item whose `-` stands alone starts where its first key is.
        assert_eq!(top.value_line("[1]"), Some(4));
    }

    #[test]
    fn lists_of_text_give_each_item() {
        let p = Positions::of("aliases:\n  - /one/\n  - /two/\nneeds: [a, b]\n", 1);
        assert_eq!(p.value_line("aliases[1]"), Some(3));
        assert_eq!(spot(&p, "needs[1]"), ((4, 12), (4, 12)));
    }

    #[test]
    fn block_scalars_hide_their_lines() {
        let yaml = "a: |\n  not: a key\n  - nor an item\nb: >-\n  folded\nc: 1\n";
        let p = Positions::of(yaml, 1);
        assert_eq!(p.key_line("a"), Some(1));
        // The value is its text, which starts on the line after the `|`.
        assert_eq!(p.value_line("a"), Some(2));
        assert_eq!(p.key_line("b"), Some(4));
        assert_eq!(p.key_line("c"), Some(6));
        assert!(p.get("a.not").is_none() && p.get("not").is_none());
    }

    #[test]
    fn flow_maps_and_lists_are_mapped_inside() {
        let p = Positions::of("headteacher: { name: A, email: [x, y] }\nb: 2\n", 1);
        assert_eq!(spot(&p, "headteacher"), ((1, 1), (1, 14)));
        assert_eq!(spot(&p, "headteacher.name"), ((1, 16), (1, 22)));
        assert_eq!(spot(&p, "headteacher.email[1]"), ((1, 36), (1, 36)));
        assert_eq!(p.key_line("b"), Some(2));
        let spread = Positions::of("p: {\n  a: 1,\n  b: 2\n}\n", 1);
        assert_eq!(spread.key_line("p.b"), Some(3));
    }

    #[test]
    fn quoted_keys_and_comments() {
        let yaml = "# a comment: not a key\n\"email\": x # trailing: no\n'the phone': y\n  # indented: no\nz: 'q: r'\n";
        let p = Positions::of(yaml, 1);
        assert_eq!(p.key_line("email"), Some(2));
        assert_eq!(p.key_line("the phone"), Some(3));
        assert_eq!(p.key_line("z"), Some(5));
        assert!(p.get("a comment").is_none() && p.get("indented").is_none());
        assert!(p.get("trailing").is_none() && p.get("q").is_none());
    }

    #[test]
    fn front_matter_lines_count_from_its_first_line() {
        let text = "---\ntitle: A\naliases:\n  - /old/\n---\nbody\n";
        let yaml = &text[4..text.rfind("---").unwrap()];
        let p = Positions::of(yaml, 2);
        assert_eq!(spot(&p, "title"), ((2, 1), (2, 8)));
        assert_eq!(p.value_line("aliases[0]"), Some(4));
    }

    #[test]
    fn keys_that_are_not_text_are_skipped_with_their_insides() {
        let p = Positions::of("? [c, d]\n: e\n? {f: g}\n: h\nafter: 1\n", 1);
        assert_eq!(p.key_line("after"), Some(5));
        assert!(p.get("f").is_none() && p.get("[0]").is_none());
    }

    #[test]
    fn a_broken_text_keeps_what_came_before_the_error() {
        let p = Positions::of("a: 1\nb: [unclosed\nc: 3\n", 1);
        assert_eq!(p.key_line("a"), Some(1));
        assert_eq!(p.key_line("c"), None);
        assert!(Positions::of("", 1).get("").is_none());
        assert!(Positions::of("just text\n", 1).get("").is_none());
    }

    #[test]
    fn only_the_first_document_is_mapped() {
        let p = Positions::of("a: 1\n---\nb: 2\n", 1);
        assert_eq!(p.key_line("a"), Some(1));
        assert_eq!(p.key_line("b"), None);
    }

    #[test]
    fn nearest_key_line_climbs_to_a_written_parent() {
        let p = Positions::of("senco:\n  name: B\nsteps:\n  - title: A\n", 1);
        assert_eq!(p.nearest_key_line("senco.name"), Some(2));
        assert_eq!(p.nearest_key_line("senco.email"), Some(1));
        assert_eq!(p.nearest_key_line("steps[0].what"), Some(4));
        assert_eq!(p.nearest_key_line("steps[3].what"), Some(3));
        assert_eq!(p.nearest_key_line("report.reviewed"), None);
    }

    #[test]
    fn texts_written_character_for_character_are_placed_exactly() {
        let yaml = "a: plain text\nb: \"quoted é\"\nc: \"esc\\\"aped\"\nd: |\n  one\n    two\ne: >\n  fold\n  ed\nf: two\n  lines\ng: [x]\n";
        let p = Positions::of(yaml, 1);
        let text = |path: &str| p.get(path).and_then(|s| s.text);
        assert_eq!(text("a"), Some(Pos { line: 1, column: 4 }));
        assert_eq!(text("b"), Some(Pos { line: 2, column: 5 }));
        assert_eq!(text("c"), None, "an escape shifts what follows");
        assert_eq!(text("d"), Some(Pos { line: 5, column: 3 }));
        assert_eq!(text("e"), None, "folded");
        assert_eq!(text("f"), None, "a plain scalar over two lines is folded");
        assert_eq!(text("g"), None);
        assert_eq!(
            p.get("g[0]").and_then(|s| s.text),
            Some(Pos {
                line: 12,
                column: 5
            })
        );
        let d = text("d").unwrap();
        assert_eq!(advance(d, "one\n  "), Pos { line: 6, column: 5 });
        assert_eq!(
            advance(text("b").unwrap(), "quoted "),
            Pos {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn columns_count_characters() {
        let p = Positions::of("née: { é: 1, b: 2 }\n", 1);
        assert_eq!(spot(&p, "née.b"), ((1, 14), (1, 17)));
    }
}

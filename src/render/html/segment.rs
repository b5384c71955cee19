//! Cutting a text into properly nested highlights.
//!
//! HTML elements nest; findings may not. Findings that contain one another become nested marks.
//! Where two findings cross (`[0, 10)` and `[5, 15)`), the one that started later is closed at the
//! other's end and opened again after it, so it becomes two *pieces* (`[5, 10)` inside the first,
//! then `[10, 15)`). Each piece covers exactly the bytes between its `start` and `end`; the pieces
//! of one finding, together, cover its span. Empty spans become empty marks at their position.
//!
//! The sweep goes over the elementary segments between consecutive span edges, keeping the marks
//! open as a stack ordered outermost first (earlier start, then later end): at each edge the stack
//! keeps its longest prefix shared with the findings covering the next segment, closes the rest and
//! opens what is missing. Cost: the number of edges times the nesting depth.

use crate::span::Span;
use std::collections::BTreeSet;

/// One step of the nested output, in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Opens a piece of finding `finding` covering `start..end`; `first` and `last` say whether it
    /// begins or ends the finding's span.
    Open {
        /// Index of the finding in the slice given to [`events`].
        finding: usize,
        /// First byte of this piece.
        start: usize,
        /// One past the last byte of this piece.
        end: usize,
        /// The piece starts the finding.
        first: bool,
        /// The piece ends the finding.
        last: bool,
    },
    /// Closes the innermost open piece.
    Close,
    /// Text bytes `start..end`.
    Text {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// An empty finding at this point of the text.
    Empty {
        /// Index of the finding.
        finding: usize,
        /// Its position.
        at: usize,
    },
}

/// Moves `i` down to a char boundary of `text`, and to at most its length.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Spans clamped to the text and its char boundaries (they always are: this only keeps a bad
/// span from cutting a character).
fn clamp(text: &str, spans: &[Span]) -> Vec<(usize, usize)> {
    spans
        .iter()
        .map(|s| {
            let end = floor_boundary(text, s.end);
            (floor_boundary(text, s.start.min(end)), end)
        })
        .collect()
}

/// The nested events that highlight `spans` in `text`.
pub fn events(text: &str, spans: &[Span]) -> Vec<Event> {
    let spans = clamp(text, spans);
    // Outermost first: earlier start, then later end, then input order.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, std::cmp::Reverse(spans[i].1), i));
    let mut rank = vec![0; spans.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut edges: BTreeSet<usize> = [0, text.len()].into();
    edges.extend(spans.iter().flat_map(|&(s, e)| [s, e]));
    let edges: Vec<usize> = edges.into_iter().collect();
    let mut sweep = Sweep {
        spans: &spans,
        order: &order,
        out: Vec::new(),
        stack: Vec::new(),
        active: BTreeSet::new(),
        next: 0,
    };
    for pair in edges.windows(2) {
        sweep.step(pair[0], Some(pair[1]), &rank);
    }
    sweep.step(text.len(), None, &rank);
    sweep.out
}

/// The state of the sweep over the edges.
struct Sweep<'a> {
    spans: &'a [(usize, usize)],
    /// Finding indices, outermost first.
    order: &'a [usize],
    out: Vec<Event>,
    /// Open pieces: (rank, index into `out` of their `Open`).
    stack: Vec<(usize, usize)>,
    /// Ranks of the non-empty findings covering the current position.
    active: BTreeSet<usize>,
    /// Next rank in `order` not yet started.
    next: usize,
}

impl Sweep<'_> {
    /// Handles edge `at`, then the segment up to `to` (none after the last edge).
    fn step(&mut self, at: usize, to: Option<usize>, rank: &[usize]) {
        self.active.retain(|&r| self.spans[self.order[r]].1 > at);
        let mut empties = Vec::new();
        while let Some(&i) = self.order.get(self.next) {
            let (s, e) = self.spans[i];
            if s > at {
                break;
            }
            if s == e {
                empties.push(i);
            } else {
                self.active.insert(rank[i]);
            }
            self.next += 1;
        }
        let keep = self
            .stack
            .iter()
            .zip(&self.active)
            .take_while(|((open, _), want)| open == *want)
            .count();
        while self.stack.len() > keep {
            self.close(at);
        }
        empties.sort_unstable();
        self.out.extend(
            empties
                .into_iter()
                .map(|finding| Event::Empty { finding, at }),
        );
        let Some(to) = to else {
            return;
        };
        let wanted: Vec<usize> = self.active.iter().skip(keep).copied().collect();
        for r in wanted {
            let finding = self.order[r];
            let start = self.spans[finding].0;
            self.stack.push((r, self.out.len()));
            self.out.push(Event::Open {
                finding,
                start: at,
                end: at,
                first: start == at,
                last: false,
            });
        }
        if at < to {
            self.out.push(Event::Text { start: at, end: to });
        }
    }

    /// Closes the innermost piece at `at`, recording where it ends.
    fn close(&mut self, at: usize) {
        if let Some((r, open)) = self.stack.pop() {
            let span_end = self.spans[self.order[r]].1;
            if let Some(Event::Open { end, last, .. }) = self.out.get_mut(open) {
                *end = at;
                *last = at == span_end;
            }
            self.out.push(Event::Close);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Events as brackets: `[i` opens finding i, `]` closes, `<i>` is an empty finding.
    fn brackets(text: &str, spans: &[(usize, usize)]) -> String {
        let spans: Vec<Span> = spans.iter().map(|&(s, e)| Span::new(s, e)).collect();
        let mut out = String::new();
        for e in events(text, &spans) {
            match e {
                Event::Open { finding, .. } => out.push_str(&format!("[{finding}")),
                Event::Close => out.push(']'),
                Event::Text { start, end } => out.push_str(&text[start..end]),
                Event::Empty { finding, .. } => out.push_str(&format!("<{finding}>")),
            }
        }
        out
    }

    #[test]
    fn nested_findings_nest() {
        assert_eq!(brackets("abcdefgh", &[(1, 7), (2, 4)]), "a[0b[1cd]efg]h");
        // Same start: the longer one is outside, whatever the input order.
        assert_eq!(brackets("abcdefgh", &[(2, 4), (2, 7)]), "ab[1[0cd]efg]h");
        assert_eq!(brackets("abcdef", &[(0, 6), (0, 6)]), "[0[1abcdef]]");
    }

    #[test]
    fn crossing_findings_split_the_later_one() {
        assert_eq!(brackets("abcdefgh", &[(1, 5), (3, 7)]), "a[0bc[1de]][1fg]h");
        let spans = [Span::new(1, 5), Span::new(3, 7)];
        let pieces: Vec<_> = events("abcdefgh", &spans)
            .into_iter()
            .filter(|e| matches!(e, Event::Open { .. }))
            .collect();
        assert_eq!(
            pieces,
            [
                Event::Open {
                    finding: 0,
                    start: 1,
                    end: 5,
                    first: true,
                    last: true
                },
                Event::Open {
                    finding: 1,
                    start: 3,
                    end: 5,
                    first: true,
                    last: false
                },
                Event::Open {
                    finding: 1,
                    start: 5,
                    end: 7,
                    first: false,
                    last: true
                },
            ]
        );
    }

    #[test]
    fn empty_findings_and_edges() {
        assert_eq!(brackets("abc", &[(0, 0), (3, 3), (1, 1)]), "<0>a<2>bc<1>");
        assert_eq!(brackets("abc", &[(0, 3), (1, 1)]), "[0a<1>bc]");
        assert_eq!(brackets("", &[(0, 0)]), "<0>");
        assert_eq!(brackets("abc", &[]), "abc");
    }

    #[test]
    fn spans_cut_on_char_boundaries() {
        let text = "“Hi” 👋 ok";
        let hi = text.find("Hi").unwrap_or(0);
        let wave = text.find('👋').unwrap_or(0);
        assert_eq!(
            brackets(text, &[(0, hi + 2), (wave, wave + 4)]),
            "[0“Hi]” [1👋] ok"
        );
        // A span off a boundary (never produced) is moved down to one instead of panicking.
        assert_eq!(brackets(text, &[(1, wave + 2)]), "[0“Hi” ]👋 ok");
        assert_eq!(brackets("ab", &[(1, 99)]), "a[0b]");
    }

    proptest! {
        #[test]
        fn pieces_cover_each_span_and_nest(
            text in "[a-c “👋]{0,12}",
            raw in proptest::collection::vec((0usize..40, 0usize..40), 0..6),
        ) {
            let spans: Vec<Span> = raw
                .iter()
                .map(|&(a, b)| {
                    let (a, b) = (floor_boundary(&text, a.min(b)), floor_boundary(&text, a.max(b)));
                    Span::new(a, b)
                })
                .collect();
            let mut covered = vec![Vec::new(); spans.len()];
            let (mut depth, mut rebuilt) = (0usize, String::new());
            let mut open: Vec<(usize, usize, usize)> = Vec::new();
            for e in events(&text, &spans) {
                match e {
                    Event::Open { finding, start, end, .. } => {
                        depth += 1;
                        open.push((finding, start, end));
                        covered[finding].push((start, end));
                    }
                    Event::Close => {
                        prop_assert!(depth > 0);
                        depth -= 1;
                        let (_, start, end) = open.pop().unwrap_or_default();
                        prop_assert!(start < end);
                        prop_assert_eq!(rebuilt.len(), end);
                    }
                    Event::Text { start, end } => {
                        prop_assert_eq!(rebuilt.len(), start);
                        rebuilt.push_str(&text[start..end]);
                    }
                    Event::Empty { finding, at } => {
                        prop_assert_eq!(rebuilt.len(), at);
                        covered[finding].push((at, at));
                    }
                }
            }
            prop_assert_eq!(depth, 0);
            prop_assert_eq!(&rebuilt, &text);
            for (i, s) in spans.iter().enumerate() {
                let pieces = &covered[i];
                prop_assert!(!pieces.is_empty());
                prop_assert_eq!(pieces[0].0, s.start);
                prop_assert_eq!(pieces[pieces.len() - 1].1, s.end);
                for w in pieces.windows(2) {
                    prop_assert_eq!(w[0].1, w[1].0);
                }
            }
        }
    }
}

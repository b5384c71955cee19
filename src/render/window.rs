//! Windows of long lines for the human renderer.
//!
//! A scraped page or a text without line breaks can hold megabytes on one line; printing that
//! line under each of its findings made the output grow with findings x line length. A
//! [`Windowed`] view shows, for each line a diagnostic touches, only the columns around its
//! labels (about [`WIDTH`] columns, `...` where the line is cut, and between two far-apart labels
//! on one line). It implements codespan's [`Files`] over that shown text, keeping the real line
//! numbers (its line indices are the file's) and the real columns (mapped back to the file's
//! bytes), so the header's `line:column` stays true while underlines are drawn on the window.
//! Lines are cut only at character boundaries, so wide characters and tabs stay aligned.

use crate::span::LineIndex;
use codespan_reporting::files::{Error as FilesError, Files};
use std::collections::BTreeMap;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Most columns of a line shown (markers included), unless its labels need more.
pub const WIDTH: usize = 120;
/// A label wider than this is shown by its two ends, the middle cut.
const LONG: usize = 60;
/// Columns shown at each end of a long label.
const LONG_END: usize = 24;
/// Labels closer than this many columns are shown in one piece.
const JOIN: usize = 12;
/// Where a line is cut.
const MARK: &str = "...";
/// Lines of a multi-line label shown after its first line and before its last (what codespan
/// shows by default, with one more on each side).
const MULTI_HEAD: usize = 4;
const MULTI_TAIL: usize = 2;

/// Display width of a character as the renderer draws it (a tab: up to four columns).
fn width_of(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        c.width().unwrap_or(0)
    }
}

fn width(s: &str) -> usize {
    s.chars().map(width_of).sum()
}

/// A shown part of a line: bytes of the file, and where they start in the shown text.
#[derive(Clone, Debug)]
struct Piece {
    real: Range<usize>,
    at: usize,
}

/// A line as shown: its range in the shown text (with a final `\n`) and its pieces.
#[derive(Debug)]
struct Shown {
    range: Range<usize>,
    pieces: Vec<Piece>,
}

/// The lines one diagnostic shows, cut to windows around its labels.
#[derive(Debug)]
pub struct Windowed<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    source: String,
    lines: BTreeMap<usize, Shown>,
}

impl<'a> Windowed<'a> {
    /// The view of `text` (named `name`, indexed by `index`) for labels on `ranges`.
    pub fn new(
        name: &'a str,
        text: &'a str,
        index: &'a LineIndex,
        ranges: &[Range<usize>],
    ) -> Self {
        let mut wanted: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for r in ranges {
            let (start, end) = (r.start.min(text.len()), r.end.min(text.len()));
            let (a, b) = (index.line_of(start), index.line_of(end.max(start)));
            if a == b {
                wanted.entry(a).or_default().push(start..end.max(start));
                continue;
            }
            let content_a = content(text, index, a);
            wanted
                .entry(a)
                .or_default()
                .push(start..content_a.end.max(start));
            wanted
                .entry(b)
                .or_default()
                .push(index.line_starts()[b]..end);
            let middle = (a + 1..b).filter(|&l| l <= a + MULTI_HEAD || l + MULTI_TAIL >= b);
            for l in middle {
                wanted.entry(l).or_default();
            }
        }
        // codespan draws the one line between two shown lines itself: show it too.
        let shown: Vec<usize> = wanted.keys().copied().collect();
        for pair in shown.windows(2) {
            if pair[1] - pair[0] == 2 {
                wanted.entry(pair[0] + 1).or_default();
            }
        }
        let mut view = Windowed {
            name,
            text,
            index,
            source: String::new(),
            lines: BTreeMap::new(),
        };
        for (line, labels) in wanted {
            view.push_line(line, &labels);
        }
        view
    }

    fn push_line(&mut self, line: usize, labels: &[Range<usize>]) {
        let text = self.text;
        let bounds = content(text, self.index, line);
        let start = self.source.len();
        let mut pieces = Vec::new();
        for (i, real) in window(text, bounds.clone(), labels).into_iter().enumerate() {
            if i > 0 {
                self.source.push(' ');
                self.source.push_str(MARK);
                self.source.push(' ');
            } else if real.start > bounds.start {
                self.source.push_str(MARK);
                self.source.push(' ');
            }
            pieces.push(Piece {
                at: self.source.len(),
                real: real.clone(),
            });
            self.source.push_str(&text[real]);
        }
        if pieces.last().is_some_and(|p| p.real.end < bounds.end) {
            self.source.push(' ');
            self.source.push_str(MARK);
        }
        self.source.push('\n');
        let range = start..self.source.len();
        self.lines.insert(line, Shown { range, pieces });
    }

    /// Where byte `offset` of the file is in the shown text (the nearest shown byte of its line).
    pub fn map(&self, offset: usize) -> usize {
        let line = self.index.line_of(offset.min(self.text.len()));
        let Some(shown) = self.lines.get(&line) else {
            return 0;
        };
        let mut best = shown.range.start;
        for p in &shown.pieces {
            if offset < p.real.start {
                return if best == shown.range.start {
                    p.at
                } else {
                    best
                };
            }
            if offset <= p.real.end {
                return p.at + (offset - p.real.start);
            }
            best = p.at + p.real.len();
        }
        // Past the shown text: the line break (or the end of the last piece).
        if shown.pieces.last().is_some_and(|p| p.real.end < offset) {
            shown.range.end - 1
        } else {
            best
        }
    }

    /// [`Windowed::map`] of both ends.
    pub fn map_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map(r.start);
        start..self.map(r.end).max(start)
    }

    /// The file's byte for a byte of the shown text on `line`.
    fn unmap(&self, line: usize, at: usize) -> usize {
        let Some(shown) = self.lines.get(&line) else {
            return self.index.line_starts().get(line).copied().unwrap_or(0);
        };
        let mut real = content(self.text, self.index, line).start;
        for p in &shown.pieces {
            if at < p.at {
                return real;
            }
            real = p.real.start + (at - p.at).min(p.real.len());
            if at <= p.at + p.real.len() {
                return real;
            }
        }
        real
    }
}

/// The bytes of `line` without its line break.
fn content(text: &str, index: &LineIndex, line: usize) -> Range<usize> {
    let starts = index.line_starts();
    let start = starts[line];
    let end = starts.get(line + 1).map_or(text.len(), |&n| n - 1);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// The parts of the line `bounds` to show for `labels` (ranges clamped to the line).
fn window(text: &str, bounds: Range<usize>, labels: &[Range<usize>]) -> Vec<Range<usize>> {
    let line = &text[bounds.clone()];
    if width(line) <= WIDTH {
        return vec![bounds];
    }
    let clamp = |o: usize| o.clamp(bounds.start, bounds.end);
    let mut parts: Vec<Range<usize>> = Vec::new();
    for l in labels {
        let (s, e) = (clamp(l.start), clamp(l.end.max(l.start)));
        if width(&text[s..e]) > LONG {
            parts.push(s..forward(text, s, bounds.end, LONG_END));
            parts.push(back(text, e, bounds.start, LONG_END)..e);
        } else {
            parts.push(s..e);
        }
    }
    if parts.is_empty() {
        parts.push(bounds.start..bounds.start);
    }
    parts.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for p in parts {
        match merged.last_mut() {
            Some(m) if p.start <= m.end || width(&text[m.end..p.start]) <= JOIN => {
                m.end = m.end.max(p.end);
            }
            _ => merged.push(p),
        }
    }
    let used: usize = merged
        .iter()
        .map(|r| width(&text[r.clone()]))
        .sum::<usize>()
        + (merged.len() - 1) * (MARK.len() + 2);
    // Context on both sides of what is shown, fairly split; a side that reaches the line's end
    // gives what it cannot use to the other.
    let room = WIDTH.saturating_sub(used + 2 * (MARK.len() + 1));
    let first = merged[0].start;
    let last = merged[merged.len() - 1].end;
    let before_room = width(&text[bounds.start..first]);
    let after_room = width(&text[last..bounds.end]);
    let before = (room / 2).min(before_room);
    let after = (room - before).min(after_room);
    let before = (room - after).min(before_room);
    let start = back(text, first, bounds.start, before);
    if start > bounds.start {
        merged[0].start = word_start(text, start, first);
    } else {
        merged[0].start = start;
    }
    let n = merged.len();
    let end = forward(text, last, bounds.end, after);
    merged[n - 1].end = if end < bounds.end {
        word_end(text, end, last)
    } else {
        end
    };
    merged
}

/// A cut at `at` moved forward to the start of a word, not past `limit`.
fn word_start(text: &str, at: usize, limit: usize) -> usize {
    if text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    match text[at..limit].find(char::is_whitespace) {
        Some(i) => {
            let rest = &text[at + i..limit];
            limit - rest.trim_start().len()
        }
        None => at,
    }
}

/// A cut at `at` moved back to the end of a word, not before `limit`.
fn word_end(text: &str, at: usize, limit: usize) -> usize {
    if text[at..].starts_with(char::is_whitespace) {
        return limit.max(limit + text[limit..at].trim_end().len());
    }
    match text[limit..at].rfind(char::is_whitespace) {
        Some(i) => limit + text[limit..limit + i].trim_end().len(),
        None => at,
    }
}

/// The byte `columns` columns after `from`, at most `limit`.
fn forward(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[from..limit].char_indices() {
        used += width_of(c);
        if used > columns {
            return from + i;
        }
    }
    limit
}

/// The byte `columns` columns before `from`, at least `limit`.
fn back(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[limit..from].char_indices().rev() {
        used += width_of(c);
        if used > columns {
            return limit + i + c.len_utf8();
        }
    }
    limit
}

impl<'a> Files<'a> for Windowed<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.source)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        let found = self
            .lines
            .iter()
            .find(|(_, s)| byte_index < s.range.end)
            .or_else(|| self.lines.iter().next_back());
        Ok(found.map_or(0, |(line, _)| *line))
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.lines.get(&line_index) {
            Some(s) => Ok(s.range.clone()),
            None if line_index < self.index.line_starts().len() => Ok(0..0),
            None => Err(FilesError::LineTooLarge {
                given: line_index,
                max: self.index.line_starts().len() - 1,
            }),
        }
    }

    fn column_number(
        &'a self,
        _: (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let real = self.unmap(line_index, byte_index);
        let start = self.index.line_starts()[line_index];
        Ok(self.text[start..real.max(start)].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
        let index = LineIndex::new(text);
        let w = Windowed::new("t", text, &index, ranges);
        let mapped = ranges.iter().map(|r| w.map_range(r.clone())).collect();
        (w.source.clone(), mapped)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one two three\nfour five\n";
        let (source, mapped) = view(text, &[4..7, 19..23]);
        assert_eq!(source, "one two three\nfour five\n");
        assert_eq!(&source[mapped[0].clone()], "two");
        assert_eq!(&source[mapped[1].clone()], "five");
    }

    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let text = format!("{}harmony track{}", "a ".repeat(5000), " b".repeat(5000));
        let start = text.find("harmony").unwrap();
        let (source, mapped) = view(&text, std::slice::from_ref(&(start..start + 13)));
        assert!(
            source.starts_with("... ") && source.ends_with(" ...\n"),
            "{source}"
        );
        assert!(width(source.trim_end()) <= WIDTH, "{}", width(&source));
        assert_eq!(&source[mapped[0].clone()], "harmony track");
    }

    #[test]
    fn far_apart_labels_on_one_line_are_both_shown() {
        let text = format!("Blinken{}Blinkin said so.", " and".repeat(3000));
        let later = text.find("Blinkin").unwrap();
        let (source, mapped) = view(&text, &[later..later + 7, 0..7]);
        assert_eq!(&source[mapped[0].clone()], "Blinkin");
        assert_eq!(&source[mapped[1].clone()], "Blinken");
        assert!(source.contains(" ... "), "{source}");
    }

    #[test]
    fn columns_stay_those_of_the_file() {
        let text = format!("{}東京 harmony track", "é".repeat(300));
        let start = text.find("harmony").unwrap();
        let index = LineIndex::new(&text);
        let w = Windowed::new(
            "t",
            &text,
            &index,
            std::slice::from_ref(&(start..start + 13)),
        );
        let at = w.map(start);
        assert_eq!(w.column_number((), 0, at).unwrap(), 300 + 2 + 1 + 1);
        assert_eq!(w.line_index((), at).unwrap(), 0);
    }
}

//! Byte spans into the original input, and the line index that turns them into lines and columns.
//!
//! Every position the engine reports is a half-open byte range into the text as it was read. Lines
//! and columns are computed only at the edge, by one [`LineIndex`] per document: 1-based lines and
//! columns counted in Unicode scalar values, as the JSON output and SARIF (`unicodeCodePoints`) want.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original input, always on char boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
}

/// Byte offsets of line starts, for turning byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`; a line ends after `\n`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Byte offsets where each line starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.starts
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// 1-based line and code-point column of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Line and column where a span ends, exclusive: one past its last character.
    ///
    /// A span that ends right after a line break ends on that line, one past its last character.
    pub fn end_line_col(&self, text: &str, span: Span) -> LineCol {
        if span.is_empty() {
            return self.line_col(text, span.start);
        }
        let last = text[..span.end]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
        let lc = self.line_col(text, last);
        LineCol {
            line: lc.line,
            column: lc.column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_code_points() {
        let text = "a’b\nO’Brian said";
        let idx = LineIndex::new(text);
        let start = text.find("Brian").unwrap();
        assert_eq!(idx.line_col(text, start), LineCol { line: 2, column: 3 });
        let span = Span::new(start, start + "Brian".len());
        assert_eq!(idx.end_line_col(text, span), LineCol { line: 2, column: 8 });
    }

    #[test]
    fn end_of_span_at_line_break_stays_on_its_line() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        let lc = idx.end_line_col(text, Span::new(0, 3));
        assert_eq!(lc, LineCol { line: 1, column: 4 });
    }
}

//! Markup input: the prose of a Markdown or HTML file, with a map back to the file's bytes.
//!
//! An extractor walks the file and emits *pieces* into a new text: prose copied verbatim, prose
//! decoded (an entity or a backslash escape), a *hole* standing for something that is not prose
//! but sits inside a sentence (inline code, a URL), and *breaks* between blocks. Each piece
//! remembers the original range it came from, so a span over the extracted text maps back to a
//! span of the original on char boundaries: verbatim pieces map byte for byte, any other piece
//! maps as a whole. Findings that touch a hole are dropped. Everything else (code blocks, front
//! matter, tags, scripts, link targets) never reaches the text at all. Plain text does not come
//! here: it is checked as it is.

pub mod entities;
pub mod html;
pub mod markdown;

use crate::span::Span;
use std::path::Path;

/// How an input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every byte is prose.
    Plain,
    /// CommonMark with tables, footnotes, strikethrough and YAML front matter.
    Markdown,
    /// HTML: visible text only.
    Html,
}

impl Format {
    /// The format a file name implies: `.md`/`.markdown`, `.html`/`.htm`, else plain text.
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }

    /// The prose of `src` in this format; `None` for plain text, which needs no extraction.
    pub fn extract(self, src: &str) -> Option<Extracted> {
        match self {
            Format::Plain => None,
            Format::Markdown => Some(markdown::extract(src)),
            Format::Html => Some(html::extract(src)),
        }
    }
}

/// What a piece of the extracted text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The same bytes as the original range.
    Verbatim,
    /// Decoded from the original range (an entity, an escape, collapsed white space).
    Decoded,
    /// Stands for something that is not prose inside a sentence.
    Hole,
    /// A block break, taking no original bytes.
    Break,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Start in the extracted text.
    at: usize,
    /// Length in the extracted text.
    len: usize,
    /// Original range.
    orig: Span,
    kind: Kind,
}

/// The text standing for a hole: punctuation, so that no phrase runs across it.
pub const HOLE: &str = "|";

/// Extracted prose and the way back to the original bytes.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    text: String,
    pieces: Vec<Piece>,
    comments: Vec<Span>,
    skipped: Vec<Span>,
}

impl Extracted {
    /// The prose, ready for the linter.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Original ranges of comments (where suppressions may live).
    pub fn comments(&self) -> &[Span] {
        &self.comments
    }

    /// True when an original span lies in code, front matter or a script: text that is neither
    /// prose nor a comment, so a directive there is only an example.
    pub fn in_skipped(&self, span: Span) -> bool {
        self.skipped
            .iter()
            .any(|s| s.start <= span.start && span.end <= s.end)
    }

    /// Index of the piece holding extracted offset `pos` (the last piece starting at or before).
    fn piece_at(&self, pos: usize) -> Option<usize> {
        self.pieces.partition_point(|p| p.at <= pos).checked_sub(1)
    }

    /// Maps an extracted span back to the original; `None` when it touches a hole or maps to
    /// nothing.
    pub fn to_original(&self, span: Span) -> Option<Span> {
        let first = self.piece_at(span.start)?;
        let last = self.piece_at(span.end.saturating_sub(1).max(span.start))?;
        if self.pieces[first..=last]
            .iter()
            .any(|p| p.kind == Kind::Hole)
        {
            return None;
        }
        let start = self.map(first, span.start, false);
        let end = self.map(last, span.end, true);
        (start < end || span.is_empty()).then(|| Span::new(start, end.max(start)))
    }

    fn map(&self, i: usize, pos: usize, is_end: bool) -> usize {
        let p = self.pieces[i];
        let off = pos.saturating_sub(p.at).min(p.len);
        match p.kind {
            Kind::Verbatim => p.orig.start + off,
            _ if is_end && off > 0 => p.orig.end,
            _ if !is_end && off >= p.len && p.len > 0 => p.orig.end,
            _ => p.orig.start,
        }
    }

    /// True when the extracted span is a verbatim copy of the original bytes it maps to, so that
    /// replacing those bytes is the same edit as replacing the extracted text.
    pub fn is_verbatim(&self, span: Span) -> bool {
        let (Some(first), Some(last)) = (
            self.piece_at(span.start),
            self.piece_at(span.end.saturating_sub(1).max(span.start)),
        ) else {
            return false;
        };
        let pieces = &self.pieces[first..=last];
        pieces.iter().all(|p| p.kind == Kind::Verbatim)
            && pieces.windows(2).all(|w| w[0].orig.end == w[1].orig.start)
    }
}

/// Builds an [`Extracted`] piece by piece.
#[derive(Debug)]
pub(crate) struct Builder<'s> {
    src: &'s str,
    out: Extracted,
}

impl<'s> Builder<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Builder {
            src,
            out: Extracted {
                text: String::with_capacity(src.len()),
                ..Extracted::default()
            },
        }
    }

    fn push(&mut self, text: &str, orig: Span, kind: Kind) {
        let at = self.out.text.len();
        self.out.text.push_str(text);
        if let Some(last) = self.out.pieces.last_mut() {
            let joins = kind == Kind::Verbatim
                && last.kind == Kind::Verbatim
                && last.orig.end == orig.start
                && last.at + last.len == at;
            if joins {
                last.len += text.len();
                last.orig.end = orig.end;
                return;
            }
        }
        self.out.pieces.push(Piece {
            at,
            len: text.len(),
            orig,
            kind,
        });
    }

    /// Prose copied from `range` of the source, with URLs in it made holes.
    pub(crate) fn prose(&mut self, range: std::ops::Range<usize>) {
        let mut at = range.start;
        for url in urls(&self.src[range.clone()]) {
            let (s, e) = (range.start + url.start, range.start + url.end);
            self.verbatim(at..s);
            self.hole(s..e);
            at = e;
        }
        self.verbatim(at..range.end);
    }

    fn verbatim(&mut self, range: std::ops::Range<usize>) {
        if range.start < range.end {
            let src = self.src;
            self.push(
                &src[range.clone()],
                Span::new(range.start, range.end),
                Kind::Verbatim,
            );
        }
    }

    /// Text that stands for `range` of the source but differs from it.
    pub(crate) fn decoded(&mut self, range: std::ops::Range<usize>, text: &str) {
        if self.src.get(range.clone()) == Some(text) {
            self.prose(range);
        } else if !text.is_empty() {
            self.push(text, Span::new(range.start, range.end), Kind::Decoded);
        }
    }

    /// Something that is not prose inside a sentence.
    pub(crate) fn hole(&mut self, range: std::ops::Range<usize>) {
        self.push(HOLE, Span::new(range.start, range.end), Kind::Hole);
        self.skipped(range);
    }

    /// A line break that is not in the source (`<br>`).
    pub(crate) fn line_break(&mut self, at: usize) {
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            self.push("\n", Span::new(at, at), Kind::Break);
        }
    }

    /// A block break: a blank line in the extracted text.
    pub(crate) fn block_break(&mut self, at: usize) {
        if !self.out.text.is_empty() && !self.out.text.ends_with("\n\n") {
            let brk = if self.out.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.push(brk, Span::new(at, at), Kind::Break);
        }
    }

    /// A comment of the source.
    pub(crate) fn comment(&mut self, range: std::ops::Range<usize>) {
        self.out.comments.push(Span::new(range.start, range.end));
    }

    /// Source text that is neither prose nor a comment.
    pub(crate) fn skipped(&mut self, range: std::ops::Range<usize>) {
        if range.start < range.end {
            self.out.skipped.push(Span::new(range.start, range.end));
        }
    }

    pub(crate) fn finish(self) -> Extracted {
        self.out
    }
}

/// Byte ranges of URLs in prose: `http://`, `https://`, `ftp://`, `mailto:` and `www.` up to
/// white space or a bracket, without trailing punctuation.
fn urls(text: &str) -> Vec<std::ops::Range<usize>> {
    const STARTS: [&str; 5] = ["https://", "http://", "ftp://", "mailto:", "www."];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b':', b'.', &bytes[i..]) {
        let hit = i + k;
        let start = STARTS.iter().find_map(|s| {
            let colon = s.find([':', '.']).unwrap_or(0);
            let begin = hit.checked_sub(colon)?;
            let word_start = begin == 0 || !bytes[begin - 1].is_ascii_alphanumeric();
            (word_start && bytes[begin..].starts_with(s.as_bytes())).then_some(begin)
        });
        let Some(start) = start else {
            i = hit + 1;
            continue;
        };
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || "<>\"'()[]{}`".contains(c))
            .map_or(text.len(), |e| start + e);
        let end = start
            + text[start..end]
                .trim_end_matches(['.', ',', ';', ':', '!', '?'])
                .len();
        if end > start {
            out.push(start..end);
        }
        i = end.max(hit + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_without_trailing_punctuation() {
        let t = "See https://example.com/a-b, or www.x.org. Not e.g. this.";
        let found: Vec<&str> = urls(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["https://example.com/a-b", "www.x.org"]);
    }

    #[test]
    fn spans_map_back_through_pieces() {
        let src = "ab &amp; cd `x` ef";
        let mut b = Builder::new(src);
        b.prose(0..3);
        b.decoded(3..8, "&");
        b.prose(8..12);
        b.hole(12..15);
        b.prose(15..18);
        let ex = b.finish();
        assert_eq!(ex.text(), "ab & cd | ef");
        assert_eq!(ex.to_original(Span::new(0, 2)), Some(Span::new(0, 2)));
        assert_eq!(ex.to_original(Span::new(3, 7)), Some(Span::new(3, 11)));
        assert!(!ex.is_verbatim(Span::new(0, 7)));
        assert!(ex.is_verbatim(Span::new(5, 7)));
        assert_eq!(ex.to_original(Span::new(5, 10)), None);
        assert_eq!(ex.to_original(Span::new(10, 12)), Some(Span::new(16, 18)));
    }
}

//! Byte offsets to LSP positions and back, in UTF-8 or UTF-16 code units.
//!
//! Findings carry byte spans; the protocol speaks of lines and characters, where a character is
//! a UTF-16 code unit unless the client agreed to UTF-8 (LSP 3.17 `positionEncoding`). Lines end
//! at `\n`, `\r\n` or a lone `\r`, as the protocol says. Conversions never fail: an offset past
//! the end or inside a character, a line past the last one, a character past the end of its line
//! or inside a surrogate pair are clamped to the nearest place before them, so that a client's bad
//! range cannot stop the server.

use crate::span::Span;
use lsp_types::{Position, PositionEncodingKind, Range};

/// How the client counts characters within a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default (emoji outside the BMP count two).
    #[default]
    Utf16,
    /// UTF-8 bytes: our spans' own unit, taken whenever the client offers it.
    Utf8,
}

impl Encoding {
    /// The encoding to use given the client's `general.positionEncodings`: UTF-8 when offered,
    /// else UTF-16 (which every client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let utf8 = offered.is_some_and(|o| o.contains(&PositionEncodingKind::UTF8));
        if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    /// Code units of `c` in this encoding.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        }
    }

    /// Code units of `s` in this encoding. In UTF-16, one per character (every byte but a
    /// continuation byte starts one) and one more per character outside the BMP (a four-byte
    /// sequence, lead byte `0xF0` or above): a loop over bytes that compiles to vector code.
    fn count(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s
                .bytes()
                .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum(),
        }
    }
}

/// Byte offsets where the lines of one text start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`: a line starts after `\n`, and after a `\r` that no `\n` follows.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// Number of lines (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte range of line `line`'s content, without its line break.
    fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The position of byte `offset` of `text`; an offset past the end, inside a character or
    /// inside a line break is moved back to the nearest place a position can name.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let span = self.line_span(text, line);
        let character = enc.count(&text[span.start..offset.min(span.end)]);
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `pos` in `text`; a line past the last one means the end of the text, a
    /// character past the end of its line the end of that line, and a character inside a
    /// multi-unit character the start of that character.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let wanted = pos.character as usize;
        let content = &text[span.start..span.end];
        if enc == Encoding::Utf8 || content.is_ascii() {
            let mut at = wanted.min(content.len());
            while !content.is_char_boundary(at) {
                at -= 1;
            }
            return span.start + at;
        }
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + enc.units(c);
            if next > wanted {
                return span.start + i;
            }
            units = next;
        }
        span.end
    }

    /// The range of `span` in `text`.
    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }

    /// The byte span of `range` in `text`, its ends put in order.
    pub fn span(&self, text: &str, range: Range, enc: Encoding) -> Span {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        Span::new(a.min(b), a.max(b))
    }

    /// Byte offset where line `line` starts (the end of the text past the last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }
}

/// Protocol numbers are `u32`; a text of more than 4 GiB is clamped rather than wrapped.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "“Curly” café 😀 harmony track\r\nnext é line\rold mac\n";

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_counts_surrogate_pairs_as_two() {
        let idx = LineIndex::new(TEXT);
        let at = TEXT.find("harmony").unwrap();
        // “Curly”␠café␠😀␠ = 1+5+1+1+4+1+2+1 code units.
        assert_eq!(idx.position(TEXT, at, Encoding::Utf16), pos(0, 16));
        assert_eq!(idx.offset(TEXT, pos(0, 16), Encoding::Utf16), at);
        assert_eq!(idx.position(TEXT, at, Encoding::Utf8), pos(0, at as u32));
        assert_eq!(idx.offset(TEXT, pos(0, at as u32), Encoding::Utf8), at);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.lines(), 4);
        let next = TEXT.find("next").unwrap();
        assert_eq!(idx.position(TEXT, next, Encoding::Utf16), pos(1, 0));
        let line = TEXT.find("line").unwrap();
        assert_eq!(idx.position(TEXT, line, Encoding::Utf16), pos(1, 7));
        assert_eq!(idx.position(TEXT, line, Encoding::Utf8), pos(1, 8));
        let old = TEXT.find("old").unwrap();
        assert_eq!(idx.position(TEXT, old, Encoding::Utf16), pos(2, 0));
        assert_eq!(idx.offset(TEXT, pos(3, 0), Encoding::Utf16), TEXT.len());
    }

    #[test]
    fn bad_positions_are_clamped() {
        let idx = LineIndex::new(TEXT);
        let eol = TEXT.find('\r').unwrap();
        // Past the end of a line: its end, before the line break.
        assert_eq!(idx.offset(TEXT, pos(0, 999), Encoding::Utf16), eol);
        assert_eq!(idx.offset(TEXT, pos(0, 999), Encoding::Utf8), eol);
        // Past the last line: the end of the text.
        assert_eq!(idx.offset(TEXT, pos(99, 3), Encoding::Utf8), TEXT.len());
        // Inside the emoji's surrogate pair or inside a UTF-8 sequence: the start of the char.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(idx.offset(TEXT, pos(0, 14), Encoding::Utf16), emoji);
        let e = TEXT.find('é').unwrap() as u32;
        assert_eq!(idx.offset(TEXT, pos(0, e + 1), Encoding::Utf8), e as usize);
        // Offsets past the end, inside a char or inside CRLF.
        assert_eq!(idx.position(TEXT, 10_000, Encoding::Utf16), pos(3, 0));
        assert_eq!(idx.position(TEXT, emoji + 1, Encoding::Utf16), pos(0, 13));
        assert_eq!(idx.position(TEXT, eol + 1, Encoding::Utf16).line, 0);
    }

    #[test]
    fn ranges_come_back_in_order() {
        let idx = LineIndex::new(TEXT);
        let r = Range::new(pos(1, 4), pos(0, 0));
        assert_eq!(
            idx.span(TEXT, r, Encoding::Utf16),
            Span::new(0, TEXT.find("next").unwrap() + 4)
        );
    }

    #[test]
    fn utf16_units_are_counted_from_bytes() {
        for s in ["", "abc", "é", "“x”", "😀", "a👍🏽b", "中\u{301}", TEXT] {
            let want: usize = s.chars().map(char::len_utf16).sum();
            assert_eq!(Encoding::Utf16.count(s), want, "{s:?}");
        }
    }

    #[test]
    fn empty_text_has_one_line() {
        let idx = LineIndex::new("");
        assert_eq!(idx.lines(), 1);
        assert_eq!(idx.position("", 0, Encoding::Utf16), pos(0, 0));
        assert_eq!(idx.offset("", pos(5, 5), Encoding::Utf16), 0);
    }

    #[test]
    fn utf8_is_negotiated_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    /// Text from a small alphabet with every kind of line break and width of character.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", " ", "é", "“", "’", "😀", "👍🏽", "\n", "\r\n", "\r", "中", "\u{301}", "\t",
        ]);
        let mixed = prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat());
        prop_oneof![mixed, any::<String>()]
    }

    proptest! {
        #[test]
        fn byte_position_byte_round_trips(text in text(), pick in any::<prop::sample::Index>()) {
            let idx = LineIndex::new(&text);
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                // The gap inside CRLF is no place a position can name.
                .filter(|&i| !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n')))
                .collect();
            let offset = boundaries[pick.index(boundaries.len())];
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = idx.position(&text, offset, enc);
                prop_assert_eq!(idx.offset(&text, p, enc), offset, "{:?} {:?}", enc, p);
            }
        }

        #[test]
        fn any_position_lands_on_a_char_boundary(text in text(), line in 0u32..20, ch in 0u32..80) {
            let idx = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let off = idx.offset(&text, Position::new(line, ch), enc);
                prop_assert!(text.is_char_boundary(off));
            }
        }
    }
}

//! Normalisation for matching, with an offset map back to the original text.
//!
//! Matching works on a normalised copy of the input: NFC, lower case, curly quotes and apostrophes
//! made straight, Unicode hyphens made `-`, Unicode dashes made `—`, Unicode spaces made ` `,
//! invisible format characters (zero-width spaces and joiners, soft hyphens, BOMs) dropped, and a
//! carriage return read as white space. The copy keeps a sparse map back to the original: runs in
//! which every byte corresponds one to one (all ASCII, and every change that keeps a character's
//! byte length) need no entry; each change of length is one *unit* mapping a whole original range
//! to a whole normalised range. Mapping a span back therefore always lands on original char
//! boundaries, and the original slice normalises to exactly the normalised slice.

use crate::span::Span;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalised text and the way back to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// Segment starts, sorted by `norm`; the last entry is the end sentinel.
    marks: Vec<Mark>,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    norm: u32,
    orig: u32,
    /// True for a run with one-to-one bytes; false for a single unit of changed length.
    linear: bool,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a normalised span (on normalised char boundaries) back to the original bytes.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.map_start(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.map_end(span.end).max(start))
    }

    /// True when every normalised byte sits at the same offset in the original (no change of
    /// length anywhere: ASCII text, for one), so that mapping back is the identity.
    pub fn is_identity(&self) -> bool {
        // A normalised text has a first mark and an end sentinel, and more only where a unit
        // changes length.
        match self.marks[..] {
            [first, end] => first.linear && first.orig == 0 && end.norm == end.orig,
            _ => false,
        }
    }

    /// A mapper for spans visited in increasing order: amortised constant time per span.
    pub fn forward(&self) -> Forward<'_> {
        let mut f = Forward {
            marks: &self.marks,
            seg: 0,
            here: (0, 0, 0, false),
        };
        f.cache();
        f
    }

    fn segment(&self, pos: usize) -> usize {
        self.marks
            .partition_point(|m| m.norm as usize <= pos)
            .saturating_sub(1)
    }

    fn map_start(&self, pos: usize) -> usize {
        let i = self.segment(pos);
        let m = self.marks[i];
        if m.linear {
            m.orig as usize + (pos - m.norm as usize)
        } else {
            m.orig as usize
        }
    }

    fn map_end(&self, end: usize) -> usize {
        let i = self.segment(end - 1);
        let m = self.marks[i];
        if m.linear {
            m.orig as usize + (end - m.norm as usize)
        } else {
            self.marks
                .get(i + 1)
                .map_or(m.orig as usize, |n| n.orig as usize)
        }
    }
}

/// Maps normalised spans back to the original like [`Normalized::to_original`], for spans visited
/// in increasing order of start (the words of a document, in order).
#[derive(Clone, Debug)]
pub struct Forward<'a> {
    marks: &'a [Mark],
    seg: usize,
    /// The current segment: normalised start and end, original start, linear.
    here: (usize, usize, usize, bool),
}

impl Forward<'_> {
    fn cache(&mut self) {
        let m = self.marks[self.seg];
        let next = self
            .marks
            .get(self.seg + 1)
            .map_or(usize::MAX, |n| n.norm as usize);
        self.here = (m.norm as usize, next, m.orig as usize, m.linear);
    }

    /// The segment holding `pos`; never moves backwards.
    fn seek(&mut self, pos: usize) -> Mark {
        while self
            .marks
            .get(self.seg + 1)
            .is_some_and(|m| m.norm as usize <= pos)
        {
            self.seg += 1;
        }
        self.cache();
        self.marks[self.seg]
    }

    /// Original position of the start of a span; like [`Forward::span`], in increasing order.
    pub fn start(&mut self, pos: usize) -> usize {
        // Most positions fall in the segment of the last one: no look at the marks.
        let (lo, hi, orig, linear) = self.here;
        if pos < lo || pos >= hi {
            self.seek(pos);
            return self.start(pos);
        }
        if linear {
            orig + (pos - lo)
        } else {
            orig
        }
    }

    /// Original span of a normalised span; each call's start must not precede the last call's.
    pub fn span(&mut self, span: Span) -> Span {
        let start = self.start(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.end(span.end).max(start))
    }

    /// Original position of the end of a non-empty span whose start was mapped last.
    pub fn end(&mut self, end: usize) -> usize {
        let (lo, hi, orig, linear) = self.here;
        if linear && end > lo && end <= hi {
            return orig + (end - lo);
        }
        let saved = self.seg;
        let m = self.seek(end - 1);
        let orig = if m.linear {
            m.orig as usize + (end - m.norm as usize)
        } else {
            self.marks
                .get(self.seg + 1)
                .map_or(m.orig as usize, |n| n.orig as usize)
        };
        self.seg = saved;
        self.cache();
        orig
    }
}

/// Normalises a short string (a pattern word) and returns only the text.
pub fn normalize_str(text: &str) -> String {
    if text.bytes().all(|b| b.is_ascii() && b != b'\r') {
        return text.to_ascii_lowercase();
    }
    normalize(text).text
}

/// Normalises `orig` for matching; see the module documentation for what changes.
pub fn normalize(orig: &str) -> Normalized {
    normalize_reusing(orig, Normalized::default())
}

/// [`normalize`], reusing the allocations of an earlier result (checking a long text in parts).
pub fn normalize_reusing(orig: &str, old: Normalized) -> Normalized {
    assert!(
        orig.len() < u32::MAX as usize,
        "input larger than 4 GiB reached the normaliser"
    );
    let (mut text, mut marks) = (old.text, old.marks);
    text.clear();
    text.reserve(orig.len());
    marks.clear();
    marks.push(Mark {
        norm: 0,
        orig: 0,
        linear: true,
    });
    let mut b = Builder { text, marks };
    let bytes = orig.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bulk path: a run of plain ASCII (no CR) is lower-cased as it is copied.
        let run = ascii_run(&bytes[i..]);
        // Leave the last ASCII byte of the run to the slow path if a combining mark follows it.
        let run = if i + run < bytes.len() && bytes[i + run] >= 0x80 {
            run.saturating_sub(1)
        } else {
            run
        };
        b.push_ascii_run(&orig[i..i + run]);
        i += run;
        if i >= bytes.len() {
            break;
        }
        let byte = bytes[i];
        let next = bytes.get(i + 1).copied();
        let end = cluster_end(orig, i);
        if byte < 0x80 && end == i + 1 {
            b.push_ascii(byte, next);
        } else {
            b.push_cluster(&orig[i..end], i, end);
        }
        i = end;
    }
    b.finish(orig.len())
}

/// Length of the leading run of ASCII bytes other than CR, scanning eight bytes at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    let n = n + bytes[n..]
        .iter()
        .position(|&x| x >= 0x80)
        .unwrap_or(bytes.len() - n);
    memchr::memchr(b'\r', &bytes[..n]).unwrap_or(n)
}

/// End of the cluster starting at `start`: a character and the combining marks after it.
fn cluster_end(orig: &str, start: usize) -> usize {
    let mut chars = orig[start..].char_indices();
    chars.next();
    for (off, c) in chars {
        if canonical_combining_class(c) == 0 {
            return start + off;
        }
    }
    orig.len()
}

struct Builder {
    text: String,
    marks: Vec<Mark>,
}

impl Builder {
    fn push_ascii_run(&mut self, run: &str) {
        let start = self.text.len();
        self.text.push_str(run);
        self.text[start..].make_ascii_lowercase();
    }

    fn push_ascii(&mut self, byte: u8, next: Option<u8>) {
        let c = match byte {
            // CR LF reads as " \n"; a lone CR (old Mac line end) as "\n"; both keep the byte count.
            b'\r' if next == Some(b'\n') => ' ',
            b'\r' => '\n',
            _ => byte.to_ascii_lowercase() as char,
        };
        self.text.push(c);
    }

    fn push_cluster(&mut self, cluster: &str, start: usize, end: usize) {
        let before = self.text.len();
        let mut chars = cluster.chars();
        let single = chars.next().filter(|_| chars.as_str().is_empty());
        match single {
            Some(c) => self.push_char(c),
            None => self.push_composed(cluster),
        }
        if self.text.len() - before != end - start {
            self.unit(before, start, end);
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(r) = replacement(c) {
            self.text.push_str(r);
        } else if is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
            self.text.extend(c.to_lowercase());
        } else {
            let s: String = std::iter::once(c).nfc().collect();
            self.text.extend(s.chars().flat_map(char::to_lowercase));
        }
    }

    fn push_composed(&mut self, cluster: &str) {
        let nfc: String = cluster.nfc().collect();
        for c in nfc.chars() {
            match replacement(c) {
                Some(r) => self.text.push_str(r),
                None => self.text.extend(c.to_lowercase()),
            }
        }
    }

    /// Records that original `start..end` became normalised `norm_start..` (the current end).
    fn unit(&mut self, norm_start: usize, start: usize, end: usize) {
        let last = self.marks.last_mut().expect("marks start non-empty");
        if last.norm as usize == norm_start && last.orig as usize == start && last.linear {
            // An empty linear run would precede the unit: reuse its slot.
            *last = Mark {
                norm: norm_start as u32,
                orig: start as u32,
                linear: false,
            };
        } else {
            self.marks.push(Mark {
                norm: norm_start as u32,
                orig: start as u32,
                linear: false,
            });
        }
        self.marks.push(Mark {
            norm: self.text.len() as u32,
            orig: end as u32,
            linear: true,
        });
    }

    fn finish(mut self, orig_len: usize) -> Normalized {
        self.marks.push(Mark {
            norm: self.text.len() as u32,
            orig: orig_len as u32,
            linear: false,
        });
        Normalized {
            text: self.text,
            marks: self.marks,
        }
    }
}

/// The fixed replacements: quotes, hyphens, dashes, spaces, invisible characters.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}' => "\u{2014}",
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => " ",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back<'a>(orig: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let start = n.as_str().find(needle).expect("needle in normalised text");
        let span = n.to_original(Span::new(start, start + needle.len()));
        &orig[span.start..span.end]
    }

    #[test]
    fn folds_case_quotes_and_dashes() {
        let orig = "O’Brian said “Harmony—track” in Nagorno‐Karabakh";
        let n = normalize(orig);
        assert_eq!(
            n.as_str(),
            "o'brian said \"harmony\u{2014}track\" in nagorno-karabakh"
        );
        assert_eq!(back(orig, &n, "o'brian"), "O’Brian");
        assert_eq!(back(orig, &n, "track\""), "track”");
        assert_eq!(back(orig, &n, "nagorno-karabakh"), "Nagorno‐Karabakh");
    }

    #[test]
    fn composes_to_nfc_and_maps_whole_clusters() {
        let orig = "Cafe\u{301} society";
        let n = normalize(orig);
        assert_eq!(n.as_str(), "caf\u{e9} society");
        assert_eq!(back(orig, &n, "caf\u{e9}"), "Cafe\u{301}");
        assert_eq!(back(orig, &n, "society"), "society");
    }

    #[test]
    fn drops_invisible_characters_and_reads_crlf_as_space() {
        let orig = "\u{feff}peace\u{200b}track\r\nnext";
        let n = normalize(orig);
        assert_eq!(n.as_str(), "peacetrack \nnext");
        assert_eq!(back(orig, &n, "peacetrack"), "peace\u{200b}track");
        assert_eq!(back(orig, &n, "next"), "next");
    }

    #[test]
    fn forward_mapping_agrees_with_lookup() {
        let orig = "\u{feff}O’Brien said “Café\u{301}” — x\u{200b}y ǅ İx ß\r\nend.";
        let n = normalize(orig);
        let words = crate::tokens::tokenize(n.as_str());
        let mut fwd = n.forward();
        for w in words {
            let span = Span::new(w.start as usize, w.end as usize);
            assert_eq!(fwd.span(span), n.to_original(span), "{span:?}");
        }
    }

    #[test]
    fn ascii_text_needs_no_units() {
        let n = normalize("Plain ASCII text.");
        assert_eq!(n.marks.len(), 2);
    }
}

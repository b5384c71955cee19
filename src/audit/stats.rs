//! Document-quality statistics, as the Gopher, C4 and FineWeb filters compute them.
//!
//! Words here are white-space separated tokens (as those filters count them); lines are non-blank
//! lines. Each statistic has a threshold; a document outside one gets a `quality` finding naming
//! the statistic, its value and the limit. The defaults are the published ones: Gopher (Rae et al.
//! 2021) for word count, mean word length, symbol ratio, duplicated lines, alphabetic words and
//! stop words; FineWeb (Penedo et al. 2024) for lines ending in punctuation.

use rustc_hash::FxHashSet;
use serde::Serialize;

/// Gopher's stop words: a document should contain at least two of them.
pub const STOP_WORDS: &[&str] = &["the", "be", "to", "of", "and", "that", "have", "with"];

/// The statistics of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// White-space separated words.
    pub words: usize,
    /// Mean length of those words, in characters.
    pub mean_word_length: f64,
    /// Share of non-blank lines that end in terminal punctuation.
    pub lines_ending_in_punctuation: f64,
    /// Share of non-blank lines that repeat an earlier line.
    pub duplicated_lines: f64,
    /// Hash signs and ellipses per word.
    pub symbol_ratio: f64,
    /// Share of words with at least one alphabetic character.
    pub alphabetic_words: f64,
    /// How many distinct [`STOP_WORDS`] occur.
    pub stop_words: usize,
}

/// Limits on [`Stats`]; a document outside any of them fails that statistic.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Fewest words.
    pub min_words: usize,
    /// Most words.
    pub max_words: usize,
    /// Smallest mean word length.
    pub min_mean_word_length: f64,
    /// Largest mean word length.
    pub max_mean_word_length: f64,
    /// Smallest share of lines ending in punctuation.
    pub min_lines_ending_in_punctuation: f64,
    /// Largest share of duplicated lines.
    pub max_duplicated_lines: f64,
    /// Largest symbol-to-word ratio.
    pub max_symbol_ratio: f64,
    /// Smallest share of words with a letter.
    pub min_alphabetic_words: f64,
    /// Fewest distinct stop words.
    pub min_stop_words: usize,
    /// Whether failures become `quality` findings (`--ignore quality` turns them off; the
    /// statistics are still computed and reported).
    pub report: bool,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_words: 50,
            max_words: 100_000,
            min_mean_word_length: 3.0,
            max_mean_word_length: 10.0,
            min_lines_ending_in_punctuation: 0.12,
            max_duplicated_lines: 0.3,
            max_symbol_ratio: 0.1,
            min_alphabetic_words: 0.8,
            min_stop_words: 2,
            report: true,
        }
    }
}

/// A statistic outside its threshold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// The statistic, as named in [`Stats`] (`mean_word_length`).
    pub stat: &'static str,
    /// Its value.
    pub value: f64,
    /// The limit it crossed.
    pub limit: f64,
    /// `min` or `max`.
    pub bound: &'static str,
}

impl Failure {
    /// A one-line message: `mean_word_length 11.2 is above the maximum 10`.
    pub fn message(&self) -> String {
        let side = if self.bound == "min" {
            "below the minimum"
        } else {
            "above the maximum"
        };
        format!(
            "{} {} is {side} {}",
            self.stat,
            round(self.value),
            round(self.limit)
        )
    }
}

/// Rounds to three decimals for messages and output.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0 + 0.0
}

const TERMINAL: &[char] = &['.', '!', '?', '"', '\'', '”', '’', '…', ')', ':', ';'];

impl Stats {
    /// Computes the statistics of `text`.
    pub fn of(text: &str) -> Stats {
        Self::counted(text, word_stats(text, true))
    }

    /// [`Stats::of`] but for the stop words, which the caller has found already: `found` has bit
    /// `k` set when `STOP_WORDS[k]` occurs (see [`stop_words_in`]).
    pub fn with_stop_words(text: &str, found: u8) -> Stats {
        let mut w = word_stats(text, false);
        for (k, s) in w.stops.iter_mut().enumerate() {
            *s = found >> k & 1 != 0;
        }
        Self::counted(text, w)
    }

    fn counted(text: &str, w: WordCounts) -> Stats {
        let (lines, punct, dup) = line_stats(text);
        let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        Stats {
            words: w.words,
            mean_word_length: share(w.chars, w.words),
            lines_ending_in_punctuation: share(punct, lines),
            duplicated_lines: share(dup, lines),
            symbol_ratio: share(w.symbols, w.words),
            alphabetic_words: share(w.alpha, w.words),
            stop_words: w.stops.iter().filter(|&&s| s).count(),
        }
    }

    /// The statistics outside `t`, in a fixed order (none when `t.report` is off). An empty
    /// document fails only `words`.
    pub fn failures(&self, t: &Thresholds) -> Vec<Failure> {
        let mut out = Vec::new();
        if !t.report {
            return out;
        }
        let mut min = |stat, value: f64, limit: f64| {
            if value < limit {
                out.push(Failure {
                    stat,
                    value,
                    limit,
                    bound: "min",
                });
            }
        };
        min("words", self.words as f64, t.min_words as f64);
        if self.words > 0 {
            min(
                "mean_word_length",
                self.mean_word_length,
                t.min_mean_word_length,
            );
            min(
                "lines_ending_in_punctuation",
                self.lines_ending_in_punctuation,
                t.min_lines_ending_in_punctuation,
            );
            min(
                "alphabetic_words",
                self.alphabetic_words,
                t.min_alphabetic_words,
            );
            min(
                "stop_words",
                self.stop_words as f64,
                t.min_stop_words as f64,
            );
        }
        let mut max = |stat, value: f64, limit: f64| {
            if value > limit {
                out.push(Failure {
                    stat,
                    value,
                    limit,
                    bound: "max",
                });
            }
        };
        max("words", self.words as f64, t.max_words as f64);
        max(
            "mean_word_length",
            self.mean_word_length,
            t.max_mean_word_length,
        );
        max(
            "duplicated_lines",
            self.duplicated_lines,
            t.max_duplicated_lines,
        );
        max("symbol_ratio", self.symbol_ratio, t.max_symbol_ratio);
        out
    }
}

#[derive(Debug, Default, PartialEq)]
struct WordCounts {
    words: usize,
    chars: usize,
    alpha: usize,
    symbols: usize,
    stops: [bool; STOP_WORDS.len()],
}

/// Byte classes of [`word_stats`] for ASCII: white space, a letter, or another character.
const SPACE: u8 = 1;
const ALPHA: u8 = 2;
/// `#` or `.`, which may make a symbol (`#tag`, `...`); 0xE2 starts `…`.
const SYMBOL: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b == b'#' || b == b'.' {
            SYMBOL
        } else {
            0
        };
        i += 1;
    }
    t[0xE2] = SYMBOL;
    t
};

/// A word of at most four bytes, lower-cased, with its length, in one integer (for comparing
/// with [`STOP_WORDS`] at once).
const fn short_key(w: &[u8]) -> u64 {
    let mut k = w.len() as u64;
    let mut i = 0;
    while i < w.len() {
        k |= (w[i].to_ascii_lowercase() as u64) << (8 * (i + 1));
        i += 1;
    }
    k
}

/// [`STOP_WORDS`] as [`short_key`]s (all of them are four bytes or shorter).
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = short_key(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The bit of the stop word that a normalised (lower-case) word of up to 15 bytes is, from its
/// [`short_key`](crate::rules::vocab::short_key): bit `k` for `STOP_WORDS[k]`, 0 for any other
/// word. Computed without a branch.
#[inline]
pub fn stop_bit_of_key(key: u128) -> u8 {
    let len = crate::rules::vocab::key_len(key);
    // This module's key of the word's first four bytes, right only when it has at most four.
    let key = ((key as u64) & 0xFFFF_FFFF) << 8 | len as u64;
    let short = u8::from(len <= 4);
    STOP_KEYS
        .iter()
        .enumerate()
        .fold(0, |acc, (k, &s)| acc | u8::from(s == key) << k)
        * short
}

/// The stop words ([`STOP_WORDS`], bit `k` for word `k`) that occur in the part of `text` that
/// `doc` reads (`doc.text()` starts at byte `offset` of `text`), counted as [`Stats::of`] counts
/// them (a white-space separated token that is the stop word, in any case), added to `found`.
/// `candidates` are the indices of the document's words that are stop words as the linter reads
/// them (`the` in `the,` too), in any order; only those not yet found are looked at in `text`.
pub fn stop_words_in(
    text: &str,
    doc: &crate::document::Document<'_>,
    offset: usize,
    candidates: &[u32],
    mut found: u8,
) -> u8 {
    const ALL: u8 = u8::MAX >> (8 - STOP_WORDS.len());
    let (norm, words) = (doc.norm(), doc.words());
    for &i in candidates {
        if found == ALL {
            break;
        }
        let w = words[i as usize];
        let Some(key) = crate::rules::vocab::short_key_in(norm, w.start as usize, w.end as usize)
        else {
            continue;
        };
        let bit = stop_bit_of_key(key);
        if bit & !found == 0 {
            continue;
        }
        let span = doc.to_original(crate::span::Span::new(w.start as usize, w.end as usize));
        let (start, end) = (offset + span.start, offset + span.end);
        let token = &text[start..end];
        let alone = text[..start]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
            && text[end..].chars().next().is_none_or(char::is_whitespace);
        if alone && token.eq_ignore_ascii_case(STOP_WORDS[bit.trailing_zeros() as usize]) {
            found |= bit;
        }
    }
    found
}

/// Counts over white-space separated words. ASCII text is read 64 bytes at a time as bit masks
/// of white space and letters (no branch per word); other text one character at a time. The
/// symbols are counted over the whole text, as no symbol spans white space; stop words are looked
/// for at the starts of short words until all are found (unless `stops` is false).
fn word_stats(text: &str, stops: bool) -> WordCounts {
    let bytes = text.as_bytes();
    let mut scan = Scan::new(text);
    if !stops {
        scan.stops_left = 0;
    }
    let mut i = 0;
    while i < bytes.len() {
        let block = bytes.get(i..i + 64).and_then(ascii_masks);
        match block {
            Some((space, alpha)) => {
                scan.block(i, space, alpha);
                i += 64;
            }
            None => {
                let end = (i + 64).min(bytes.len());
                while i < end {
                    let b = bytes[i];
                    if b < 0x80 {
                        let class = CLASS[usize::from(b)];
                        scan.char(i, class & SPACE != 0, class & ALPHA != 0);
                        i += 1;
                    } else {
                        let Some(ch) = text[i..].chars().next() else {
                            break;
                        };
                        scan.char(i, ch.is_whitespace(), ch.is_alphabetic());
                        i += ch.len_utf8();
                    }
                }
            }
        }
    }
    let stops = scan.stops;
    let (words, chars, alpha) = scan.finish();
    WordCounts {
        words,
        chars,
        alpha,
        symbols: symbols(bytes),
        stops,
    }
}

/// Word counts carried from one piece of text to the next.
struct Scan<'t> {
    text: &'t str,
    stops: [bool; STOP_WORDS.len()],
    stops_left: usize,
    /// The first letters of the stop words not yet found, bit 0 for `a`.
    initials: u32,
    /// Their lengths, bit `n` for `n` bytes.
    lengths: u32,
    words: usize,
    chars: usize,
    /// Words without a letter.
    unlettered: usize,
    /// The last character read belongs to a word.
    in_word: bool,
    /// That word has a letter so far.
    lettered: bool,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        Scan {
            text,
            stops: [false; STOP_WORDS.len()],
            stops_left: STOP_WORDS.len(),
            initials: initials(&[false; STOP_WORDS.len()]),
            lengths: lengths(&[false; STOP_WORDS.len()]),
            words: 0,
            chars: 0,
            unlettered: 0,
            in_word: false,
            lettered: false,
        }
    }

    /// The character at byte `at`: white space or not, a letter or not.
    fn char(&mut self, at: usize, space: bool, alpha: bool) {
        if space {
            self.unlettered += usize::from(self.in_word && !self.lettered);
            self.in_word = false;
        } else {
            if !self.in_word {
                self.words += 1;
                self.in_word = true;
                self.lettered = false;
                if self.stops_left > 0 {
                    self.stop_word_at(at);
                }
            }
            self.chars += 1;
            self.lettered |= alpha;
        }
    }

    /// 64 ASCII bytes from byte `at`, as masks (bit `k` for byte `k`) of white space and of
    /// letters.
    fn block(&mut self, at: usize, space: u64, alpha: u64) {
        let word = !space;
        let starts = word & (space << 1 | u64::from(!self.in_word));
        self.words += starts.count_ones() as usize;
        if self.stops_left > 0 {
            // Words that may be four bytes or shorter: white space within four bytes of the start
            // (or a start near the end of the block).
            // Words of a length some missing stop word has (the first white space after the
            // start at that distance), or starting too near the end of the block to tell.
            let (mut gap_free, mut short) = (starts & !(space >> 1), starts & 0xF << 60);
            for len in 2..=4 {
                if self.lengths >> len & 1 != 0 {
                    short |= gap_free & space >> len;
                }
                gap_free &= !(space >> len);
            }
            while short != 0 {
                self.stop_word_at(at + short.trailing_zeros() as usize);
                short &= short - 1;
            }
        }
        self.chars += word.count_ones() as usize;
        // Runs of non-letters that start a word: adding the run's first bit carries to just past
        // the run, landing on white space when the word has no letter.
        let unlettered = word & !alpha;
        let mut run_starts = starts & unlettered;
        if self.in_word && !self.lettered {
            if space & 1 != 0 {
                self.unlettered += 1;
            } else {
                run_starts |= unlettered & 1;
            }
        }
        let (sum, carry) = unlettered.overflowing_add(run_starts);
        self.unlettered += (sum & !unlettered & space).count_ones() as usize;
        self.in_word = word >> 63 != 0;
        self.lettered = !carry;
    }

    /// Records the stop word, if any, that is the word starting at byte `at`.
    fn stop_word_at(&mut self, at: usize) {
        let bytes = self.text.as_bytes();
        let letter = (bytes[at] | 0x20).wrapping_sub(b'a');
        if letter >= 26 || self.initials >> letter & 1 == 0 {
            return;
        }
        let mut len = 0;
        while len <= 4 {
            match bytes.get(at + len) {
                None => break,
                Some(&b) if b < 0x80 => {
                    if CLASS[usize::from(b)] & SPACE != 0 {
                        break;
                    }
                    len += 1;
                }
                Some(_) => match self.text[at + len..].chars().next() {
                    Some(ch) if ch.is_whitespace() => break,
                    _ => return,
                },
            }
        }
        if !(2..=4).contains(&len) {
            return;
        }
        let key = short_key(&bytes[at..at + len]);
        if let Some(k) = STOP_KEYS.iter().position(|&s| s == key) {
            if !self.stops[k] {
                self.stops[k] = true;
                self.stops_left -= 1;
                self.initials = initials(&self.stops);
                self.lengths = lengths(&self.stops);
            }
        }
    }

    /// Words, their characters, and the words with a letter.
    fn finish(mut self) -> (usize, usize, usize) {
        self.char(self.text.len(), true, false);
        (self.words, self.chars, self.words - self.unlettered)
    }
}

/// The first letters of the stop words not `found`, bit 0 for `a`.
fn initials(found: &[bool; STOP_WORDS.len()]) -> u32 {
    STOP_WORDS
        .iter()
        .zip(found)
        .filter(|(_, &f)| !f)
        .fold(0, |acc, (w, _)| acc | 1 << (w.as_bytes()[0] - b'a'))
}

/// The lengths of the stop words not `found`, bit `n` for `n` bytes.
fn lengths(found: &[bool; STOP_WORDS.len()]) -> u32 {
    STOP_WORDS
        .iter()
        .zip(found)
        .filter(|(_, &f)| !f)
        .fold(0, |acc, (w, _)| acc | 1 << w.len())
}

/// Masks of white space and of ASCII letters in 64 bytes (bit `k` for byte `k`), `None` unless
/// all are ASCII.
fn ascii_masks(block: &[u8]) -> Option<(u64, u64)> {
    let lanes = ascii_lanes(block)?;
    let letter = |x: u64| {
        let lower = x | (ONES * 0x20);
        at_least(lower, 0x61) & !at_least(lower, 0x7B)
    };
    Some((mask(&lanes, blank), mask(&lanes, letter)))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// 64 bytes as eight little-endian words, `None` unless all are ASCII.
pub(super) fn ascii_lanes(block: &[u8]) -> Option<[u64; 8]> {
    let lanes: [u64; 8] = std::array::from_fn(|q| {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(&block[8 * q..8 * q + 8]);
        u64::from_le_bytes(raw)
    });
    (lanes.iter().fold(0, |acc, x| acc | x) & HIGH == 0).then_some(lanes)
}

/// The bit mask (bit `k` for byte `k`) of the bytes whose high bit `test` sets; `test` works on
/// eight ASCII bytes at once with exact byte-wise integer arithmetic.
pub(super) fn mask(lanes: &[u64; 8], test: impl Fn(u64) -> u64) -> u64 {
    let gather = |m: u64| (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    lanes
        .iter()
        .enumerate()
        .fold(0, |acc, (q, &x)| acc | gather(test(x) & HIGH) << (8 * q))
}

/// The high bit of each byte at least `k`: for bytes under 0x80, x + (0x80 - k) sets it exactly
/// when x >= k, without carrying into the next byte.
fn at_least(x: u64, k: u64) -> u64 {
    x.wrapping_add(ONES * (0x80 - k)) & HIGH
}

/// The high bit of each byte equal to `byte`.
pub(super) fn equal(x: u64, byte: u8) -> u64 {
    let t = x ^ (ONES * u64::from(byte));
    !((t & !HIGH).wrapping_add(!HIGH) | t) & HIGH
}

/// The high bit of each white-space byte (space, tab, line feed, vertical tab, form feed,
/// carriage return).
pub(super) fn blank(x: u64) -> u64 {
    equal(x, b' ') | (at_least(x, 0x09) & !at_least(x, 0x0E))
}

/// Hash signs, `...` and `…` in the text (non-overlapping, as in each word).
fn symbols(bytes: &[u8]) -> usize {
    static DOTS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("..."));
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    memchr::memchr_iter(b'#', bytes).count()
        + DOTS.find_iter(bytes).count()
        + ELLIPSIS.find_iter(bytes).count()
}

/// [`word_stats`] one word at a time: the definition the fast version is tested against.
#[cfg(test)]
fn word_stats_reference(text: &str) -> WordCounts {
    let mut c = WordCounts::default();
    let mut stops_left = STOP_WORDS.len();
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The white space at `i`, if any: its length.
    let space_at = |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b < 0x80 {
            return (CLASS[usize::from(b)] & SPACE != 0).then_some(1);
        }
        let ch = text[i..].chars().next()?;
        ch.is_whitespace().then(|| ch.len_utf8())
    };
    let mut i = 0;
    while i < n {
        if let Some(w) = space_at(i) {
            i += w;
            continue;
        }
        let (from, mut flags, mut len) = (i, 0u8, 0usize);
        loop {
            while i < n && bytes[i] < 0x80 {
                let class = CLASS[usize::from(bytes[i])];
                if class & SPACE != 0 {
                    break;
                }
                flags |= class;
                len += 1;
                i += 1;
            }
            if i >= n || bytes[i] < 0x80 {
                break;
            }
            let Some(ch) = text[i..].chars().next() else {
                break;
            };
            if ch.is_whitespace() {
                break;
            }
            flags |= (u8::from(ch.is_alphabetic()) * ALPHA) | CLASS[usize::from(bytes[i])];
            len += 1;
            i += ch.len_utf8();
        }
        let w = &bytes[from..i];
        c.words += 1;
        c.chars += len;
        c.alpha += usize::from(flags & ALPHA != 0);
        if w.len() <= 4 && stops_left > 0 {
            let key = short_key(w);
            if let Some(k) = STOP_KEYS.iter().position(|&s| s == key) {
                if !c.stops[k] {
                    c.stops[k] = true;
                    stops_left -= 1;
                }
            }
        }
        if flags & SYMBOL != 0 {
            let w = &text[from..i];
            c.symbols += w.matches('#').count() + w.matches("...").count() + w.matches('…').count();
        }
    }
    c
}

/// Non-blank lines, those ending in terminal punctuation, and those repeating an earlier line.
fn line_stats(text: &str) -> (usize, usize, usize) {
    thread_local! {
        /// The hashes of the lines seen, kept between documents.
        static SEEN: std::cell::RefCell<FxHashSet<u64>> = std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        seen.clear();
        let (mut lines, mut punct, mut dup) = (0, 0, 0);
        // Split at line feeds (a carriage return before one is trimmed with the white space).
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
        for end in ends {
            let line = text[start..end].trim();
            start = end + 1;
            if line.is_empty() {
                continue;
            }
            lines += 1;
            punct += usize::from(line.ends_with(TERMINAL));
            if !seen.insert(super::minhash::word_hash(line)) {
                dup += 1;
            }
        }
        (lines, punct, dup)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise every path: ASCII runs long enough for whole blocks, white space of
    /// each kind (ASCII and Unicode), words without letters, symbols and non-ASCII letters.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "the",
            "The",
            "be",
            "TO",
            "of",
            "and",
            "that",
            "have",
            "with",
            "peace",
            "talks",
            "1991",
            "#",
            "...",
            ".",
            "..",
            "…",
            "é",
            "ß",
            "Überall",
            "—",
            "-",
            "'",
            "x",
            " ",
            " ",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn block_counts_equal_the_word_by_word_definition(
            pieces in prop::collection::vec(piece(), 0..120)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(word_stats(&text, true), word_stats_reference(&text));
        }

        #[test]
        fn line_counts_equal_the_line_by_line_definition(
            pieces in prop::collection::vec(piece(), 0..120)
        ) {
            let text = pieces.concat();
            let mut seen = std::collections::HashSet::new();
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let punct = lines.iter().filter(|l| l.ends_with(TERMINAL)).count();
            let dup = lines.iter().filter(|l| !seen.insert(**l)).count();
            prop_assert_eq!(line_stats(&text), (lines.len(), punct, dup));
        }
    }

    #[test]
    fn block_counts_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(dir).expect("corpus") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            assert_eq!(word_stats(&text, true), word_stats_reference(&text));
        }
    }

    #[test]
    fn statistics_of_a_small_text() {
        let s =
            Stats::of("The cat sat on the mat.\nIt was happy\nThe cat sat on the mat.\n#tag ...");
        assert_eq!(s.words, 17);
        assert_eq!(s.stop_words, 1);
        assert!((s.lines_ending_in_punctuation - 0.75).abs() < 1e-9);
        assert!((s.duplicated_lines - 0.25).abs() < 1e-9);
        assert!((s.symbol_ratio - 2.0 / 17.0).abs() < 1e-9);
        assert!((s.alphabetic_words - 16.0 / 17.0).abs() < 1e-9);
    }

    #[test]
    fn failures_name_the_statistic_and_limit() {
        let s = Stats::of("x y z");
        let f = s.failures(&Thresholds::default());
        let names: Vec<&str> = f.iter().map(|f| f.stat).collect();
        assert_eq!(
            names,
            [
                "words",
                "mean_word_length",
                "lines_ending_in_punctuation",
                "stop_words"
            ]
        );
        assert_eq!(f[0].message(), "words 3 is below the minimum 50");
    }

    #[test]
    fn empty_text_fails_only_the_word_count() {
        let f = Stats::of("").failures(&Thresholds::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].stat, "words");
    }
}

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
        let w = word_stats(text);
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

#[derive(Default)]
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

/// Counts over white-space separated words in one pass over the characters: runs of ASCII
/// bytes are read in a tight loop, other characters decoded one by one.
fn word_stats(text: &str) -> WordCounts {
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
    let mut seen = FxHashSet::default();
    let (mut lines, mut punct, mut dup) = (0, 0, 0);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        punct += usize::from(line.ends_with(TERMINAL));
        if !seen.insert(super::minhash::word_hash(line)) {
            dup += 1;
        }
    }
    (lines, punct, dup)
}

#[cfg(test)]
mod tests {
    use super::*;

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

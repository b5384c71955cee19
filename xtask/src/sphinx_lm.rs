//! Reader for the binary trie n-gram models of CMU Sphinx (`*.lm.bin`, header
//! `Trie Language Model`), enough to list the unigrams and bigrams of a trigram model.
//!
//! Layout (little-endian): the header text; the order (u8); one u32 count per order; a u32 that
//! once named the quantisation; the quantisation tables (f32 bin centres: 2^16 probabilities and
//! 2^16 back-offs for every middle order, then 2^16 probabilities for the longest order); the
//! unigrams (`count + 1` records of f32 probability, f32 back-off, u32 index of the first
//! bigram); the bit-packed middle and longest arrays; the vocabulary as NUL-terminated strings.
//! Each middle record holds the id of the *preceding* word (the trie is keyed from the predicted
//! word backwards), 16 bits of back-off bin, 16 bits of probability bin, and the index of its
//! first child. Probabilities are natural-log-like values in the model's log base; [`Model`]
//! converts them to log10 with the scale of the model's own ARPA export.

use anyhow::{bail, ensure, Context, Result};
use std::path::Path;

const HEADER: &[u8] = b"Trie Language Model";
const BINS: usize = 1 << 16;
/// Sphinx stores log probabilities in base 1.0001; log10(x) = stored * log10(1.0001).
const TO_LOG10: f64 = 4.342_727_686_266_964e-5;

/// Unigrams and bigrams of a model, probabilities in log10.
pub struct Model {
    /// Word strings by id.
    pub words: Vec<String>,
    /// `(log10 probability, log10 back-off)` by word id.
    pub unigrams: Vec<(f32, f32)>,
    /// `(first word id, second word id, log10 probability)`, ordered by second then first word.
    pub bigrams: Vec<(u32, u32, f32)>,
}

struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).context("length overflow")?;
        ensure!(
            end <= self.data.len(),
            "model file truncated at byte {}",
            self.at
        );
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }
}

fn required_bits(max: u32) -> u32 {
    32 - max.leading_zeros()
}

/// Bytes of one bit-packed array: one extra record for the end pointer, plus 8 bytes of slack.
fn array_size(entries: u32, max_vocab: u32, remaining_bits: u32) -> usize {
    let total = (required_bits(max_vocab) + remaining_bits) as usize;
    ((1 + entries as usize) * total).div_ceil(8) + 8
}

fn read_bits(mem: &[u8], bit: usize, len: u32) -> u32 {
    let byte = bit >> 3;
    let mut word = [0u8; 4];
    let avail = mem.len().saturating_sub(byte).min(4);
    word[..avail].copy_from_slice(&mem[byte..byte + avail]);
    (u32::from_le_bytes(word) >> (bit & 7)) & ((1u64 << len) - 1) as u32
}

/// Reads a trigram trie model.
pub fn read(path: &Path) -> Result<Model> {
    let data = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut c = Cursor { data: &data, at: 0 };
    ensure!(
        c.take(HEADER.len())? == HEADER,
        "{} is not a Sphinx trie model",
        path.display()
    );
    let order = c.take(1)?[0] as usize;
    if order != 3 {
        bail!("expected a trigram model, found order {order}");
    }
    let counts: Vec<u32> = (0..order).map(|_| c.u32()).collect::<Result<_>>()?;
    let _quant_kind = c.u32()?;
    let mut table = |n: usize| -> Result<Vec<f32>> { (0..n).map(|_| c.f32()).collect() };
    let bigram_prob = table(BINS)?;
    let bigram_backoff = table(BINS)?;
    let _trigram_prob = table(BINS)?;
    let n1 = counts[0] as usize;
    let mut raw = Vec::with_capacity(n1 + 1);
    for _ in 0..=n1 {
        raw.push((c.f32()?, c.f32()?, c.u32()?));
    }
    let word_bits = required_bits(counts[0]);
    let next_bits = required_bits(counts[2]);
    let total_bits = (word_bits + 32 + next_bits) as usize;
    let middle = c.take(array_size(counts[1], counts[0], 32 + next_bits))?;
    let _longest = c.take(array_size(counts[2], counts[0], 16))?;
    let k = c.u32()? as usize;
    let strings = c.take(k)?;
    let words: Vec<String> = strings
        .split(|b| *b == 0)
        .take(n1)
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    ensure!(
        words.len() == n1,
        "vocabulary has {} of {n1} words",
        words.len()
    );

    let log10 = |v: f32| (f64::from(v) * TO_LOG10) as f32;
    let unigrams = raw[..n1].iter().map(|u| (log10(u.0), log10(u.1))).collect();
    let mut bigrams = Vec::with_capacity(counts[1] as usize);
    for w2 in 0..n1 {
        let (begin, end) = (raw[w2].2 as usize, raw[w2 + 1].2 as usize);
        ensure!(
            begin <= end && end <= counts[1] as usize,
            "bad bigram range for word {w2}"
        );
        for ptr in begin..end {
            let at = ptr * total_bits;
            let w1 = read_bits(middle, at, word_bits);
            let prob_bin = read_bits(middle, at + word_bits as usize + 16, 16) as usize;
            ensure!((w1 as usize) < n1, "bigram {ptr} names word {w1}");
            bigrams.push((w1, w2 as u32, log10(bigram_prob[prob_bin])));
        }
    }
    let _ = bigram_backoff;
    Ok(Model {
        words,
        unigrams,
        bigrams,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_read_across_bytes() {
        // 0b1011_0110 0b0000_0001: 5 bits from bit 3 = 0b10110, 4 bits from bit 6 = 0b0110.
        let mem = [0b1011_0110u8, 0b0000_0001, 0, 0];
        assert_eq!(read_bits(&mem, 3, 5), 0b10110);
        assert_eq!(read_bits(&mem, 6, 4), 0b0110);
        assert_eq!(required_bits(72_547), 17);
        assert_eq!(required_bits(1), 1);
        assert_eq!(required_bits(0), 0);
    }
}

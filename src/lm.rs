//! A bigram model of ordinary English, for telling how unusual a document's word sequences are.
//!
//! The table is built by `cargo xtask gen english-bigrams` from the CMU Sphinx generic US English
//! language model (BSD-2-Clause, see `rules/generated/NOTICE-english-bigrams.txt`) and embedded
//! in the binary; it is parsed in place on first use. Format, little-endian:
//!
//! | part | content |
//! |---|---|
//! | magic | `spinlint-bigrams 1\n` |
//! | provenance | u32 length, UTF-8 text |
//! | words | u32 count `n`; u32 byte length; the words, each followed by NUL, in byte order |
//! | unigrams | `n` bytes: −log10 probability in steps of 0.05 |
//! | back-offs | `n` bytes: log10 back-off weight in steps of 0.05, as i8 |
//! | rows | `n + 1` u32 offsets: bigrams starting with word `i` are entries `rows[i]..rows[i+1]` |
//! | entries | u32 each: second word id << 8, then −log10 probability in steps of 0.05 |

use crate::document::Document;
use crate::hugemem::huge_table;
use crate::rules::vocab::{short_key, short_key_in, KeyTable};
use crate::tokens::Gap;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use thiserror::Error;

static ENGLISH: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/generated/english-bigrams.bin"
));

const MAGIC: &[u8] = b"spinlint-bigrams 1\n";
/// The table's quantum: every log10 value is a whole number of steps.
pub const STEP: f32 = 0.05;

/// A bigram table that cannot be read.
#[derive(Debug, Error)]
#[error("bigram table: {0}")]
pub struct LmError(&'static str);

/// Unigram and bigram log10 probabilities of lowercase words.
#[derive(Debug)]
pub struct Bigrams {
    provenance: &'static str,
    /// Ids of words of up to 15 bytes, by [`short_key`].
    short: KeyTable,
    /// Ids of longer words.
    long: FxHashMap<&'static str, u32>,
    unigram: &'static [u8],
    backoff: &'static [u8],
    rows: &'static [u8],
    entries: &'static [u8],
    /// Every pair in one hash table, built on the first look-up.
    index: OnceLock<PairIndex>,
}

/// The pairs as one small open-addressing table per history word, in buckets of four 4-byte
/// slots (one 16-byte read): slot `(b + 1) << 8 | value`, 0 when empty, a table two fifths full.
/// A look-up reads the history word's row (hot for common words) and then, nearly always, one
/// bucket, settled without a branch; about 20 MB in all, in huge pages where the system has them
/// ([`huge_table`]: the buckets are read at random).
#[derive(Debug)]
struct PairIndex {
    /// Per word: `offset << 40 | bucket count << 16 | backoff << 8 | unigram`, offsets in
    /// buckets, the word's quantised unigram and back-off bytes beside them so that the row read
    /// for a pair also gives the costs of backing off. A word without pairs points at the last
    /// bucket (a table of one), which is always empty.
    rows: Box<[u64]>,
    /// The buckets, after padding that puts the first on a huge-page boundary.
    buckets: Vec<[u32; 4]>,
}

/// What one bucket says of a pair: absent (0), present (`FOUND | value`), or look further.
const FOUND: u16 = 0x100;
const FURTHER: u16 = 0x200;

impl PairIndex {
    fn key(a: u32, b: u32) -> u64 {
        u64::from(a) << 32 | u64::from(b)
    }

    /// The pair of a [`PairIndex::key`].
    fn unkey(key: u64) -> (u32, u32) {
        ((key >> 32) as u32, key as u32)
    }

    fn build(model: &Bigrams) -> PairIndex {
        let (rows, entries, words) = (model.rows, model.entries, model.len());
        let mut offsets = vec![None; words];
        // Two fifths full: a pair is then nearly always settled by its home bucket (a fuller
        // table is smaller but sends more look-ups on to the next bucket, a branch the processor
        // cannot predict; measured slower).
        let buckets_for = |len: usize| (len * 5).div_ceil(8);
        let total: usize = (0..words)
            .map(|a| (u32_at(rows, a + 1) - u32_at(rows, a)) as usize)
            .map(buckets_for)
            .sum();
        // One more bucket, the last, for the words without pairs.
        let (mut buckets, mut offset) = huge_table(total + 1, [0u32; 4]);
        for (a, row) in offsets.iter_mut().enumerate() {
            let (lo, hi) = (u32_at(rows, a) as usize, u32_at(rows, a + 1) as usize);
            if lo == hi {
                continue;
            }
            let count = buckets_for(hi - lo);
            *row = Some((offset as u64) << 40 | (count as u64) << 16);
            let table = &mut buckets[offset..offset + count];
            offset += count;
            for i in lo..hi {
                let e = u32_at(entries, i);
                let value = e.wrapping_add(1 << 8);
                let mut at = Self::home(e >> 8, count);
                loop {
                    if let Some(free) = table[at].iter_mut().find(|s| **s == 0) {
                        *free = value;
                        break;
                    }
                    at = Self::next(at, count);
                }
            }
        }
        let empty = (offset as u64) << 40 | 1 << 16;
        let weights = |a: usize| u64::from(model.backoff[a]) << 8 | u64::from(model.unigram[a]);
        PairIndex {
            rows: (offsets.into_iter().enumerate())
                .map(|(a, r)| r.unwrap_or(empty) | weights(a))
                .collect(),
            buckets,
        }
    }

    /// Row of word `a`; an id past the end reads as a word without pairs or weights.
    #[inline]
    fn row(&self, a: u32) -> u64 {
        let empty = (self.buckets.len() as u64 - 1) << 40 | 1 << 16;
        self.rows.get(a as usize).copied().unwrap_or(empty)
    }

    /// First bucket and bucket count of the pair table of history word `a`.
    #[inline]
    fn table(&self, a: u32) -> (usize, usize) {
        let row = self.row(a);
        ((row >> 40) as usize, (row >> 16) as usize & 0xFF_FFFF)
    }

    /// [`Bigrams::unigram`] and [`Bigrams::backoff`] of a word, from its row.
    #[inline]
    fn weights(&self, id: u32) -> (f32, f32) {
        let row = self.row(id);
        let (unigram, backoff) = (row as u8, (row >> 8) as u8);
        (-f32::from(unigram) * STEP, f32::from(backoff as i8) * STEP)
    }

    /// Home bucket of `b` in a table of `count` buckets (a multiplicative hash scaled to the
    /// count, which need not be a power of two).
    #[inline]
    fn home(b: u32, count: usize) -> usize {
        ((u64::from(b.wrapping_mul(0x9E37_79B1)) * count as u64) >> 32) as usize
    }

    /// The bucket after `at` in a table of `count` buckets, wrapping around.
    #[inline]
    fn next(at: usize, count: usize) -> usize {
        if at + 1 == count {
            0
        } else {
            at + 1
        }
    }

    /// What bucket `at` of the table at `offset` says of `b`, without branching.
    #[inline]
    fn read(&self, b: u32, offset: usize, at: usize) -> u16 {
        let want = b.wrapping_add(1);
        let bucket = self.buckets[offset + at];
        let hit = bucket.iter().fold(0u16, |acc, &slot| {
            acc | (u16::from(slot >> 8 == want) * (FOUND | (slot & 0xff) as u16))
        });
        let full = bucket.iter().all(|&slot| slot != 0);
        hit | (u16::from(hit == 0 && full) * FURTHER)
    }

    /// The quantised value of the pair, if present.
    fn get(&self, a: u32, b: u32) -> Option<u8> {
        decode(self.lookup(a, b))
    }

    /// [`PairIndex::read`] from the home bucket on, until it settles.
    #[inline]
    fn lookup(&self, a: u32, b: u32) -> u16 {
        let (offset, count) = self.table(a);
        let mut at = Self::home(b, count);
        loop {
            let code = self.read(b, offset, at);
            if code != FURTHER {
                return code;
            }
            at = Self::next(at, count);
        }
    }

    /// [`PairIndex::get`] of many keys ([`PairIndex::key`]), written to `out`. Each key is
    /// settled by its home bucket but for a rare full one, so the loop hardly branches; the home
    /// bucket of the key `AHEAD` places on is prefetched, so that many are on their way from
    /// memory at once.
    fn get_many(&self, keys: &[u64], out: &mut Vec<Option<u8>>) {
        const AHEAD: usize = 16;
        out.clear();
        for &k in keys.iter().take(AHEAD) {
            self.prefetch(k);
        }
        out.extend(keys.iter().enumerate().map(|(i, &k)| {
            if let Some(&next) = keys.get(i + AHEAD) {
                self.prefetch(next);
            }
            let (a, b) = Self::unkey(k);
            decode(self.lookup(a, b))
        }));
    }

    /// Asks the processor to start loading the home bucket of `key`.
    #[inline]
    fn prefetch(&self, key: u64) {
        let (a, b) = Self::unkey(key);
        let (offset, count) = self.table(a);
        if let Some(bucket) = self.buckets.get(offset + Self::home(b, count)) {
            prefetch(bucket);
        }
    }
}

/// Asks the processor to bring `at` into the cache; a no-op where there is no such hint.
#[allow(unsafe_code)]
#[inline]
pub(crate) fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it changes no state a program can see, and the address
    // comes from a live reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (at as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

fn decode(code: u16) -> Option<u8> {
    (code & FOUND != 0).then_some(code as u8)
}

struct Reader {
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], LmError> {
        let end = self.at.checked_add(n).ok_or(LmError("length overflow"))?;
        let s = self.data.get(self.at..end).ok_or(LmError("truncated"))?;
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<usize, LmError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl Bigrams {
    /// The embedded table of ordinary English, parsed on first use.
    pub fn english() -> &'static Bigrams {
        static MODEL: OnceLock<Bigrams> = OnceLock::new();
        MODEL.get_or_init(|| Bigrams::parse(ENGLISH).expect("the embedded bigram table is valid"))
    }

    /// Parses a table in the format above.
    pub fn parse(data: &'static [u8]) -> Result<Bigrams, LmError> {
        let mut r = Reader { data, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(LmError("not a spinlint bigram table"));
        }
        let len = r.u32()?;
        let provenance =
            std::str::from_utf8(r.take(len)?).map_err(|_| LmError("provenance is not UTF-8"))?;
        let n = r.u32()?;
        let len = r.u32()?;
        let strings =
            std::str::from_utf8(r.take(len)?).map_err(|_| LmError("words are not UTF-8"))?;
        let (mut short, mut long) = (KeyTable::with_capacity(n), FxHashMap::default());
        for (i, w) in strings.split_terminator('\0').enumerate() {
            match short_key(w) {
                Some(k) => short.insert(k, i as u32),
                None => {
                    long.insert(w, i as u32);
                }
            }
        }
        if short.len() + long.len() != n {
            return Err(LmError("word count does not match"));
        }
        if n >= (1 << 24) - 1 {
            return Err(LmError("more words than 24-bit ids allow"));
        }
        let unigram = r.take(n)?;
        let backoff = r.take(n)?;
        let rows = r.take(4 * (n + 1))?;
        let total = u32_at(rows, n) as usize;
        let entries = r.take(4 * total)?;
        if r.at != data.len() || (0..n).any(|i| u32_at(rows, i) > u32_at(rows, i + 1)) {
            return Err(LmError("bad row offsets"));
        }
        Ok(Bigrams {
            provenance,
            short,
            long,
            unigram,
            backoff,
            rows,
            entries,
            index: OnceLock::new(),
        })
    }

    /// Where the table comes from and under which licence.
    pub fn provenance(&self) -> &'static str {
        self.provenance
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.unigram.len()
    }

    /// True when the table has no words.
    pub fn is_empty(&self) -> bool {
        self.unigram.is_empty()
    }

    /// Id of a lowercase word.
    pub fn id(&self, word: &str) -> Option<u32> {
        match short_key(word) {
            Some(k) => self.id_of_key(k),
            None => self.long.get(word).copied(),
        }
    }

    /// Id of the word whose [`short_key`] is `key`.
    #[inline]
    pub fn id_of_key(&self, key: u128) -> Option<u32> {
        self.short.get(key)
    }

    /// Asks the processor to start loading what [`Bigrams::id_of_key`] of `key` reads, for a
    /// loop that knows its next words.
    #[inline]
    pub fn prefetch_key(&self, key: u128) {
        self.short.prefetch(key);
    }

    /// log10 probability of a word.
    pub fn unigram(&self, id: u32) -> f32 {
        -f32::from(self.unigram[id as usize]) * STEP
    }

    /// [`Bigrams::unigram`] and [`Bigrams::backoff`] of a word in one read of the pair index
    /// (which keeps them beside the word's pairs), for loops that also look pairs up.
    #[inline]
    pub fn weights(&self, id: u32) -> (f32, f32) {
        self.index().weights(id)
    }

    /// log10 back-off weight of a word as history.
    pub fn backoff(&self, id: u32) -> f32 {
        f32::from(self.backoff[id as usize] as i8) * STEP
    }

    /// log10 probability of `b` after `a`, when the pair is in the table.
    pub fn bigram(&self, a: u32, b: u32) -> Option<f32> {
        self.index().get(a, b).map(|q| -f32::from(q) * STEP)
    }

    /// [`Bigrams::cond`] of many pairs, written to `out`; faster than one at a time, as the
    /// pairs' memory is fetched together.
    pub fn cond_many(&self, pairs: &[(u32, u32)], out: &mut Vec<f32>) {
        let (mut keys, at, mut found) = LOOKUPS.take();
        keys.clear();
        keys.extend(pairs.iter().map(|&(a, b)| PairIndex::key(a, b)));
        let index = self.index();
        index.get_many(&keys, &mut found);
        out.clear();
        out.extend(pairs.iter().zip(&found).map(|(&(a, b), &q)| match q {
            Some(q) => -f32::from(q) * STEP,
            None => index.weights(a).1 + index.weights(b).0,
        }));
        LOOKUPS.set((keys, at, found));
    }

    /// Builds the pair index now (about 20 MB, tens of milliseconds) rather than at the first
    /// look-up.
    pub fn prepare(&self) {
        self.index();
    }

    fn index(&self) -> &PairIndex {
        self.index.get_or_init(|| PairIndex::build(self))
    }

    /// [`Bigrams::bigram`] by binary search in `a`'s row, without the index.
    #[cfg(test)]
    fn search(&self, a: u32, b: u32) -> Option<f32> {
        let (mut lo, mut hi) = (
            u32_at(self.rows, a as usize) as usize,
            u32_at(self.rows, a as usize + 1) as usize,
        );
        while lo < hi {
            let mid = (lo + hi) / 2;
            let e = u32_at(self.entries, mid);
            match (e >> 8).cmp(&b) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(-((e & 0xff) as f32) * STEP),
            }
        }
        None
    }

    /// log10 probability of `b` after `a`, backing off to `b`'s unigram probability.
    pub fn cond(&self, a: u32, b: u32) -> f32 {
        self.bigram(a, b)
            .unwrap_or_else(|| self.backoff(a) + self.unigram(b))
    }

    /// Per word, the largest [`Bigrams::bigram`] with the word second and with it first
    /// (negative infinity for a word in no such pair): bounds on what any pair can give it.
    pub fn best_bigrams(&self) -> (Vec<f32>, Vec<f32>) {
        let n = self.len();
        let (mut second, mut first) = (vec![f32::NEG_INFINITY; n], vec![f32::NEG_INFINITY; n]);
        for (a, best) in first.iter_mut().enumerate() {
            for i in u32_at(self.rows, a)..u32_at(self.rows, a + 1) {
                let e = u32_at(self.entries, i as usize);
                let p = -f32::from((e & 0xff) as u8) * STEP;
                *best = best.max(p);
                if let Some(s) = second.get_mut((e >> 8) as usize) {
                    *s = s.max(p);
                }
            }
        }
        (second, first)
    }
}

/// How a run of text reads under the bigram table.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fluency {
    /// Words looked at.
    pub words: usize,
    /// Words the table knows.
    pub known: usize,
    /// Adjacent pairs of known words within a sentence.
    pub pairs: usize,
    /// Of those, pairs the table has never seen.
    pub unseen: usize,
    /// Sum over pairs of −log10 P(second | first).
    pub cost: f64,
    /// Sum over the same pairs of −log10 P(second): what the pairs would cost as unrelated words.
    pub unigram_cost: f64,
}

impl Fluency {
    /// Adds another run's counts.
    pub fn add(&mut self, o: &Fluency) {
        self.words += o.words;
        self.known += o.known;
        self.pairs += o.pairs;
        self.unseen += o.unseen;
        self.cost += o.cost;
        self.unigram_cost += o.unigram_cost;
    }

    /// Share of pairs never seen in ordinary English.
    pub fn unseen_rate(&self) -> f64 {
        self.unseen as f64 / self.pairs.max(1) as f64
    }

    /// Mean log10 gain of the pairs over unrelated words: how much each word is predicted by the
    /// one before it. Ordinary prose is predictable; spun prose, full of swapped words, is not.
    pub fn mean_association(&self) -> f64 {
        (self.unigram_cost - self.cost) / self.pairs.max(1) as f64
    }
}

/// Measures a text: its words, lowercased and with a possessive `'s` dropped, paired only across
/// plain spaces and line breaks (punctuation and paragraph breaks end a run).
pub fn text_fluency(model: &Bigrams, text: &str) -> Fluency {
    document_fluency(model, &Document::new(text))
}

/// [`text_fluency`] of a document already tokenised.
pub fn document_fluency(model: &Bigrams, doc: &Document<'_>) -> Fluency {
    let mut ids = Vec::new();
    document_ids(model, doc, &mut ids);
    ids_fluency(doc, model, &ids)
}

/// The table's id of every word of `doc` (a possessive `'s` dropped), `None` for a word it does
/// not know; written to `out`.
pub fn document_ids(model: &Bigrams, doc: &Document<'_>, out: &mut Vec<Option<u32>>) {
    let norm = doc.norm();
    out.clear();
    out.extend(doc.words().iter().map(|w| {
        let (start, mut end) = (w.start as usize, w.end as usize);
        if norm.as_bytes()[start..end].ends_with(b"'s") {
            end -= 2;
        }
        match short_key_in(norm, start, end) {
            Some(key) => model.id_of_key(key),
            None => model.long.get(&norm[start..end]).copied(),
        }
    }));
}

/// [`document_fluency`] from the ids [`document_ids`] gave.
pub fn ids_fluency(doc: &Document<'_>, model: &Bigrams, ids: &[Option<u32>]) -> Fluency {
    pair_costs(doc, model, ids, &mut Vec::new())
}

/// [`ids_fluency`], also writing to `conds`, for each word, log10 P(word | the word before) as
/// [`Bigrams::cond`] gives it where the two are a pair of known words in one run, NaN elsewhere.
pub fn pair_costs(
    doc: &Document<'_>,
    model: &Bigrams,
    ids: &[Option<u32>],
    conds: &mut Vec<f32>,
) -> Fluency {
    let runs = doc
        .words()
        .iter()
        .zip(ids)
        .map(|(w, &id)| (!matches!(w.gap, Gap::Space | Gap::Newline), id));
    measure(model, runs, conds)
}

/// Measures a sequence of lowercase words; `None` marks a sentence break or an unknown token.
pub fn fluency<'a>(model: &Bigrams, words: impl IntoIterator<Item = Option<&'a str>>) -> Fluency {
    let mut after_break = false;
    let runs = words.into_iter().filter_map(|w| match w {
        None => {
            after_break = true;
            None
        }
        Some(w) => Some((std::mem::take(&mut after_break), model.id(w))),
    });
    measure(model, runs, &mut Vec::new())
}

/// Fluency of words given as (starts a new run, id in the table), with the cost of each word as
/// [`pair_costs`] writes it. The pairs are gathered first and looked up together
/// ([`PairIndex::get_many`]).
fn measure(
    model: &Bigrams,
    words: impl Iterator<Item = (bool, Option<u32>)>,
    conds: &mut Vec<f32>,
) -> Fluency {
    let mut f = Fluency::default();
    let size = words.size_hint().0;
    let (mut keys, mut at, mut found) = LOOKUPS.take();
    keys.clear();
    at.clear();
    conds.clear();
    conds.reserve(size);
    let mut prev: Option<u32> = None;
    for (starts_run, id) in words {
        if starts_run {
            prev = None;
        }
        if let (Some(a), Some(b)) = (prev, id) {
            keys.push(PairIndex::key(a, b));
            at.push(conds.len());
        }
        conds.push(f32::NAN);
        f.known += usize::from(id.is_some());
        prev = id;
    }
    f.words = conds.len();
    let index = model.index();
    index.get_many(&keys, &mut found);
    for ((&key, &i), &q) in keys.iter().zip(&at).zip(&found) {
        let (a, b) = PairIndex::unkey(key);
        f.pairs += 1;
        let unigram = index.weights(b).0;
        let p = match q {
            Some(q) => -f32::from(q) * STEP,
            None => {
                f.unseen += 1;
                index.weights(a).1 + unigram
            }
        };
        f.cost -= f64::from(p);
        f.unigram_cost -= f64::from(unigram);
        conds[i] = p;
    }
    LOOKUPS.set((keys, at, found));
    f
}

/// Keys, their places and the answers of [`PairIndex::get_many`], kept between calls.
type Lookups = (Vec<u64>, Vec<usize>, Vec<Option<u8>>);

thread_local! {
    /// Buffers of the batched look-ups, reused between the documents a thread reads.
    static LOOKUPS: std::cell::Cell<Lookups> = std::cell::Cell::default();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Option<&str>> {
        s.split(' ').map(Some).collect()
    }

    #[test]
    fn best_bigrams_bound_every_pair_and_are_reached() {
        let m = Bigrams::english();
        let (second, first) = m.best_bigrams();
        let mut reached = vec![false; m.len()];
        for a in (0..m.len()).step_by(3) {
            let row = u32_at(m.rows, a)..u32_at(m.rows, a + 1);
            assert_eq!(row.is_empty(), first[a] == f32::NEG_INFINITY);
            for i in row {
                let b = u32_at(m.entries, i as usize) >> 8;
                let p = m.bigram(a as u32, b).expect("a pair of the row");
                assert!(p <= first[a] && p <= second[b as usize], "{a} {b}");
                if p == second[b as usize] {
                    reached[b as usize] = true;
                }
            }
        }
        assert!(reached.iter().filter(|&&r| r).count() > 1000);
    }

    #[test]
    fn english_table_knows_fixed_expressions() {
        let m = Bigrams::english();
        assert!(m.len() > 50_000);
        assert!(m.provenance().contains("BSD-2-Clause"));
        let id = |w| m.id(w).expect("known word");
        assert!(m.bigram(id("peace"), id("talks")).is_some());
        assert!(m.bigram(id("harmony"), id("talks")).is_none());
        assert!(m.cond(id("peace"), id("talks")) > m.cond(id("harmony"), id("talks")) + 1.0);
        assert!(m.id("Peace").is_none());
    }

    #[test]
    fn the_pair_index_agrees_with_the_rows() {
        let m = Bigrams::english();
        // Every pair of every 97th history word, and pairs that are absent.
        for a in (0..m.len() as u32).step_by(97) {
            let (lo, hi) = (
                u32_at(m.rows, a as usize) as usize,
                u32_at(m.rows, a as usize + 1) as usize,
            );
            for i in lo..hi {
                let b = u32_at(m.entries, i) >> 8;
                assert_eq!(m.bigram(a, b), m.search(a, b), "{a} {b}");
            }
            for b in (0..m.len() as u32).step_by(1013) {
                assert_eq!(m.bigram(a, b), m.search(a, b), "{a} {b}");
            }
        }
    }

    #[test]
    fn pairs_looked_up_together_cost_what_they_cost_alone() {
        let m = Bigrams::english();
        let pairs: Vec<(u32, u32)> = (0..m.len() as u32)
            .step_by(89)
            .flat_map(|a| [(a, a), (a, (a * 7 + 3) % m.len() as u32), (a, 0)])
            .collect();
        let mut costs = Vec::new();
        m.cond_many(&pairs, &mut costs);
        assert_eq!(costs.len(), pairs.len());
        let seen = pairs
            .iter()
            .filter(|&&(a, b)| m.bigram(a, b).is_some())
            .count();
        assert!(seen > 100, "{seen}");
        for (&(a, b), &c) in pairs.iter().zip(&costs) {
            assert_eq!(c.to_bits(), m.cond(a, b).to_bits(), "{a} {b}");
        }
    }

    #[test]
    fn spun_text_reads_less_fluently() {
        let m = Bigrams::english();
        let plain = fluency(
            m,
            words("the peace talks were held in the capital last year"),
        );
        let spun = fluency(
            m,
            words("the harmony talks had been held within the capital final yr"),
        );
        assert!(plain.unseen_rate() < spun.unseen_rate());
        assert!(plain.mean_association() > spun.mean_association());
        // A break resets the history.
        let broken = fluency(m, [Some("peace"), None, Some("talks")]);
        assert_eq!((broken.words, broken.pairs), (2, 0));
    }

    #[test]
    fn texts_are_measured_within_runs_of_words() {
        let m = Bigrams::english();
        let f = text_fluency(m, "Peace talks, Baku's offer.\n\nThe talks");
        // peace-talks, baku-offer, the-talks: the comma and the paragraph end runs.
        assert_eq!((f.words, f.pairs), (6, 3));
    }

    #[test]
    fn bad_tables_are_errors() {
        assert!(Bigrams::parse(b"nonsense").is_err());
        assert!(Bigrams::parse(b"spinlint-bigrams 1\n\x05\x00\x00\x00ab").is_err());
    }
}

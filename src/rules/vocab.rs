//! The vocabulary: every normalised word of every pattern, interned to a dense id.
//!
//! Looking words up is the hottest loop of a check (once per word of text), so words of up to 15
//! bytes are keyed by their bytes packed into a `u128` (no string compare, no pointer chase), and
//! a 64 Ki-bit filter over a word's length and first, second and last bytes turns most words of
//! ordinary text away before any hashing.

use crate::hugemem::huge_table;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Interned id of a normalised word.
pub type WordId = u32;
/// A word that occurs in no pattern.
pub const UNKNOWN: WordId = u32::MAX;

/// Normalised word -> id.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Vocab {
    short: FxHashMap<u128, WordId>,
    long: FxHashMap<Box<str>, WordId>,
    filter: WordFilter,
}

/// Packs a word of at most 15 bytes, with its length, into one integer.
/// A word of up to 15 bytes packed into one integer: its bytes, little-endian, in the low 120
/// bits and its length in the top byte. Two short words are equal exactly when their keys are.
#[inline]
pub fn short_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let (lo, hi) = b.split_at(b.len().min(8));
    // Built in registers: copying into a stack array and reloading stalls store forwarding.
    let pack = |part: &[u8]| {
        part.iter()
            .rev()
            .fold(0u64, |acc, &x| acc << 8 | u64::from(x))
    };
    let high = pack(hi) | (b.len() as u64) << 56;
    Some(u128::from(pack(lo)) | u128::from(high) << 64)
}

/// [`short_key`] of `buf[start..end]`, read with one 16-byte load where the buffer allows.
#[inline]
pub fn short_key_in(buf: &str, start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 15 {
        return None;
    }
    if start + 16 > buf.len() {
        return short_key(&buf[start..end]);
    }
    let mut raw = [0u8; 16];
    raw.copy_from_slice(&buf.as_bytes()[start..start + 16]);
    Some(with_len(u128::from_le_bytes(raw), len))
}

/// The key of a short word's first `len` bytes, from the word's key.
#[inline]
pub fn with_len(key: u128, len: usize) -> u128 {
    // Two table reads rather than a variable 128-bit shift, which compiles to branches.
    key & KEEP[len & 15] | LEN[len & 15]
}

/// Per length up to 15: the mask of a key's first `len` bytes.
static KEEP: [u128; 16] = {
    let mut t = [0; 16];
    let mut len = 0;
    while len < 16 {
        t[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    t
};

/// Per length up to 15: the length in a key's top byte.
static LEN: [u128; 16] = {
    let mut t = [0; 16];
    let mut len = 0;
    while len < 16 {
        t[len] = (len as u128) << 120;
        len += 1;
    }
    t
};

/// The length of the word a [`short_key`] packs.
#[inline]
pub fn key_len(key: u128) -> usize {
    (key >> 120) as usize
}

/// Ids of [`short_key`]s in one open-addressing table of 32-byte slots (two to a cache line),
/// at most five eighths full. A slot's place follows from the key alone, so a caller that knows the
/// words ahead can [`KeyTable::prefetch`] their slots while it works on the current one.
#[derive(Debug, Clone)]
pub struct KeyTable {
    /// Padding that puts a large table on a huge-page boundary ([`huge_table`]), then the slots.
    slots: Vec<KeySlot>,
    /// Index in `slots` of the first slot.
    first: usize,
    /// Number of slots, a power of two.
    capacity: usize,
    len: usize,
}

/// One slot of a [`KeyTable`]; key 0 (the empty word) marks a free slot.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct KeySlot {
    key: u128,
    id: u32,
}

impl Default for KeyTable {
    fn default() -> Self {
        KeyTable::with_capacity(0)
    }
}

impl KeyTable {
    /// An empty table with room for `n` keys.
    pub fn with_capacity(n: usize) -> Self {
        let capacity = (n * 8).div_ceil(5).next_power_of_two().max(16);
        let (slots, first) = huge_table(capacity, KeySlot::default());
        KeyTable {
            slots,
            first,
            capacity,
            len: 0,
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no key was added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The home slot of `key`.
    #[inline]
    fn home(&self, key: u128) -> usize {
        let folded = (key as u64).rotate_left(23) ^ (key >> 64) as u64;
        let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - self.capacity.trailing_zeros())) as usize
    }

    /// Adds `key` with `id`, or changes its id; the empty key is ignored.
    pub fn insert(&mut self, key: u128, id: u32) {
        if key == 0 {
            return;
        }
        if 8 * (self.len + 1) > 5 * self.capacity {
            let mut bigger = KeyTable::with_capacity(self.len + 1);
            for (key, id) in self.iter() {
                bigger.insert(key, id);
            }
            *self = bigger;
        }
        let mask = self.capacity - 1;
        let mut at = self.home(key);
        loop {
            let slot = &mut self.slots[self.first + at];
            if slot.key == key {
                slot.id = id;
                return;
            }
            if slot.key == 0 {
                *slot = KeySlot { key, id };
                self.len += 1;
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `key`.
    #[inline]
    pub fn get(&self, key: u128) -> Option<u32> {
        let mask = self.capacity - 1;
        let mut at = self.home(key);
        loop {
            let slot = &self.slots[self.first + at];
            if slot.key == key && key != 0 {
                return Some(slot.id);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Asks the processor to start loading the home slot of `key`.
    #[inline]
    pub fn prefetch(&self, key: u128) {
        crate::lm::prefetch(&self.slots[self.first + self.home(key)]);
    }

    /// Every key with its id, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u128, u32)> + '_ {
        self.slots[self.first..]
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.id))
    }
}

/// A word of a [`Vocab`]: packed by [`short_key`] when it has at most 15 bytes, else spelled out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VocabWord<'a> {
    /// The [`short_key`] of a short word.
    Short(u128),
    /// A longer word.
    Long(&'a str),
}

impl Vocab {
    /// Every word with its id, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = (VocabWord<'_>, WordId)> + '_ {
        let short = self.short.iter().map(|(&k, &id)| (VocabWord::Short(k), id));
        let long = self.long.iter().map(|(w, &id)| (VocabWord::Long(w), id));
        short.chain(long)
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when no word was interned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of `word`, adding it if new.
    pub fn intern(&mut self, word: &str) -> WordId {
        let found = self.lookup(word);
        if found != UNKNOWN {
            return found;
        }
        let id = self.len() as WordId;
        match short_key(word) {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(word.into(), id),
        };
        self.filter.insert(word);
        id
    }

    /// The id of the word `buf[start..end]`, or [`UNKNOWN`]; reads the key straight from `buf`
    /// when 16 bytes are available there.
    #[inline]
    pub fn lookup_in(&self, buf: &str, start: usize, end: usize) -> WordId {
        // The filter reads bytes: no test of char boundaries until a long word needs its text.
        if !self.filter.may_contain_bytes(&buf.as_bytes()[start..end]) {
            return UNKNOWN;
        }
        match short_key_in(buf, start, end) {
            Some(key) => self.short.get(&key).copied().unwrap_or(UNKNOWN),
            None => self.long.get(&buf[start..end]).copied().unwrap_or(UNKNOWN),
        }
    }

    /// The id of `word`, or [`UNKNOWN`].
    #[inline]
    pub fn lookup(&self, word: &str) -> WordId {
        if !self.filter.may_contain(word) {
            return UNKNOWN;
        }
        let id = match short_key(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        };
        id.copied().unwrap_or(UNKNOWN)
    }
}

/// A bitmap keyed by a word's length and first and last bytes: most text words miss it and skip
/// hashing altogether.
#[derive(Debug, Serialize, Deserialize)]
pub struct WordFilter {
    bits: Vec<u64>,
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: vec![0; Self::SIZE / 64],
        }
    }
}

impl WordFilter {
    const SIZE: usize = 1 << 16;

    fn slot(word: &str) -> usize {
        Self::slot_of_bytes(word.as_bytes())
    }

    #[inline]
    fn slot_of_bytes(b: &[u8]) -> usize {
        let (first, last) = (
            b.first().copied().unwrap_or(0),
            b.last().copied().unwrap_or(0),
        );
        let second = b.get(1).copied().unwrap_or(0);
        let key = (b.len().min(31) as u32) << 21
            ^ u32::from(first) << 14
            ^ u32::from(second) << 7
            ^ u32::from(last);
        (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    /// Adds a word.
    pub fn insert(&mut self, word: &str) {
        let s = Self::slot(word);
        self.bits[s / 64] |= 1 << (s % 64);
    }

    /// False when `word` was certainly never added.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        self.may_contain_bytes(word.as_bytes())
    }

    /// [`WordFilter::may_contain`] of a word's bytes.
    #[inline]
    pub fn may_contain_bytes(&self, word: &[u8]) -> bool {
        let s = Self::slot_of_bytes(word);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_table_finds_what_it_holds_and_nothing_else() {
        let mut t = KeyTable::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            t.insert(short_key(w).unwrap(), i as u32);
        }
        t.insert(0, 7);
        assert_eq!(t.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(short_key(w).unwrap()), Some(i as u32), "{w}");
            assert_eq!(t.get(short_key(&format!("x{i}")).unwrap()), None);
        }
        assert_eq!(t.get(0), None);
        t.insert(short_key("w3").unwrap(), 99);
        assert_eq!(t.get(short_key("w3").unwrap()), Some(99));
        assert_eq!(t.iter().count(), words.len());
    }

    #[test]
    fn a_key_cut_short_is_the_key_of_the_prefix() {
        let word = "fifteen-letters";
        let key = short_key(word).unwrap();
        for len in 0..=word.len() {
            assert_eq!(
                with_len(key, len),
                short_key(&word[..len]).unwrap(),
                "{len}"
            );
            assert_eq!(key_len(with_len(key, len)), len);
        }
    }

    #[test]
    fn short_and_long_words_round_trip() {
        let mut v = Vocab::default();
        let a = v.intern("peace");
        let b = v.intern("internationalisation");
        assert_ne!(a, b);
        assert_eq!(v.lookup("peace"), a);
        assert_eq!(v.lookup("internationalisation"), b);
        assert_eq!(v.lookup("peac"), UNKNOWN);
        assert_eq!(v.lookup("peace\0"), UNKNOWN);
        assert_eq!(v.intern("peace"), a);
        let buf = "the peace talks went on for a long while";
        assert_eq!(v.lookup_in(buf, 4, 9), a);
        assert_eq!(v.lookup_in(buf, 4, 8), UNKNOWN);
        assert_eq!(v.lookup_in("peace", 0, 5), a);
        assert_eq!(v.len(), 2);
        let mut words: Vec<_> = v.words().collect();
        words.sort_by_key(|&(_, id)| id);
        assert_eq!(
            words,
            [
                (VocabWord::Short(short_key("peace").unwrap()), a),
                (VocabWord::Long("internationalisation"), b)
            ]
        );
    }
}

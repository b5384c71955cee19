//! Restorable words: a word whose synonym (a member of its substitution class) both of its
//! neighbours predict far better, as when a spinner swapped the word the context calls for.
//!
//! The classes are those of [`Canon`] (the rule packs' substitution tables), the predictions
//! those of the bigram table of ordinary English ([`crate::lm`]). A word counts when, with a
//! neighbour on each side in one run of words, some other member of its class is at least
//! [`GAIN`] more likely (log10) after the word before it *and* before the word after it.

use super::canon::Canon;
use crate::document::Document;
use crate::lm::{Bigrams, STEP};
use crate::tokens::Gap;
use rustc_hash::FxHashMap;

/// Least log10 gain on each side: both neighbours find the synonym ten times likelier.
pub const GAIN: f32 = 1.0;

/// Substitution classes by bigram-table word id.
#[derive(Debug, Default)]
pub struct Restorer {
    /// Word id -> its [`Slot`], [`NONE`] for a word in no class (one array read per word of
    /// text).
    slot: Vec<Slot>,
    /// One bit per word id: set for a word with a class. Read first, as most words of text have
    /// none, and the bits (9 KB for the English table) stay in the nearest cache.
    in_class: Vec<u64>,
    /// The other members of a word's class.
    others: Vec<Box<[u32]>>,
    /// By the same index as `others`: the largest bigram log probability of any of them as the
    /// second word of a pair and as the first ([`Bigrams::best_bigrams`]).
    best_pairs: Vec<(f32, f32)>,
}

/// A word's class, with bounds on how likely any other member of it can be, in one `u32`: the
/// index into `others` in the low 16 bits, then the largest unigram and the largest back-off of
/// the other members, as bytes of the table's steps ([`crate::lm::STEP`]). The test of a word
/// reads nothing else until the bounds leave hope.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Slot(u32);

/// No class.
const NONE: Slot = Slot(u32::MAX);

impl Slot {
    fn new(index: usize, best_unigram: f32, best_backoff: f32) -> Option<Slot> {
        let unigram = (-best_unigram / STEP).round() as u8;
        let backoff = (best_backoff / STEP).round() as i8 as u8;
        let slot = Slot(index as u32 | u32::from(unigram) << 16 | u32::from(backoff) << 24);
        let exact = slot.best_unigram() == best_unigram && slot.best_backoff() == best_backoff;
        (index < 0xffff && exact).then_some(slot)
    }

    fn index(self) -> usize {
        (self.0 & 0xffff) as usize
    }

    /// The largest unigram log probability of the other members.
    fn best_unigram(self) -> f32 {
        -f32::from((self.0 >> 16) as u8) * STEP
    }

    /// The largest back-off weight of the other members.
    fn best_backoff(self) -> f32 {
        f32::from((self.0 >> 24) as u8 as i8) * STEP
    }

    /// True when no other member can gain [`GAIN`] on both sides: a bigram's log probability
    /// is at most the members' best (`best_pairs`: as second word, as first), and a backed-off
    /// one at most the best back-off plus unigram. Checked before any pair is looked up; it
    /// never turns a restorable word away.
    fn hopeless(
        self,
        model: &Bigrams,
        (a, c): (u32, u32),
        (left, right): (f32, f32),
        best_pairs: (f32, f32),
    ) -> bool {
        let best_left = (model.weights(a).1 + self.best_unigram()).max(best_pairs.0);
        let best_right = (self.best_backoff() + model.weights(c).0).max(best_pairs.1);
        best_left - left < GAIN || best_right - right < GAIN
    }
}

impl Restorer {
    /// The classes of `canon` whose members the table knows.
    pub fn new(canon: &Canon, model: &Bigrams) -> Restorer {
        let mut classes: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        for (word, rep) in canon.pairs() {
            let members = classes.entry(rep).or_default();
            if members.is_empty() {
                members.extend(model.id(rep));
            }
            members.extend(model.id(word));
        }
        let (as_second, as_first) = model.best_bigrams();
        let mut r = Restorer {
            slot: vec![NONE; model.len()],
            in_class: vec![0; model.len().div_ceil(64)],
            others: Vec::new(),
            best_pairs: Vec::new(),
        };
        for members in classes.into_values() {
            for &m in &members {
                let rest: Box<[u32]> = members.iter().copied().filter(|&o| o != m).collect();
                if !rest.is_empty() && r.slot[m as usize] == NONE {
                    let best = |f: &dyn Fn(u32) -> f32| {
                        rest.iter().map(|&o| f(o)).fold(f32::NEG_INFINITY, f32::max)
                    };
                    let (unigram, backoff) =
                        (best(&|o| model.unigram(o)), best(&|o| model.backoff(o)));
                    // Every value of the table is a whole number of steps, so the bounds pack
                    // exactly; past 65,535 members, the rest go without.
                    if let Some(slot) = Slot::new(r.others.len(), unigram, backoff) {
                        let best_of = |of: &[f32]| best(&|o| of[o as usize]);
                        r.slot[m as usize] = slot;
                        r.in_class[m as usize / 64] |= 1 << (m % 64);
                        r.best_pairs.push((best_of(&as_second), best_of(&as_first)));
                        r.others.push(rest);
                    }
                }
            }
        }
        r
    }

    fn has_class(&self, id: u32) -> bool {
        let bits = self.in_class.get(id as usize / 64).copied().unwrap_or(0);
        bits & (1 << (id % 64)) != 0
    }

    /// How many words of `doc` are restorable; `ids` are the table's ids of its words
    /// ([`crate::lm::document_ids`]) and `conds` the cost of each after the one before
    /// ([`crate::lm::pair_costs`]).
    pub fn count(
        &self,
        model: &Bigrams,
        doc: &Document<'_>,
        ids: &[Option<u32>],
        conds: &[f32],
    ) -> usize {
        if self.others.is_empty() {
            return 0;
        }
        let words = doc.words();
        let id = |i: usize| ids.get(i).copied().flatten();
        let joined = |i: usize| matches!(words[i].gap, Gap::Space | Gap::Newline);
        // Every (word, synonym) candidate with its pair on the left; the pairs are looked up
        // together, then the right-hand pairs of the candidates that gained on the left.
        let mut scratch = SCRATCH.take();
        let Scratch {
            classed,
            candidates,
            pairs,
            costs,
            kept,
        } = &mut scratch;
        candidates.clear();
        pairs.clear();
        // The words with a class between two joined neighbours, gathered without a branch (they
        // come at no predictable place), are the only ones looked at further.
        classed.clear();
        classed.resize(words.len(), 0);
        let mut n = 0;
        for (i, &b) in ids
            .iter()
            .enumerate()
            .take(words.len().saturating_sub(1))
            .skip(1)
        {
            classed[n] = i as u32;
            let b = b.unwrap_or(u32::MAX);
            n += usize::from(joined(i) & joined(i + 1) & self.has_class(b));
        }
        for &i in &classed[..n] {
            let i = i as usize;
            let Some(b) = id(i) else { continue };
            let Some(&slot) = self.slot.get(b as usize).filter(|&&s| s != NONE) else {
                continue;
            };
            let (Some(a), Some(c)) = (id(i - 1), id(i + 1)) else {
                continue;
            };
            let best_pairs = self.best_pairs[slot.index()];
            if slot.hopeless(model, (a, c), (conds[i], conds[i + 1]), best_pairs) {
                continue;
            }
            for &m in self.others[slot.index()].iter() {
                candidates.push((i, m, c));
                pairs.push((a, m));
            }
        }
        model.cond_many(pairs, costs);
        kept.clear();
        pairs.clear();
        for (&(i, m, c), cost) in candidates.iter().zip(costs.iter()) {
            if cost - conds[i] >= GAIN {
                kept.push(i);
                pairs.push((m, c));
            }
        }
        model.cond_many(pairs, costs);
        let mut found = 0;
        let mut last = None;
        for (&i, cost) in kept.iter().zip(costs.iter()) {
            if cost - conds[i + 1] >= GAIN && last != Some(i) {
                found += 1;
                last = Some(i);
            }
        }
        SCRATCH.set(scratch);
        found
    }
}

/// The lists of [`Restorer::count`], kept between the documents a thread reads.
#[derive(Default)]
struct Scratch {
    /// The words looked at.
    classed: Vec<u32>,
    /// (word, synonym, next word) and the pairs looked up for them.
    candidates: Vec<(usize, u32, u32)>,
    pairs: Vec<(u32, u32)>,
    costs: Vec<f32>,
    /// The words whose synonym gained on the left.
    kept: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(restorer: &Restorer, text: &str) -> usize {
        let doc = Document::new(text);
        let mut ids = Vec::new();
        let model = Bigrams::english();
        crate::lm::document_ids(model, &doc, &mut ids);
        let mut conds = Vec::new();
        crate::lm::pair_costs(&doc, model, &ids, &mut conds);
        restorer.count(model, &doc, &ids, &conds)
    }

    #[test]
    fn the_bounds_hold_for_every_member_of_every_class() {
        let model = Bigrams::english();
        let canon = Canon::from_sources(&crate::rules::bundled_packs());
        let r = Restorer::new(&canon, model);
        assert!(r.others.len() > 100);
        let contexts: Vec<u32> = (0..model.len() as u32).step_by(997).collect();
        let slots = r.slot.iter().filter(|&&s| s != NONE);
        assert_eq!(slots.clone().count(), r.others.len());
        for (id, &s) in r.slot.iter().enumerate() {
            assert_eq!(r.has_class(id as u32), s != NONE, "{id}");
        }
        for &o in slots.step_by(7) {
            let (as_second, as_first) = r.best_pairs[o.index()];
            assert!(as_second <= 0.0 && as_first <= 0.0);
            for &m in r.others[o.index()].iter() {
                for &x in &contexts {
                    let best_left = (model.backoff(x) + o.best_unigram()).max(as_second);
                    let best_right = (o.best_backoff() + model.unigram(x)).max(as_first);
                    assert!(model.cond(x, m) <= best_left, "{x} {m}");
                    assert!(model.cond(m, x) <= best_right, "{m} {x}");
                }
            }
        }
    }

    #[test]
    fn every_pair_of_table_bounds_packs_exactly() {
        for unigram in 0..=255u8 {
            for backoff in i8::MIN..=i8::MAX {
                let (u, b) = (-f32::from(unigram) * STEP, f32::from(backoff) * STEP);
                let slot = Slot::new(0xfffe, u, b).expect("packs");
                assert_eq!(
                    (slot.index(), slot.best_unigram(), slot.best_backoff()),
                    (0xfffe, u, b)
                );
                assert_ne!(slot, NONE);
            }
        }
        assert_eq!(Slot::new(0xffff, 0.0, 0.0), None);
        assert_eq!(Slot::new(1, -0.07, 0.0), None);
    }

    #[test]
    fn a_swapped_word_is_restorable_and_the_original_is_not() {
        let canon = Canon::from_pairs(vec![
            ("peace".into(), "harmony".into()),
            ("first".into(), "primary".into()),
        ]);
        let r = Restorer::new(&canon, Bigrams::english());
        assert_eq!(
            count(
                &r,
                "They held peace talks in the capital for the first time."
            ),
            0
        );
        assert_eq!(
            count(
                &r,
                "They held harmony talks in the capital for the primary time."
            ),
            2
        );
        // A word at a break, or without a neighbour on each side, is not judged.
        assert_eq!(count(&r, "Harmony, talks."), 0);
    }

    #[test]
    fn no_classes_count_nothing() {
        let r = Restorer::new(&Canon::default(), Bigrams::english());
        assert_eq!(count(&r, "They held harmony talks in the capital."), 0);
    }
}

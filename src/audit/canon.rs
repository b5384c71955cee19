//! Spin-aware canonical words: every word of a substitution table stands for one representative.
//!
//! The rule packs' substitution tables map an original word to the synonyms spinners swap in
//! (`peace: [harmony, tranquility]`). For near-duplicate signatures, a spun copy should read like
//! its source, so each word is replaced by a representative of its *class*: the connected
//! component of the graph whose edges are (original, substitute) pairs, plus their singular or
//! plural counterparts. The representative is the alphabetically first member. A class never
//! grows past [`MAX_CLASS`] members, so a user pack with a careless chain of synonyms cannot fold
//! half the vocabulary into one word. Multi-word substitutions and class slots are left out.

use super::minhash::word_hash;
use crate::normalise::normalize_str;
use crate::rules::inflect::counterpart;
use crate::rules::pack::{RawPack, Substitutions};
use crate::rules::{yaml, PackSource};
use rustc_hash::FxHashMap;

/// Largest number of words folded into one representative.
pub const MAX_CLASS: usize = 64;

/// Word -> representative of its substitution class.
#[derive(Debug, Default)]
pub struct Canon {
    map: FxHashMap<Box<str>, Box<str>>,
    /// The same by [`word_hash`], for the hot path.
    hashed: FxHashMap<u64, u64>,
    /// One bit per value of a hash's low 16 bits, set for the folded words: most words of a
    /// text are turned away by one bit test.
    filter: Vec<u64>,
}

const FILTER_BITS: u64 = 1 << 16;

impl Canon {
    /// Classes from the substitution tables of `sources`; packs that do not parse are skipped
    /// (the rule loader reports them). Only the substitutions of a pack or a whole table count:
    /// those of one collocation, and the tables of names, hold swaps that break that
    /// expression or name (`new` -> `young`, `deep` -> `large`), not synonyms of the words'
    /// ordinary use, and would chain unrelated classes together.
    pub fn from_sources(sources: &[PackSource]) -> Canon {
        let mut pairs = Vec::new();
        for src in sources {
            let Ok(raw) = yaml::from_str::<RawPack>(&src.text) else {
                continue;
            };
            collect(&raw.substitutions, &mut pairs);
            for table in raw.tables.iter().filter(|t| t.names.is_none()) {
                collect(&table.substitutions, &mut pairs);
            }
        }
        Canon::from_pairs(pairs)
    }

    /// Classes from the synonyms of compiled rules ([`crate::rules::RuleSet::synonyms`]): the
    /// same classes as [`Canon::from_sources`] gives for the packs the rules were compiled from.
    pub fn from_rules(rules: &crate::rules::RuleSet) -> Canon {
        let mut pairs = Vec::new();
        for (original, substitute) in &rules.synonyms {
            let o = normalize_str(original);
            let s = normalize_str(substitute);
            if single_word(&o) && single_word(&s) && s != o {
                pairs.push((o, s));
            }
        }
        Canon::from_pairs(pairs)
    }

    /// Classes from (original, substitute) word pairs.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Canon {
        let mut uf = Classes::default();
        for (o, s) in &pairs {
            uf.join(o, s);
            if let (Some(a), Some(b)) = (counterpart(o), counterpart(s)) {
                uf.join(&a, &b);
            }
        }
        let map = uf.finish();
        let hashed: FxHashMap<u64, u64> = map
            .iter()
            .map(|(w, r)| (word_hash(w), word_hash(r)))
            .collect();
        let mut filter = vec![0u64; (FILTER_BITS / 64) as usize];
        for h in hashed.keys() {
            let bit = h % FILTER_BITS;
            filter[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        Canon {
            map,
            hashed,
            filter,
        }
    }

    /// The representative of `word` (normalised, lower-case), or the word itself.
    pub fn canonical<'a>(&'a self, word: &'a str) -> &'a str {
        self.map.get(word).map_or(word, |r| r)
    }

    /// The [`word_hash`] of the representative of the word whose hash is `h`.
    #[inline]
    pub fn canonical_hash(&self, h: u64) -> u64 {
        let bit = h % FILTER_BITS;
        match self.filter.get((bit / 64) as usize) {
            Some(word) if word >> (bit % 64) & 1 != 0 => self.hashed.get(&h).copied().unwrap_or(h),
            _ => h,
        }
    }

    /// Every folded word with its representative.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.map.iter().map(|(w, r)| (&**w, &**r))
    }

    /// Number of words with a representative other than themselves.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word is folded.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn collect(subs: &Substitutions, out: &mut Vec<(String, String)>) {
    for (original, substitutes) in &subs.0 {
        let o = normalize_str(&original.0);
        if !single_word(&o) {
            continue;
        }
        for s in substitutes {
            let s = normalize_str(&s.0);
            if single_word(&s) && s != o {
                out.push((o.clone(), s));
            }
        }
    }
}

fn single_word(w: &str) -> bool {
    !w.is_empty() && !w.contains([' ', '{'])
}

/// Union-find over words, with a size cap per class.
#[derive(Default)]
struct Classes {
    index: FxHashMap<String, usize>,
    words: Vec<String>,
    uf: super::minhash::UnionFind,
}

impl Classes {
    fn id(&mut self, w: &str) -> usize {
        if let Some(&i) = self.index.get(w) {
            return i;
        }
        let i = self.uf.push();
        self.index.insert(w.to_string(), i);
        self.words.push(w.to_string());
        i
    }

    fn join(&mut self, a: &str, b: &str) {
        let (a, b) = (self.id(a), self.id(b));
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra != rb && self.uf.size(ra) + self.uf.size(rb) <= MAX_CLASS {
            self.uf.union(ra, rb);
        }
    }

    fn finish(mut self) -> FxHashMap<Box<str>, Box<str>> {
        let mut rep: FxHashMap<usize, usize> = FxHashMap::default();
        for i in 0..self.words.len() {
            let r = self.uf.find(i);
            let best = rep.entry(r).or_insert(i);
            if self.words[i] < self.words[*best] {
                *best = i;
            }
        }
        let mut map = FxHashMap::default();
        for i in 0..self.words.len() {
            let r = rep[&self.uf.find(i)];
            if r != i {
                map.insert(self.words[i].as_str().into(), self.words[r].as_str().into());
            }
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn compiled_rules_give_the_classes_the_packs_give() {
        let packs = crate::rules::bundled_packs();
        let rules = crate::rules::RuleSet::load(&packs).expect("bundled packs");
        let (a, b) = (Canon::from_sources(&packs), Canon::from_rules(&rules));
        assert!(a.len() > 1000);
        let mut x: Vec<_> = a.pairs().collect();
        let mut y: Vec<_> = b.pairs().collect();
        x.sort_unstable();
        y.sort_unstable();
        assert_eq!(x, y);
    }

    #[test]
    fn a_word_and_its_substitutes_share_a_representative() {
        let c = Canon::from_pairs(pairs(&[("peace", "harmony"), ("peace", "tranquility")]));
        assert_eq!(c.canonical("tranquility"), "harmony");
        assert_eq!(c.canonical("peace"), "harmony");
        assert_eq!(c.canonical("harmony"), "harmony");
        assert_eq!(c.canonical("war"), "war");
    }

    #[test]
    fn chains_and_plurals_fold_together() {
        let c = Canon::from_pairs(pairs(&[
            ("giant", "big"),
            ("huge", "giant"),
            ("force", "cause"),
        ]));
        assert_eq!(c.canonical("huge"), c.canonical("big"));
        assert_eq!(c.canonical("forces"), c.canonical("causes"));
        assert_ne!(c.canonical("forces"), c.canonical("force"));
    }

    #[test]
    fn classes_stop_growing_at_the_cap() {
        let list: Vec<(String, String)> = (0..200)
            .map(|i| (format!("w{i}"), format!("w{}", i + 1)))
            .collect();
        let c = Canon::from_pairs(list);
        let rep = c.canonical("w0");
        let members = (0..=200)
            .filter(|i| c.canonical(&format!("w{i}")) == rep)
            .count();
        assert_eq!(members, MAX_CLASS);
    }

    #[test]
    fn bundled_packs_give_classes() {
        let c = Canon::from_sources(&crate::rules::bundled_packs());
        assert!(c.len() > 100);
        assert_eq!(c.canonical("harmony"), c.canonical("peace"));
    }
}

//! One index for every phrase of every table: a word trie walked over a lattice of substitutions.
//!
//! All words of all patterns are interned to ids, and every pattern is a path of ids in one trie
//! (`(node, word) -> node` in one hash map). Phrases, allow-list entries and collocations are
//! stored in their written form; collocations are *not* expanded into their spun variants.
//! Instead a second trie maps each substitute (one word or several) back to the original words it
//! can stand for. At each text position the matcher follows, from the current trie node, both the
//! word itself and every original it may replace; a collocation is reported when its path used at
//! least one substitution, all from its own table. The work per text word is a few hash look-ups
//! whatever the number of tables or entries, and a table of 100,000 collocations with ten
//! substitutes per word costs memory proportional to what is written, not to its variants.

use super::vocab::Vocab;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use super::vocab::{WordId, UNKNOWN};

/// How an entry is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    /// Fires only when at least one substitution was used.
    Collocation,
    /// Fires on the literal words.
    Phrase,
    /// Suppresses findings of its table that overlap it.
    Allow,
}

/// A trie over word ids with a payload list per node.
#[derive(Debug, Serialize, Deserialize)]
struct Trie<T> {
    /// Children of the root, indexed by word id (0: none): most look-ups stop here.
    root: Vec<u32>,
    /// All other edges.
    edges: FxHashMap<(u32, WordId), u32>,
    /// Payload per node, indexed by node id.
    payload: Vec<Vec<T>>,
    nodes: u32,
}

impl<T> Default for Trie<T> {
    fn default() -> Self {
        Trie {
            root: Vec::new(),
            edges: FxHashMap::default(),
            payload: vec![Vec::new()],
            nodes: 0,
        }
    }
}

impl<T> Trie<T> {
    const ROOT: u32 = 0;

    fn child(&self, node: u32, word: WordId) -> Option<u32> {
        if node == Self::ROOT {
            return self
                .root
                .get(word as usize)
                .copied()
                .filter(|&n| n != Self::ROOT);
        }
        self.edges.get(&(node, word)).copied()
    }

    fn insert(&mut self, path: &[WordId]) -> u32 {
        let mut node = Self::ROOT;
        for &w in path {
            node = match self.child(node, w) {
                Some(n) => n,
                None => {
                    self.nodes += 1;
                    self.payload.push(Vec::new());
                    if node == Self::ROOT {
                        if self.root.len() <= w as usize {
                            self.root.resize(w as usize + 1, Self::ROOT);
                        }
                        self.root[w as usize] = self.nodes;
                    } else {
                        self.edges.insert((node, w), self.nodes);
                    }
                    self.nodes
                }
            };
        }
        node
    }

    /// Children of every non-root node (root children live in `root`).
    fn adjacency(&self) -> FxHashMap<u32, Vec<WordId>> {
        let mut children: FxHashMap<u32, Vec<WordId>> = FxHashMap::default();
        for &(node, word) in self.edges.keys() {
            children.entry(node).or_default().push(word);
        }
        children
    }

    /// True when some pattern starts with `word`.
    fn root_has(&self, word: WordId) -> bool {
        self.root
            .get(word as usize)
            .is_some_and(|&n| n != Self::ROOT)
    }

    fn payload(&self, node: u32) -> &[T] {
        self.payload.get(node as usize).map_or(&[], Vec::as_slice)
    }

    fn payload_mut(&mut self, node: u32) -> &mut Vec<T> {
        &mut self.payload[node as usize]
    }
}

/// An entry as the matcher sees it: its table, kind and index in the caller's entry list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    /// Index of the entry in the rule set.
    pub entry: u32,
    /// Index of its table.
    pub table: u32,
    /// The entry's own substitution scope ([`NO_SCOPE`] when it has none).
    pub scope: u32,
    /// How it matches.
    pub kind: EntryKind,
    /// Collocations only: report literal matches too, as evidence (class slots) or because the
    /// expression is itself a spun form of another one and must shadow it.
    pub literal: bool,
}

/// No scope of an entry's own.
pub const NO_SCOPE: u32 = u32::MAX;

/// The scope id of the `n`-th entry-level substitution list (table ids stay below it).
pub fn entry_scope(n: u32) -> u32 {
    (1 << 31) | n
}

/// Original words a substitute may stand for, and the scopes (tables, or single entries) that
/// list the substitution.
#[derive(Debug, Serialize, Deserialize)]
struct SubRef {
    original: Box<[WordId]>,
    tables: Vec<u32>,
}

/// A substitution used in a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubUse {
    /// Text words `[first, end)` holding the substitute.
    pub words: (usize, usize),
    /// Positions `[first, end)` of the original words in the entry.
    pub canon: (usize, usize),
}

/// A match of one entry on words `first..=last`.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The entry matched.
    pub entry: EntryRef,
    /// First text word.
    pub first: usize,
    /// Last text word (inclusive).
    pub last: usize,
    /// Substitutions used, in text order; empty for a literal match.
    pub subs: Vec<SubUse>,
}

/// The compiled index of every table.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Matcher {
    vocab: Vocab,
    words: Trie<EntryRef>,
    subs: Trie<SubRef>,
    /// (first word of a substitute's original, first word of the substitute), for [`Self::seal`].
    sub_heads: Vec<(WordId, WordId)>,
    /// Which two-word openings can lead to a match; `None` until sealed (then every start walks).
    openings: Option<Openings>,
}

impl Matcher {
    /// The vocabulary: every word of every pattern, with its id.
    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Interns a normalised word.
    pub fn intern(&mut self, word: &str) -> WordId {
        self.vocab.intern(word)
    }

    /// The id of a normalised word, or [`UNKNOWN`].
    #[inline]
    pub fn lookup(&self, word: &str) -> WordId {
        self.vocab.lookup(word)
    }

    /// Adds an entry whose written words are `path`.
    pub fn add_entry(&mut self, path: &[WordId], entry: EntryRef) {
        self.openings = None;
        let node = self.words.insert(path);
        let list = self.words.payload_mut(node);
        if !list.contains(&entry) {
            list.push(entry);
        }
    }

    /// Records that, in `table`, the words `substitute` may stand for the words `original`.
    /// `table` is a table index, or an [`entry_scope`] for substitutions of one collocation.
    pub fn add_substitution(&mut self, original: &[WordId], substitute: &[WordId], table: u32) {
        if let (Some(&o), Some(&s)) = (original.first(), substitute.first()) {
            self.sub_heads.push((o, s));
        }
        self.openings = None;
        let node = self.subs.insert(substitute);
        let list = self.subs.payload_mut(node);
        match list.iter_mut().find(|s| &*s.original == original) {
            Some(s) if !s.tables.contains(&table) => s.tables.push(table),
            Some(_) => {}
            None => list.push(SubRef {
                original: original.into(),
                tables: vec![table],
            }),
        }
    }

    /// The id of a text word; a possessive `'s` falls back to the stem (`track's` -> `track`).
    pub fn word_id(&self, text: &str) -> WordId {
        self.word_id_in(text, 0, text.len())
    }

    /// [`Self::word_id`] of the word `buf[start..end]`, reading its key straight from `buf`.
    #[inline]
    pub fn word_id_in(&self, buf: &str, start: usize, end: usize) -> WordId {
        let id = self.vocab.lookup_in(buf, start, end);
        if id != UNKNOWN || !buf.as_bytes()[start..end].ends_with(b"'s") {
            return id;
        }
        self.vocab.lookup_in(buf, start, end - 2)
    }

    /// Finds every entry match in a run of words; `joins[i]` says whether word `i` may continue a
    /// phrase from word `i - 1`.
    pub fn find(&self, ids: &[WordId], joins: &[bool], out: &mut Vec<Candidate>) {
        let mut walk = Walk {
            m: self,
            ids,
            joins,
            start: 0,
            subs: Vec::new(),
            tables: Vec::new(),
            out,
        };
        // Most words start nothing: one array read per word decides it (no word id reaches
        // `UNKNOWN`), and the words that start something are gathered without a branch, so that
        // the walk is entered only from a short list whose tests the processor predicts well.
        let mut starting: Vec<u32> = vec![0; ids.len()];
        let mut n = 0;
        match &self.openings {
            Some(open) => {
                // `starts` ends with a `false` that every id past it (`UNKNOWN`) reads.
                let last = open.starts.len() - 1;
                for (start, &id) in ids.iter().enumerate() {
                    starting[n] = start as u32;
                    n += usize::from(open.starts[(id as usize).min(last)]);
                }
                // Then the opening filter, again without a branch per word.
                let mut kept = 0;
                for k in 0..n {
                    let start = starting[k] as usize;
                    let joined = joins.get(start + 1).copied().unwrap_or(false);
                    let next = ids.get(start + 1).copied().unwrap_or(UNKNOWN);
                    let next = if joined { next } else { UNKNOWN };
                    starting[kept] = start as u32;
                    kept += usize::from(open.admits(ids[start], next));
                }
                n = kept;
            }
            None => {
                for (start, &id) in ids.iter().enumerate() {
                    starting[n] = start as u32;
                    n += usize::from(
                        id != UNKNOWN && (self.words.root_has(id) || self.subs.root_has(id)),
                    );
                }
            }
        }
        for &start in &starting[..n] {
            let start = start as usize;
            walk.start = start;
            walk.step(Trie::<EntryRef>::ROOT, start, 0);
        }
    }

    /// Marks the collocation `entry` at `path` for literal reporting.
    pub fn report_literal(&mut self, path: &[WordId], entry: u32) {
        let node = path
            .iter()
            .try_fold(Trie::<EntryRef>::ROOT, |n, &w| self.words.child(n, w));
        if let Some(node) = node {
            for e in self.words.payload_mut(node) {
                if e.entry == entry {
                    e.literal = true;
                }
            }
        }
    }

    /// Builds the opening filter; call once after the last entry and substitution. Matching is
    /// correct without it, only slower.
    pub fn seal(&mut self) {
        let children = self.words.adjacency();
        let sub_children = self.subs.adjacency();
        let mut spun_heads: FxHashMap<WordId, Vec<WordId>> = FxHashMap::default();
        for &(orig, spun) in &self.sub_heads {
            spun_heads.entry(orig).or_default().push(spun);
        }
        let mut free = vec![false; self.vocab.len()];
        let mut pairs: Vec<(WordId, WordId)> = Vec::new();
        for a in 0..self.vocab.len() as WordId {
            for (node, literal) in self.nodes_after(a) {
                if !self.words.payload(node).is_empty() {
                    free[a as usize] = true;
                }
                for &c in children.get(&node).map_or(&[][..], Vec::as_slice) {
                    // Two literal words that only complete collocations can report nothing
                    // unless a substitute follows: no need to open a walk for them.
                    let next = self.words.child(node, c);
                    let useful = next.is_some_and(|m| {
                        !literal || children.contains_key(&m) || self.reports_literally(m)
                    });
                    if useful {
                        pairs.push((a, c));
                    }
                    for &s in spun_heads.get(&c).map_or(&[][..], Vec::as_slice) {
                        pairs.push((a, s));
                    }
                }
            }
            // A substitute of several words continues with its own second word.
            if let Some(r) = self.subs.child(Trie::<SubRef>::ROOT, a) {
                for &w in sub_children.get(&r).map_or(&[][..], Vec::as_slice) {
                    pairs.push((a, w));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let starts = (0..self.vocab.len() as WordId)
            .map(|a| self.words.root_has(a) || self.subs.root_has(a))
            .chain([false])
            .collect();
        self.openings = Some(Openings::build(&pairs, free, starts));
    }

    /// True when an entry ending at `node` is reported on literal words.
    fn reports_literally(&self, node: u32) -> bool {
        self.words
            .payload(node)
            .iter()
            .any(|e| e.kind != EntryKind::Collocation || e.literal)
    }

    /// Trie nodes reachable by reading the single text word `a`, each with whether it was read
    /// literally (rather than as a substitute).
    fn nodes_after(&self, a: WordId) -> Vec<(u32, bool)> {
        let mut out: Vec<(u32, bool)> = self
            .words
            .child(Trie::<EntryRef>::ROOT, a)
            .map(|n| (n, true))
            .into_iter()
            .collect();
        if let Some(r) = self.subs.child(Trie::<SubRef>::ROOT, a) {
            for sub in self.subs.payload(r) {
                let walked = sub
                    .original
                    .iter()
                    .try_fold(Trie::<EntryRef>::ROOT, |n, &w| self.words.child(n, w));
                out.extend(walked.map(|n| (n, false)));
            }
        }
        out
    }
}

/// Which two-word openings can lead to a match: a bitmap over hashed (first, second) word ids,
/// plus the words that complete a match on their own.
#[derive(Debug, Serialize, Deserialize)]
struct Openings {
    bits: Vec<u64>,
    mask: u64,
    free: Vec<bool>,
    /// Per word id: some entry or substitute starts with it (one read, one branch per text word).
    starts: Vec<bool>,
}

impl Openings {
    /// A Bloom filter (two probes, about 16 bits per pair) over `pairs`.
    fn build(pairs: &[(WordId, WordId)], free: Vec<bool>, starts: Vec<bool>) -> Self {
        let size = (pairs.len() * 16)
            .next_power_of_two()
            .clamp(1 << 16, 1 << 28);
        let mut open = Openings {
            bits: vec![0; size / 64],
            mask: size as u64 - 1,
            free,
            starts,
        };
        for &(a, b) in pairs {
            for s in open.slots(a, b) {
                open.bits[s / 64] |= 1 << (s % 64);
            }
        }
        open
    }

    fn slots(&self, a: WordId, b: WordId) -> [usize; 2] {
        let key = u64::from(a) << 32 | u64::from(b);
        let h1 = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let h2 = key.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        [
            ((h1 >> 20) & self.mask) as usize,
            ((h2 >> 24) & self.mask) as usize,
        ]
    }

    /// [`Openings::may_start`] with `UNKNOWN` for no next word, computed without branches: both
    /// filter bits are read whatever `a` and `next` are.
    #[inline]
    fn admits(&self, a: WordId, next: WordId) -> bool {
        let free = self.free.get(a as usize).copied().unwrap_or(false);
        let [s1, s2] = self.slots(a, next);
        let bit = |s: usize| self.bits.get(s / 64).map_or(0, |w| (w >> (s % 64)) & 1);
        free | ((next != UNKNOWN) & (bit(s1) & bit(s2) == 1))
    }
}

/// Depth-first walk of the trie over the lattice of text words and substitutions.
struct Walk<'a> {
    m: &'a Matcher,
    ids: &'a [WordId],
    joins: &'a [bool],
    start: usize,
    subs: Vec<SubUse>,
    /// Tables of each substitution in `subs`.
    tables: Vec<&'a [u32]>,
    out: &'a mut Vec<Candidate>,
}

impl<'a> Walk<'a> {
    /// True when word `pos` may extend the current match: it exists, is joined to the previous
    /// word, and occurs in some pattern.
    fn continues(&self, pos: usize) -> bool {
        pos < self.ids.len() && self.ids[pos] != UNKNOWN && (pos == self.start || self.joins[pos])
    }

    fn step(&mut self, node: u32, pos: usize, canon: usize) {
        if !self.continues(pos) {
            return;
        }
        if let Some(next) = self.m.words.child(node, self.ids[pos]) {
            self.emit(next, pos);
            self.step(next, pos + 1, canon + 1);
        }
        let m = self.m;
        let mut rnode = Trie::<SubRef>::ROOT;
        let mut end = pos;
        while self.continues(end) {
            rnode = match m.subs.child(rnode, self.ids[end]) {
                Some(n) => n,
                None => break,
            };
            end += 1;
            for sub in m.subs.payload(rnode) {
                self.follow_sub(node, pos, end, canon, sub);
            }
        }
    }

    fn follow_sub(&mut self, node: u32, pos: usize, end: usize, canon: usize, sub: &'a SubRef) {
        let mut next = node;
        for &w in sub.original.iter() {
            match self.m.words.child(next, w) {
                Some(n) => next = n,
                None => return,
            }
        }
        let used = SubUse {
            words: (pos, end),
            canon: (canon, canon + sub.original.len()),
        };
        self.subs.push(used);
        self.tables.push(&sub.tables);
        self.emit(next, end - 1);
        self.step(next, end, canon + sub.original.len());
        self.subs.pop();
        self.tables.pop();
    }

    /// Reports the entries at `node` that the path so far satisfies.
    fn emit(&mut self, node: u32, last: usize) {
        for &e in self.m.words.payload(node) {
            let ok = match e.kind {
                EntryKind::Phrase | EntryKind::Allow => self.subs.is_empty(),
                EntryKind::Collocation => {
                    (e.literal || !self.subs.is_empty()) && self.subs_in_scope(e.table, e.scope)
                }
            };
            if ok {
                self.out.push(Candidate {
                    entry: e,
                    first: self.start,
                    last,
                    subs: self.subs.clone(),
                });
            }
        }
    }

    /// True when every substitution on the path is listed by `table` or by the entry's `scope`.
    fn subs_in_scope(&self, table: u32, scope: u32) -> bool {
        self.tables
            .iter()
            .all(|t| t.contains(&table) || (scope != NO_SCOPE && t.contains(&scope)))
    }
}

//! Near-duplicate detection: MinHash signatures over word shingles, LSH banding, union-find.
//!
//! A signature holds, for each of [`HASHES`] hash functions, the smallest hash of any shingle
//! (run of [`SHINGLE`] consecutive words) of the document; the share of positions where two
//! signatures agree estimates the Jaccard similarity of their shingle sets. Clustering never
//! compares all pairs: each signature is cut into bands of rows, documents whose band hashes are
//! equal land in one bucket, and only documents sharing a bucket are compared (with the first and
//! the previous member of the bucket, so the work stays linear in the number of documents times
//! bands). Pairs at or above the similarity threshold are joined with union-find. For clustering,
//! signatures are kept in a [`CompactStore`] of 256 bytes per document.
//!
//! Signatures come from one-permutation hashing (see [`MinHasher`]): one hash per shingle, and
//! [`HASHES`] × 4 bytes per signature.

/// Hash functions per signature.
pub const HASHES: usize = 128;
/// Words per shingle.
pub const SHINGLE: usize = 3;

/// A MinHash signature; all `u32::MAX` for a document without words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub Box<[u32]>);

impl Signature {
    /// True when the document had no words.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }
}

/// Builds signatures from word hashes by one-permutation hashing: each shingle is hashed once;
/// the top bits of its hash pick one of [`HASHES`] bins and the bin keeps the smallest of the
/// other bits. An empty bin (a short document) borrows the value of the next filled bin, offset
/// by the distance (rotation densification, Shrivastava & Li 2014), so two signatures still agree
/// at a position with probability equal to the Jaccard similarity. The cost is one hash per
/// shingle however many positions the signature has.
#[derive(Clone, Debug)]
pub struct MinHasher {
    seed: u64,
}

impl Default for MinHasher {
    fn default() -> Self {
        MinHasher::new(0x5EED)
    }
}

/// Marks an empty bin; real values are below it.
const EMPTY: u32 = u32::MAX;
const BIN_SHIFT: u32 = 64 - HASHES.trailing_zeros();

impl MinHasher {
    /// A hasher whose shingle hashes are keyed by `seed`.
    pub fn new(seed: u64) -> Self {
        MinHasher {
            seed: splitmix(seed),
        }
    }

    /// The signature of a document given the hash of each of its words, in order.
    pub fn signature(&self, words: &[u64]) -> Signature {
        let mut bins = [EMPTY; HASHES];
        if !words.is_empty() && words.len() < SHINGLE {
            self.add(&mut bins, shingle_key(words));
        }
        for w in words.windows(SHINGLE) {
            self.add(&mut bins, shingle_key(w));
        }
        densify(&mut bins);
        Signature(bins.into())
    }

    /// The signatures of two word sequences of equal length at once, as [`MinHasher::signature`]
    /// gives them. For a document's words as written and
    /// mapped to their classes' representatives.
    pub fn signature_pair(&self, a: &[u64], b: &[u64]) -> (Signature, Signature) {
        assert_eq!(a.len(), b.len(), "word sequences of one document");
        let (mut x, mut y) = ([EMPTY; HASHES], [EMPTY; HASHES]);
        if !a.is_empty() && a.len() < SHINGLE {
            self.add(&mut x, shingle_key(a));
            self.add(&mut y, shingle_key(b));
        }
        for (wa, wb) in a.windows(SHINGLE).zip(b.windows(SHINGLE)) {
            let (ka, kb) = (shingle_key(wa), shingle_key(wb));
            // Both hashed: which shingles differ follows no pattern, and a branch on it costs
            // more than the hash.
            let (ha, hb) = (self.hash(ka), self.hash(kb));
            put(&mut x, ha);
            put(&mut y, hb);
        }
        densify(&mut x);
        densify(&mut y);
        (Signature(x.into()), Signature(y.into()))
    }

    #[inline]
    fn hash(&self, shingle: u64) -> u64 {
        splitmix(shingle ^ self.seed)
    }

    #[inline]
    fn add(&self, bins: &mut [u32; HASHES], shingle: u64) {
        put(bins, self.hash(shingle));
    }
}

/// Keeps the hash `h` of a shingle in its bin if it is the smallest there.
#[inline]
fn put(bins: &mut [u32; HASHES], h: u64) {
    let bin = (h >> BIN_SHIFT) as usize;
    let value = (h as u32) >> 1;
    if value < bins[bin] {
        bins[bin] = value;
    }
}

/// Fills each empty bin from the next filled one (cyclically), offset by the distance.
fn densify(bins: &mut [u32; HASHES]) {
    let Some(last) = bins.iter().rposition(|&v| v != EMPTY) else {
        return;
    };
    // Walk backwards from the last filled bin, carrying the nearest filled value to the right.
    let (mut carry, mut dist) = (bins[last], 0u32);
    for step in 1..HASHES {
        let i = (last + HASHES - step) % HASHES;
        if bins[i] == EMPTY {
            dist += 1;
            bins[i] = (carry ^ dist.wrapping_mul(0x9E37_79B9)) >> 1;
        } else {
            carry = bins[i];
            dist = 0;
        }
    }
}

/// Hash of a word's bytes (FxHash-style, then mixed), for [`MinHasher::signature`].
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = word.as_bytes().chunks_exact(8);
    let mix = |h: u64, v: u64| (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    for chunk in &mut chunks {
        h = mix(h, u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
    }
    // The last bytes, zero-padded, without a copy of variable length.
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let tail = rest
            .iter()
            .rev()
            .fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        h = mix(h, tail);
    }
    splitmix(h ^ word.len() as u64)
}

/// [`word_hash`] of a word of up to 15 bytes from its [`short_key`](crate::rules::vocab::short_key),
/// without reading the text again.
#[inline]
pub fn word_hash_of_key(key: u128) -> u64 {
    let len = crate::rules::vocab::key_len(key);
    let (lo, hi) = (key as u64, (key >> 64) as u64 & 0x00ff_ffff_ffff_ffff);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if len > 0 {
        h = (h.rotate_left(5) ^ lo).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    if len > 8 {
        h = (h.rotate_left(5) ^ hi).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    splitmix(h ^ len as u64)
}

/// The words of a shingle (up to [`SHINGLE`]) in one integer, each word's hash rotated by its
/// place; [`MinHasher::add`] mixes it once with the seed.
#[inline]
fn shingle_key(words: &[u64]) -> u64 {
    words
        .iter()
        .zip([0, 21, 42])
        .fold(0, |key, (&w, r)| key ^ w.rotate_left(r))
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Estimated Jaccard similarity: the share of positions where the signatures agree.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let same = a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count();
    same as f64 / a.0.len().max(1) as f64
}

/// Disjoint sets with path halving and union by size, of up to 2^32 elements (8 bytes each).
#[derive(Clone, Debug, Default)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    /// Adds a singleton set; returns its element.
    pub fn push(&mut self) -> usize {
        self.parent.push(self.parent.len() as u32);
        self.size.push(1);
        self.parent.len() - 1
    }

    /// The representative of `x`'s set.
    pub fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x as usize
    }

    /// Asks the processor to start loading what [`UnionFind::find`] of `x` reads first.
    #[inline]
    pub fn prefetch(&self, x: usize) {
        if let Some(p) = self.parent.get(x) {
            crate::lm::prefetch(p);
        }
    }

    /// Size of the set whose representative is `root`.
    pub fn size(&self, root: usize) -> usize {
        self.size[root] as usize
    }

    /// Joins the sets of `a` and `b`; false when they were already one.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
        true
    }
}

/// How signatures are banded and when two documents are near-duplicates.
#[derive(Clone, Copy, Debug)]
pub struct LshParams {
    /// Rows (hash values) per band; `HASHES / rows` bands are used.
    pub rows: usize,
    /// Smallest estimated similarity that joins two documents.
    pub threshold: f64,
}

impl Default for LshParams {
    fn default() -> Self {
        LshParams {
            rows: 2,
            threshold: 0.2,
        }
    }
}

/// Signatures of many documents, kept compact for clustering: the low 16 bits of each value
/// (two signatures agree on them with probability J + (1 - J) / 65,536, a negligible bias), in
/// chunks of [`CHUNK_DOCS`] documents (no doubling slack as the corpus grows), [`HASHES`] × 2
/// bytes per document.
#[derive(Debug, Default)]
pub struct CompactStore {
    chunks: Vec<Vec<u16>>,
    empty: Vec<bool>,
}

/// Documents per chunk of a [`CompactStore`].
pub const CHUNK_DOCS: usize = 4096;

impl CompactStore {
    /// Adds the next document's signature.
    pub fn push(&mut self, sig: &Signature) {
        if self.empty.len() % CHUNK_DOCS == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK_DOCS * HASHES));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.extend(sig.0.iter().map(|&v| v as u16));
        }
        self.empty.push(sig.is_empty());
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.empty.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.empty.is_empty()
    }

    fn get(&self, doc: usize) -> &[u16] {
        let at = (doc % CHUNK_DOCS) * HASHES;
        &self.chunks[doc / CHUNK_DOCS][at..at + HASHES]
    }

    /// Estimated Jaccard similarity of documents `a` and `b` (0 when either had no words).
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        if self.empty[a] || self.empty[b] {
            return 0.0;
        }
        let same = self
            .get(a)
            .iter()
            .zip(self.get(b))
            .filter(|(x, y)| x == y)
            .count();
        same as f64 / HASHES as f64
    }
}

/// Clusters the documents of `store`: for each band of `rows` values, documents whose band is
/// equal share a bucket; each member of a bucket is compared with the first and the previous
/// member, and joined when their similarity is at least `threshold`. The bands are split in two
/// halves worked on side by side (on the current rayon pool), each with its own union-find that
/// spares comparing documents it has already joined; the halves' joining pairs are then merged
/// in a fixed order, so the result does not depend on the number of threads. Memory beyond the
/// store: per half, the sort keys of [`BAND_GROUP`] bands and a spare (8 bytes per document each)
/// and a union-find (8 bytes per document).
pub fn cluster(store: &CompactStore, rows: usize, threshold: f64) -> Clusters {
    let n = store.len();
    let rows = rows.clamp(1, HASHES);
    let bands: Vec<usize> = (0..HASHES / rows).collect();
    let (low, high) = bands.split_at(bands.len().div_ceil(2));
    let (first, second) = rayon::join(
        || join_bands(store, rows, threshold, low),
        || join_bands(store, rows, threshold, high),
    );
    let mut uf = UnionFind::new(n);
    let pairs = first
        .into_iter()
        .chain(second)
        .filter(|&(a, b, _)| uf.union(a as usize, b as usize))
        .collect();
    number(uf, n, pairs)
}

/// The joining pairs `(a, b, similarity)`, `a < b`, of the documents sharing a bucket in one of
/// `bands`. A band's buckets come from sorting `band value << 32 | document` (a radix sort, in
/// documents' order within a bucket); [`BAND_GROUP`] bands are read in one pass over the store.
fn join_bands(
    store: &CompactStore,
    rows: usize,
    threshold: f64,
    bands: &[usize],
) -> Vec<(u32, u32, f64)> {
    let n = store.len();
    let mut uf = UnionFind::new(n);
    let mut pairs = Vec::new();
    let mut keys: Vec<Vec<u64>> = vec![Vec::new(); BAND_GROUP.min(bands.len())];
    let mut spare = Vec::new();
    for group in bands.chunks(BAND_GROUP) {
        keys.iter_mut().for_each(Vec::clear);
        let offset = group[0] * rows;
        for d in 0..n {
            // Documents are read with a stride of a signature: ask for the one 16 ahead.
            if d + 16 < n {
                crate::lm::prefetch(&store.get(d + 16)[offset]);
            }
            if store.empty[d] {
                continue;
            }
            let sig = store.get(d);
            for (k, &band) in keys.iter_mut().zip(group) {
                let value = band_value(&sig[band * rows..(band + 1) * rows], band);
                k.push(u64::from(value) << 32 | d as u64);
            }
        }
        for k in keys.iter_mut().take(group.len()) {
            sort_by_high_half(k, &mut spare);
            join_buckets(k, store, threshold, &mut uf, &mut pairs);
        }
    }
    pairs
}

/// Joins the documents that share a bucket of one band: `keys` are `band value << 32 | document`,
/// sorted by band value and then by document. Each member of a bucket is compared with the first
/// and the previous member, unless already in their set. The set representatives read are kept
/// until the next union, so a member whose set is the bucket's (the common case once a corpus's
/// copies are joined) costs one look-up, and the look-ups of the members a few keys ahead are
/// started early (they come at no predictable place).
fn join_buckets(
    keys: &[u64],
    store: &CompactStore,
    threshold: f64,
    uf: &mut UnionFind,
    pairs: &mut Vec<(u32, u32, f64)>,
) {
    const AHEAD: usize = 16;
    const UNKNOWN: usize = usize::MAX;
    let (mut first, mut previous) = (0, 0);
    let (mut root_first, mut root_previous) = (UNKNOWN, UNKNOWN);
    let mut join = |a: usize, b: usize, uf: &mut UnionFind| {
        let s = store.similarity(a, b);
        let joined = s >= threshold;
        if joined {
            uf.union(a, b);
            pairs.push((a as u32, b as u32, s));
        }
        joined
    };
    for (i, &key) in keys.iter().enumerate() {
        if let Some(&ahead) = keys.get(i + AHEAD) {
            uf.prefetch(ahead as u32 as usize);
        }
        let d = key as u32 as usize;
        if i == 0 || key >> 32 != keys[i - 1] >> 32 {
            (first, previous, root_first) = (d, d, UNKNOWN);
            continue;
        }
        if root_first == UNKNOWN {
            root_first = uf.find(first);
            root_previous = root_first;
        }
        let mut root = uf.find(d);
        if root != root_first && join(first, d, uf) {
            (root_first, root_previous) = (uf.find(first), uf.find(previous));
            root = root_first;
        }
        if previous != first && root != root_previous && join(previous, d, uf) {
            (root_first, root) = (uf.find(first), uf.find(d));
        }
        (previous, root_previous) = (d, root);
    }
}

/// Bands whose keys [`join_bands`] gathers in one pass (8 bytes per document each).
const BAND_GROUP: usize = 2;

/// The bucket of a band: its values themselves when they fit in 32 bits (one or two rows), else
/// a hash of them (two bands' values may then share a bucket, which costs only a comparison).
fn band_value(part: &[u16], band: usize) -> u32 {
    match *part {
        [a] => u32::from(a),
        [a, b] => u32::from(a) | u32::from(b) << 16,
        _ => part
            .iter()
            .fold(splitmix(band as u64), |h, &v| splitmix(h ^ u64::from(v))) as u32,
    }
}

/// Sorts by the high 32 bits only, keeping the order of equal ones (a least-significant-digit
/// radix sort, three passes of 11 bits); `spare` is scratch space.
fn sort_by_high_half(keys: &mut Vec<u64>, spare: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const RADIX: usize = 1 << BITS;
    spare.clear();
    spare.resize(keys.len(), 0);
    for pass in 0..3 {
        let shift = 32 + pass * BITS;
        let digit = |k: u64| (k >> shift) as usize & (RADIX - 1);
        let mut counts = vec![0usize; RADIX];
        for &k in keys.iter() {
            counts[digit(k)] += 1;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            (*c, at) = (at, at + *c);
        }
        for &k in keys.iter() {
            let slot = &mut counts[digit(k)];
            spare[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, spare);
    }
}

/// Clusters of near-duplicates: the cluster of each document and the pairs that joined them.
#[derive(Debug, Default)]
pub struct Clusters {
    /// Cluster number per document (`None` for a document in no cluster); numbered from 1 in
    /// order of each cluster's first document.
    pub of: Vec<Option<u32>>,
    /// The pairs that joined clusters, `(a, b, similarity)` with `a < b`, sorted.
    pub pairs: Vec<(u32, u32, f64)>,
}

fn number(mut uf: UnionFind, n: usize, mut pairs: Vec<(u32, u32, f64)>) -> Clusters {
    let mut numbers = rustc_hash::FxHashMap::default();
    let mut of = vec![None; n];
    for (i, slot) in of.iter_mut().enumerate() {
        let r = uf.find(i);
        if uf.size(r) > 1 {
            let next = numbers.len() as u32 + 1;
            *slot = Some(*numbers.entry(r).or_insert(next));
        }
    }
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    Clusters { of, pairs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(h: &MinHasher, text: &str) -> Signature {
        let words: Vec<u64> = text.split_whitespace().map(word_hash).collect();
        h.signature(&words)
    }

    #[test]
    fn identical_texts_agree_everywhere_and_unrelated_ones_almost_nowhere() {
        let h = MinHasher::default();
        let a = sig(
            &h,
            "the quick brown fox jumps over the lazy dog again and again",
        );
        assert_eq!(similarity(&a, &a), 1.0);
        let b = sig(
            &h,
            "markets fell sharply on friday after the central bank spoke",
        );
        assert!(similarity(&a, &b) < 0.1);
    }

    #[test]
    fn estimate_is_close_to_the_true_jaccard() {
        // 100 shared shingles out of 300 in all: Jaccard 1/3.
        let h = MinHasher::default();
        let shared: Vec<u64> = (0..102).collect();
        let mut a = shared.clone();
        a.extend(1000..1100);
        let mut b = shared;
        b.extend(2000..2100);
        // Breaks between the runs add a few shingles; the estimate stays near 1/3.
        let s = similarity(&h.signature(&a), &h.signature(&b));
        assert!((s - 1.0 / 3.0).abs() < 0.12, "estimate {s}");
    }

    #[test]
    fn empty_documents_are_similar_to_nothing() {
        let h = MinHasher::default();
        let e = h.signature(&[]);
        assert!(e.is_empty());
        assert_eq!(similarity(&e, &e), 0.0);
        assert_eq!(h.signature(&[7]).0.len(), HASHES);
    }

    #[test]
    fn union_find_joins_and_counts() {
        let mut uf = UnionFind::new(5);
        assert!(uf.union(0, 1));
        assert!(uf.union(3, 4));
        assert!(!uf.union(1, 0));
        assert!(uf.union(1, 4));
        let r = uf.find(0);
        assert_eq!(uf.size(r), 4);
        assert_eq!(uf.find(3), r);
        assert_ne!(uf.find(2), r);
    }

    #[test]
    fn clusters_join_near_duplicates_only() {
        let h = MinHasher::default();
        let base = "one two three four five six seven eight nine ten eleven twelve";
        let texts = [
            base,
            "alpha beta gamma delta epsilon zeta eta theta",
            base,
            "",
        ];
        let mut store = CompactStore::default();
        for t in texts {
            store.push(&sig(&h, t));
        }
        let c = cluster(&store, 2, 0.5);
        assert_eq!(c.of, [Some(1), None, Some(1), None]);
        assert_eq!(c.pairs.len(), 1);
        assert_eq!((c.pairs[0].0, c.pairs[0].1), (0, 2));
        assert_eq!(store.similarity(0, 2), 1.0);
        assert_eq!(store.similarity(3, 3), 0.0);
    }

    proptest::proptest! {
        /// The radix sort orders by the high half and keeps the order of equal high halves, as
        /// a stable sort by the high half does.
        #[test]
        fn radix_sort_is_a_stable_sort_by_the_high_half(
            keys in proptest::collection::vec((0u64..4, proptest::num::u64::ANY), 0..300),
        ) {
            // Few distinct high halves (also in the top bits), so that ties are common.
            let mut keys: Vec<u64> = keys
                .into_iter()
                .map(|(k, low)| (k << 62 | k << 40 | k) << 32 | (low & 0xffff_ffff))
                .collect();
            let mut expected = keys.clone();
            expected.sort_by_key(|k| k >> 32);
            sort_by_high_half(&mut keys, &mut Vec::new());
            proptest::prop_assert_eq!(keys, expected);
        }
    }

    #[test]
    fn a_band_of_two_rows_is_its_own_bucket_key() {
        assert_eq!(band_value(&[0x1234, 0xabcd], 5), 0xabcd_1234);
        assert_eq!(band_value(&[7], 5), 7);
        assert_ne!(band_value(&[1, 2, 3], 0), band_value(&[1, 2, 4], 0));
    }

    proptest::proptest! {
        /// Two signatures at once are the two signatures one at a time, whatever the words
        /// share.
        #[test]
        fn a_signature_pair_is_two_signatures(
            words in proptest::collection::vec((0u64..6, 0u64..6), 0..40),
        ) {
            let h = MinHasher::default();
            let (a, b): (Vec<u64>, Vec<u64>) =
                words.iter().map(|&(x, y)| (splitmix(x), splitmix(x ^ y))).unzip();
            let (x, y) = h.signature_pair(&a, &b);
            proptest::prop_assert_eq!(x, h.signature(&a));
            proptest::prop_assert_eq!(y, h.signature(&b));
        }
    }

    /// [`join_buckets`] as first written: every comparison asks the union-find afresh.
    fn join_buckets_plainly(
        keys: &[u64],
        store: &CompactStore,
        threshold: f64,
        uf: &mut UnionFind,
        pairs: &mut Vec<(u32, u32, f64)>,
    ) {
        let mut try_join = |a: usize, b: usize| {
            if uf.find(a) != uf.find(b) {
                let s = store.similarity(a, b);
                if s >= threshold {
                    uf.union(a, b);
                    pairs.push((a as u32, b as u32, s));
                }
            }
        };
        for bucket in keys.chunk_by(|x, y| x >> 32 == y >> 32) {
            let (first, mut previous) = (bucket[0] as u32 as usize, bucket[0] as u32 as usize);
            for &member in &bucket[1..] {
                let d = member as u32 as usize;
                try_join(first, d);
                if previous != first {
                    try_join(previous, d);
                }
                previous = d;
            }
        }
    }

    proptest::proptest! {
        /// Keeping set representatives between comparisons changes nothing: the same pairs are
        /// joined, in the same order, over several bands sharing one union-find.
        #[test]
        fn joining_buckets_with_kept_representatives_is_joining_them_plainly(
            docs in proptest::collection::vec(proptest::collection::vec(0u32..4, HASHES), 1..40),
            bands in proptest::collection::vec(proptest::collection::vec(0u64..5, 40), 1..4),
            threshold in 0.0f64..1.0,
        ) {
            // Signatures over few values agree in a share of places that varies from pair to
            // pair; band values over few buckets put many documents in each.
            let mut store = CompactStore::default();
            for d in &docs {
                store.push(&Signature(d.clone().into_boxed_slice()));
            }
            let n = docs.len();
            let (mut uf, mut plain_uf) = (UnionFind::new(n), UnionFind::new(n));
            let (mut pairs, mut plain) = (Vec::new(), Vec::new());
            for band in &bands {
                let mut keys: Vec<u64> = (0..n).map(|d| band[d] << 32 | d as u64).collect();
                keys.sort_unstable();
                join_buckets(&keys, &store, threshold, &mut uf, &mut pairs);
                join_buckets_plainly(&keys, &store, threshold, &mut plain_uf, &mut plain);
            }
            proptest::prop_assert_eq!(&pairs, &plain);
            for d in 0..n {
                proptest::prop_assert_eq!(uf.find(d), plain_uf.find(d));
            }
        }
    }

    #[test]
    fn compact_store_spans_chunks() {
        let h = MinHasher::default();
        let mut store = CompactStore::default();
        let a = sig(&h, "one two three four five six seven");
        let b = sig(&h, "nine ten eleven twelve thirteen");
        for i in 0..CHUNK_DOCS + 10 {
            store.push(if i % 2 == 0 { &a } else { &b });
        }
        assert_eq!(store.len(), CHUNK_DOCS + 10);
        assert_eq!(store.similarity(0, CHUNK_DOCS + 8), 1.0);
        assert!(store.similarity(1, CHUNK_DOCS + 8) < 0.1);
    }
}

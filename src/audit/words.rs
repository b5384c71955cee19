//! Words for signatures: the words the linter reads, normalised as it normalises them.
//!
//! Audit hashes the words of the [`Document`]s the linter has already built (lower case, NFC,
//! straight apostrophes, hyphenated words kept whole: `o'brien`, `60-year-old`), so a document is
//! tokenised once for findings, sequence evidence and signatures alike.

use super::articles::is_article_key;
use super::canon::Canon;
use super::minhash::{word_hash, word_hash_of_key};
use super::stats::{stop_bit_of_key, STOP_WORDS};
use crate::document::Document;
use crate::lm::Bigrams;
use crate::rules::vocab::{short_key_in, with_len, Vocab, VocabWord, WordId};

/// Appends the [`word_hash`] of every word of `doc` to `out`.
pub fn hash_words(doc: &Document<'_>, out: &mut Vec<u64>) {
    let norm = doc.norm();
    out.extend(doc.words().iter().map(|w| {
        let (start, end) = (w.start as usize, w.end as usize);
        match short_key_in(norm, start, end) {
            Some(key) => word_hash_of_key(key),
            None => word_hash(&norm[start..end]),
        }
    }));
}

/// What audit needs of each word of the rule vocabulary, by its id: its bigram-table id, its
/// [`word_hash`] and its canonical hash ([`Canon::canonical_hash`]), so that a word the rules
/// know (most words of running text) needs no second look-up and no hashing.
#[derive(Debug, Default)]
pub struct RuleWords {
    of: Vec<RuleWord>,
    /// Every stop word and article is a rule word: a word the rules do not know is neither.
    complete: bool,
}

#[derive(Clone, Copy, Debug)]
struct RuleWord {
    hash: u64,
    canon: u64,
    id: u32,
    /// [`stop_bit_of_key`] of the word.
    stop: u8,
    /// The word is `a` or `an`.
    article: bool,
}

/// No bigram-table id.
const NO_ID: u32 = u32::MAX;

/// The entry of a word the rules do not know.
const NONE: RuleWord = RuleWord {
    hash: 0,
    canon: 0,
    id: NO_ID,
    stop: 0,
    article: false,
};

impl RuleWords {
    /// The map of `vocab`'s words to `model`'s ids and to their hashes under `canon`.
    pub fn new(vocab: &Vocab, model: &Bigrams, canon: &Canon) -> Self {
        let mut of = vec![NONE; vocab.len()];
        let (mut stops, mut articles) = (0u8, 0);
        for (word, id) in vocab.words() {
            let (lm, hash, key) = match word {
                VocabWord::Short(key) => (model.id_of_key(key), word_hash_of_key(key), key),
                VocabWord::Long(w) => (model.id(w), word_hash(w), 0),
            };
            let entry = RuleWord {
                hash,
                canon: canon.canonical_hash(hash),
                id: lm.unwrap_or(NO_ID),
                stop: stop_bit_of_key(key),
                article: is_article_key(key),
            };
            stops |= entry.stop;
            articles += usize::from(entry.article);
            of[id as usize] = entry;
        }
        let all_stops = u8::MAX >> (8 - STOP_WORDS.len());
        RuleWords {
            of,
            complete: stops == all_stops && articles == 2,
        }
    }
}

/// The words of a document as audit reads them, one entry per word in each list.
#[derive(Debug, Default)]
pub struct DocWords {
    /// Bigram-table ids ([`crate::lm::document_ids`]) of the current part.
    pub ids: Vec<Option<u32>>,
    /// [`word_hash`]es, over every part so far.
    pub hashes: Vec<u64>,
    /// Canonical hashes ([`Canon::canonical_hash`]), over every part so far.
    pub spin: Vec<u64>,
    /// Indices of the words of the current part that are stop words ([`stop_bit_of_key`]), for
    /// [`super::stats::stop_words_in`].
    pub stops: Vec<u32>,
    /// Indices of the words of the current part that are `a` or `an`, in increasing order, for
    /// [`super::articles::article_errors_at`].
    pub articles: Vec<u32>,
}

impl DocWords {
    /// Empties the lists for the next document.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.hashes.clear();
        self.spin.clear();
        self.stops.clear();
        self.articles.clear();
    }
}

/// [`crate::lm::document_ids`] into `out.ids` (cleared first), and [`hash_words`] and their
/// canonical hashes appended to `out.hashes` and `out.spin`. `rule_ids` are the words' ids in
/// the rule vocabulary, whose entries `rule_words` holds: a word the rules know is neither looked
/// up again nor hashed (but for a possessive, whose id is its stem's); the others are packed into
/// one integer each, hashed and looked up after them. The stop words among the words are
/// gathered into `out.stops` on the way (from the same entries), in no particular order, and the
/// articles `a` and `an` into `out.articles`, in order.
pub fn ids_and_hashes(
    model: &Bigrams,
    canon: &Canon,
    doc: &Document<'_>,
    (rule_ids, rule_words): (&[WordId], &RuleWords),
    out: &mut DocWords,
) {
    let norm = doc.norm();
    let bytes = norm.as_bytes();
    let words = doc.words();
    let n = words.len();
    let (base, spin_base) = (out.hashes.len(), out.spin.len());
    out.ids.clear();
    out.ids.resize(n, None);
    out.hashes.resize(base + n, 0);
    out.spin.resize(spin_base + n, 0);
    // First every word from its rule-vocabulary entry, gathering without a branch the words that
    // have none (or are possessives), which come at no predictable place; then those.
    let mut rest = REST.take();
    rest.clear();
    rest.resize(n, 0);
    out.stops.clear();
    out.stops.resize(n, 0);
    out.articles.clear();
    out.articles.resize(n, 0);
    let (mut m, mut s, mut a) = (0, 0, 0);
    for (i, w) in words.iter().enumerate() {
        let r = rule_ids
            .get(i)
            .copied()
            .unwrap_or(crate::rules::vocab::UNKNOWN);
        let known = rule_words.of.get(r as usize).copied();
        let entry = known.unwrap_or(NONE);
        let possessive = bytes[w.start as usize..w.end as usize].ends_with(b"'s");
        out.hashes[base + i] = entry.hash;
        out.spin[spin_base + i] = entry.canon;
        out.ids[i] = (entry.id != NO_ID).then_some(entry.id);
        rest[m] = i as u32;
        m += usize::from(known.is_none() | possessive);
        out.stops[s] = i as u32;
        // A possessive has its stem's entry (`the's` is not `the`).
        s += usize::from((entry.stop != 0) & !possessive);
        out.articles[a] = i as u32;
        a += usize::from(entry.article & !possessive);
    }
    let gathered = a;
    // Their table slots are fetched a few words ahead, as nothing else waits between them.
    const AHEAD: usize = 8;
    let fetch = |i: u32| {
        let w = words[i as usize];
        if let Some(key) = short_key_in(norm, w.start as usize, w.end as usize) {
            model.prefetch_key(key);
        }
    };
    rest[..m.min(AHEAD)].iter().for_each(|&i| fetch(i));
    for (k, &i) in rest[..m].iter().enumerate() {
        if let Some(&next) = rest[..m].get(k + AHEAD) {
            fetch(next);
        }
        let i = i as usize;
        let w = words[i];
        let (start, end) = (w.start as usize, w.end as usize);
        let possessive = bytes[start..end].ends_with(b"'s");
        let (hash, id) = match short_key_in(norm, start, end) {
            Some(key) if possessive => (
                word_hash_of_key(key),
                model.id_of_key(with_len(key, end - start - 2)),
            ),
            Some(key) => {
                // A word the rules do not know may still be a stop word or an article, with
                // packs that leave them out.
                if !rule_words.complete {
                    out.stops[s] = i as u32;
                    s += usize::from(stop_bit_of_key(key) != 0);
                    out.articles[a] = i as u32;
                    a += usize::from(is_article_key(key));
                }
                (word_hash_of_key(key), model.id_of_key(key))
            }
            None => {
                let stem = if possessive { end - 2 } else { end };
                (word_hash(&norm[start..end]), model.id(&norm[start..stem]))
            }
        };
        out.hashes[base + i] = hash;
        out.spin[spin_base + i] = canon.canonical_hash(hash);
        out.ids[i] = id;
    }
    out.stops.truncate(s);
    out.articles.truncate(a);
    if a > gathered {
        out.articles.sort_unstable();
    }
    REST.set(rest);
}

thread_local! {
    /// The words [`ids_and_hashes`] looks up, kept between the documents a thread reads.
    static REST: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Every word of `text`, normalised (for tests and small inputs).
pub fn words(text: &str) -> Vec<String> {
    let doc = Document::new(text);
    (0..doc.words().len())
        .map(|i| doc.word_text(i).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::vocab::UNKNOWN;

    #[test]
    fn words_are_normalised_as_the_linter_reads_them() {
        assert_eq!(
            words("O’Brien didn't say: “Peace talks”, 100 times!"),
            ["o'brien", "didn't", "say", "peace", "talks", "100", "times"]
        );
        assert_eq!(words("a 60-year-old man"), ["a", "60-year-old", "man"]);
    }

    #[test]
    fn hashes_follow_the_words() {
        let doc = Document::new("Peace talks, peace talks.");
        let mut hashes = Vec::new();
        hash_words(&doc, &mut hashes);
        assert_eq!(hashes.len(), 4);
        assert_eq!(hashes[0], hashes[2]);
        assert_eq!(hashes[0], word_hash("peace"));
    }

    #[test]
    fn one_pass_gives_the_ids_and_hashes_of_two() {
        let model = Bigrams::english();
        let rules = crate::rules::load_packs(&crate::rules::bundled_packs(), false).unwrap();
        let matcher = &rules.matcher;
        let text = "The minister's peace talks, O'Brien's internationalisation plans' end and \
                    an extraordinarily-long-hyphenated-word's fate in the harmony track's wake, a's and the's";
        let doc = Document::new(text);
        let norm = doc.norm();
        let rule_ids: Vec<WordId> = (doc.words().iter())
            .map(|w| matcher.word_id_in(norm, w.start as usize, w.end as usize))
            .collect();
        assert!(rule_ids.iter().any(|&r| r != UNKNOWN));
        let mut expected_ids = Vec::new();
        crate::lm::document_ids(model, &doc, &mut expected_ids);
        let mut expected_hashes = vec![1];
        hash_words(&doc, &mut expected_hashes);
        // With the rule vocabulary's ids, and with none (every word looked up in the table).
        let canon = Canon::from_sources(&crate::rules::bundled_packs());
        let expected_spin: Vec<u64> = (expected_hashes[1..].iter())
            .map(|&h| canon.canonical_hash(h))
            .collect();
        assert_ne!(
            expected_spin,
            expected_hashes[1..],
            "some word has a representative"
        );
        let with_rules = RuleWords::new(matcher.vocab(), model, &canon);
        // Both ways of finding stop words and articles: from the entries alone, and by looking
        // at the words the rules do not know.
        assert!(
            with_rules.complete,
            "the bundled packs know every stop word"
        );
        let mut vocab = Vocab::default();
        for w in ["the", "peace", "a", "talks"] {
            vocab.intern(w);
        }
        let partial = RuleWords::new(&vocab, model, &canon);
        assert!(!partial.complete);
        let partial_ids: Vec<WordId> = (doc.words().iter())
            .map(|w| {
                let (start, end) = (w.start as usize, w.end as usize);
                match vocab.lookup_in(norm, start, end) {
                    UNKNOWN if norm[start..end].ends_with("'s") => {
                        vocab.lookup_in(norm, start, end - 2)
                    }
                    id => id,
                }
            })
            .collect();
        // `the` (twice, once as `The`) and `and` (twice), not `the's`.
        let expected_stops: Vec<u32> = (0..doc.words().len() as u32)
            .filter(|&i| STOP_WORDS.contains(&doc.word_text(i as usize)))
            .collect();
        assert_eq!(expected_stops.len(), 4);
        let expected_articles: Vec<u32> = (0..doc.words().len() as u32)
            .filter(|&i| ["a", "an"].contains(&doc.word_text(i as usize)))
            .collect();
        assert_eq!(expected_articles.len(), 1);
        let unknown = vec![UNKNOWN; rule_ids.len()];
        for given in [
            (&rule_ids[..], &with_rules),
            (&partial_ids[..], &partial),
            (&unknown[..], &RuleWords::default()),
        ] {
            let mut out = DocWords {
                ids: vec![Some(7)],
                hashes: vec![1],
                spin: vec![],
                stops: vec![3],
                articles: vec![4],
            };
            ids_and_hashes(model, &canon, &doc, given, &mut out);
            assert_eq!(out.ids, expected_ids);
            assert_eq!(out.hashes, expected_hashes);
            assert_eq!(out.spin, expected_spin);
            let mut stops = out.stops.clone();
            stops.sort_unstable();
            assert_eq!(stops, expected_stops);
            assert_eq!(out.articles, expected_articles);
        }
        assert!(expected_ids.iter().filter(|i| i.is_some()).count() > 8);
    }

    #[test]
    fn short_words_hash_from_their_key_as_from_their_text() {
        for w in [
            "",
            "a",
            "peace",
            "eightchr",
            "ninechars",
            "fifteen-letters",
            "o'brien's",
        ] {
            let key = crate::rules::vocab::short_key(w).expect("short word");
            assert_eq!(word_hash_of_key(key), word_hash(w), "{w}");
        }
        let doc = Document::new("An internationalisation effort, at the end");
        let mut hashes = Vec::new();
        hash_words(&doc, &mut hashes);
        let expected: Vec<u64> = words("An internationalisation effort, at the end")
            .iter()
            .map(|w| word_hash(w))
            .collect();
        assert_eq!(hashes, expected);
    }
}

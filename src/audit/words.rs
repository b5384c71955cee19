//! Words for signatures: the words the linter reads, normalised as it normalises them.
//!
//! Audit hashes the words of the [`Document`]s the linter has already built (lower case, NFC,
//! straight apostrophes, hyphenated words kept whole: `o'brien`, `60-year-old`), so a document is
//! tokenised once for findings, sequence evidence and signatures alike.

use super::minhash::{word_hash, word_hash_of_key};
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

/// The bigram-table id of each word of the rule vocabulary, so that a word the rules know
/// (most words of running text) needs no second look-up.
#[derive(Debug, Default)]
pub struct RuleWords(Vec<u32>);

/// No bigram-table id.
const NO_ID: u32 = u32::MAX;

impl RuleWords {
    /// The map of `vocab`'s words to `model`'s ids.
    pub fn new(vocab: &Vocab, model: &Bigrams) -> Self {
        let mut of = vec![NO_ID; vocab.len()];
        for (word, id) in vocab.words() {
            let lm = match word {
                VocabWord::Short(key) => model.id_of_key(key),
                VocabWord::Long(w) => model.id(w),
            };
            of[id as usize] = lm.unwrap_or(NO_ID);
        }
        RuleWords(of)
    }
}

/// [`crate::lm::document_ids`] into `ids` (cleared first) and [`hash_words`] appended to
/// `hashes`, in one pass that packs each word's bytes once. `rule_ids` are the words' ids in the
/// rule vocabulary whose bigram-table ids `rule_words` holds: a word the rules know is not looked
/// up again (but for a possessive, whose id is its stem's).
pub fn ids_and_hashes(
    model: &Bigrams,
    doc: &Document<'_>,
    (rule_ids, rule_words): (&[WordId], &RuleWords),
    ids: &mut Vec<Option<u32>>,
    hashes: &mut Vec<u64>,
) {
    let norm = doc.norm();
    let bytes = norm.as_bytes();
    ids.clear();
    ids.reserve(doc.words().len());
    hashes.reserve(doc.words().len());
    for (i, w) in doc.words().iter().enumerate() {
        let (start, end) = (w.start as usize, w.end as usize);
        let possessive = bytes[start..end].ends_with(b"'s");
        let known = rule_ids.get(i).and_then(|&r| rule_words.0.get(r as usize));
        match short_key_in(norm, start, end) {
            Some(key) => {
                hashes.push(word_hash_of_key(key));
                ids.push(match known {
                    _ if possessive => model.id_of_key(with_len(key, end - start - 2)),
                    Some(&id) => (id != NO_ID).then_some(id),
                    None => model.id_of_key(key),
                });
            }
            None => {
                hashes.push(word_hash(&norm[start..end]));
                let stem = if possessive { end - 2 } else { end };
                ids.push(model.id(&norm[start..stem]));
            }
        }
    }
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
                    an extraordinarily-long-hyphenated-word's fate in the harmony track's wake";
        let doc = Document::new(text);
        let norm = doc.norm();
        let rule_ids: Vec<WordId> = (doc.words().iter())
            .map(|w| matcher.word_id_in(norm, w.start as usize, w.end as usize))
            .collect();
        assert!(rule_ids.iter().any(|&r| r != crate::rules::vocab::UNKNOWN));
        let mut expected_ids = Vec::new();
        crate::lm::document_ids(model, &doc, &mut expected_ids);
        let mut expected_hashes = vec![1];
        hash_words(&doc, &mut expected_hashes);
        // With the rule vocabulary's ids, and with none (every word looked up in the table).
        let with_rules = RuleWords::new(matcher.vocab(), model);
        let unknown = vec![crate::rules::vocab::UNKNOWN; rule_ids.len()];
        for given in [
            (&rule_ids[..], &with_rules),
            (&unknown[..], &RuleWords::default()),
        ] {
            let (mut ids, mut hashes) = (vec![Some(7)], vec![1]);
            ids_and_hashes(model, &doc, given, &mut ids, &mut hashes);
            assert_eq!(ids, expected_ids);
            assert_eq!(hashes, expected_hashes);
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

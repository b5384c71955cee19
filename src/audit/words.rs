//! Words for signatures: the words the linter reads, normalised as it normalises them.
//!
//! Audit hashes the words of the [`Document`]s the linter has already built (lower case, NFC,
//! straight apostrophes, hyphenated words kept whole: `o'brien`, `60-year-old`), so a document is
//! tokenised once for findings, sequence evidence and signatures alike.

use super::minhash::{word_hash, word_hash_of_key};
use crate::document::Document;
use crate::rules::vocab::short_key_in;

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

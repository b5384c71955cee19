//! Words for signatures: the words the linter reads, normalised as it normalises them.
//!
//! Audit hashes the words of the [`Document`]s the linter has already built (lower case, NFC,
//! straight apostrophes, hyphenated words kept whole: `o'brien`, `60-year-old`), so a document is
//! tokenised once for findings, sequence evidence and signatures alike.

use super::minhash::word_hash;
use crate::document::Document;

/// Appends the [`word_hash`] of every word of `doc` to `out`.
pub fn hash_words(doc: &Document<'_>, out: &mut Vec<u64>) {
    out.extend((0..doc.words().len()).map(|i| word_hash(doc.word_text(i))));
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
}

//! Article agreement: "a" before a vowel sound or "an" before a consonant sound.
//!
//! A spinner swaps the word after an article without changing the article ("an huge" for "an
//! enormous", "a enormous" for "a huge"), so disagreements are evidence of spinning that does
//! not depend on any spinner's vocabulary: clean news has about one per 14,000 words, spun news
//! one per 900. The sound is judged from spelling: a vowel letter, except the common words that
//! start with a "y" or "w" sound (`uni…`, `use…`, `eu…`, `one`), and the silent-h words (`hour`,
//! `honest`, `honour`, `heir`); a single letter or an all-capital abbreviation by the name of its
//! first letter ("an MP", "a US envoy"). Words starting with a digit are skipped.

use crate::checks::articles::disagrees;

/// Number of articles that disagree with the sound of the next word.
pub fn article_errors(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + 64).min(bytes.len());
        match bytes.get(i..i + 64).and_then(super::stats::ascii_lanes) {
            // ASCII: only an `a` or `A` after white space (or first in the block, checked in
            // full) can start an article.
            Some(lanes) => {
                let space = super::stats::mask(&lanes, super::stats::blank);
                let a = super::stats::mask(&lanes, |x| {
                    super::stats::equal(x | 0x2020_2020_2020_2020, b'a')
                });
                // An article is `a` or `an` with white space after it; a byte past the block
                // is not known here, so the last two lanes stay candidates.
                let n = super::stats::mask(&lanes, |x| {
                    super::stats::equal(x | 0x2020_2020_2020_2020, b'n')
                });
                let edge = 1u64 << 63;
                let an = n & (space >> 1 | edge);
                let mut candidates = a & (space << 1 | 1) & ((space | an) >> 1 | edge);
                while candidates != 0 {
                    count +=
                        usize::from(disagrees_at(text, i + candidates.trailing_zeros() as usize));
                    candidates &= candidates - 1;
                }
            }
            None => {
                for k in memchr::memchr2_iter(b'a', b'A', &bytes[i..end]) {
                    count += usize::from(disagrees_at(text, i + k));
                }
            }
        }
        i = end;
    }
    count
}

/// [`article_errors`] of the part of `text` that `doc` reads (`doc.text()` starts at byte
/// `offset` of `text`), from the document's words: a bare article is a word `a` or `an` of the
/// normalised text, so only those are looked at, in `text` itself (whose next word may lie
/// past the part).
pub fn article_errors_in(text: &str, doc: &crate::document::Document<'_>, offset: usize) -> usize {
    let norm = doc.norm();
    let articles: Vec<u32> = (0..doc.words().len() as u32)
        .filter(|&i| {
            let w = doc.words()[i as usize];
            crate::rules::vocab::short_key_in(norm, w.start as usize, w.end as usize)
                .is_some_and(is_article_key)
        })
        .collect();
    article_errors_at(text, doc, offset, &articles)
}

/// [`article_errors_in`] when the indices of the words `a` and `an` are known already
/// (`articles`, in increasing order).
pub fn article_errors_at(
    text: &str,
    doc: &crate::document::Document<'_>,
    offset: usize,
    articles: &[u32],
) -> usize {
    let words = doc.words();
    let mut fwd = doc.forward();
    articles
        .iter()
        .filter(|&&i| disagrees_at(text, offset + fwd.start(words[i as usize].start as usize)))
        .count()
}

/// The [`short_key`](crate::rules::vocab::short_key)s of `a` and `an`.
const A: u128 = 0x61 | 1 << 120;
const AN: u128 = 0x6e61 | 2 << 120;

/// True when a word's [`short_key`](crate::rules::vocab::short_key) is that of `a` or `an`.
#[inline]
pub fn is_article_key(key: u128) -> bool {
    (key == A) | (key == AN)
}

/// True when an article starts at byte `i` (an `a` or `A`) and disagrees with the next word.
fn disagrees_at(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if i > 0 && !is_space(bytes[i - 1]) && !text[..i].ends_with(char::is_whitespace) {
        return false;
    }
    let mut end = i + 1;
    if matches!(bytes.get(end), Some(b'n' | b'N')) {
        end += 1;
    }
    let article = match &text[i..end] {
        "a" | "A" => "a",
        "an" | "An" | "AN" => "an",
        _ => return false,
    };
    // Only a bare article (white space after it) is followed by its noun phrase.
    let rest = &text[end..];
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let next = rest.trim_start();
    let word_end = next.find(char::is_whitespace).unwrap_or(next.len());
    disagrees(article, &next[..word_end])
}

/// The same count one `a` at a time: the definition [`article_errors`] is tested against.
#[cfg(test)]
fn article_errors_reference(text: &str) -> usize {
    memchr::memchr2_iter(b'a', b'A', text.as_bytes())
        .filter(|&i| disagrees_at(text, i))
        .count()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn block_search_counts_as_the_reference(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "A", "an", "An", "AN", "aN", " ", "  ", "\n", "\t", "\u{a0}", "\u{2003}",
                "é", "apple", "hour", "house", "unit", "MP", "US", "\"", "(", "banana", "x",
                "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz",
            ]), 0..150)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(article_errors(&text), article_errors_reference(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn the_words_of_a_document_find_what_the_bytes_do(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "A", "an", "An", "AN", "aN", " ", "\n", "\n\n", "\t", "\u{a0}", "\u{200b}",
                "\u{ad}", "a\u{301}", "é", "apple", "hour", "house", "unit", "MP", "US", "\"", "(",
                ",", ".", "-", "'", "’", "banana", "x", "a.m.", "1990s",
            ]), 0..80),
            split in 0usize..200,
        ) {
            let text = pieces.concat();
            let whole = crate::document::Document::new(&text);
            prop_assert_eq!(article_errors_in(&text, &whole, 0), article_errors(&text));
            // In two parts, split after white space as the engine splits long texts.
            let at = text.char_indices().map(|(i, c)| i + c.len_utf8())
                .filter(|&i| text[..i].ends_with(' ')).nth(split % 8).unwrap_or(text.len());
            let (head, tail) = text.split_at(at);
            let parts = article_errors_in(&text, &crate::document::Document::new(head), 0)
                + article_errors_in(&text, &crate::document::Document::new(tail), at);
            prop_assert_eq!(parts, article_errors(&text), "{:?} at {}", text, at);
        }
    }

    #[test]
    fn disagreements_are_counted() {
        let text = "It was an huge success and a enormous relief.";
        assert_eq!(article_errors(text), 2);
        let doc = crate::document::Document::new(text);
        assert_eq!(article_errors_in(text, &doc, 0), 2);
        let key = |w| crate::rules::vocab::short_key(w).expect("short");
        assert!(is_article_key(key("a")) && is_article_key(key("an")));
        assert!(
            !is_article_key(key("and")) && !is_article_key(key("n")) && !is_article_key(key(""))
        );
        assert_eq!(
            article_errors("It was a huge success and an enormous relief."),
            0
        );
    }

    #[test]
    fn sounds_not_letters_decide() {
        let fine = "a university, a European deal, a one-off, an hour, an honest man, an MP, \
                    a US envoy, an X-ray, a UK firm, an 8% rise, a 1990s hit, A. Smith";
        assert_eq!(article_errors(fine), 0);
        assert_eq!(article_errors("an university and a MP"), 2);
    }

    /// The plain reading: split at white space, look at each word after a bare article.
    fn reference(text: &str) -> usize {
        let words: Vec<&str> = text
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect();
        words
            .windows(2)
            .filter(|w| match w[0] {
                "a" | "A" => disagrees("a", w[1]),
                "an" | "An" | "AN" => disagrees("an", w[1]),
                _ => false,
            })
            .count()
    }

    proptest::proptest! {
        #[test]
        fn byte_search_agrees_with_splitting(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "A", "an", "An", "AN", "aN", "huge", "enormous", "MP", "hour", " ", "\n",
                "\u{a0}", "(", "\"", "ba", "na", "é", "1990s", "a.", "an,",
            ]),
            0..40,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(article_errors(&text), reference(&text), "{:?}", text);
        }
    }
}

//! A document ready for the rules: original text, normalised text, words, sentences, paragraphs.

use crate::normalise::{normalize_reusing, Normalized};
use crate::span::Span;
use crate::tokens::{tokenize_into, Gap, Word};

/// Abbreviations whose full stop does not end a sentence (normalised, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "rev", "sen", "rep", "gov",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.u",
    "d.c", "a.m", "p.m", "approx", "fig", "vol",
];

/// Allocations of a [`Document`], kept between the parts of a long text.
#[derive(Debug, Default)]
pub struct DocBuffers {
    norm: Normalized,
    words: Vec<Word>,
}

/// One input text, analysed for matching.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    norm: Normalized,
    words: Vec<Word>,
}

impl<'a> Document<'a> {
    /// Normalises and tokenises `text`.
    pub fn new(text: &'a str) -> Self {
        Self::with_buffers(text, DocBuffers::default())
    }

    /// [`Document::new`], reusing the allocations of an earlier document.
    pub fn with_buffers(text: &'a str, bufs: DocBuffers) -> Self {
        let norm = normalize_reusing(text, bufs.norm);
        let mut words = bufs.words;
        tokenize_into(norm.as_str(), &mut words);
        Document { text, norm, words }
    }

    /// Gives the allocations back for the next document.
    pub fn into_buffers(self) -> DocBuffers {
        DocBuffers {
            norm: self.norm,
            words: self.words,
        }
    }

    /// The original text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The normalised text the words index into.
    pub fn norm(&self) -> &str {
        self.norm.as_str()
    }

    /// The words, in order.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Normalised text of word `i`.
    pub fn word_text(&self, i: usize) -> &str {
        self.words[i].text(self.norm.as_str())
    }

    /// Original span of words `first..=last`.
    pub fn span_of_words(&self, first: usize, last: usize) -> Span {
        let (a, b) = (self.words[first], self.words[last]);
        self.norm
            .to_original(Span::new(a.start as usize, b.end as usize))
    }

    /// Original text of word `i`.
    pub fn original_word(&self, i: usize) -> &'a str {
        let span = self.span_of_words(i, i);
        &self.text[span.start..span.end]
    }

    /// True when normalised offsets are original offsets ([`Normalized::is_identity`]).
    ///
    /// [`Normalized::is_identity`]: crate::normalise::Normalized::is_identity
    pub fn offsets_unchanged(&self) -> bool {
        self.norm.is_identity()
    }

    /// Maps the spans of words, visited in order, back to the original text cheaply.
    pub fn forward(&self) -> crate::normalise::Forward<'_> {
        self.norm.forward()
    }

    /// Maps a normalised span back to the original text.
    pub fn to_original(&self, span: Span) -> Span {
        self.norm.to_original(span)
    }

    /// True when a sentence ends between word `i - 1` and word `i`.
    pub fn sentence_break_before(&self, i: usize) -> bool {
        match self.words[i].gap {
            Gap::Start | Gap::Paragraph => true,
            Gap::Space | Gap::Newline => false,
            Gap::Punct { terminal } => {
                terminal && !self.is_abbreviation(i - 1) && self.starts_sentence(i)
            }
        }
    }

    fn is_abbreviation(&self, i: usize) -> bool {
        let w = self.word_text(i);
        let next = self.norm.as_str()[self.words[i].end as usize..]
            .chars()
            .next();
        next == Some('.') && (ABBREVIATIONS.contains(&w) || w.chars().count() == 1)
    }

    fn starts_sentence(&self, i: usize) -> bool {
        self.original_word(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }

    /// Word index ranges of the sentences, in order.
    pub fn sentences(&self) -> Vec<std::ops::Range<usize>> {
        self.split_words(|i| self.sentence_break_before(i))
    }

    /// Word index ranges of the paragraphs, in order.
    pub fn paragraphs(&self) -> Vec<std::ops::Range<usize>> {
        self.split_words(|i| matches!(self.words[i].gap, Gap::Start | Gap::Paragraph))
    }

    fn split_words(&self, breaks: impl Fn(usize) -> bool) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.words.len() {
            if breaks(i) {
                out.push(start..i);
                start = i;
            }
        }
        if !self.words.is_empty() {
            out.push(start..self.words.len());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        doc.sentences()
            .into_iter()
            .map(|r| {
                let span = doc.span_of_words(r.start, r.end - 1);
                text[span.start..span.end].to_string()
            })
            .collect()
    }

    #[test]
    fn sentences_end_at_terminal_punctuation_before_a_capital() {
        assert_eq!(
            sentence_texts(
                "Mr. O’Brien met U.S. officials on Nov. 16. They left! Then 3 more came."
            ),
            [
                "Mr. O’Brien met U.S. officials on Nov. 16",
                "They left",
                "Then 3 more came"
            ]
        );
    }

    #[test]
    fn paragraphs_end_at_blank_lines_only() {
        let doc = Document::new("One line\nwrapped here.\n\nSecond paragraph.");
        assert_eq!(doc.paragraphs(), [0..4, 4..6]);
    }
}

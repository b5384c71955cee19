//! The spin score: weighted evidence per 1,000 words.
//!
//! Evidence comes in named terms, each a count of weighted events in the document:
//!
//! - `findings`: the sum of the confidences of the document's rule findings (every confidence
//!   counts, weighted by it; `quality` findings are not spin evidence and count nothing);
//! - `unseen-pairs`: word pairs never seen in ordinary English (the bigram table of
//!   [`crate::lm`]), beyond the share ordinary news has;
//! - `weak-association`: how much less each word is predicted by the one before it than in
//!   ordinary news, in log10 units summed over the pairs (spinners swap words without looking at
//!   their neighbours);
//! - `restorable-words`: words for which a member of their substitution class reads far better
//!   with both neighbours (see `restore`);
//! - `articles`: the number of articles that disagree with the sound of the next word ("an huge",
//!   see `articles`).
//!
//! `score = 1000 × Σ weight(term) × value(term) / max(words, MIN_WORDS)`. A new kind of evidence
//! (a language model, say) is one more [`Term`] with its weight; nothing else changes.

use super::restore::Restorer;
use crate::findings::Finding;
use serde::Serialize;

/// Documents shorter than this are scored as if they had this many words, so that one finding in
/// a ten-word snippet does not outrank a whole spun article.
pub const MIN_WORDS: usize = 100;

/// One kind of evidence in one document.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Term {
    /// Its name in output (`findings`).
    pub name: &'static str,
    /// Weighted events counted.
    pub value: f64,
    /// How much one event adds to the score (per 1,000 words).
    pub weight: f64,
}

/// Weight of one unit of finding confidence.
pub const FINDINGS_WEIGHT: f64 = 1.0;

/// Weight of one article that disagrees with the next word's sound (see `articles`): rare in
/// edited prose, but also a plain typo, so worth half a sure finding.
pub const ARTICLES_WEIGHT: f64 = 0.5;

/// Weight of one restorable word (see `restore`): a synonym that both neighbours predict ten
/// times better is strong evidence of a swap, but edited news has some (0.2 per 1,000 words,
/// against 2.5 in spun news), so, like an article error, it is worth half a sure finding.
pub const RESTORABLE_WEIGHT: f64 = 0.5;

/// Share of word pairs unseen in the bigram table in ordinary news (mean over the original side
/// of the development pairs; its spread there is 0.048).
pub const UNSEEN_BASE: f64 = 0.1456;

/// Mean log10 association between neighbours in ordinary news (spread 0.090).
pub const ASSOCIATION_BASE: f64 = 0.6474;

/// Weight of one unseen pair beyond the ordinary share: one spread of the share, over the ~800
/// pairs of 1,000 words, counts as much as one sure finding (1 / (800 × 0.048)).
pub const UNSEEN_WEIGHT: f64 = 0.026;

/// Weight of one log10 unit of missing association: one spread, over ~800 pairs, counts as much
/// as one sure finding (1 / (800 × 0.090)).
pub const ASSOCIATION_WEIGHT: f64 = 0.014;

/// Unseen pairs beyond what ordinary news of the same length has.
pub fn excess_unseen(f: &crate::lm::Fluency) -> f64 {
    (f.unseen as f64 - UNSEEN_BASE * f.pairs as f64).max(0.0)
}

/// Association (log10, summed over pairs) missing against ordinary news.
pub fn missing_association(f: &crate::lm::Fluency) -> f64 {
    (ASSOCIATION_BASE * f.pairs as f64 - (f.unigram_cost - f.cost)).max(0.0)
}

/// The score of a document of `words` words with this evidence.
pub fn score(words: usize, terms: &[Term]) -> f64 {
    let total: f64 = terms.iter().map(|t| t.weight * t.value).sum();
    // `+ 0.0` turns the -0.0 of an empty sum into 0.
    1000.0 * total / words.max(MIN_WORDS) as f64 + 0.0
}

/// The score of a document of `words` words (as [`super::stats::Stats`] counts them) and its
/// evidence terms, from its text and its rule findings (`findings`, `unseen-pairs`,
/// `weak-association`, `articles`, in that order). `spinlint audit` and the HTML report share it.
pub fn document_score(
    text: &str,
    words: usize,
    findings: &[Finding],
    restorer: &Restorer,
) -> (f64, Vec<Term>) {
    let model = crate::lm::Bigrams::english();
    let doc = crate::document::Document::new(text);
    let mut ids = Vec::new();
    crate::lm::document_ids(model, &doc, &mut ids);
    let mut conds = Vec::new();
    let fluency = crate::lm::pair_costs(&doc, model, &ids, &mut conds);
    let restorable = restorer.count(model, &doc, &ids, &conds);
    let articles = super::articles::article_errors(text);
    score_with_fluency(articles, words, findings, &fluency, restorable)
}

/// [`document_score`] with the text's fluency and its [`super::articles::article_errors`]
/// already measured (as `spinlint audit` does on the documents the linter tokenised).
pub fn score_with_fluency(
    articles: usize,
    words: usize,
    findings: &[Finding],
    fluency: &crate::lm::Fluency,
    restorable: usize,
) -> (f64, Vec<Term>) {
    // Article slips are the `articles` term, which also counts those the check leaves to style.
    let confidence: f64 = findings
        .iter()
        .filter(|f| &*f.rule != crate::checks::articles::RULE)
        .map(|f| f64::from(f.confidence))
        .sum();
    let evidence = vec![
        Term {
            name: "findings",
            value: confidence,
            weight: FINDINGS_WEIGHT,
        },
        Term {
            name: "unseen-pairs",
            value: excess_unseen(fluency),
            weight: UNSEEN_WEIGHT,
        },
        Term {
            name: "weak-association",
            value: missing_association(fluency),
            weight: ASSOCIATION_WEIGHT,
        },
        Term {
            name: "restorable-words",
            value: restorable as f64,
            weight: RESTORABLE_WEIGHT,
        },
        Term {
            name: "articles",
            value: articles as f64,
            weight: ARTICLES_WEIGHT,
        },
    ];
    (score(words, &evidence), evidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_weighted_evidence_per_thousand_words() {
        let t = [
            Term {
                name: "findings",
                value: 1.5,
                weight: 1.0,
            },
            Term {
                name: "other",
                value: 2.0,
                weight: 0.25,
            },
        ];
        assert!((score(500, &t) - 4.0).abs() < 1e-9);
        assert!((score(10, &t) - 20.0).abs() < 1e-9);
        assert_eq!(score(0, &[]), 0.0);
    }
}

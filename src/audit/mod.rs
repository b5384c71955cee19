//! Corpus audit: per-document spin score, findings, quality statistics and near-duplicate
//! signatures, on the same engine as `check`.
//!
//! The stages, one module each: [`inputs`] reads corpora as a stream of units and parses them into
//! [`SourceDoc`]s (with [`decode`] for legacy charsets); [`Auditor::audit`] runs the linter,
//! [`stats`] and [`minhash`] signatures (plain, and spin-aware through [`canon`]) over one
//! document and weighs the evidence with [`score`]; [`output`] turns results into JSON records
//! and the summary. Documents are independent, so callers audit them in parallel; only the
//! clustering in [`minhash`] needs every signature at once.

pub mod articles;
pub mod canon;
pub mod decode;
pub mod inputs;
mod jsonl;
pub mod jsonw;
pub mod minhash;
pub mod output;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod restore;
pub mod score;
pub mod stats;
pub mod table;
pub mod words;

pub use inputs::{Fields, Problem, ProblemKind, SourceDoc, StdinFormat};

use crate::findings::{Finding, Severity};
use crate::span::Span;
use crate::Linter;
use canon::Canon;
use minhash::{MinHasher, Signature};
use score::Term;
use stats::{Stats, Thresholds};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The rule id of document-quality findings.
pub const QUALITY_RULE: &str = "quality";

/// Everything needed to audit one document.
#[derive(Debug)]
pub struct Auditor {
    linter: Linter,
    canon: Canon,
    restorer: restore::Restorer,
    rule_words: words::RuleWords,
    hasher: MinHasher,
    /// Quality thresholds.
    pub thresholds: Thresholds,
}

/// The audit of one document.
#[derive(Debug)]
pub struct DocResult {
    /// The document as read.
    pub doc: SourceDoc,
    /// Spin score: weighted evidence per 1,000 words.
    pub score: f64,
    /// The evidence behind the score.
    pub evidence: Vec<Term>,
    /// Quality statistics.
    pub stats: Stats,
    /// Rule findings, then one `quality` finding per failed statistic.
    pub findings: Vec<Finding>,
    /// The quality statistics outside their thresholds.
    pub failures: Vec<stats::Failure>,
    /// Signature of the words as written.
    pub plain: Signature,
    /// Signature of the words mapped to their substitution-class representatives.
    pub spin: Signature,
}

impl DocResult {
    /// Findings per rule id.
    pub fn counts(&self) -> BTreeMap<Arc<str>, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.rule.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// True when some quality statistic failed.
    pub fn failed_quality(&self) -> bool {
        !self.failures.is_empty()
    }
}

impl Auditor {
    /// An auditor over a linter (whose options decide which findings count), with the word
    /// classes for spin-aware signatures and restorable words.
    pub fn new(linter: Linter, canon: Canon, thresholds: Thresholds) -> Self {
        let model = crate::lm::Bigrams::english();
        Auditor {
            rule_words: words::RuleWords::new(linter.rules().matcher.vocab(), model, &canon),
            linter,
            restorer: restore::Restorer::new(&canon, model),
            canon,
            hasher: MinHasher::default(),
            thresholds,
        }
    }

    /// Audits one document. A Markdown or HTML file (by its name, compressed or not) is audited
    /// on its prose, as `check` reads it; its findings point into the file.
    pub fn audit(&self, doc: SourceDoc) -> DocResult {
        let format = match doc.line {
            None => inputs::markup_of(&doc.path),
            Some(_) => crate::markup::Format::Plain,
        };
        let extracted = format.extract(&doc.text);
        let prose = extracted.as_ref().map_or(doc.text.as_str(), |e| e.text());
        let model = crate::lm::Bigrams::english();
        let mut fluency = crate::lm::Fluency::default();
        let (mut restorable, mut articles, mut stops) = (0, 0, 0);
        let (mut words, mut conds) = BUFFERS.take();
        words.clear();
        let mut findings = self.linter.check_with(prose, |d, rule_ids, start| {
            let rules = (rule_ids, &self.rule_words);
            words::ids_and_hashes(model, &self.canon, d, rules, &mut words);
            fluency.add(&crate::lm::pair_costs(d, model, &words.ids, &mut conds));
            restorable += self.restorer.count(model, d, &words.ids, &conds);
            articles += articles::article_errors_at(prose, d, start, &words.articles);
            stops = stats::stop_words_in(prose, d, start, &words.stops, stops);
        });
        let stats = Stats::with_stop_words(prose, stops);
        let (score, evidence) =
            score::score_with_fluency(articles, stats.words, &findings, &fluency, restorable);
        if let Some(ex) = &extracted {
            findings = crate::pipeline::map_back(ex, findings);
        }
        let failures = stats.failures(&self.thresholds);
        findings.extend(failures.iter().map(quality_finding));
        let (plain, spin) = self.hasher.signature_pair(&words.hashes, &words.spin);
        BUFFERS.set((words, conds));
        DocResult {
            doc,
            score,
            evidence,
            stats,
            findings,
            failures,
            plain,
            spin,
        }
    }
}

/// A document's words as audit reads them, and the pair costs of a part.
type Buffers = (words::DocWords, Vec<f32>);

thread_local! {
    /// Per-document buffers of [`Auditor::audit`], reused between the documents a thread audits.
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::default();
}

fn quality_finding(f: &stats::Failure) -> Finding {
    Finding {
        rule: QUALITY_RULE.into(),
        severity: Severity::Info,
        message: f.message(),
        span: Span::new(0, 0),
        text: String::new(),
        suggestion: None,
        confidence: 1.0,
        pack: "audit".into(),
        table: None,
        label: format!("document-quality statistic `{}`", f.stat),
        notes: vec![],
        applicability: crate::findings::Applicability::Unsafe,
        related: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn auditor() -> &'static Auditor {
        static AUDITOR: std::sync::OnceLock<Auditor> = std::sync::OnceLock::new();
        AUDITOR.get_or_init(|| {
            let packs = crate::rules::bundled_packs();
            let rules = crate::rules::load_packs(&packs, false).expect("bundled packs");
            let linter = Linter::new(rules, crate::engine::Options::default());
            Auditor::new(linter, Canon::from_sources(&packs), Thresholds::default())
        })
    }

    fn doc(text: String) -> SourceDoc {
        SourceDoc {
            id: "d".into(),
            path: "d.txt".into(),
            line: None,
            text,
            encoding: None,
            raw: None,
        }
    }

    /// Pieces around the stop words: every case, punctuation against them, white space of
    /// several kinds, characters the normaliser changes, and words that only contain them.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "the",
            "The",
            "THE",
            "tHe",
            "be",
            "to",
            "of",
            "and",
            "that",
            "have",
            "with",
            "the,",
            "(the",
            "the.",
            "“the”",
            "’the",
            "the's",
            "to-do",
            "other",
            "then",
            "a",
            " ",
            " ",
            " ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{200b}",
            "\u{ad}",
            "é",
            "—",
            "peace",
            "Thé",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Audit finds the stop words from the linter's words, not by scanning the text again:
        /// every statistic must still be what `Stats::of` computes.
        #[test]
        fn statistics_from_the_linter_words_equal_a_scan_of_the_text(
            pieces in prop::collection::vec(piece(), 0..80)
        ) {
            let text = pieces.concat();
            let r = auditor().audit(doc(text.clone()));
            prop_assert_eq!(r.stats, Stats::of(&text), "{:?}", text);
        }
    }

    #[test]
    fn stop_words_of_a_text_in_parts_are_those_of_the_whole() {
        // Over the size at which the linter checks a text in parts.
        let line = "With THE talks, (the end) and others have to be said of that.\n";
        let text = line.repeat(crate::engine::CHUNK / line.len() + 10) + "that";
        let r = auditor().audit(doc(text.clone()));
        assert_eq!(r.stats, Stats::of(&text));
        assert_eq!(r.stats.stop_words, 8);
        let without = "THE, (the) the. the's to-do";
        assert_eq!(auditor().audit(doc(without.into())).stats.stop_words, 0);
    }
}

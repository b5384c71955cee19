//! What audit writes: one JSON record per document, the corpus summary, and the human table.
//!
//! A document record holds `id, path, line, encoding, words, score, evidence, counts, stats,
//! findings` (each finding exactly as `check --format json` writes it, positioned in the
//! document's text), optionally `signature`, and last `cluster`. Records are serialised by the
//! thread that audited the document; the cluster number, known only once every document is read,
//! is written last so that the record can be finished without parsing it again.

use super::jsonw::JsonBuf;
use super::minhash::CompactStore;
use super::stats::round;
use super::DocResult;
use crate::span::LineIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;

/// The end of every record before its cluster number is known.
pub const CLUSTER_PLACEHOLDER: &str = "\"cluster\":null}";

/// The JSON record of a document (UTF-8), ending in [`CLUSTER_PLACEHOLDER`]: the fields in the
/// order the module documentation gives, each finding as `check --format json` writes it.
pub fn record(r: &DocResult, with_signature: bool) -> Vec<u8> {
    // Sized for the usual record, so that it is seldom grown and copied.
    let mut out = Vec::with_capacity(768 + 448 * r.findings.len());
    let mut j = JsonBuf::new(&mut out);
    j.raw(b"{\"id\":").str(&r.doc.id);
    j.raw(b",\"path\":").str(&r.doc.path);
    j.raw(b",\"line\":").opt_uint(r.doc.line);
    j.raw(b",\"encoding\":").opt_str(r.doc.encoding);
    j.raw(b",\"words\":").uint(r.stats.words as u64);
    j.raw(b",\"score\":").f64(round4(r.score));
    j.raw(b",\"evidence\":{");
    for (i, t) in r.evidence.iter().enumerate() {
        j.raw(if i == 0 { b"" } else { b"," }).str(t.name);
        j.raw(b":").f64(round(t.value));
    }
    j.raw(b"},\"counts\":{");
    for (i, (rule, n)) in rule_counts(&r.findings).into_iter().enumerate() {
        j.raw(if i == 0 { b"" } else { b"," }).str(rule);
        j.raw(b":").uint(n as u64);
    }
    let st = &r.stats;
    j.raw(b"},\"stats\":{\"words\":").uint(st.words as u64);
    j.raw(b",\"mean_word_length\":")
        .f64(round(st.mean_word_length));
    j.raw(b",\"lines_ending_in_punctuation\":")
        .f64(round(st.lines_ending_in_punctuation));
    j.raw(b",\"duplicated_lines\":")
        .f64(round(st.duplicated_lines));
    j.raw(b",\"symbol_ratio\":").f64(round(st.symbol_ratio));
    j.raw(b",\"alphabetic_words\":")
        .f64(round(st.alphabetic_words));
    j.raw(b",\"stop_words\":").uint(st.stop_words as u64);
    j.raw(b"},\"findings\":[");
    if !r.findings.is_empty() {
        let index = LineIndex::new(&r.doc.text);
        for (i, f) in r.findings.iter().enumerate() {
            j.raw(if i == 0 { b"" } else { b"," });
            finding(&mut j, &r.doc.path, &r.doc.text, &index, f);
        }
    }
    j.raw(b"],");
    if with_signature {
        j.raw(b"\"signature\":{\"plain\":");
        numbers(&mut j, &r.plain.0);
        j.raw(b",\"spin\":");
        numbers(&mut j, &r.spin.0);
        j.raw(b"},");
    }
    j.raw(CLUSTER_PLACEHOLDER.as_bytes());
    out
}

/// Findings per rule id, in the order of the ids.
fn rule_counts(findings: &[crate::findings::Finding]) -> Vec<(&Arc<str>, usize)> {
    let mut rules: Vec<&Arc<str>> = findings.iter().map(|f| &f.rule).collect();
    rules.sort_unstable();
    let mut counts: Vec<(&Arc<str>, usize)> = Vec::new();
    for rule in rules {
        match counts.last_mut() {
            Some((last, n)) if *last == rule => *n += 1,
            _ => counts.push((rule, 1)),
        }
    }
    counts
}

/// A finding as [`crate::render::json::Record`] serialises it.
fn finding(
    j: &mut JsonBuf<'_>,
    path: &str,
    text: &str,
    index: &LineIndex,
    f: &crate::findings::Finding,
) {
    let start = index.line_col(text, f.span.start);
    let end = index.end_line_col(text, f.span);
    j.raw(b"{\"path\":").str(path);
    j.raw(b",\"rule\":").str(&f.rule);
    j.raw(b",\"severity\":").str(f.severity.as_str());
    j.raw(b",\"message\":").str(&f.message);
    j.raw(b",\"span\":{\"start\":").uint(f.span.start as u64);
    j.raw(b",\"end\":").uint(f.span.end as u64);
    j.raw(b"},\"line\":").uint(start.line as u64);
    j.raw(b",\"column\":").uint(start.column as u64);
    j.raw(b",\"end_line\":").uint(end.line as u64);
    j.raw(b",\"end_column\":").uint(end.column as u64);
    j.raw(b",\"text\":").str(&f.text);
    j.raw(b",\"suggestion\":").opt_str(f.suggestion.as_deref());
    j.raw(b",\"confidence\":").f32(f.confidence);
    j.raw(b",\"pack\":").str(&f.pack);
    j.raw(b"}");
}

fn numbers(j: &mut JsonBuf<'_>, values: &[u32]) {
    j.raw(b"[");
    for (i, &v) in values.iter().enumerate() {
        j.raw(if i == 0 { b"" } else { b"," }).uint(u64::from(v));
    }
    j.raw(b"]");
}

/// Writes `record` with the placeholder at its end replaced by the cluster number. A record
/// without the placeholder, or a document in no cluster, is written as it is.
pub fn write_with_cluster(
    record: &[u8],
    cluster: Option<u32>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match (cluster, record.strip_suffix(CLUSTER_PLACEHOLDER.as_bytes())) {
        (Some(c), Some(head)) => {
            out.write_all(head)?;
            out.write_all(b"\"cluster\":")?;
            out.write_all(itoa::Buffer::new().format(c).as_bytes())?;
            out.write_all(b"}")
        }
        _ => out.write_all(record),
    }
}

/// Rounds to four decimals.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0 + 0.0
}

/// Where a document is: what the summary keeps of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DocKey {
    /// Its id.
    pub id: String,
    /// Its input.
    pub path: Arc<str>,
    /// Its line in a JSONL input.
    pub line: Option<u64>,
}

impl DocKey {
    /// The key of an audited document.
    pub fn of(r: &DocResult) -> Self {
        DocKey {
            id: r.doc.id.clone(),
            path: r.doc.path.clone(),
            line: r.doc.line,
        }
    }
}

/// One of the worst documents.
#[derive(Clone, Debug, Serialize)]
pub struct Ranked {
    /// Where it is.
    #[serde(flatten)]
    pub key: DocKey,
    /// Its score.
    pub score: f64,
    /// Its words.
    pub words: usize,
    /// Findings per rule.
    pub counts: BTreeMap<Arc<str>, usize>,
    /// Order of reading, to break ties.
    #[serde(skip)]
    pub seq: u64,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// Better (lower score, later) first, so a max-heap pops the best to keep the worst.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.seq.cmp(&other.seq))
    }
}

/// Per-rule totals.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct RuleTotal {
    /// Findings.
    pub findings: usize,
    /// Documents with at least one.
    pub documents: usize,
}

/// A cluster of near-duplicates in the summary.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterOut {
    /// Its number, as in the documents' `cluster` field.
    pub cluster: u32,
    /// Its documents, in reading order.
    pub members: Vec<DocKey>,
    /// The pairs that joined it, with estimated similarities.
    pub pairs: Vec<PairOut>,
}

/// A pair of near-duplicates and their estimated similarities.
#[derive(Clone, Debug, Serialize)]
pub struct PairOut {
    /// The first document's id.
    pub a: String,
    /// The second document's id.
    pub b: String,
    /// Estimated Jaccard similarity of the word shingles as written.
    pub plain: f64,
    /// The same after mapping words to their substitution-class representatives.
    pub spin: f64,
}

/// Corpus totals, the worst documents and the clusters.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Documents audited.
    pub documents: u64,
    /// Their words.
    pub words: u64,
    /// Documents decoded from a legacy charset.
    pub decoded: u64,
    /// JSONL lines skipped as malformed.
    pub skipped: u64,
    /// Inputs that could not be read.
    pub errors: u64,
    /// Mean score.
    pub mean_score: f64,
    /// Findings and documents per rule id.
    pub rules: BTreeMap<Arc<str>, RuleTotal>,
    /// Documents failing each quality statistic.
    pub quality: BTreeMap<String, u64>,
    /// Documents written to `--write-kept` / `--write-dropped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept: Option<u64>,
    /// Skipped lines written to `--write-rejected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<u64>,
    /// Documents over the thresholds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<u64>,
    /// The worst documents, worst first.
    pub top: Vec<Ranked>,
    /// Clusters of near-duplicates (two or more documents) found.
    pub cluster_count: u64,
    /// The largest clusters (as many as `--top`), largest first.
    pub clusters: Vec<ClusterOut>,
    /// False when near-duplicates were not looked for (`--no-cluster`).
    #[serde(skip)]
    pub clustering: bool,
    #[serde(skip)]
    heap: BinaryHeap<Ranked>,
    #[serde(skip)]
    score_sum: f64,
}

impl Summary {
    /// An empty summary of a run that looks for near-duplicates or not.
    pub fn new(clustering: bool) -> Self {
        Summary {
            clustering,
            ..Summary::default()
        }
    }

    /// Counts one document, keeping the `top` worst.
    pub fn add(&mut self, r: &DocResult, top: usize) {
        self.count(r.stats.words, r.doc.encoding.is_some(), r.score);
        // Rule ids are looked up as text: no reference count changes hands unless an id is new.
        for (rule, n) in rule_counts(&r.findings) {
            self.count_rule(rule, n);
        }
        for f in &r.failures {
            self.count_failure(f.stat);
        }
        self.rank(r.score, top, || (DocKey::of(r), r.stats.words, r.counts()));
    }

    /// Counts one document from its record ([`record`]), as the reduce step of a distributed
    /// run reads it: the same totals as [`Summary::add`] gave the mapper.
    pub fn add_record(&mut self, r: &RecordFacts, top: usize) {
        self.count(r.words, r.decoded, r.score);
        for (rule, &n) in &r.counts {
            self.count_rule(rule, n);
        }
        for stat in &r.failed {
            self.count_failure(stat);
        }
        self.rank(r.score, top, || (r.key.clone(), r.words, r.counts.clone()));
    }

    fn count(&mut self, words: usize, decoded: bool, score: f64) {
        self.documents += 1;
        self.words += words as u64;
        self.decoded += u64::from(decoded);
        self.score_sum += score;
    }

    fn count_rule(&mut self, rule: &Arc<str>, n: usize) {
        if !self.rules.contains_key(&**rule) {
            self.rules.insert(rule.clone(), RuleTotal::default());
        }
        if let Some(t) = self.rules.get_mut(&**rule) {
            t.findings += n;
            t.documents += 1;
        }
    }

    fn count_failure(&mut self, stat: &str) {
        match self.quality.get_mut(stat) {
            Some(n) => *n += 1,
            None => {
                self.quality.insert(stat.to_string(), 1);
            }
        }
    }

    /// Keeps the document among the `top` worst if it is; `what` builds its entry only then.
    fn rank(
        &mut self,
        score: f64,
        top: usize,
        what: impl FnOnce() -> (DocKey, usize, BTreeMap<Arc<str>, usize>),
    ) {
        if top == 0 {
            return;
        }
        let (score, seq) = (round4(score), self.documents);
        let enters = self.heap.len() < top
            || self.heap.peek().is_some_and(|best| {
                best.score
                    .total_cmp(&score)
                    .then(seq.cmp(&best.seq))
                    .is_lt()
            });
        if !enters {
            return;
        }
        if self.heap.len() >= top {
            self.heap.pop();
        }
        let (key, words, counts) = what();
        self.heap.push(Ranked {
            key,
            score,
            words,
            counts,
            seq,
        });
    }

    /// Fills `top` and `mean_score`; call once after the last document.
    pub fn finish(&mut self) {
        self.top = std::mem::take(&mut self.heap).into_sorted_vec();
        self.mean_score = if self.documents == 0 {
            0.0
        } else {
            round4(self.score_sum / self.documents as f64)
        };
    }
}

/// What a summary needs of a document record read back ([`Summary::add_record`]).
#[derive(Clone, Debug, Default)]
pub struct RecordFacts {
    /// Where the document is.
    pub key: DocKey,
    /// Its score.
    pub score: f64,
    /// Its words.
    pub words: usize,
    /// Findings per rule id.
    pub counts: BTreeMap<Arc<str>, usize>,
    /// The quality statistics it failed, by name.
    pub failed: Vec<String>,
    /// It was decoded from a legacy charset.
    pub decoded: bool,
}

/// What clustering keeps per document, in reading order.
#[derive(Debug, Default)]
pub struct SignatureStore {
    /// Where each document is.
    pub keys: Vec<DocKey>,
    /// Plain signatures.
    pub plain: CompactStore,
    /// Spin-aware signatures.
    pub spin: CompactStore,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_number_replaces_the_placeholder_only() {
        let with = |record: &[u8], cluster| {
            let mut out = Vec::new();
            write_with_cluster(record, cluster, &mut out).unwrap();
            out
        };
        assert_eq!(
            with(br#"{"id":"a","cluster":null}"#, Some(17)),
            br#"{"id":"a","cluster":17}"#
        );
        assert_eq!(
            with(br#"{"id":"a","cluster":null}"#, None),
            br#"{"id":"a","cluster":null}"#
        );
        assert_eq!(with(br#"{"id":"a"}"#, Some(3)), br#"{"id":"a"}"#);
    }
}

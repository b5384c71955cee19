//! Findings: what the engine reports, independent of any output format.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run at the default `--fail-on warning`.
    Info,
    /// Probably wrong.
    Warning,
    /// Certainly wrong.
    Error,
}

impl Severity {
    /// The lower-case name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reported problem in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable rule id, e.g. `tortured-phrase`.
    pub rule: Arc<str>,
    /// Severity after configuration.
    pub severity: Severity,
    /// One-line message, e.g. `"harmony track" looks like a spun form of "peace track"`.
    pub message: String,
    /// Byte range into the original text.
    pub span: Span,
    /// The original text under the span.
    pub text: String,
    /// Replacement text for the span, where the original is knowable.
    pub suggestion: Option<String>,
    /// Confidence in `[0, 1]` that this is a real artifact.
    pub confidence: f32,
    /// The pack the finding came from.
    pub pack: Arc<str>,
    /// The table within the pack, for rules that come from tables.
    pub table: Option<Arc<str>>,
    /// Label under the underlined span, explaining the finding.
    pub label: String,
    /// Extra notes shown after the diagnostic.
    pub notes: Vec<String>,
    /// Other places that explain the finding (the first use of a name), each with a label.
    pub related: Vec<(Span, String)>,
    /// Whether `suggestion` may be applied by `--fix` without a person reading it.
    pub applicability: Applicability,
}

/// Whether a finding's suggestion is certain enough to apply automatically.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// A likely repair that needs a reader's judgement (the default).
    #[default]
    Unsafe,
    /// A certain repair: `--fix` applies it.
    Safe,
}

impl Finding {
    /// True when `--fix` may apply the suggestion.
    pub fn is_fixable(&self) -> bool {
        self.applicability == Applicability::Safe && self.suggestion.is_some()
    }

    /// Sort key: start, end, then rule id (the path is ordered by the caller).
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule)
    }
}

/// Sorts findings by start, end and rule id, as every output format lists them.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Findings for unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Finding, Severity};
    use crate::span::Span;
    use std::sync::Arc;

    /// A `tortured-phrase` warning (confidence 0.8) on the first `phrase` in `text`.
    pub(crate) fn finding_at(text: &str, phrase: &str) -> Finding {
        let start = text.find(phrase).expect("phrase in text");
        Finding {
            rule: Arc::from("tortured-phrase"),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, start + phrase.len()),
            text: phrase.into(),
            suggestion: None,
            confidence: 0.8,
            pack: Arc::from("unit"),
            table: None,
            label: String::new(),
            notes: vec![],
            applicability: Default::default(),
            related: vec![],
        }
    }
}

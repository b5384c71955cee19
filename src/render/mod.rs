//! Output formats. The engine produces [`Finding`]s; each format is one renderer over them.
//!
//! `human` goes through codespan-reporting ([`human`]); `json` and `jsonl` share one record shape
//! ([`json`]), which other tools parse and which therefore never changes without notice. `html` is
//! a page for people to review ([`html`]).

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod stats;
mod window;

use crate::findings::{Finding, Severity};
use crate::span::LineIndex;

/// The findings of one input, with what renderers need to place them.
#[derive(Debug)]
pub struct FileReport {
    /// Path as given or found (`<stdin>` for standard input).
    pub path: String,
    /// The text as read, kept only while it has findings.
    pub text: String,
    /// Findings, sorted by start, end, rule id.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// A line index over the text.
    pub fn line_index(&self) -> LineIndex {
        LineIndex::new(&self.text)
    }
}

/// Counts of findings by severity, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Files read and checked.
    pub files: usize,
    /// Findings at `error`.
    pub errors: usize,
    /// Findings at `warning`.
    pub warnings: usize,
    /// Findings at `info`.
    pub infos: usize,
}

impl Tally {
    /// Counts one finding.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

//! The JSON record of a finding: exactly the fields DESIGN.md lists, in that order.

use super::FileReport;
use crate::findings::Finding;
use crate::span::{LineIndex, Span};
use serde::Serialize;

/// One finding as JSON.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// Input path (`<stdin>` for standard input).
    pub path: &'a str,
    /// Rule id.
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// One-line message.
    pub message: &'a str,
    /// Byte range into the original input.
    pub span: Span,
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column in code points.
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// End column, one past the last character.
    pub end_column: usize,
    /// The matched text.
    pub text: &'a str,
    /// Replacement, or null.
    pub suggestion: Option<&'a str>,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
    /// Pack the finding came from.
    pub pack: &'a str,
}

impl<'a> Record<'a> {
    /// The record of `f` in `report`, positioned with `index`.
    pub fn new(report: &'a FileReport, index: &LineIndex, f: &'a Finding) -> Self {
        let start = index.line_col(&report.text, f.span.start);
        let end = index.end_line_col(&report.text, f.span);
        Record {
            path: &report.path,
            rule: &f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            span: f.span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            text: &f.text,
            suggestion: f.suggestion.as_deref(),
            // Round through the decimal form so 0.9 prints as 0.9, not 0.8999999761581421.
            confidence: format!("{}", f.confidence).parse().unwrap_or(0.0),
            pack: &f.pack,
        }
    }
}

/// Calls `each` with every record of a report, in order.
pub fn records<'a>(report: &'a FileReport, mut each: impl FnMut(Record<'a>)) {
    let index = report.line_index();
    for f in &report.findings {
        each(Record::new(report, &index, f));
    }
}

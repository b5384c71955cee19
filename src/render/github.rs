//! GitHub Actions workflow commands: one annotation line per finding.
//!
//! `::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`, with `error`,
//! `warning` and `notice` for the three severities. GitHub reads `%`, CR and LF as escapes in the
//! message, and also `:` and `,` in property values; each is written as `%XX`.

use super::FileReport;
use crate::findings::{Finding, Severity};
use std::fmt::Write;

/// Escapes a message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file`, `title`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The annotation lines of a file, each ending in a newline.
pub fn annotations(report: &FileReport) -> String {
    let lines = report.line_index();
    let mut out = String::new();
    for f in &report.findings {
        let start = lines.line_col(&report.text, f.span.start);
        let end = lines.end_line_col(&report.text, f.span);
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&report.path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("spinlint {}", f.rule)),
            escape_data(&message(f)),
        );
    }
    out
}

fn message(f: &Finding) -> String {
    match &f.suggestion {
        Some(s) => format!("{}; write \"{s}\"", f.message),
        None => f.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_reads() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

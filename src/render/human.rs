//! Compiler-style diagnostics through codespan-reporting; the one module that calls its `emit`.
//!
//! Each diagnostic is drawn on a [`Windowed`] view of its file: long lines are cut to the
//! columns around the labels, so the output stays proportional to the findings, not to the
//! length of the lines they sit on, while line and column numbers stay those of the file.

use super::window::Windowed;
use super::FileReport;
use crate::findings::{Finding, Severity};
use crate::span::LineIndex;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config};
use std::ops::Range;

/// One source file for codespan, indexed with our own [`LineIndex`].
pub struct SourceFile<'a> {
    name: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl<'a> SourceFile<'a> {
    /// Wraps a named text.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceFile {
            name,
            text,
            index: LineIndex::new(text),
        }
    }
}

impl<'a> Files<'a> for SourceFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_of(byte_index))
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let starts = self.index.line_starts();
        let start = *starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: starts.len() - 1,
        })?;
        let end = starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// The codespan diagnostic for one finding.
pub fn diagnostic(f: &Finding) -> Diagnostic<()> {
    let mut notes: Vec<String> = Vec::new();
    match f.suggestion.as_deref() {
        Some("") => notes.push("help: delete it".to_string()),
        Some(s) => notes.push(format!("help: write \"{s}\"")),
        None => {}
    }
    notes.extend(f.notes.iter().cloned());
    let mut labels = vec![Label::primary((), f.span.start..f.span.end).with_message(&f.label)];
    labels.extend(
        f.related
            .iter()
            .map(|(span, label)| Label::secondary((), span.start..span.end).with_message(label)),
    );
    Diagnostic::new(severity(f.severity))
        .with_code(f.rule.to_string())
        .with_message(&f.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Writes every finding of a file as a diagnostic.
pub fn emit_file(out: &mut dyn WriteColor, report: &FileReport) -> std::io::Result<()> {
    let file = SourceFile::new(&report.path, &report.text);
    let config = Config::default();
    for f in &report.findings {
        emit(out, &config, &file, &diagnostic(f))?;
    }
    Ok(())
}

/// Emits one diagnostic, its labels' ranges being byte ranges of `file`, on a window of each
/// line it touches; I/O errors (a closed pipe) come back as `io::Error`.
pub fn emit(
    out: &mut dyn WriteColor,
    config: &Config,
    file: &SourceFile<'_>,
    diag: &Diagnostic<()>,
) -> std::io::Result<()> {
    let ranges: Vec<Range<usize>> = diag.labels.iter().map(|l| l.range.clone()).collect();
    let view = Windowed::new(file.name, file.text, &file.index, &ranges);
    let mut shown = diag.clone();
    for label in &mut shown.labels {
        label.range = view.map_range(label.range.clone());
    }
    term::emit_to_write_style(out, config, &view, &shown).map_err(|e| match e {
        FilesError::Io(io) => io,
        other => std::io::Error::other(other.to_string()),
    })
}

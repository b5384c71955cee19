//! Findings in the protocol's terms: diagnostics, code actions and hover text.
//!
//! A diagnostic's `code` is the rule id and its message ends with the likely original; the
//! finding's label and notes follow on lines of their own. Two code actions per finding: the
//! suggestion as a quick fix (preferred when `--fix` would apply it), and a
//! `spinlint-disable-next-line` comment on a new line above, written the way
//! [`crate::suppress`] reads it in that format. Hover shows what `spinlint explain` says.

use super::documents::Document;
use super::position::Encoding;
use crate::docs;
use crate::findings::{Applicability, Finding, Severity};
use crate::markup::Format;
use crate::rules::RuleSet;
use crate::span::Span;
use crate::suppress::{Kind, UNUSED};
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Range, TextEdit,
    WorkspaceEdit,
};
use std::collections::HashMap;
use std::fmt::Write as _;

/// What diagnostics name as their source.
pub const SOURCE: &str = "spinlint";

/// The diagnostic of a finding in `doc`.
pub fn diagnostic(doc: &Document, f: &Finding, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.range(*span, enc)),
            message: label.clone(),
        })
        .collect();
    Diagnostic {
        range: doc.range(f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: message(f),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message, the suggestion, then the label and notes on lines of their own.
fn message(f: &Finding) -> String {
    let mut m = f.message.clone();
    match f.suggestion.as_deref() {
        Some("") => m.push_str(" (remove it)"),
        Some(s) => {
            let _ = write!(m, " (likely original: “{s}”)");
        }
        None => {}
    }
    for line in std::iter::once(&f.label).chain(&f.notes) {
        if !line.is_empty() {
            m.push('\n');
            m.push_str(line);
        }
    }
    m
}

/// The code actions for the findings of `doc` that touch `range`.
pub fn code_actions(doc: &Document, range: Span, enc: Encoding) -> Vec<CodeAction> {
    let mut fixes = Vec::new();
    let mut silencers: Vec<CodeAction> = Vec::new();
    let mut silenced: Vec<(usize, &str)> = Vec::new();
    let touching = doc
        .findings
        .iter()
        .filter(|f| f.span.start <= range.end && range.start <= f.span.end);
    for f in touching {
        if let Some(fix) = quick_fix(doc, f, enc) {
            fixes.push(fix);
        }
        let line = doc.line_at(f.span.start).0;
        if &*f.rule != UNUSED && !silenced.contains(&(line, &f.rule)) {
            silenced.push((line, &f.rule));
            silencers.push(suppression(doc, f, enc));
        }
    }
    fixes.extend(silencers);
    fixes
}

/// The suggestion as an edit: replace the span.
fn quick_fix(doc: &Document, f: &Finding, enc: Encoding) -> Option<CodeAction> {
    let new = f.suggestion.as_deref()?;
    let title = if new.is_empty() {
        format!("Remove “{}”", f.text)
    } else {
        format!("Replace with “{new}”")
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(doc, f, enc)]),
        edit: Some(edit(
            doc,
            doc.range(f.span, enc),
            crate::fix::keep_separators(&f.text, new).into_owned(),
        )),
        is_preferred: Some(f.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// A `spinlint-disable-next-line RULE` comment on a new line above the finding's first line,
/// indented like it.
fn suppression(doc: &Document, f: &Finding, enc: Encoding) -> CodeAction {
    let (start, indent) = doc.line_at(f.span.start);
    let comment = directive(doc.format, &f.rule);
    let at = doc.range(Span::new(start, start), enc);
    CodeAction {
        title: format!("Suppress {} on this line", f.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(doc, f, enc)]),
        edit: Some(edit(
            doc,
            at,
            format!("{indent}{comment}{}", doc.line_break()),
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    }
}

/// The suppression comment for `rule` in `format`: an HTML comment in Markdown and HTML, the
/// bare directive on a line of its own in plain text.
pub fn directive(format: Format, rule: &str) -> String {
    let d = Kind::NextLine.as_str();
    match format {
        Format::Plain => format!("{d} {rule}"),
        Format::Markdown | Format::Html => format!("<!-- {d} {rule} -->"),
    }
}

fn edit(doc: &Document, range: Range, new_text: String) -> WorkspaceEdit {
    let edits = vec![TextEdit { range, new_text }];
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The explanation of every rule with a finding at byte `offset` of `doc`.
pub fn hover(doc: &Document, offset: usize, enc: Encoding, rules: &RuleSet) -> Option<Hover> {
    let here: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| f.span.start <= offset && (offset < f.span.end || f.span.is_empty()))
        .collect();
    let first = here.first()?;
    let mut ids: Vec<&str> = here.iter().map(|f| &*f.rule).collect();
    ids.dedup();
    let value = ids
        .iter()
        .map(|id| explain(id, doc.format, rules))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(first.span, enc)),
    })
}

/// What `spinlint explain ID` prints, as Markdown, with the suppression comment for `format`.
pub fn explain(id: &str, format: Format, rules: &RuleSet) -> String {
    let mut out = String::new();
    match docs::find(id) {
        Some(d) => {
            let _ = write!(
                out,
                "**{id}**: {}\n\n**What it catches**\n\n{}\n\n**Why it matters**\n\n{}\n\n\
                 **Example**\n\n```text\n{}\n```\n\n**Instead**\n\n```text\n{}\n```\n\n",
                d.summary, d.what, d.why, d.example, d.instead
            );
        }
        None => {
            let _ = write!(
                out,
                "**{id}**: reported by rule-pack tables (no built-in documentation)\n\n"
            );
        }
    }
    let tables: Vec<String> = rules
        .tables_for(id)
        .map(|t| format!("- `{}` {}", t.qualified_name(), t.summary()))
        .collect();
    if !tables.is_empty() {
        let _ = write!(out, "**Tables reporting it**\n\n{}\n\n", tables.join("\n"));
    }
    let _ = write!(
        out,
        "**How to silence it**\n\n{} In this file, a line `{}` above the text silences it there.",
        docs::silence_text(id),
        directive(format, id)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::settings::Settings;
    use lsp_types::Url;

    const SPUN: &str = "Intro line.\n  Progress on the harmony track stalled.\n";

    fn checked(text: &str, format: Format, settings: &Settings) -> Document {
        let uri = Url::parse("file:///tmp/doc").unwrap();
        let mut doc = Document::new(uri, 1, format, text.to_string());
        doc.findings = settings.check(&doc.path, format, text);
        doc
    }

    fn apply(text: &str, action: &CodeAction, doc: &Document) -> String {
        let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
        let edit = &changes[&doc.uri][0];
        let span = doc.span(edit.range, Encoding::Utf16);
        let mut out = text.to_string();
        out.replace_range(span.start..span.end, &edit.new_text);
        out
    }

    #[test]
    fn diagnostics_carry_rule_severity_and_the_original() {
        let settings = Settings::load(None).unwrap();
        let doc = checked(SPUN, Format::Plain, &settings);
        let f = doc
            .findings
            .iter()
            .find(|f| f.text == "harmony track")
            .unwrap();
        let d = diagnostic(&doc, f, Encoding::Utf16);
        assert_eq!(
            d.code,
            Some(NumberOrString::String("tortured-phrase".into()))
        );
        assert_eq!(d.source.as_deref(), Some("spinlint"));
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert!(
            d.message.contains("(likely original: “peace track”)"),
            "{}",
            d.message
        );
        assert_eq!(d.range.start, lsp_types::Position::new(1, 18));
    }

    #[test]
    fn the_quick_fix_and_the_suppression_apply() {
        let settings = Settings::load(None).unwrap();
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            let text = match format {
                Format::Html => {
                    "<p>Intro line.</p>\n<p>Progress on the harmony track stalled.</p>\n"
                }
                _ => SPUN,
            };
            let doc = checked(text, format, &settings);
            let at = text.find("harmony").unwrap();
            let actions = code_actions(&doc, Span::new(at, at), Encoding::Utf16);
            let titles: Vec<&str> = actions.iter().map(|a| a.title.as_str()).collect();
            assert_eq!(
                titles,
                [
                    "Replace with “peace track”",
                    "Suppress tortured-phrase on this line"
                ],
                "{format:?}"
            );
            let fixed = apply(text, &actions[0], &doc);
            assert!(fixed.contains("on the peace track stalled"), "{fixed}");
            assert!(
                settings.check(&doc.path, format, &fixed).is_empty(),
                "{fixed}"
            );
            let silenced = apply(text, &actions[1], &doc);
            assert!(silenced.contains("spinlint-disable-next-line tortured-phrase"));
            let left = settings.check(&doc.path, format, &silenced);
            assert!(left.is_empty(), "{format:?}: {silenced}\n{left:?}");
        }
    }

    #[test]
    fn hover_explains_the_rule() {
        let settings = Settings::load(None).unwrap();
        let doc = checked(SPUN, Format::Markdown, &settings);
        let at = SPUN.find("track").unwrap();
        let h = hover(&doc, at, Encoding::Utf16, settings.rules()).unwrap();
        let HoverContents::Markup(m) = h.contents else {
            panic!("markup expected")
        };
        assert!(m
            .value
            .starts_with("**tortured-phrase**: a fixed expression"));
        assert!(m.value.contains("**Why it matters**"));
        assert!(m
            .value
            .contains("`<!-- spinlint-disable-next-line tortured-phrase -->`"));
        assert!(hover(&doc, 0, Encoding::Utf16, settings.rules()).is_none());
    }
}

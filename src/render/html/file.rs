//! One file's section: its text with the findings as marks, their list, their tooltips.
//!
//! Finding `j` of file `i` is keyed `i-j`: its first (or only) mark is `#mi-j`, focusable and
//! described by its tooltip `#ti-j`; its list entry links to `#mi-j`. Every mark carries
//! `data-finding`, `data-rule`, `data-severity` and the byte range it covers (`data-start`,
//! `data-end`); a finding split around another's edge has several marks (see [`segment`]), and its
//! last one carries the suggestion as `data-suggestion`, which print styles show inline.

use super::segment::{self, Event};
use super::{escape, plural, FileView};
use crate::findings::Finding;
use crate::span::{LineIndex, Span};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Writes the section of file `i`.
pub(super) fn section(
    out: &mut String,
    i: usize,
    v: &FileView<'_>,
    summaries: &BTreeMap<&str, &str>,
) {
    let r = v.report;
    let _ = write!(
        out,
        "<section class=\"file\" id=\"file-{i}\" aria-labelledby=\"file-{i}-h\" data-path=\"{path}\">\n\
         <h2 id=\"file-{i}-h\">{path}</h2>\n\
         <p class=\"file-meta\">{}, {} words, spin score {:.2}</p>\n",
        plural(r.findings.len(), "finding", "findings"),
        v.words,
        v.score,
        path = escape(&r.path),
    );
    evidence(out, v);
    out.push_str("<div class=\"file-body\">\n<div class=\"text\">");
    text(out, i, &r.text, &r.findings);
    out.push_str("</div>\n");
    let lines = r.line_index();
    list(out, i, &r.path, &r.text, &lines, &r.findings);
    out.push_str("</div>\n<div class=\"tips\">\n");
    for (j, f) in r.findings.iter().enumerate() {
        tip(out, i, j, f, &r.text, &lines, summaries);
    }
    out.push_str("</div>\n</section>\n");
}

/// The terms behind the score, in a closed disclosure.
fn evidence(out: &mut String, v: &FileView<'_>) {
    let per = 1000.0 / v.words.max(crate::audit::score::MIN_WORDS) as f64;
    out.push_str(
        "<details class=\"evidence\">\n<summary>Evidence behind the spin score</summary>\n\
         <table>\n<thead>\n<tr><th scope=\"col\">Term</th><th scope=\"col\">Value</th>\
         <th scope=\"col\">Weight</th><th scope=\"col\">Adds</th></tr>\n</thead>\n<tbody>\n",
    );
    for t in &v.evidence {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{:.2}</td><td>{}</td><td>{:.2}</td></tr>",
            t.name,
            t.value,
            t.weight,
            t.value * t.weight * per + 0.0
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
}

/// The text, escaped, with the marks of `findings`.
pub(super) fn text(out: &mut String, i: usize, text: &str, findings: &[Finding]) {
    let spans: Vec<Span> = findings.iter().map(|f| f.span).collect();
    for e in segment::events(text, &spans) {
        match e {
            Event::Text { start, end } => out.push_str(&escape(text.get(start..end).unwrap_or(""))),
            Event::Close => out.push_str("</mark>"),
            Event::Open {
                finding,
                start,
                end,
                first,
                last,
            } => open_mark(
                out,
                i,
                finding,
                &findings[finding],
                start,
                end,
                first,
                last,
                text,
            ),
            Event::Empty { finding, at } => {
                open_mark(
                    out,
                    i,
                    finding,
                    &findings[finding],
                    at,
                    at,
                    true,
                    true,
                    text,
                );
                out.push_str("</mark>");
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn open_mark(
    out: &mut String,
    i: usize,
    j: usize,
    f: &Finding,
    start: usize,
    end: usize,
    first: bool,
    last: bool,
    text: &str,
) {
    let mut class = format!("hl sev-{}", f.severity);
    if !first {
        class.push_str(" cont");
    }
    if start == end {
        class.push_str(" empty");
    } else if text.get(start..end).is_some_and(is_blank) {
        class.push_str(" blank");
    }
    out.push_str("<mark");
    if first {
        let _ = write!(
            out,
            " id=\"m{i}-{j}\" tabindex=\"0\" aria-describedby=\"t{i}-{j}\""
        );
    }
    let _ = write!(
        out,
        " class=\"{class}\" data-finding=\"{i}-{j}\" data-rule=\"{}\" data-severity=\"{}\" \
         data-start=\"{start}\" data-end=\"{end}\"",
        escape(&f.rule),
        f.severity
    );
    if let (true, Some(s)) = (last, &f.suggestion) {
        let _ = write!(out, " data-suggestion=\"{}\"", escape(s));
    }
    out.push('>');
}

/// True for text that shows nothing: white space and invisible format characters.
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')
            || matches!(c, '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// The side list: one link per finding to its mark.
fn list(out: &mut String, i: usize, path: &str, text: &str, lines: &LineIndex, fs: &[Finding]) {
    let _ = write!(
        out,
        "<nav class=\"findings\" aria-label=\"Findings in {}\">\n<h3>Findings</h3>\n",
        escape(path)
    );
    if fs.is_empty() {
        out.push_str("<p>No findings.</p>\n</nav>\n");
        return;
    }
    out.push_str("<p class=\"none-shown\" hidden>No findings match the filters.</p>\n<ol>\n");
    for (j, f) in fs.iter().enumerate() {
        let at = lines.line_col(text, f.span.start);
        let _ = writeln!(
            out,
            "<li data-finding=\"{i}-{j}\" data-rule=\"{rule}\" data-severity=\"{sev}\">\
             <a class=\"goto\" href=\"#m{i}-{j}\"><span class=\"badge sev-{sev}\">{sev}</span> \
             <span class=\"where\">{}:{}</span> <code>{rule}</code> \
             <span class=\"msg\">{}</span></a></li>",
            at.line,
            at.column,
            escape(&f.message),
            rule = escape(&f.rule),
            sev = f.severity,
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// The tooltip of finding `j`: severity, rule, message, suggestion, label, notes, rule summary.
fn tip(
    out: &mut String,
    i: usize,
    j: usize,
    f: &Finding,
    text: &str,
    lines: &LineIndex,
    summaries: &BTreeMap<&str, &str>,
) {
    let at = lines.line_col(text, f.span.start);
    let _ = write!(
        out,
        "<div class=\"tip\" role=\"tooltip\" id=\"t{i}-{j}\" hidden>\n\
         <p class=\"tip-head\"><span class=\"badge sev-{sev}\">{sev}</span> <code>{}</code> \
         <span class=\"where\">line {}, column {}</span></p>\n<p class=\"tip-msg\">{}</p>\n",
        escape(&f.rule),
        at.line,
        at.column,
        escape(&f.message),
        sev = f.severity,
    );
    match f.suggestion.as_deref() {
        Some("") => out.push_str("<p class=\"tip-fix\">Suggestion: remove it.</p>\n"),
        Some(s) => {
            let _ = writeln!(
                out,
                "<p class=\"tip-fix\">Suggestion: <ins>{}</ins></p>",
                escape(s)
            );
        }
        None => {}
    }
    if !f.label.is_empty() && f.label != f.message {
        let _ = writeln!(out, "<p class=\"tip-label\">{}</p>", escape(&f.label));
    }
    for (span, label) in &f.related {
        let _ = writeln!(
            out,
            "<p class=\"tip-note\">Line {}: {}</p>",
            lines.line_of(span.start) + 1,
            escape(label)
        );
    }
    for note in &f.notes {
        let _ = writeln!(out, "<p class=\"tip-note\">{}</p>", escape(note));
    }
    if let Some(s) = summaries.get(&*f.rule).filter(|s| !s.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"tip-rule\"><code>{}</code>: {}</p>",
            escape(&f.rule),
            escape(s)
        );
    }
    out.push_str("</div>\n");
}

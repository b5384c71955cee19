//! `--format html`: one self-contained page for reviewing an article or a batch.
//!
//! The page holds everything it needs (inline CSS and script from `html/report.css` and
//! `html/report.js`, no fonts, no images, and a Content-Security-Policy that forbids fetching
//! anything), so it can be mailed or archived. At the top, a summary: files with their spin score
//! (the score `spinlint audit` computes, [`crate::audit::score::document_score`]) and counts by
//! severity, and counts by rule. Then each file's text with every finding as a focusable `<mark>`
//! (see [`file`]), beside a list of its findings; filters by severity and rule; the rules' help.
//!
//! Everything taken from the input (text, paths, messages, suggestions, rule ids) goes through
//! [`escape`]. Without the script the page still shows the text, the highlights and the lists.

mod file;
pub mod segment;

use super::sarif::RuleMeta;
use super::FileReport;
use crate::audit::restore::Restorer;
use crate::audit::score::{self, Term};
use crate::audit::stats::Stats;
use crate::docs;
use crate::findings::Severity;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Allows the inline style and script, nothing from anywhere else.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                   img-src data:; base-uri 'none'; form-action 'none'";

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Escapes text for HTML content and double-quoted attribute values. A carriage return becomes
/// `&#13;`, which the parser keeps (a literal one would be folded into the line feed).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'', '\r']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes `s` and sets the parts between backticks (`--ignore x`) as code.
fn with_code(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| match (i % 2, escape(part)) {
            (1, part) => format!("<code>{part}</code>"),
            (_, part) => part.into_owned(),
        })
        .collect()
}

/// One file with what the summary shows about it.
struct FileView<'a> {
    report: &'a FileReport,
    words: usize,
    score: f64,
    evidence: Vec<Term>,
    /// Findings at error, warning, info.
    counts: [usize; 3],
}

impl<'a> FileView<'a> {
    fn new(report: &'a FileReport, restorer: &Restorer) -> Self {
        // Scored on its prose, as `spinlint audit` scores a Markdown or HTML file.
        let format = crate::markup::Format::of(std::path::Path::new(&report.path));
        let extracted = format.extract(&report.text);
        let prose = extracted
            .as_ref()
            .map_or(report.text.as_str(), |e| e.text());
        let words = Stats::of(prose).words;
        let (score, evidence) = score::document_score(prose, words, &report.findings, restorer);
        let mut counts = [0; 3];
        for f in &report.findings {
            counts[severity_index(f.severity)] += 1;
        }
        FileView {
            report,
            words,
            score,
            evidence,
            counts,
        }
    }
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Findings of one rule over all files.
#[derive(Default)]
struct RuleTally {
    count: usize,
    severities: BTreeSet<Severity>,
}

/// The whole page for `reports` (in the order given), with `rules` for the rules' help and
/// `restorer` (the packs' substitution classes) for the spin scores.
pub fn report(
    reports: &[FileReport],
    rules: &[RuleMeta],
    restorer: &Restorer,
    version: &str,
) -> String {
    let views: Vec<FileView<'_>> = reports
        .par_iter()
        .map(|r| FileView::new(r, restorer))
        .collect();
    let mut by_rule: BTreeMap<&str, RuleTally> = BTreeMap::new();
    let mut totals = [0; 3];
    for f in reports.iter().flat_map(|r| &r.findings) {
        let t = by_rule.entry(&f.rule).or_default();
        t.count += 1;
        t.severities.insert(f.severity);
        totals[severity_index(f.severity)] += 1;
    }
    let metas: BTreeMap<&str, &RuleMeta> = rules.iter().map(|m| (m.id.as_str(), m)).collect();
    let summaries: BTreeMap<&str, &str> = by_rule
        .keys()
        .map(|&id| (id, metas.get(id).map_or("", |m| m.summary.as_str())))
        .collect();
    let mut out = String::with_capacity(CSS.len() + JS.len() + 2 * total_text(reports));
    head(&mut out, &views, totals);
    out.push_str("<div class=\"layout\">\n");
    controls(&mut out, &views, &by_rule, totals);
    out.push_str("<main id=\"main\" tabindex=\"-1\">\n");
    summary(&mut out, &views, &by_rule, &summaries, totals);
    for (i, v) in views.iter().enumerate() {
        file::section(&mut out, i, v, &summaries);
    }
    rules_help(&mut out, &by_rule, &metas);
    let _ = write!(
        out,
        "</main>\n</div>\n<footer>\n<p>Generated by spinlint {}.</p>\n</footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        escape(version)
    );
    out
}

fn total_text(reports: &[FileReport]) -> usize {
    reports.iter().map(|r| r.text.len()).sum()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `5 files, 40 findings: 0 errors, 31 warnings, 9 infos`.
fn totals_line(files: usize, totals: [usize; 3]) -> String {
    let all: usize = totals.iter().sum();
    format!(
        "{}, {}: {}, {}, {}",
        plural(files, "file", "files"),
        plural(all, "finding", "findings"),
        plural(totals[0], "error", "errors"),
        plural(totals[1], "warning", "warnings"),
        plural(totals[2], "info", "infos"),
    )
}

fn head(out: &mut String, views: &[FileView<'_>], totals: [usize; 3]) {
    let title = match views {
        [one] => format!("spinlint report: {}", one.report.path),
        _ => format!("spinlint report: {}", totals_line(views.len(), totals)),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n<meta name=\"generator\" content=\"spinlint\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the report</a>\n\
         <header class=\"top\">\n<h1>spinlint report</h1>\n<p>{}</p>\n</header>\n",
        escape(&title),
        totals_line(views.len(), totals)
    );
}

/// The filters (shown by the script, which makes them work), the live count and the file list.
fn controls(
    out: &mut String,
    views: &[FileView<'_>],
    by_rule: &BTreeMap<&str, RuleTally>,
    totals: [usize; 3],
) {
    let all: usize = totals.iter().sum();
    out.push_str(
        "<aside class=\"controls\" aria-label=\"Filters and files\">\n\
         <form id=\"filters\" hidden>\n<h2>Filters</h2>\n\
         <fieldset>\n<legend>Severity</legend>\n",
    );
    for (s, n) in SEVERITIES.iter().zip(totals) {
        checkbox(out, "severity", s.as_str(), n, &format!("sev-{s}"));
    }
    out.push_str("</fieldset>\n<fieldset>\n<legend>Rule</legend>\n");
    for (id, t) in by_rule {
        checkbox(out, "rule", id, t.count, "");
    }
    let _ = write!(
        out,
        "</fieldset>\n<button type=\"button\" id=\"show-all\">Show all</button>\n</form>\n\
         <p id=\"status\" role=\"status\" aria-live=\"polite\">Showing all {}.</p>\n\
         <nav aria-labelledby=\"files-h\">\n<h2 id=\"files-h\">Files</h2>\n<ol class=\"file-list\">\n",
        plural(all, "finding", "findings")
    );
    for (i, v) in views.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#file-{i}\">{}</a> <span class=\"n\">{}</span></li>",
            escape(&v.report.path),
            plural(v.report.findings.len(), "finding", "findings")
        );
    }
    out.push_str("</ol>\n</nav>\n</aside>\n");
}

fn checkbox(out: &mut String, kind: &str, value: &str, n: usize, class: &str) {
    let badge = if class.is_empty() {
        format!("<code>{}</code>", escape(value))
    } else {
        format!("<span class=\"badge {class}\">{}</span>", escape(value))
    };
    let _ = writeln!(
        out,
        "<label><input type=\"checkbox\" data-filter=\"{kind}\" value=\"{}\" checked> {badge} \
         <span class=\"n\">({n})</span></label>",
        escape(value)
    );
}

fn summary(
    out: &mut String,
    views: &[FileView<'_>],
    by_rule: &BTreeMap<&str, RuleTally>,
    summaries: &BTreeMap<&str, &str>,
    totals: [usize; 3],
) {
    out.push_str(
        "<section class=\"summary\" aria-labelledby=\"summary-h\">\n\
         <h2 id=\"summary-h\">Summary</h2>\n<table class=\"files\">\n\
         <caption>Files, with their spin score and findings by severity</caption>\n<thead>\n<tr>\
         <th scope=\"col\">File</th><th scope=\"col\">Words</th><th scope=\"col\">Spin score</th>\
         <th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Infos</th>\
         </tr>\n</thead>\n<tbody>\n",
    );
    for (i, v) in views.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#file-{i}\">{}</a></th><td>{}</td><td>{:.2}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&v.report.path),
            v.words,
            v.score,
            v.counts[0],
            v.counts[1],
            v.counts[2]
        );
    }
    let words: usize = views.iter().map(|v| v.words).sum();
    let _ = write!(
        out,
        "</tbody>\n<tfoot>\n<tr><th scope=\"row\">All files</th><td>{words}</td><td></td>\
         <td>{}</td><td>{}</td><td>{}</td></tr>\n</tfoot>\n</table>\n\
         <p class=\"note\">Spin score: weighted evidence per 1,000 words, as <code>spinlint audit</code> \
         computes it: the confidences of the findings, word pairs unseen in ordinary English, weak \
         association between neighbouring words, and articles that disagree with the next word. \
         Each file's section lists its terms.</p>\n",
        totals[0], totals[1], totals[2]
    );
    out.push_str(
        "<table class=\"rules\">\n<caption>Findings by rule</caption>\n<thead>\n<tr>\
         <th scope=\"col\">Rule</th><th scope=\"col\">Findings</th><th scope=\"col\">Severity</th>\
         <th scope=\"col\">What it reports</th></tr>\n</thead>\n<tbody>\n",
    );
    for (id, t) in by_rule {
        let sevs: Vec<&str> = t.severities.iter().rev().map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#{}\"><code>{}</code></a></th><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            rule_anchor(id),
            escape(id),
            t.count,
            sevs.join(", "),
            escape(summaries.get(id).copied().unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A fragment id for a rule's help: `rule-` and the id with anything but `[a-z0-9-]` as `_`.
fn rule_anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => c,
            _ => '_',
        })
        .collect();
    format!("rule-{safe}")
}

/// What each rule in the report catches and why, once per rule.
fn rules_help(
    out: &mut String,
    by_rule: &BTreeMap<&str, RuleTally>,
    metas: &BTreeMap<&str, &RuleMeta>,
) {
    if by_rule.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"help\" aria-labelledby=\"help-h\">\n\
         <h2 id=\"help-h\">Rules in this report</h2>\n<dl>\n",
    );
    for id in by_rule.keys() {
        let summary = metas.get(id).map_or("", |m| m.summary.as_str());
        let _ = write!(
            out,
            "<dt id=\"{}\"><code>{}</code></dt>\n<dd>\n<p>{}</p>\n",
            rule_anchor(id),
            escape(id),
            escape(summary)
        );
        if let Some(d) = docs::find(id) {
            let _ = write!(
                out,
                "<p><strong>What it catches.</strong> {}</p>\n\
                 <p><strong>Why it matters.</strong> {}</p>\n",
                with_code(d.what),
                with_code(d.why)
            );
        }
        let _ = writeln!(
            out,
            "<p><strong>Silence it.</strong> {}</p>\n</dd>",
            with_code(&docs::silence_text(id))
        );
    }
    out.push_str("</dl>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Finding;
    use crate::span::Span;

    #[test]
    fn escapes_markup_quotes_and_carriage_returns() {
        assert_eq!(
            escape("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\r\nb"), "a&#13;\nb");
        assert!(matches!(escape("“plain” 👋"), Cow::Borrowed(_)));
    }

    #[test]
    fn backticks_become_code() {
        assert_eq!(
            with_code("use `--ignore <x>` now"),
            "use <code>--ignore &lt;x&gt;</code> now"
        );
        assert_eq!(with_code("no code"), "no code");
    }

    fn finding(start: usize, end: usize, rule: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            message: format!("<{rule}> & \"quoted\""),
            span: Span::new(start, end),
            text: String::new(),
            suggestion: Some("it's <ok>".into()),
            confidence: 0.8,
            pack: "test".into(),
            table: None,
            label: String::new(),
            notes: vec![],
            related: vec![],
            applicability: Default::default(),
        }
    }

    /// The text back from the marked-up HTML: tags dropped, entities decoded.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            rest = rest[i..].split_once('>').map_or("", |(_, r)| r);
        }
        out.push_str(rest);
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    #[test]
    fn marked_text_keeps_every_byte_and_cuts_on_characters() {
        let text = "“Hi” <b>&'x'\r\n👋 é";
        let hi = text.find("Hi").unwrap_or(0);
        let wave = text.find('👋').unwrap_or(0);
        let findings = [
            finding(0, hi + 2, "a"),
            finding(hi, wave + 4, "b"),
            finding(wave, wave + 4, "c"),
            finding(text.len(), text.len(), "d"),
        ];
        let mut out = String::new();
        file::text(&mut out, 0, text, &findings);
        assert_eq!(plain(&out), text);
        assert!(!out.contains("<b>") && !out.contains('\r'));
        // `b` crosses `a`: its first piece nests inside `a`, the rest follows.
        assert!(out.starts_with("<mark id=\"m0-0\""), "{out}");
        assert!(out.contains(&format!(
            "data-start=\"{hi}\" data-end=\"{}\">Hi</mark></mark>",
            hi + 2
        )));
        assert!(out.contains(&format!(
            "data-start=\"{}\" data-end=\"{}\" data-suggestion=\"it&#39;s &lt;ok&gt;\">” \
             &lt;b&gt;&amp;&#39;x&#39;&#13;\n<mark id=\"m0-2\"",
            hi + 2,
            wave + 4
        )));
        assert_eq!(out.matches("<mark id=").count(), findings.len());
        assert_eq!(out.matches("class=\"hl sev-warning cont\"").count(), 1);
        let n = text.len();
        assert!(out.ends_with(&format!(
            "data-start=\"{n}\" data-end=\"{n}\" data-suggestion=\"it&#39;s &lt;ok&gt;\"></mark>"
        )));
        assert_eq!(out.matches("<mark").count(), out.matches("</mark>").count());
    }

    #[test]
    fn report_escapes_paths_messages_and_suggestions() {
        let report = FileReport {
            path: "x<script>&\"'.txt".into(),
            text: "<script>alert(1)</script>".into(),
            findings: vec![finding(0, 8, "r<1>")],
        };
        let page = super::report(&[report], &[], &Restorer::default(), "1.0");
        assert_eq!(page.matches("<script>").count(), 1);
        assert!(page.contains("x&lt;script&gt;&amp;&quot;&#39;.txt"));
        assert!(page.contains("&lt;r&lt;1&gt;&gt; &amp; &quot;quoted&quot;"));
        assert!(page.contains("<ins>it&#39;s &lt;ok&gt;</ins>"));
        assert!(page.contains("data-rule=\"r&lt;1&gt;\""));
        assert!(page.contains("href=\"#rule-r_1_\""));
    }

    #[test]
    fn rule_anchors_are_safe_ids() {
        assert_eq!(rule_anchor("tortured-phrase"), "rule-tortured-phrase");
        assert_eq!(rule_anchor("X\"><b"), "rule-____b");
    }
}

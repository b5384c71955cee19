//! Inline suppressions: comments in the checked text that silence findings.
//!
//! ```text
//! <!-- spinlint-disable-next-line tortured-phrase -->   the next non-blank line
//! <!-- spinlint-disable tortured-phrase -->             until `spinlint-enable tortured-phrase`
//! <!-- spinlint-enable tortured-phrase -->               (or the end of the file)
//! <!-- spinlint-disable-file -->                        the whole file
//! ```
//!
//! A directive sits in an HTML comment or alone on a plain line; rule ids are separated by commas
//! or spaces, none means every rule, and ` -- ` starts a free-text reason. A directive is never
//! prose: findings overlapping it are dropped. Each rule of a directive that silences nothing is
//! reported as `unused-suppression`. The scan looks for the byte string `spinlint-` first, so text
//! without directives costs one fast substring search.

use crate::config::did_you_mean;
use crate::findings::{Applicability, Finding, Severity};
use crate::span::Span;
use std::sync::Arc;

/// The rule id of a suppression that silences nothing.
pub const UNUSED: &str = "unused-suppression";

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `spinlint-disable-next-line`.
    NextLine,
    /// `spinlint-disable-file`.
    File,
    /// `spinlint-disable`.
    Disable,
    /// `spinlint-enable`.
    Enable,
}

impl Kind {
    /// The directive as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NextLine => "spinlint-disable-next-line",
            Kind::File => "spinlint-disable-file",
            Kind::Disable => "spinlint-disable",
            Kind::Enable => "spinlint-enable",
        }
    }
}

/// One directive found in the text.
#[derive(Clone, Debug)]
pub struct Directive {
    /// What it does.
    pub kind: Kind,
    /// The keyword (`spinlint-disable…`).
    pub keyword: Span,
    /// The rule ids it names, with their spans; empty means every rule.
    pub rules: Vec<(String, Span)>,
    /// The whole comment or line: never prose.
    pub extent: Span,
}

/// A stretch of text where one rule (or every rule) is silenced.
#[derive(Clone, Debug)]
struct Region {
    range: Span,
    rule: Option<String>,
    origin: Origin,
}

/// The directives of one text and the regions they silence.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    regions: Vec<Region>,
    used: Vec<bool>,
    /// `spinlint-enable` rules (or whole directives) that closed no open `spinlint-disable`.
    stray: Vec<Origin>,
}

/// Finds the directives in `text`; `accept` rejects those whose extent is not a comment or prose
/// (a directive shown inside a code block, for instance).
pub fn scan(text: &str, accept: impl Fn(Span) -> bool) -> Suppressions {
    let mut directives = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), b"spinlint-") {
        if let Some(d) = parse_at(text, at).filter(|d| accept(d.extent)) {
            if directives
                .last()
                .is_none_or(|p: &Directive| p.extent.end <= d.keyword.start)
            {
                directives.push(d);
            }
        }
    }
    let (regions, stray) = regions(text, &directives);
    Suppressions {
        used: vec![false; regions.len()],
        directives,
        regions,
        stray,
    }
}

fn parse_at(text: &str, at: usize) -> Option<Directive> {
    let rest = &text[at..];
    let kind = [Kind::NextLine, Kind::File, Kind::Disable, Kind::Enable]
        .into_iter()
        .find(|k| {
            rest.starts_with(k.as_str())
                && !rest[k.as_str().len()..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-')
        })?;
    let kw_end = at + kind.as_str().len();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let before = &text[line_start..at];
    let (args_end, extent) = if before.trim().is_empty() {
        let end = text[kw_end..line_end]
            .find("-->")
            .map_or(line_end, |i| kw_end + i);
        (end, Span::new(line_start, line_end))
    } else {
        let open = text[..at].trim_end().strip_suffix("<!--")?.len();
        let close = kw_end + text[kw_end..].find("-->")?;
        (close, Span::new(open, close + 3))
    };
    let args_end = text[kw_end..args_end]
        .find(" -- ")
        .map_or(args_end, |i| kw_end + i);
    Some(Directive {
        kind,
        keyword: Span::new(at, kw_end),
        rules: rule_args(text, kw_end, args_end),
        extent,
    })
}

/// Rule ids between `from` and `to`, split at commas and white space.
fn rule_args(text: &str, from: usize, to: usize) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[from..to].char_indices().chain([(to - from, ' ')]) {
        let sep = c == ',' || c.is_whitespace();
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((
                    text[from + s..from + i].to_string(),
                    Span::new(from + s, from + i),
                ));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The start and end of the first non-blank line after `pos`.
fn next_line(text: &str, pos: usize) -> Option<Span> {
    let mut start = text[pos..].find('\n').map(|i| pos + i + 1)?;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if !text[start..end].trim().is_empty() {
            return Some(Span::new(start, end));
        }
        if end == text.len() {
            return None;
        }
        start = end + 1;
    }
}

/// Directive index and the index of the rule in it (`None` for every rule).
type Origin = (usize, Option<usize>);

/// The rules a directive names (or every rule), each with its origin.
fn targets(d: &Directive, i: usize) -> Vec<(Option<String>, Origin)> {
    if d.rules.is_empty() {
        return vec![(None, (i, None))];
    }
    d.rules
        .iter()
        .enumerate()
        .map(|(r, (id, _))| (Some(id.clone()), (i, Some(r))))
        .collect()
}

/// The regions the directives silence, and the `spinlint-enable` rules that closed none.
fn regions(text: &str, directives: &[Directive]) -> (Vec<Region>, Vec<Origin>) {
    let mut out = Vec::new();
    let mut stray = Vec::new();
    // Regions opened by `spinlint-disable`, their end not known yet.
    let mut open: Vec<Region> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let at = |range: Span| {
            targets(d, i).into_iter().map(move |(rule, origin)| Region {
                range,
                rule,
                origin,
            })
        };
        match d.kind {
            Kind::File => out.extend(at(Span::new(0, text.len()))),
            Kind::NextLine => {
                let end = Span::new(text.len(), text.len());
                out.extend(at(next_line(text, d.extent.end).unwrap_or(end)));
            }
            Kind::Disable => open.extend(at(Span::new(d.extent.end, d.extent.end))),
            Kind::Enable => {
                let names: Vec<Option<String>> =
                    d.rules.iter().map(|(r, _)| Some(r.clone())).collect();
                let (closed, still): (Vec<Region>, Vec<Region>) = open
                    .into_iter()
                    .partition(|r| names.is_empty() || names.contains(&r.rule));
                open = still;
                if names.is_empty() && closed.is_empty() {
                    stray.push((i, None));
                }
                for (k, name) in names.iter().enumerate() {
                    if !closed.iter().any(|r| r.rule == *name) {
                        stray.push((i, Some(k)));
                    }
                }
                out.extend(closed.into_iter().map(|mut r| {
                    r.range.end = d.extent.start.max(r.range.start);
                    r
                }));
            }
        }
    }
    out.extend(open.into_iter().map(|mut r| {
        r.range.end = text.len();
        r
    }));
    (out, stray)
}

impl Suppressions {
    /// True when the text holds no directive.
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// The directives found, in order.
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// True when `span` overlaps a directive (which is never prose).
    pub fn in_directive(&self, span: Span) -> bool {
        self.directives
            .iter()
            .any(|d| d.extent.overlaps(span) || (span.is_empty() && d.extent.start == span.start))
    }

    /// Drops findings that overlap a directive or that a directive silences.
    pub fn apply(&mut self, findings: &mut Vec<Finding>) {
        if self.is_empty() {
            return;
        }
        findings.retain(|f| !self.in_directive(f.span));
        findings.retain(|f| {
            // The first directive that silences a finding uses it; a later one covering the same
            // finding (a second `spinlint-disable-file`) silences nothing new.
            let first = self
                .regions
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    r.rule.as_deref().is_none_or(|id| id == &*f.rule)
                        && f.span.start >= r.range.start
                        && f.span.start < r.range.end
                })
                .min_by_key(|(_, r)| r.origin)
                .map(|(i, _)| i);
            if let Some(i) = first {
                self.used[i] = true;
            }
            first.is_none()
        });
    }

    /// `unused-suppression` findings for every rule of a directive that silenced nothing.
    /// `wanted` says whether a rule is checked in this run; `known` lists every rule id.
    pub fn unused<'a>(
        &self,
        wanted: impl Fn(&str) -> bool,
        known: impl Fn(&str) -> bool,
        all_known: impl Fn() -> Vec<&'a str>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, r) in self.regions.iter().enumerate() {
            let d = &self.directives[r.origin.0];
            let (span, message, label) = match (r.origin.1, &r.rule) {
                (Some(k), Some(id)) if !known(id) => (
                    d.rules[k].1,
                    format!("\"{id}\" in a suppression is not a rule id"),
                    format!(
                        "unknown rule id{}",
                        did_you_mean(id, all_known()).replace('`', "\"")
                    ),
                ),
                _ if self.used[i] => continue,
                (Some(k), Some(id)) if wanted(id) => (
                    d.rules[k].1,
                    format!("\"{} {id}\" suppresses nothing", d.kind.as_str()),
                    format!("no \"{id}\" finding here to silence"),
                ),
                (None, _) => (
                    d.keyword,
                    format!("\"{}\" suppresses nothing", d.kind.as_str()),
                    "no finding here to silence".to_string(),
                ),
                _ => continue,
            };
            out.push(unused_finding(span, message, label));
        }
        for &(i, k) in &self.stray {
            let d = &self.directives[i];
            let (span, id) = match k {
                Some(k) => (d.rules[k].1, Some(d.rules[k].0.as_str())),
                None => (d.keyword, None),
            };
            if id.is_some_and(|id| !known(id)) {
                continue;
            }
            let named = id.map_or(String::new(), |id| format!(" {id}"));
            out.push(unused_finding(
                span,
                format!("\"spinlint-enable{named}\" enables nothing"),
                format!("no \"spinlint-disable{named}\" is open here"),
            ));
        }
        out
    }
}

fn unused_finding(span: Span, message: String, label: String) -> Finding {
    Finding {
        rule: Arc::from(UNUSED),
        severity: Severity::Info,
        message,
        span,
        text: String::new(),
        suggestion: None,
        confidence: 1.0,
        pack: Arc::from("builtin"),
        table: None,
        label,
        notes: vec!["remove the comment, or name the rule it is meant for".into()],
        applicability: Applicability::Unsafe,
        related: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, phrase: &str) -> Finding {
        let start = text.find(phrase).expect("phrase in text");
        let mut f = unused_finding(
            Span::new(start, start + phrase.len()),
            String::new(),
            String::new(),
        );
        f.rule = Arc::from("tortured-phrase");
        f
    }

    fn unused(s: &Suppressions) -> Vec<String> {
        s.unused(|_| true, |id| id == "tortured-phrase", Vec::new)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn a_stray_enable_and_a_second_disable_file_are_unused() {
        let text = "spinlint-enable tortured-phrase\nspinlint-disable-file\nspinlint-disable-file\nharmony track\n";
        let mut s = scan(text, |_| true);
        let mut found = vec![finding(text, "harmony track")];
        s.apply(&mut found);
        assert!(found.is_empty());
        let messages: Vec<String> = s
            .unused(|_| true, |_| true, Vec::new)
            .into_iter()
            .map(|f| format!("{}: {}", f.span.start, f.message))
            .collect();
        assert_eq!(
            messages,
            [
                "54: \"spinlint-disable-file\" suppresses nothing".to_string(),
                "16: \"spinlint-enable tortured-phrase\" enables nothing".to_string(),
            ]
        );
        // An enable that closes its disable is used.
        let text =
            "spinlint-disable tortured-phrase\nharmony track\nspinlint-enable tortured-phrase\n";
        let mut s = scan(text, |_| true);
        s.apply(&mut vec![finding(text, "harmony track")]);
        assert!(s.unused(|_| true, |_| true, Vec::new).is_empty());
    }

    #[test]
    fn next_line_in_a_comment_skips_blank_lines() {
        let text = "<!-- spinlint-disable-next-line tortured-phrase -->\n\nthe harmony track\nharmony track\n";
        let mut s = scan(text, |_| true);
        let mut f = vec![
            finding(text, "harmony track"),
            finding(text, "harmony track\n"),
        ];
        f[1].span = Span::new(text.rfind("harmony").unwrap(), text.len() - 1);
        s.apply(&mut f);
        assert_eq!(f.len(), 1);
        assert!(unused(&s).is_empty());
    }

    #[test]
    fn disable_enable_regions_and_reasons() {
        let text = "spinlint-disable tortured-phrase -- quoted on purpose\nharmony track\nspinlint-enable tortured-phrase\nharmony path\n";
        let mut s = scan(text, |_| true);
        assert_eq!(s.directives()[0].rules.len(), 1);
        let mut f = vec![
            finding(text, "harmony track"),
            finding(text, "harmony path"),
        ];
        s.apply(&mut f);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "");
        assert_eq!(&text[f[0].span.start..f[0].span.end], "harmony path");
    }

    #[test]
    fn unused_and_unknown_rules_are_reported_at_the_rule() {
        let text = "Fine text.\n<!-- spinlint-disable-file tortured-phrase, tortured-phrse -->\n";
        let s = scan(text, |_| true);
        let found = s.unused(
            |_| true,
            |id| id == "tortured-phrase",
            || vec!["tortured-phrase"],
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "tortured-phrase"
        );
        assert!(
            found[1].label.contains("did you mean \"tortured-phrase\""),
            "{}",
            found[1].label
        );
        assert_eq!(found[1].rule.as_ref(), UNUSED);
    }

    #[test]
    fn directives_inside_prose_or_rejected_regions_do_not_count() {
        assert!(scan("Run spinlint-disable-file to stop.\n", |_| true).is_empty());
        assert!(scan("spinlint-disabled\n", |_| true).is_empty());
        assert!(scan("<!-- spinlint-disable-file -->", |_| false).is_empty());
        assert!(scan("<!-- spinlint-disable-file", |_| true).is_empty());
    }

    #[test]
    fn findings_inside_a_directive_are_dropped_without_using_it() {
        let text = "spinlint-disable-next-line harmony track\nok\n";
        let mut s = scan(text, |_| true);
        let mut f = vec![finding(text, "harmony track")];
        s.apply(&mut f);
        assert!(f.is_empty());
        // "harmony" and "track" are read as rule ids, and neither is one.
        assert_eq!(unused(&s).len(), 2);
    }
}

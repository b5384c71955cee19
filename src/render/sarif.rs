//! SARIF 2.1.0 for code scanning: one run, every known rule in `tool.driver.rules` with its
//! `explain` text as help, one result per finding.
//!
//! Regions give lines and columns in code points (`columnKind: unicodeCodePoints`, end column
//! exclusive) and the byte offset and length. `partialFingerprints` carry the baseline key's hash
//! (rule, text and context, not the line) with a counter for repeats, so a finding keeps its
//! identity when lines move. Safe suggestions become `fixes`.

use super::FileReport;
use crate::baseline::Entry;
use crate::docs;
use crate::findings::{Finding, Severity};
use crate::rules::RuleSet;
use crate::span::LineIndex;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// What SARIF says about one rule id.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// The rule id.
    pub id: String,
    /// One line.
    pub summary: String,
    /// The longer help text (what, why, example, instead, how to silence).
    pub help: String,
    /// The default severity.
    pub severity: Severity,
}

/// Every rule id known: built-in ones with their documentation, then ids of pack tables.
pub fn rule_metas(rules: &RuleSet) -> Vec<RuleMeta> {
    let mut out: BTreeMap<String, RuleMeta> = BTreeMap::new();
    for d in docs::RULES {
        let help = format!(
            "{}\n\nWhat it catches: {}\n\nWhy it matters: {}\n\nExample: {}\nInstead: {}\n\n{}",
            d.summary,
            d.what,
            d.why,
            d.example,
            d.instead,
            docs::silence_text(d.id)
        );
        let severity = rules
            .tables_for(d.id)
            .next()
            .map_or(default_severity(d.id), |t| t.severity);
        out.insert(
            d.id.to_string(),
            RuleMeta {
                id: d.id.to_string(),
                summary: d.summary.to_string(),
                help,
                severity,
            },
        );
    }
    for t in &rules.tables {
        out.entry(t.rule.to_string()).or_insert_with(|| {
            let summary = t.description.clone().unwrap_or_else(|| t.rule.to_string());
            RuleMeta {
                id: t.rule.to_string(),
                help: format!("{summary}\n\n{}", docs::silence_text(&t.rule)),
                summary,
                severity: t.severity,
            }
        });
    }
    out.into_values().collect()
}

fn default_severity(id: &str) -> Severity {
    if id == crate::suppress::UNUSED {
        Severity::Info
    } else {
        Severity::Warning
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a SARIF URI reference: `/` separators, percent-encoded where URIs need it.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SARIF log of `reports`.
pub fn log(reports: &[FileReport], rules: &[RuleMeta], version: &str) -> Value {
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let lines = r.line_index();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for f in &r.findings {
            let fp = Entry::new(&r.path, &r.text, f).fingerprint();
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            let fingerprint = format!("{fp}:{n}");
            results.push(result(
                r,
                &lines,
                f,
                index.get(&*f.rule).copied(),
                fingerprint,
            ));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "spinlint",
                "version": version,
                "semanticVersion": version,
                "rules": rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Records in `log` how the run went: `invocations[0].executionSuccessful`, false when any of
/// `errors` (files that could not be read, and the like) occurred, each a notification.
pub fn set_invocation(log: &mut Value, errors: &[String]) {
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| json!({"level": "error", "message": {"text": e}}))
        .collect();
    let mut invocation = json!({"executionSuccessful": errors.is_empty()});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    if let Some(run) = log.pointer_mut("/runs/0") {
        run["invocations"] = json!([invocation]);
    }
}

fn rule(r: &RuleMeta) -> Value {
    json!({
        "id": r.id,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.help},
        "defaultConfiguration": {"level": level(r.severity)},
    })
}

fn region(r: &FileReport, lines: &LineIndex, f: &Finding) -> Value {
    let start = lines.line_col(&r.text, f.span.start);
    let end = lines.end_line_col(&r.text, f.span);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": f.span.start,
        "byteLength": f.span.len(),
    })
}

fn result(
    r: &FileReport,
    lines: &LineIndex,
    f: &Finding,
    rule_index: Option<usize>,
    fingerprint: String,
) -> Value {
    let location =
        json!({"artifactLocation": {"uri": uri(&r.path)}, "region": region(r, lines, f)});
    let mut v = json!({
        "ruleId": &*f.rule,
        "level": level(f.severity),
        "message": {"text": message(f)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"spinlint/v1": fingerprint},
        "properties": {"confidence": round(f.confidence), "pack": &*f.pack},
    });
    if let Some(i) = rule_index {
        v["ruleIndex"] = json!(i);
    }
    if let (true, Some(s)) = (f.is_fixable(), &f.suggestion) {
        v["fixes"] = json!([{
            "description": {"text": format!("write \"{s}\"")},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(&r.path)},
                "replacements": [{
                    "deletedRegion": region(r, lines, f),
                    "insertedContent": {"text": s},
                }],
            }],
        }]);
    }
    v
}

fn message(f: &Finding) -> String {
    match &f.suggestion {
        Some(s) => format!("{}; write \"{s}\"", f.message),
        None => f.message.clone(),
    }
}

fn round(x: f32) -> f64 {
    format!("{x}").parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("/tmp/é.txt"), "file:///tmp/%C3%A9.txt");
    }
}

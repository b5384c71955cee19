//! `--statistics`: how many findings each rule has, and how many `--fix` would apply.

use super::FileReport;
use serde::Serialize;
use std::collections::BTreeMap;

/// The count of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Rule id.
    pub rule: String,
    /// Findings.
    pub count: usize,
    /// Findings with a safe fix.
    pub fixable: usize,
}

/// Counts per rule, most frequent first, then by id.
pub fn counts(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        let e = by_rule.entry(&f.rule).or_default();
        e.0 += 1;
        e.1 += usize::from(f.is_fixable());
    }
    let mut out: Vec<RuleCount> = by_rule
        .into_iter()
        .map(|(rule, (count, fixable))| RuleCount {
            rule: rule.to_string(),
            count,
            fixable,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    out
}

/// The counts as a table, one rule a line.
pub fn table(counts: &[RuleCount]) -> String {
    counts
        .iter()
        .map(|c| format!("{:>7}  {:<24} {} fixable\n", c.count, c.rule, c.fixable))
        .collect()
}

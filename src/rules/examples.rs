//! Running the `examples` of rule tables: each `fire` line must draw a finding of its table, no
//! `silent` line may. `cargo test` runs those of the bundled packs; `spinlint rules --test` runs
//! those of every pack loaded, house packs included, and points at each failing line.
//!
//! A phrase table's finding names its table. An engine check runs once per rule id and kind
//! whatever number of tables configure it ([`crate::checks`]), so an example of a check table
//! is answered by any finding of its rule id from a table of its kind.

use super::pack::Kind;
use super::{PackSource, RuleSet};
use crate::engine::Linter;
use std::sync::Arc;

/// An example line that did not behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Pack name.
    pub pack: Arc<str>,
    /// Table name.
    pub table: Arc<str>,
    /// The example line.
    pub text: String,
    /// True for a `fire` line that drew nothing, false for a `silent` line that drew a finding.
    pub should_fire: bool,
}

impl Failure {
    /// `should fire` or `should be silent`.
    pub fn expectation(&self) -> &'static str {
        if self.should_fire {
            "should fire"
        } else {
            "should be silent"
        }
    }
}

/// What a run of the examples found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Example lines run.
    pub checked: usize,
    /// Those that failed, in pack and table order.
    pub failures: Vec<Failure>,
}

/// The options to run examples with: every finding counts, whatever its confidence, since an
/// example tests its table and not the threshold that hides a finding by default.
pub fn options() -> crate::engine::Options {
    crate::engine::Options {
        min_confidence: 0.0,
        ..crate::engine::Options::default()
    }
}

/// Runs the examples of every table of `linter`'s rules (built with [`options`]).
pub fn run(linter: &Linter) -> Outcome {
    let rules = linter.rules();
    let mut out = Outcome::default();
    for t in &rules.tables {
        let answers = |line: &str| {
            linter.check(line).iter().any(|f| {
                if !t.kind.is_check() {
                    return f.pack == t.pack && f.table.as_deref() == Some(&*t.name);
                }
                f.rule == t.rule && kind_of(rules, &f.pack, f.table.as_deref()) == Some(t.kind)
            })
        };
        let lines = t.examples.fire.iter().map(|l| (l, true));
        for (line, should_fire) in lines.chain(t.examples.silent.iter().map(|l| (l, false))) {
            out.checked += 1;
            if answers(line) != should_fire {
                out.failures.push(Failure {
                    pack: t.pack.clone(),
                    table: t.name.clone(),
                    text: line.clone(),
                    should_fire,
                });
            }
        }
    }
    out
}

fn kind_of(rules: &RuleSet, pack: &str, table: Option<&str>) -> Option<Kind> {
    let table = table?;
    rules
        .tables
        .iter()
        .find(|t| &*t.pack == pack && &*t.name == table)
        .map(|t| t.kind)
}

/// The file and 1-based line of `failure`'s example in `sources` (the pack files loaded): the
/// first line after the table's `name:` that holds the example's text, else the table's line.
pub fn locate(
    failure: &Failure,
    sources: &[PackSource],
    rules: &RuleSet,
) -> Option<(String, usize)> {
    let path = &rules.packs.iter().find(|p| p.name == failure.pack)?.path;
    let src = sources.iter().find(|s| &s.path == path)?;
    let text = &*src.text;
    let table = text
        .match_indices(&*failure.table)
        .find(|(i, _)| text[..*i].trim_end().ends_with("name:"))
        .map_or(0, |(i, _)| i);
    let at = text[table..]
        .find(failure.text.as_str())
        .map_or(table, |i| table + i);
    let line = text[..at].matches('\n').count() + 1;
    Some((path.clone(), line))
}

//! Runs the `examples` of every table of every bundled pack: each `fire` line must draw a finding
//! from its table, no `silent` line may. All failures are reported together.

use spinlint::rules::{bundled_packs, RuleSet};
use spinlint::Linter;

#[test]
fn every_table_example_behaves() {
    let rules = RuleSet::load(&bundled_packs()).expect("bundled packs load");
    let tables: Vec<(String, String, Vec<String>, Vec<String>)> = rules
        .tables
        .iter()
        .map(|t| {
            (
                t.pack.to_string(),
                t.name.to_string(),
                t.examples.fire.clone(),
                t.examples.silent.clone(),
            )
        })
        .collect();
    let linter = Linter::new(rules, spinlint::rules::examples::options());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (pack, table, fire, silent) in &tables {
        let from_table = |line: &str| {
            linter
                .check(line)
                .into_iter()
                .any(|f| &*f.pack == pack && f.table.as_deref() == Some(table.as_str()))
        };
        for line in fire {
            checked += 1;
            if !from_table(line) {
                failures.push(format!("{pack}/{table}: should fire: {line}"));
            }
        }
        for line in silent {
            checked += 1;
            if from_table(line) {
                failures.push(format!("{pack}/{table}: should be silent: {line}"));
            }
        }
    }
    assert!(checked > 0, "no examples found in the bundled packs");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_table_has_examples_of_both_kinds() {
    let rules = RuleSet::load(&bundled_packs()).expect("bundled packs load");
    let missing: Vec<String> = rules
        .tables
        .iter()
        .filter(|t| t.examples.fire.is_empty() || t.examples.silent.is_empty())
        .map(|t| format!("{}/{}", t.pack, t.name))
        .collect();
    assert!(
        missing.is_empty(),
        "tables without fire and silent examples: {missing:?}"
    );
}

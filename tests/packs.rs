//! Malformed packs are reported like compiler errors: file, line, column, what is wrong.

use spinlint::rules::{PackSource, RuleSet};
use std::sync::Arc;

fn load_err(yaml: &str) -> (String, Option<(usize, usize)>) {
    let src = PackSource {
        path: "user/bad.yaml".into(),
        text: Arc::from(yaml),
    };
    let errors = RuleSet::load(&[src]).expect_err("pack should be rejected");
    (errors[0].message.clone(), errors[0].position())
}

const HEAD: &str = "pack: bad\ndescription: d\nsource: s\n";

#[test]
fn unknown_key_points_at_the_key() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: phrases\n    phrase:\n      a b: c d\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("unknown field `phrase`"), "{msg}");
    assert_eq!(pos, Some((8, 5)));
}

#[test]
fn wrong_type_is_named() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: phrases\n    confidence: high\n    phrases: {{a b: c d}}\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("confidence between 0 and 1"), "{msg}");
    assert_eq!(pos.map(|p| p.0), Some(8));
}

#[test]
fn empty_phrase_points_at_the_entry() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations: [peace talks, '  ']\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("empty phrase"), "{msg}");
    assert_eq!(pos, Some((8, 33)));
}

#[test]
fn duplicate_entry_points_at_the_second_one() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: phrases\n    phrases:\n      profound learning: deep learning\n      Profound  Learning: deep learning\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("duplicate entry `profound learning`"), "{msg}");
    assert_eq!(pos, Some((10, 7)));
}

#[test]
fn undefined_class_is_reported_where_used() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations:\n      - ethnic {{demonym}}\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("class `demonym` is never defined"), "{msg}");
    assert_eq!(pos, Some((9, 9)));
}

#[test]
fn kind_and_keys_must_agree() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: phrases\n    collocations: [peace talks]\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("takes `phrases`"), "{msg}");
    assert_eq!(pos.map(|p| p.0), Some(5));
}

#[test]
fn rule_ids_must_be_kebab_case() {
    let yaml = format!("{HEAD}tables:\n  - rule: Tortured_Phrase\n    name: t\n    kind: phrases\n    phrases: {{a b: c d}}\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("not kebab-case"), "{msg}");
    assert_eq!(pos, Some((5, 11)));
}

#[test]
fn a_valid_pack_loads_and_counts_entries() {
    let yaml = format!("{HEAD}classes:\n  demonym: [Armenian]\ntables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations: [peace track, 'ethnic {{demonym}}']\n    substitutions: {{peace: [harmony], ethnic: [cultural]}}\n");
    let src = PackSource {
        path: "ok.yaml".into(),
        text: Arc::from(yaml.as_str()),
    };
    let rules = RuleSet::load(&[src]).expect("valid pack");
    assert_eq!(rules.tables[0].entries, 2);
}

#[test]
fn entry_maps_reject_unknown_keys() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    collocations:\n      - {{phrase: peace track, substitution: {{peace: [harmony]}}}}\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("unknown field `substitution`"), "{msg}");
    assert_eq!(pos.map(|p| p.0), Some(9));
}

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
    assert_eq!(pos, Some((8, 5)), "at the key that does not fit");
    let yaml = format!("{HEAD}tables:\n  - rule: repeated-word\n    name: t\n    kind: repeated-word\n    inflect: false\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("does not take `inflect`"), "{msg}");
    assert!(!msg.contains('\u{1}'), "{msg:?}");
    assert_eq!(pos, Some((8, 5)));
    let yaml = format!(
        "{HEAD}tables: [{{rule: repeated-word, name: t, kind: repeated-word, min-count: 2}}]\n"
    );
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("does not take `min-count`"), "{msg}");
    assert_eq!(pos, Some((4, 62)));
}

#[test]
fn an_unknown_kind_of_name_is_an_error_at_its_value() {
    let yaml = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: t\n    kind: collocations\n    names: surname\n    collocations: [bill]\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("unknown variant `surname`"), "{msg}");
    assert!(msg.contains("`proper`, `given`, `heads`"), "{msg}");
    assert_eq!(pos, Some((8, 12)), "at the value");
}

#[test]
fn an_empty_pack_is_an_error_at_tables() {
    let (msg, pos) = load_err(&format!("{HEAD}tables: []\n"));
    assert!(msg.contains("pack `bad` is empty"), "{msg}");
    assert_eq!(pos, Some((4, 1)));
    // A pack of classes only is what other packs use.
    let src = PackSource {
        path: "classes.yaml".into(),
        text: Arc::from("pack: classes\ndescription: d\nsource: s\nclasses:\n  demonym: [Armenian]\ntables: []\n"),
    };
    RuleSet::load(&[src]).expect("a pack of classes loads");
}

#[test]
fn misspelt_pack_keys_get_a_suggestion() {
    let (msg, pos) = load_err(&format!(
        "{HEAD}tables:\n  - rule: tortured-phrase\n    nme: t\n"
    ));
    assert!(msg.contains("did you mean `name`?"), "{msg}");
    assert_eq!(pos, Some((6, 5)));
}

#[test]
fn a_pack_loaded_twice_names_the_first_file() {
    let text = format!("{HEAD}tables: [{{rule: repeated-word, name: t, kind: repeated-word}}]\n");
    let srcs: Vec<PackSource> = ["one/bad.yaml", "two/bad.yaml"]
        .iter()
        .map(|p| PackSource {
            path: (*p).into(),
            text: Arc::from(text.as_str()),
        })
        .collect();
    let errors = RuleSet::load(&srcs).expect_err("rejected");
    assert!(
        errors[0]
            .message
            .contains("already loaded, from one/bad.yaml"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].path, "two/bad.yaml");
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

#[test]
fn check_tables_take_only_their_settings() {
    let yaml = format!("{HEAD}tables:\n  - rule: quote-placement\n    name: q\n    kind: quote-placement\n    min-similarity: 0.9\n");
    let (msg, pos) = load_err(&yaml);
    assert!(
        msg.contains("does not take `min-similarity` (it takes no settings)"),
        "{msg}"
    );
    assert_eq!(pos, Some((8, 5)), "at the key");
    let yaml = format!("{HEAD}tables:\n  - rule: name-drift\n    name: n\n    kind: name-drift\n    max-words: 3\n");
    let (msg, _) = load_err(&yaml);
    assert!(
        msg.contains("it takes only `allow`, `min-similarity`, `min-length`"),
        "{msg}"
    );
}

#[test]
fn check_tables_take_no_phrases() {
    let yaml = format!("{HEAD}tables:\n  - rule: repeated-word\n    name: r\n    kind: repeated-word\n    phrases: {{a b: c d}}\n");
    let (msg, _) = load_err(&yaml);
    assert!(msg.contains("is an engine check"), "{msg}");
}

#[test]
fn bad_setting_values_point_at_the_value() {
    let yaml = format!("{HEAD}tables:\n  - rule: name-drift\n    name: n\n    kind: name-drift\n    min-similarity: 1.5\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("1.5 is outside [0, 1]"), "{msg}");
    assert_eq!(pos, Some((8, 21)));
    let yaml = format!("{HEAD}tables:\n  - rule: name-drift\n    name: n\n    kind: name-drift\n    min-length: 0\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("0 is outside 1..="), "{msg}");
    assert_eq!(pos, Some((8, 17)));
    let yaml = format!("{HEAD}tables:\n  - rule: name-drift\n    name: n\n    kind: name-drift\n    min-length: many\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("a whole number from 1"), "{msg}");
    assert_eq!(pos.map(|p| p.0), Some(8));
}

#[test]
fn demonym_drift_needs_a_defined_class() {
    let yaml =
        format!("{HEAD}tables:\n  - rule: name-drift\n    name: d\n    kind: demonym-drift\n");
    let (msg, _) = load_err(&yaml);
    assert!(msg.contains("needs `class`"), "{msg}");
    let yaml = format!("{HEAD}tables:\n  - rule: name-drift\n    name: d\n    kind: demonym-drift\n    class: demonym\n");
    let (msg, pos) = load_err(&yaml);
    assert!(msg.contains("class `demonym` is never defined"), "{msg}");
    assert_eq!(pos, Some((8, 12)));
}

#[test]
fn a_check_table_configures_its_check() {
    let yaml = format!("{HEAD}tables:\n  - rule: doubled-word\n    name: r\n    kind: repeated-word\n    severity: error\n    confidence: 0.6\n    allow: [the the]\n");
    let src = PackSource {
        path: "house.yaml".into(),
        text: Arc::from(yaml.as_str()),
    };
    let rules = RuleSet::load(&[src]).expect("valid pack");
    let linter = spinlint::Linter::new(rules, spinlint::Options::default());
    let found = linter.check("It was a a test of the the rule.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&*found[0].rule, "doubled-word");
    assert_eq!(found[0].severity, spinlint::Severity::Error);
    assert_eq!(found[0].confidence, 0.6);
    assert_eq!(found[0].text, "a a");
}

/// The four indentation mistakes of a `phrases` table, each reported at its own line.
#[test]
fn indentation_mistakes_point_at_the_line() {
    let good = format!("{HEAD}tables:\n  - rule: tortured-phrase\n    name: fp\n    kind: phrases\n    phrases:\n      profound learning: deep learning\n    confidence: 0.9\n    severity: error\n");
    let cases = [
        ("    phrases:", "     phrases:", (8, 6), "indented deeper"),
        (
            "    severity:",
            "   severity:",
            (11, 4),
            "matches no enclosing level",
        ),
        (
            "    severity:",
            "      severity:",
            (11, 7),
            "indented deeper",
        ),
        (
            "    kind:",
            "   kind:",
            (7, 4),
            "matches no enclosing level",
        ),
    ];
    for (from, to, at, says) in cases {
        let (msg, pos) = load_err(&good.replacen(from, to, 1));
        assert!(msg.contains(says), "{to:?}: {msg}");
        assert_eq!(pos, Some(at), "{to:?}");
    }
}

/// A house pack with a table of an engine check's kind configures the check the bundled
/// `hygiene` pack switches on: one finding per problem, the house settings applied.
#[test]
fn an_engine_check_declared_twice_runs_once() {
    use spinlint::rules::bundled_packs;
    use spinlint::{Linter, Options};
    let text =
        "Sergei Lavrov met the envoy. Later, Lavrow said talks would go on, and Lavrov agreed.";
    let house = |extra: &str| {
        PackSource {
        path: "house/house-names.yaml".into(),
        text: Arc::from(format!(
            "pack: house-names\ndescription: x\nsource: x\ntables: [{{rule: name-drift, name: names, kind: name-drift{extra}}}]\n"
        )),
    }
    };
    let findings = |extra: &str| {
        let mut sources = bundled_packs();
        sources.push(house(extra));
        let rules = RuleSet::load(&sources).expect("packs load");
        Linter::new(rules, Options::default())
            .check(text)
            .into_iter()
            .filter(|f| &*f.rule == "name-drift")
            .collect::<Vec<_>>()
    };
    let found = findings("");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (&*found[0].pack, found[0].text.as_str()),
        ("house-names", "Lavrow")
    );
    assert!(findings(", allow: [Lavrow]").is_empty());
}

//! The bundled tables stay canonical: lists sorted, no substitute equal to its own key, no
//! substitution cycles, no substitution that turns one listed expression of a table into another
//! listed one.

use serde_yaml::Value;
use spinlint::rules::bundled_packs;

fn sorted_problems(path: &str, what: &str, items: &[String], out: &mut Vec<String>) {
    let keys: Vec<String> = items.iter().map(|s| s.to_lowercase()).collect();
    for pair in keys.windows(2) {
        if pair[0] > pair[1] {
            out.push(format!(
                "{path}: {what}: `{}` comes before `{}`",
                pair[0], pair[1]
            ));
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(items) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Mapping(m) => m.get("phrase").and_then(Value::as_str).map(String::from),
                _ => None,
            })
            .collect(),
        Value::Mapping(m) => m
            .keys()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => vec![],
    }
}

#[test]
fn bundled_tables_are_sorted_and_consistent() {
    let mut problems = Vec::new();
    for src in bundled_packs() {
        let pack: Value = serde_yaml::from_str(&src.text).expect("bundled pack parses");
        let tables = pack["tables"].as_sequence().cloned().unwrap_or_default();
        for t in &tables {
            let name = t["name"].as_str().unwrap_or("?");
            let at = format!("{} table {name}", src.path);
            let colls = strings(&t["collocations"]);
            sorted_problems(&at, "collocations", &colls, &mut problems);
            sorted_problems(&at, "allow", &strings(&t["allow"]), &mut problems);
            sorted_problems(&at, "phrases", &strings(&t["phrases"]), &mut problems);
            let subs = t["substitutions"].as_mapping().cloned().unwrap_or_default();
            let pack_subs = pack["substitutions"]
                .as_mapping()
                .cloned()
                .unwrap_or_default();
            for (k, v) in subs.iter().chain(pack_subs.iter()) {
                let key = k.as_str().unwrap_or("").to_lowercase();
                let values = strings(v);
                sorted_problems(
                    &at,
                    &format!("substitutes of `{key}`"),
                    &values,
                    &mut problems,
                );
                for value in &values {
                    if value.to_lowercase() == key {
                        problems.push(format!("{at}: `{key}` lists itself as a substitute"));
                    }
                    // Swapping `key` for `value` in one listed expression must not give another.
                    for c in &colls {
                        let c = c.to_lowercase();
                        let words: Vec<&str> = c.split(' ').collect();
                        for (i, w) in words.iter().enumerate() {
                            if *w == key {
                                let mut variant = words.clone();
                                variant[i] = value;
                                let variant = variant.join(" ").to_lowercase();
                                if colls.iter().any(|o| o.to_lowercase() == variant) {
                                    problems.push(format!(
                                        "{at}: `{key}` -> `{value}` turns `{c}` into the listed `{variant}`"
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn classes_cover_every_un_member_state_and_its_adjective() {
    let src = bundled_packs()
        .into_iter()
        .find(|p| p.path.ends_with("news-politics.yaml"))
        .expect("news-politics pack");
    let pack: Value = serde_yaml::from_str(&src.text).expect("parses");
    let class = |name: &str| -> Vec<String> { strings(&pack["classes"][name]) };
    let (countries, demonyms) = (class("country"), class("demonym"));
    let fixture = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/un_members.tsv"),
    )
    .expect("fixture");
    let mut missing = Vec::new();
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (country, adjective) = line.split_once('\t').expect("two columns");
        if !countries.iter().any(|c| c == country) {
            missing.push(format!("country {country}"));
        }
        if !demonyms.iter().any(|d| d == adjective) {
            missing.push(format!("demonym {adjective}"));
        }
    }
    assert!(missing.is_empty(), "missing from the classes: {missing:?}");
}

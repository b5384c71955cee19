//! The bundled corpus: every finding recorded as a snapshot (human and JSON), plus the findings
//! the spun seeds must draw and the silence the edited seeds must keep.

use spinlint::render::{json, FileReport};
use spinlint::Finding;
use std::path::Path;

mod reports;
use reports::human_text;

fn report(name: &str) -> FileReport {
    reports::report("corpus", name)
}

fn json_text(r: &FileReport) -> String {
    let mut lines = Vec::new();
    json::records(r, |rec| {
        lines.push(serde_json::to_string(&rec).expect("json"))
    });
    lines.join("\n")
}

const FILES: &[&str] = &[
    "000_dc75caec1d2c0076.txt",
    "001_1cb1e3202df0fe09.txt",
    "002_9ccef687f09b7d79.txt",
    "003_ed5a135d6ad044a9.txt",
    "004_4bbd317e59388d95.txt",
];

#[test]
fn corpus_snapshots() {
    for name in FILES {
        let r = report(name);
        let stem = name.split('_').next().unwrap_or(name);
        insta::assert_snapshot!(format!("human_{stem}"), human_text(&r));
        insta::assert_snapshot!(format!("json_{stem}"), json_text(&r));
    }
}

/// The finding of `rule` overlapping `needle` (the n-th occurrence), if any.
fn finding_at<'a>(r: &'a FileReport, needle: &str, nth: usize, rule: &str) -> Option<&'a Finding> {
    let start = r.text.match_indices(needle).nth(nth)?.0;
    let span = spinlint::Span::new(start, start + needle.len());
    r.findings
        .iter()
        .find(|f| &*f.rule == rule && f.span.overlaps(span))
}

/// One named artifact of a seed.
struct Artifact {
    file: String,
    needle: String,
    nth: usize,
    suggestion: String,
    rule: String,
}

fn expect(r: &FileReport, a: &Artifact, missing: &mut Vec<String>) {
    let (needle, suggestion) = (&a.needle, &a.suggestion);
    match finding_at(r, needle, a.nth, &a.rule) {
        None => missing.push(format!("{}: no {} finding on {needle:?}", r.path, a.rule)),
        Some(f) => {
            let s = f.suggestion.as_deref().unwrap_or("");
            if !s.to_lowercase().contains(&suggestion.to_lowercase()) {
                missing.push(format!(
                    "{}: {needle:?} suggests {s:?}, want {suggestion:?}",
                    r.path
                ));
            }
        }
    }
}

/// The named artifacts of the seeds.
fn seed_artifacts() -> Vec<Artifact> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_artifacts.tsv");
    let text = std::fs::read_to_string(path).expect("seed artifact list");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Artifact {
                file: f[0].into(),
                needle: f[1].into(),
                nth: f[2].parse().expect("occurrence"),
                suggestion: f[3].into(),
                rule: f.get(4).unwrap_or(&"tortured-phrase").to_string(),
            }
        })
        .collect()
}

#[test]
fn seeds_draw_the_known_artifacts() {
    let mut missing = Vec::new();
    let artifacts = seed_artifacts();
    assert!(artifacts.len() >= 35, "artifact list too short");
    for a in &artifacts {
        expect(&report(&a.file), a, &mut missing);
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn edited_seeds_draw_only_the_mixed_quotes_of_003() {
    let found: Vec<(String, String)> = ["002_9ccef687f09b7d79.txt", "003_ed5a135d6ad044a9.txt"]
        .iter()
        .flat_map(|name| report(name).findings)
        .map(|f| (f.rule.to_string(), f.text))
        .collect();
    assert_eq!(found, [("mixed-quotes".to_string(), "\"".to_string())]);
}

#[test]
fn edited_and_scraped_seeds_draw_no_tortured_phrase() {
    for name in &FILES[2..] {
        let r = report(name);
        let found: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| &*f.rule == "tortured-phrase")
            .map(|f| f.text.as_str())
            .collect();
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}

//! Checking a file of the repository with the bundled packs and rendering it, for the snapshot
//! tests of the corpus and of the engine-check fixtures.

use spinlint::render::{human, FileReport};
use spinlint::rules::{bundled_packs, RuleSet};
use spinlint::{Linter, Options};
use std::path::Path;
use std::sync::OnceLock;

/// A linter over the bundled packs with default options, built once per test binary.
pub fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        let rules = RuleSet::load(&bundled_packs()).expect("bundled packs load");
        Linter::new(rules, Options::default())
    })
}

/// The findings of `dir/name` (a path from the repository root), as `check` reports them.
pub fn report(dir: &str, name: &str) -> FileReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(name);
    let text = std::fs::read_to_string(&path).expect("file in the repository");
    let findings = linter().check(&text);
    FileReport {
        path: format!("{dir}/{name}"),
        text,
        findings,
    }
}

/// The human (codespan) rendering of a report, without colour.
pub fn human_text(r: &FileReport) -> String {
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    human::emit_file(&mut out, r).expect("render");
    String::from_utf8(out.into_inner()).expect("UTF-8")
}

//! The engine checks on fixture texts written for them: each `NAME.txt` draws the diagnostics
//! recorded in its snapshot, and each `NAME_silent.txt` (the look-alikes that must not fire:
//! apostrophes, dialogue, brands, real different names, other languages' quotes) draws none.

use spinlint::render::{human, FileReport};
use spinlint::rules::{bundled_packs, RuleSet};
use spinlint::{Linter, Options};
use std::path::Path;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        let rules = RuleSet::load(&bundled_packs()).expect("bundled packs load");
        Linter::new(rules, Options::default())
    })
}

fn report(name: &str) -> FileReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checks")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let findings = linter().check(&text);
    FileReport {
        path: format!("tests/fixtures/checks/{name}"),
        text,
        findings,
    }
}

fn human_text(r: &FileReport) -> String {
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    human::emit_file(&mut out, r).expect("render");
    String::from_utf8(out.into_inner()).expect("UTF-8")
}

const FIRING: &[&str] = &[
    "quotes",
    "spacing",
    "unicode",
    "names",
    "names_demonym",
    "debris",
];

#[test]
fn fixtures_draw_their_diagnostics() {
    for name in FIRING {
        let r = report(&format!("{name}.txt"));
        insta::assert_snapshot!(format!("checks_{name}"), human_text(&r));
    }
}

#[test]
fn look_alikes_stay_silent() {
    let mut loud = Vec::new();
    for name in ["quotes", "spacing", "unicode", "names", "debris"] {
        let r = report(&format!("{name}_silent.txt"));
        loud.extend(
            r.findings
                .iter()
                .map(|f| format!("{name}_silent.txt: {} {:?}", f.rule, f.text)),
        );
    }
    assert!(loud.is_empty(), "{}", loud.join("\n"));
}

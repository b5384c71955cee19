//! The engine checks on fixture texts written for them: each `NAME.txt` draws the diagnostics
//! recorded in its snapshot, and each `NAME_silent.txt` (the look-alikes that must not fire:
//! apostrophes, dialogue, brands, real different names, other languages' quotes) draws none.

use spinlint::render::FileReport;

mod reports;
use reports::{human_text, linter};

fn report(name: &str) -> FileReport {
    reports::report("tests/fixtures/checks", name)
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

/// Names that all share one sound-alike skeleton: `Bab`, `Beb`, ... `Buzuwa`.
fn sound_alike_names(n: usize) -> String {
    let vowels = ['a', 'e', 'i', 'o', 'u', 'y'];
    (0..n)
        .map(|i| {
            let v = |k: usize| vowels[(i / 6usize.pow(k as u32)) % 6];
            format!("said B{}b{}r{}n{}. ", v(0), v(1), v(2), v(3))
        })
        .collect()
}

#[test]
fn pathological_texts_take_linear_time() {
    let big = |piece: &str| piece.repeat(200_000 / piece.len().max(1));
    let texts = [
        big("a- b "),
        big("“"),
        big("”x "),
        big("WATCH: x\n"),
        big("the the "),
        big("â€™Ã©"),
        big("16.Jul.2025\nA Title Line\n"),
        big("ManyBridgeheads "),
        sound_alike_names(4000),
        big("Kulebа\u{200b}e\u{301} "),
    ];
    for text in &texts {
        let start = std::time::Instant::now();
        let found = linter().check(text);
        for f in &found {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
        let took = start.elapsed();
        assert!(
            took < std::time::Duration::from_secs(20),
            "{:?}...: {took:?}",
            &text[..20.min(text.len())]
        );
    }
}

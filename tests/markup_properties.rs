//! Markdown, HTML and plain text with suppression comments never panic, and every finding span lies on char boundaries of the
//! original file and within it.

use proptest::prelude::*;
use spinlint::markup::Format;
use spinlint::pipeline::Pipeline;
use spinlint::policy::Policy;
use spinlint::rules::{PackSource, RuleSet};
use spinlint::span::Span;
use spinlint::{Linter, Options};
use std::path::Path;
use std::sync::Arc;

const PACK: &str = "pack: prop\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    \
                    name: c\n    kind: collocations\n    collocations: [peace track, lightning offensive]\n    \
                    substitutions: {peace: [harmony], lightning: [thunder]}\n";

/// Pieces of Markdown, HTML and text that stress the extractors and the offset map.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "harmony",
        "track",
        "thunder",
        "offensive",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "# ",
        "*",
        "**",
        "`",
        "```\n",
        "[",
        "](",
        ")",
        "<!--",
        "-->",
        "<",
        ">",
        "</",
        "&amp;",
        "&nbsp;",
        "&#x1F600;",
        "&rsquo;",
        "&",
        "&#",
        "- ",
        "> ",
        "---\n",
        "http://x.y/a",
        "é",
        "’",
        "😀",
        "\u{301}",
        "<script>",
        "</script>",
        "<p>",
        "</p>",
        "<br>",
        "<b>",
        "<code>",
        "<!",
        "|",
        "\"",
        "'",
        "spinlint-disable-next-line tortured-phrase",
        "<!-- spinlint-disable-file -->",
        "spinlint-disable",
        "spinlint-enable tortured-phrase",
        " -- ",
        ",",
        "\\",
    ])
}

fn check_spans(format: Format, text: &str) -> Result<(), TestCaseError> {
    let src = PackSource {
        path: "prop.yaml".into(),
        text: Arc::from(PACK),
    };
    let linter = Linter::new(RuleSet::load(&[src]).expect("pack"), Options::default());
    let policy = Policy::default();
    let known = ["tortured-phrase".to_string()].into_iter().collect();
    let pipeline = Pipeline::new(&linter, Options::default(), &policy, known);
    for f in pipeline.check(Path::new("x"), format, text) {
        let Span { start, end } = f.span;
        prop_assert!(
            start <= end && end <= text.len(),
            "{:?} in {:?}",
            f.span,
            text
        );
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    if let Some(ex) = format.extract(text) {
        let n = ex.text().len();
        for a in (0..=n).filter(|&i| ex.text().is_char_boundary(i)) {
            for b in (a..=n.min(a + 12)).filter(|&i| ex.text().is_char_boundary(i)) {
                if let Some(s) = ex.to_original(Span::new(a, b)) {
                    prop_assert!(s.start <= s.end && s.end <= text.len());
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn markdown_spans_are_on_char_boundaries(parts in prop::collection::vec(fragment(), 0..40)) {
        check_spans(Format::Markdown, &parts.concat())?;
    }

    #[test]
    fn plain_text_with_directives_never_panics(parts in prop::collection::vec(fragment(), 0..40)) {
        check_spans(Format::Plain, &parts.concat())?;
    }

    #[test]
    fn html_spans_are_on_char_boundaries(parts in prop::collection::vec(fragment(), 0..40)) {
        check_spans(Format::Html, &parts.concat())?;
    }
}

#[test]
fn a_phrase_split_by_emphasis_still_maps_to_the_file() {
    let text = "On the *harmony* track.";
    let ex = Format::Markdown.extract(text).expect("markdown");
    let at = ex.text().find("harmony").expect("prose");
    let span = ex
        .to_original(Span::new(at, at + "harmony track".len()))
        .expect("maps");
    assert_eq!(&text[span.start..span.end], "harmony* track");
}

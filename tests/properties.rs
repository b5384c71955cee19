//! Invariants: spans map back to the original on char boundaries, and the trie matcher agrees
//! with a naive matcher that enumerates every spun variant explicitly.

use proptest::prelude::*;
use spinlint::document::Document;
use spinlint::normalise::normalize_str;
use spinlint::rules::matcher::EntryKind;
use spinlint::rules::{PackSource, RuleSet};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Characters that stress the normaliser: curly quotes, dashes, combining marks, invisible
/// characters, CRLF, other scripts, emoji, ligatures and case changes of different byte length.
fn tricky_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a', 'B', 'z', ' ', ' ', '\n', '\r', '.', ',', '-', '\'', '’', '‘', '“', '”', '—', '–',
        '\u{301}', '\u{308}', '\u{200b}', '\u{feff}', '\u{a0}', '\u{ad}', 'é', 'É', 'İ', 'ß', 'а',
        'Ж', '😀', 'ﬁ', 'Σ', '\u{2028}', '0', '9', '«', '»', '…',
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn word_spans_map_back_on_char_boundaries(chars in prop::collection::vec(tricky_char(), 0..80)) {
        let text: String = chars.into_iter().collect();
        let doc = Document::new(&text);
        for i in 0..doc.words().len() {
            let span = doc.span_of_words(i, i);
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let original = &text[span.start..span.end];
            prop_assert_eq!(normalize_str(original), doc.word_text(i).to_string(),
                "word {} of {:?}", i, text);
        }
    }

    #[test]
    fn unchanged_offsets_mean_every_word_is_where_it_was(
        chars in prop::collection::vec(tricky_char(), 0..80)
    ) {
        let text: String = chars.into_iter().collect();
        let doc = Document::new(&text);
        if text.is_ascii() && !text.contains('\r') {
            prop_assert!(doc.offsets_unchanged(), "{:?}", text);
        }
        if doc.offsets_unchanged() {
            prop_assert_eq!(doc.norm().len(), text.len());
            for i in 0..doc.words().len() {
                let w = doc.words()[i];
                let span = doc.span_of_words(i, i);
                prop_assert_eq!((span.start, span.end), (w.start as usize, w.end as usize),
                    "word {} of {:?}", i, text);
            }
        }
    }

    #[test]
    fn phrase_spans_cover_their_words(chars in prop::collection::vec(tricky_char(), 0..80)) {
        let text: String = chars.into_iter().collect();
        let doc = Document::new(&text);
        let n = doc.words().len();
        if n >= 2 {
            let span = doc.span_of_words(0, n - 1);
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start <= doc.span_of_words(n - 1, n - 1).start);
        }
    }
}

const PACK: &str = r#"pack: prop
description: property-test pack
source: written for the test
tables:
  - rule: tortured-phrase
    name: c
    kind: collocations
    inflect: false
    collocations: [peace talks, peace track, a blow to, lightning offensive, one of the]
    substitutions:
      peace: [harmony, calm]
      talks: [conversations, chats]
      blow: [blast, punch]
      lightning: [thunder]
      one of the: [one of many]
"#;

const ALTERNATIVES: &[(&str, &[&str])] = &[
    ("peace", &["harmony", "calm"]),
    ("talks", &["conversations", "chats"]),
    ("blow", &["blast", "punch"]),
    ("lightning", &["thunder"]),
];

/// Every spun variant of a collocation, by explicit enumeration (word-level alternatives plus
/// the one multi-word substitution of the pack).
fn variants(colloc: &str) -> Vec<Vec<String>> {
    if colloc == "one of the" {
        return vec![vec!["one".into(), "of".into(), "many".into()]];
    }
    let mut out: Vec<(Vec<String>, bool)> = vec![(vec![], false)];
    for w in colloc.split(' ') {
        let alts = ALTERNATIVES
            .iter()
            .find(|(k, _)| *k == w)
            .map_or(&[][..], |(_, a)| a);
        let mut next = Vec::new();
        for (prefix, changed) in &out {
            let mut same = prefix.clone();
            same.push(w.to_string());
            next.push((same, *changed));
            for a in alts {
                let mut alt = prefix.clone();
                alt.push(a.to_string());
                next.push((alt, true));
            }
        }
        out = next;
    }
    out.into_iter()
        .filter(|(_, c)| *c)
        .map(|(v, _)| v)
        .collect()
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "peace",
        "talks",
        "track",
        "harmony",
        "calm",
        "conversations",
        "chats",
        "a",
        "blow",
        "blast",
        "punch",
        "to",
        "lightning",
        "thunder",
        "offensive",
        "one",
        "of",
        "the",
        "many",
        "news",
        "said",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn trie_matcher_agrees_with_naive_enumeration(pieces in prop::collection::vec(piece(), 0..40)) {
        let rules = RuleSet::load(&[PackSource { path: "prop.yaml".into(), text: Arc::from(PACK) }])
            .expect("pack loads");
        // Build text with a space between adjacent words so every word is its own token.
        let mut text = String::new();
        let mut runs: Vec<Vec<String>> = vec![vec![]];
        for p in &pieces {
            if p.trim().is_empty() && !p.contains('\n') {
                text.push(' ');
            } else if p.chars().all(|c| c.is_alphabetic()) {
                if text.chars().last().is_some_and(|c| c.is_alphabetic()) {
                    text.push(' ');
                }
                text.push_str(p);
                runs.last_mut().expect("a run").push(p.to_string());
                continue;
            } else {
                text.push_str(p);
            }
            let tail = &text[text.trim_end().len()..];
            let blank_line = tail.matches('\n').count() >= 2;
            if (*p != " " && *p != "\n") || blank_line {
                runs.push(vec![]);
            }
        }
        // Naive: every variant of every collocation at every position of every run.
        let mut expected = BTreeSet::new();
        let mut offset = 0;
        for run in &runs {
            for c in ["peace talks", "peace track", "a blow to", "lightning offensive", "one of the"] {
                for v in variants(c) {
                    for s in 0..run.len() {
                        if run.len() >= s + v.len() && run[s..s + v.len()] == v[..] {
                            expected.insert((offset + s, offset + s + v.len() - 1, c.to_string()));
                        }
                    }
                }
            }
            offset += run.len();
        }
        // Fast: the trie matcher over the real tokeniser.
        let doc = Document::new(&text);
        let ids: Vec<u32> = (0..doc.words().len()).map(|i| rules.matcher.lookup(doc.word_text(i))).collect();
        let joins: Vec<bool> = doc.words().iter().map(|w| w.gap.joins()).collect();
        let mut cands = Vec::new();
        rules.matcher.find(&ids, &joins, &mut cands);
        let got: BTreeSet<(usize, usize, String)> = cands
            .into_iter()
            .filter(|c| c.entry.kind == EntryKind::Collocation && !c.subs.is_empty())
            .map(|c| (c.first, c.last, rules.entries[c.entry.entry as usize].text.to_string()))
            .collect();
        prop_assert_eq!(got, expected, "text: {:?}", text);
    }
}

/// The linter with every bundled pack, engine checks included.
fn bundled_linter() -> &'static spinlint::Linter {
    static L: std::sync::OnceLock<spinlint::Linter> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let rules = RuleSet::load(&spinlint::rules::bundled_packs()).expect("bundled packs load");
        spinlint::Linter::new(rules, spinlint::Options::default())
    })
}

/// Pieces that the engine checks look for, and their look-alikes.
fn check_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Nagorno- Karabakh",
            "inter- national",
            "ManyBridgeheads",
            "iPhone",
            "the the",
            "had had",
            "O’Brien",
            "O’Brian",
            "Lavrov",
            "Lavrow",
            "Armenian",
            "Iranian",
            "Armenia",
            "ethnic",
            "â€™",
            "Ã©",
            "Â£",
            "â€",
            "Kulebа",
            "Москвa",
            "peace\u{200b}track",
            "\u{202e}",
            "\u{feff}",
            "e\u{301}",
            "\u{212b}",
            "“",
            "”",
            "‘",
            "’",
            "„",
            "«",
            "»",
            "\"",
            "'",
            "WATCH:",
            "16.Jul.2025",
            "06.12.2023 09:34",
            "- ",
            " ",
            " ",
            "\n",
            "\n\n",
            ". ",
            ", ",
            "a",
            "Z",
        ])
        .prop_map(String::from),
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn check_findings_stay_on_char_boundaries(pieces in prop::collection::vec(check_piece(), 0..60)) {
        let text: String = pieces.concat();
        assert_spans_valid(&text)?;
    }

    #[test]
    fn check_findings_stay_on_char_boundaries_for_any_text(text in any::<String>()) {
        assert_spans_valid(&text)?;
    }
}

fn assert_spans_valid(text: &str) -> Result<(), TestCaseError> {
    for f in bundled_linter().check(text) {
        let spans = std::iter::once(f.span).chain(f.related.iter().map(|r| r.0));
        for s in spans {
            prop_assert!(
                s.start <= s.end && s.end <= text.len(),
                "{} {:?} in {:?}",
                f.rule,
                s,
                text
            );
            prop_assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{} {:?} in {:?}",
                f.rule,
                s,
                text
            );
        }
        let slice = &text[f.span.start..f.span.end];
        let collapsed = slice.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert!(
            f.text == slice || f.text == collapsed,
            "{}: {:?} is not {:?}",
            f.rule,
            f.text,
            slice
        );
    }
    Ok(())
}

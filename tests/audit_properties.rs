//! Invariants of the audit building blocks on generated input: parsing never panics, statistics
//! stay in range, similarity estimates are symmetric and bounded, and spin-aware signatures do
//! not change when a word is swapped for another member of its substitution class.

use proptest::prelude::*;
use spinlint::audit::canon::Canon;
use spinlint::audit::inputs::{parse, Fields, Unit};
use spinlint::audit::minhash::{similarity, word_hash, MinHasher};
use spinlint::audit::stats::Stats;
use spinlint::audit::words::words;

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "the", "peace", "harmony", "talks", ".", "\n", "\n\n", " ", "#", "...", "é", "’s",
            "don't", "42", "—", "\u{a0}", "…", "Zürich", "ΣΑΣ",
        ]),
        0..60,
    )
    .prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_line_parses_or_is_reported(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let unit = Unit::Line { path: "x.jsonl".into(), line: 1, bytes: bytes.clone(), encoding: None };
        if let Err(p) = parse(unit, &Fields::default()) {
            prop_assert!(p.message.starts_with("x.jsonl:1: "), "{}", p.message);
        }
        let unit = Unit::Text { path: "x.txt".into(), bytes, walked: true };
        let _ = parse(unit, &Fields::default());
    }

    #[test]
    fn statistics_stay_in_range(t in text()) {
        let s = Stats::of(&t);
        prop_assert_eq!(s.words, t.split_whitespace().count());
        for share in [s.lines_ending_in_punctuation, s.duplicated_lines, s.alphabetic_words] {
            prop_assert!((0.0..=1.0).contains(&share));
        }
        prop_assert!(s.symbol_ratio >= 0.0 && s.mean_word_length >= 0.0);
        prop_assert!(s.stop_words <= 8);
    }

    #[test]
    fn words_are_lower_case_and_non_empty(t in text()) {
        for w in words(&t) {
            prop_assert!(!w.is_empty());
            prop_assert_eq!(w.to_lowercase(), w.clone());
        }
    }

    #[test]
    fn similarity_is_symmetric_and_bounded(a in text(), b in text()) {
        let h = MinHasher::default();
        let sig = |t: &str| h.signature(&words(t).iter().map(|w| word_hash(w)).collect::<Vec<_>>());
        let (sa, sb) = (sig(&a), sig(&b));
        let s = similarity(&sa, &sb);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, similarity(&sb, &sa));
        if !words(&a).is_empty() {
            prop_assert_eq!(similarity(&sa, &sa), 1.0);
        }
    }

    #[test]
    fn swapping_class_members_keeps_the_spin_signature(
        picks in prop::collection::vec((0usize..12, any::<bool>()), 1..40)
    ) {
        // Six classes of two words each: w0~v0, w1~v1, ...
        let pairs: Vec<(String, String)> =
            (0..6).map(|i| (format!("w{i}"), format!("v{i}"))).collect();
        let canon = Canon::from_pairs(pairs);
        let text_of = |swap: bool| -> Vec<u64> {
            picks
                .iter()
                .map(|&(k, flip)| {
                    let w = if (k % 2 == 0) ^ (swap && flip) { format!("w{}", k / 2) } else { format!("v{}", k / 2) };
                    canon.canonical_hash(word_hash(&w))
                })
                .collect()
        };
        let h = MinHasher::default();
        prop_assert_eq!(h.signature(&text_of(false)), h.signature(&text_of(true)));
    }
}

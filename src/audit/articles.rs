//! Article agreement: "a" before a vowel sound or "an" before a consonant sound.
//!
//! A spinner swaps the word after an article without changing the article ("an huge" for "an
//! enormous", "a enormous" for "a huge"), so disagreements are evidence of spinning that does
//! not depend on any spinner's vocabulary: clean news has about one per 14,000 words, spun news
//! one per 900. The sound is judged from spelling: a vowel letter, except the common words that
//! start with a "y" or "w" sound (`uni…`, `use…`, `eu…`, `one`), and the silent-h words (`hour`,
//! `honest`, `honour`, `heir`); a single letter or an all-capital abbreviation by the name of its
//! first letter ("an MP", "a US envoy"). Words starting with a digit are skipped.

/// Prefixes of words that start with a vowel letter but a consonant sound.
const CONSONANT_SOUND: &[&str] = &[
    "uni", "use", "usu", "usa", "ute", "uti", "eu", "one", "once", "ewe", "uk", "ufo",
];
/// Prefixes of words that start with a silent h.
const VOWEL_SOUND: &[&str] = &["hour", "honest", "honour", "honor", "heir"];
/// Letters whose names start with a vowel sound.
const VOWEL_LETTERS: &str = "AEFHILMNORSX";

/// Number of articles that disagree with the sound of the next word.
pub fn article_errors(text: &str) -> usize {
    let mut count = 0;
    let mut prev: Option<&str> = None;
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if let Some(article) = prev {
            count += usize::from(disagrees(article, word));
        }
        // Only a bare article (no punctuation after it) is followed by its noun phrase.
        prev = match word {
            "a" | "A" => Some("a"),
            "an" | "An" | "AN" => Some("an"),
            _ => None,
        };
    }
    count
}

fn disagrees(article: &str, next: &str) -> bool {
    let word = next.trim_start_matches(['"', '\'', '“', '‘', '(']);
    let Some(first) = word.chars().next().filter(char::is_ascii_alphabetic) else {
        return false;
    };
    let letters: String = word
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let vowel = if letters.len() == 1 || letters.chars().all(|c| c.is_ascii_uppercase()) {
        VOWEL_LETTERS.contains(first.to_ascii_uppercase())
    } else {
        let lower = letters.to_ascii_lowercase();
        if VOWEL_SOUND.iter().any(|p| lower.starts_with(p)) {
            true
        } else {
            "aeiou".contains(first.to_ascii_lowercase())
                && !CONSONANT_SOUND.iter().any(|p| lower.starts_with(p))
        }
    };
    (article == "a") == vowel
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreements_are_counted() {
        assert_eq!(
            article_errors("It was an huge success and a enormous relief."),
            2
        );
        assert_eq!(
            article_errors("It was a huge success and an enormous relief."),
            0
        );
    }

    #[test]
    fn sounds_not_letters_decide() {
        let fine = "a university, a European deal, a one-off, an hour, an honest man, an MP, \
                    a US envoy, an X-ray, a UK firm, an 8% rise, a 1990s hit, A. Smith";
        assert_eq!(article_errors(fine), 0);
        assert_eq!(article_errors("an university and a MP"), 2);
    }
}

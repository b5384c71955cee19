//! Singular and plural of English nouns, so one table entry covers `forces` and `force`.
//!
//! Regular rules only, applied to the last word of a collocation and of each substitution; an
//! irregular or uncountable word simply gets no counterpart. A wrong guess costs nothing: a form
//! that is not English never occurs in text.

/// Words whose `-s` is not a plural, or that have no useful counterpart.
fn no_counterpart(lower: &str) -> bool {
    matches!(
        lower,
        "news"
            | "series"
            | "species"
            | "means"
            | "physics"
            | "economics"
            | "politics"
            | "athletics"
            | "mathematics"
            | "statistics"
            | "ethics"
            | "always"
            | "perhaps"
            | "this"
            | "his"
            | "its"
            | "is"
            | "was"
            | "has"
            | "does"
            | "us"
            | "yes"
            | "thus"
            | "across"
            | "unless"
            | "less"
            | "whereas"
            | "besides"
            | "peace"
            | "information"
            | "advice"
            | "evidence"
            | "research"
            | "equipment"
            | "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "and"
            | "or"
            | "as"
            | "than"
            | "about"
            | "into"
            | "over"
            | "after"
            | "before"
            | "between"
            | "against"
            | "during"
    )
}

/// The other number of a regular English noun (`talks` -> `talk`, `force` -> `forces`).
pub fn counterpart(word: &str) -> Option<String> {
    if word.len() < 3 || !word.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let lower = word.to_lowercase();
    if no_counterpart(&lower) {
        return None;
    }
    if lower.ends_with("us") || lower.ends_with("is") {
        None
    } else if lower.ends_with('s') && !lower.ends_with("ss") {
        singular(word)
    } else {
        Some(plural(word))
    }
}

fn singular(word: &str) -> Option<String> {
    if word.len() < 4 {
        return None;
    }
    let lower = word.to_lowercase();
    let stem = |n: usize| word[..word.len() - n].to_string();
    Some(if lower.ends_with("ies") && word.len() > 4 {
        stem(3) + "y"
    } else if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        stem(2)
    } else {
        stem(1)
    })
}

fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    let before_last = lower.chars().rev().nth(1).unwrap_or('a');
    if lower.ends_with('y') && !"aeiou".contains(before_last) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// The same phrase with its last word given its other number, if it has one.
pub fn inflect_last(phrase: &str) -> Option<String> {
    let (head, last) = match phrase.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, phrase),
    };
    let other = counterpart(last)?;
    Some(match head {
        Some(h) => format!("{h} {other}"),
        None => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_plurals_and_singulars() {
        assert_eq!(counterpart("talks").as_deref(), Some("talk"));
        assert_eq!(counterpart("force").as_deref(), Some("forces"));
        assert_eq!(counterpart("causes").as_deref(), Some("cause"));
        assert_eq!(counterpart("country").as_deref(), Some("countries"));
        assert_eq!(counterpart("parties").as_deref(), Some("party"));
        assert_eq!(counterpart("church").as_deref(), Some("churches"));
        assert_eq!(counterpart("Armenian").as_deref(), Some("Armenians"));
    }

    #[test]
    fn leaves_function_words_and_non_plurals_alone() {
        assert_eq!(counterpart("news"), None);
        assert_eq!(counterpart("to"), None);
        assert_eq!(counterpart("process"), Some("processes".into()));
        assert_eq!(counterpart("status"), None);
        assert_eq!(counterpart("60-year-old"), None);
    }

    #[test]
    fn inflects_only_the_last_word() {
        assert_eq!(inflect_last("peace talks").as_deref(), Some("peace talk"));
        assert_eq!(inflect_last("a blow to"), None);
    }
}

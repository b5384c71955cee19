//! Writing YAML scalars the way the generated packs spell them: plain where YAML reads them back
//! unchanged, JSON-quoted otherwise.

/// A flow-context scalar: plain for simple words and phrases, JSON-quoted otherwise.
pub fn q(s: &str) -> String {
    let simple = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " '-.".contains(c))
        && !s.ends_with(' ');
    let special = s.contains(|c: char| ":#[]{},&*!|>'\"%@`".contains(c))
        || s.trim() != s
        || [
            "yes", "no", "on", "off", "true", "false", "null", "y", "n", "~",
        ]
        .contains(&s.to_lowercase().as_str())
        || s.starts_with(|c: char| c == '-' || c == '?' || c == '.' || c.is_ascii_digit());
    if simple && !special {
        s.to_string()
    } else {
        json(s)
    }
}

/// A JSON string literal (also a valid YAML double-quoted scalar).
pub fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(q("deep learning"), "deep learning");
        assert_eq!(q("10-fold cross"), "\"10-fold cross\"");
        assert_eq!(q("no"), "\"no\"");
        assert_eq!(q("it's"), "\"it's\"");
        assert_eq!(q("café"), "\"café\"");
    }
}

//! What `spinlint explain` says about each built-in rule id.
//!
//! A rule id is documented once, here: what it catches, why it matters, an example and what to
//! write instead, and how to silence it. Rule ids that only user packs define get a generic text
//! built from their tables' descriptions.

/// Documentation of one rule id.
#[derive(Debug)]
pub struct RuleDoc {
    /// The id.
    pub id: &'static str,
    /// One line.
    pub summary: &'static str,
    /// What it catches.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// Flagged text.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

/// Every built-in rule id.
pub const RULES: &[RuleDoc] = &[RuleDoc {
    id: "tortured-phrase",
    summary: "a fixed expression broken by a synonym swap, as article spinners leave it",
    what: "Fixed expressions (\"peace talks\", \"lightning offensive\", \"ethnic Armenian\", \
           \"artificial intelligence\") in which one or more words were replaced by a thesaurus \
           synonym that no writer would choose (\"harmony talks\", \"thunder offensive\", \
           \"cultural Armenian\", \"counterfeit consciousness\"). Rule packs list the expressions and \
           the substitutes spinners swap in; the engine derives every variant, including \
           singular and plural forms, and also matches explicit fingerprint lists.",
    why: "Spinners rewrite copied text word by word to hide where it came from. The result \
          reads as nonsense to anyone who knows the expression, changes the meaning (\"causes\" \
          for \"forces\") and marks the text as recycled. A spell checker accepts every word.",
    example: "Nothing will change until we see improvement on the harmony track.",
    instead: "Nothing will change until we see improvement on the peace track.",
}, RuleDoc {
    id: "unused-suppression",
    summary: "a suppression comment that silences nothing",
    what: "A `spinlint-disable-next-line`, `spinlint-disable` or `spinlint-disable-file` \
           comment, or one rule id named in it, under which no finding of that rule was \
           reported; also a rule id in a suppression that is no rule id at all.",
    why: "Suppressions outlive the text they were written for. One that silences nothing hides \
          the next real finding on that line, and a misspelt rule id silences nothing while \
          looking as if it did.",
    example: "<!-- spinlint-disable-next-line tortured-phrase --> above \"Talks on the peace track.\"",
    instead: "Talks on the peace track. (no comment above it)",
}];

/// The documentation of a built-in rule id.
pub fn find(id: &str) -> Option<&'static RuleDoc> {
    RULES.iter().find(|d| d.id == id)
}

/// How to silence a rule, the same for every id.
pub fn silence_text(id: &str) -> String {
    format!(
        "Ignore it for a run with `--ignore {id}`, or keep only other rules with `--select`. \
         Raise the bar with `--min-confidence 0.9` to keep only the surest findings."
    )
}

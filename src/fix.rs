//! Safe autofix: applying the suggestions marked safe, writing atomically, showing a diff.
//!
//! Fixes are applied in passes: each pass checks the text, applies every safe suggestion that
//! does not overlap an earlier one, and checks again, until a pass changes nothing (at most
//! [`MAX_PASSES`]). The result is therefore a fixed point: fixing it again changes nothing.
//! Files are replaced through a temporary file in the same directory and a rename, with the
//! original's permissions; a symbolic link keeps pointing at the file it named.

use crate::findings::Finding;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// Passes of fixing before giving up on reaching a fixed point.
pub const MAX_PASSES: usize = 10;

/// The text after fixing, with what was done.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// Suggestions applied over all passes.
    pub applied: usize,
    /// Findings of the fixed text.
    pub remaining: Vec<Finding>,
}

/// Applies the safe suggestions of `findings` (spans into `text`) that do not overlap; returns
/// the new text and how many were applied.
pub fn apply(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut edits: Vec<&Finding> = findings.iter().filter(|f| f.is_fixable()).collect();
    edits.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in edits {
        let valid = f.span.start >= at
            && f.span.end <= text.len()
            && text.is_char_boundary(f.span.start)
            && text.is_char_boundary(f.span.end);
        let Some(suggestion) = f.suggestion.as_deref().filter(|_| valid) else {
            continue;
        };
        let original = &text[f.span.start..f.span.end];
        out.push_str(&text[at..f.span.start]);
        out.push_str(&keep_separators(original, suggestion));
        at = f.span.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// The text that replaces `original` for `suggestion`: the suggestion, with the white space
/// between its words taken from `original` when both are as many words (a hard-wrapped
/// `harmony\ntrack` becomes `peace\ntrack`, `harmony  track` becomes `peace  track`). Where
/// the shapes differ, the suggestion as it is.
pub fn keep_separators<'s>(original: &str, suggestion: &'s str) -> Cow<'s, str> {
    let (orig, sugg) = (runs(original), runs(suggestion));
    let same_shape = orig.len() == sugg.len() && orig.iter().zip(&sugg).all(|(a, b)| a.0 == b.0);
    let spaces_differ = orig.iter().zip(&sugg).any(|(a, b)| a.0 && a.1 != b.1);
    if !same_shape || !spaces_differ {
        return Cow::Borrowed(suggestion);
    }
    let mut out = String::with_capacity(suggestion.len() + 4);
    for (o, s) in orig.iter().zip(&sugg) {
        out.push_str(if o.0 { o.1 } else { s.1 });
    }
    Cow::Owned(out)
}

/// `text` cut into runs of white space (`true`) and of other characters (`false`).
fn runs(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if kind.is_some_and(|k| k != space) {
            out.push((!space, &text[start..i]));
            start = i;
        }
        kind = Some(space);
    }
    if let Some(k) = kind {
        out.push((k, &text[start..]));
    }
    out
}

/// Fixes `text` to a fixed point; `check` gives the findings of a text.
pub fn fix(text: &str, check: impl Fn(&str) -> Vec<Finding>) -> Fixed {
    let mut current = text.to_string();
    let mut findings = check(&current);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let (next, n) = apply(&current, &findings);
        if n == 0 || next == current {
            break;
        }
        applied += n;
        current = next;
        findings = check(&current);
    }
    Fixed {
        text: current,
        applied,
        remaining: findings,
    }
}

/// Replaces the file at `path` with `contents` atomically, keeping its permissions.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".spinlint-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff from `old` to `new`, headed `a/PATH` and `b/PATH`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = diff_path(path);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// `path` as `git apply` reads it after `a/` and `b/`: `/` separators, no `./` steps.
fn diff_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let parts: Vec<&str> = path.split('/').filter(|p| *p != ".").collect();
    let joined = parts.join("/");
    joined.trim_start_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Applicability, Severity};
    use crate::span::Span;
    use std::sync::Arc;

    #[test]
    fn diff_headers_have_no_dot_steps() {
        let d = unified_diff("./docs/./a.txt", "a\n", "b\n");
        assert!(d.starts_with("--- a/docs/a.txt\n+++ b/docs/a.txt\n"), "{d}");
        assert!(unified_diff(".\\a.txt", "a\n", "b\n").starts_with("--- a/a.txt\n"));
    }

    fn finding(start: usize, end: usize, to: &str, safe: bool) -> Finding {
        Finding {
            rule: Arc::from("tortured-phrase"),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            text: String::new(),
            suggestion: Some(to.into()),
            confidence: 0.8,
            pack: Arc::from("unit"),
            table: None,
            label: String::new(),
            notes: vec![],
            related: vec![],
            applicability: if safe {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
        }
    }

    #[test]
    fn only_safe_non_overlapping_edits_apply() {
        let text = "a harmony track and a thunder offensive";
        let f = [
            finding(2, 15, "peace track", true),
            finding(10, 15, "x", true),
            finding(22, 39, "lightning offensive", false),
        ];
        assert_eq!(
            apply(text, &f),
            ("a peace track and a thunder offensive".into(), 1)
        );
    }

    #[test]
    fn a_fix_keeps_the_line_breaks_and_spaces_between_words() {
        let text = "The harmony\ntrack and the  harmony  track, the harmony\r\ntrack stalled.";
        let f: Vec<Finding> = ["harmony\ntrack", "harmony  track", "harmony\r\ntrack"]
            .iter()
            .map(|p| {
                let start = text.find(p).unwrap();
                finding(start, start + p.len(), "peace track", true)
            })
            .collect();
        assert_eq!(
            apply(text, &f).0,
            "The peace\ntrack and the  peace  track, the peace\r\ntrack stalled."
        );
        // Different numbers of words: the suggestion as it is.
        assert_eq!(keep_separators("counterfeit\nconsciousness", "AI"), "AI");
        assert_eq!(
            keep_separators("talks about\nharmony", "peace talks"),
            "peace talks"
        );
        assert_eq!(keep_separators("continues” ", "“continues "), "“continues ");
        assert_eq!(keep_separators("a\tb", "c d"), "c\td");
    }

    #[test]
    fn fixing_reaches_a_fixed_point() {
        let check = |t: &str| match t.find("harmony") {
            Some(i) => vec![finding(i, i + 7, "peace", true)],
            None => vec![],
        };
        let once = fix("harmony and harmony", check);
        assert_eq!(once.text, "peace and peace");
        assert_eq!(once.applied, 2);
        let twice = fix(&once.text, check);
        assert_eq!((twice.text.as_str(), twice.applied), ("peace and peace", 0));
    }

    #[test]
    fn diff_is_unified() {
        let d = unified_diff("a.txt", "one\ntwo\n", "one\n2\n");
        assert!(d.starts_with("--- a/a.txt\n+++ b/a.txt\n@@"), "{d}");
        assert!(d.contains("-two\n+2\n"), "{d}");
    }
}

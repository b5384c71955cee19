//! From a file's text to its reported findings: markup, the linter, the configuration and the
//! inline suppressions, in that order.
//!
//! Plain text goes to the linter as it is, so checking it costs what it cost before, plus one
//! substring search for suppression directives. Markdown and HTML go through
//! [`crate::markup`]; their findings are mapped back to the file's bytes, and a suggestion whose
//! span is not a verbatim copy of the file (it crosses markup or an entity) is never applied
//! automatically. Nor is one inside quoted speech ([`crate::quoted`]), in any format.

use crate::engine::{Linter, Options};
use crate::findings::{sort_findings, Applicability, Finding};
use crate::markup::{Extracted, Format};
use crate::policy::Policy;
use crate::suppress::{self, UNUSED};
use std::collections::BTreeSet;
use std::path::Path;

/// Everything that turns a text into its findings.
#[derive(Debug)]
pub struct Pipeline<'a> {
    linter: &'a Linter,
    options: Options,
    policy: &'a Policy,
    known: BTreeSet<String>,
}

impl<'a> Pipeline<'a> {
    /// A pipeline over `linter` (built with `options`), applying `policy`; `known` lists every
    /// rule id, for checking the ids named in suppressions.
    pub fn new(
        linter: &'a Linter,
        options: Options,
        policy: &'a Policy,
        known: BTreeSet<String>,
    ) -> Self {
        Pipeline {
            linter,
            options,
            policy,
            known,
        }
    }

    /// The findings of `text`, read as `format`; `path` selects per-path settings.
    pub fn check(&self, path: &Path, format: Format, text: &str) -> Vec<Finding> {
        let (mut findings, mut directives) = match format.extract(text) {
            None => {
                let mut found = self.linter.check(text);
                crate::quoted::demote_quoted(text, &mut found);
                self.policy.filter(text, &mut found);
                (found, suppress::scan(text, |_| true))
            }
            Some(ex) => {
                let mut found = self.linter.check(ex.text());
                crate::quoted::demote_quoted(ex.text(), &mut found);
                self.policy.filter(ex.text(), &mut found);
                let found = map_back(&ex, found);
                (found, suppress::scan(text, |s| !ex.in_skipped(s)))
            }
        };
        self.policy.filter_path(path, &mut findings);
        directives.apply(&mut findings);
        if !directives.is_empty() && self.options.wants(UNUSED) {
            let ignored = self.policy.ignored_in(path);
            let unused = directives.unused(
                |id| self.options.wants(id) && !ignored.contains(id),
                |id| self.known.contains(id),
                || self.known.iter().map(String::as_str).collect(),
            );
            findings.extend(
                unused
                    .into_iter()
                    .filter(|_| !ignored.contains(UNUSED))
                    .map(|mut f| {
                        f.text = text.get(f.span.start..f.span.end).unwrap_or("").to_string();
                        f
                    }),
            );
        }
        self.policy.set_severity(&mut findings);
        findings
            .iter_mut()
            .for_each(|f| crate::engine::set_text(f, text));
        sort_findings(&mut findings);
        findings
    }
}

/// Characters that mean something in Markdown or HTML: a suggestion holding one is not written
/// into such a file unread.
const MARKUP: &[char] = &['<', '>', '&', '*', '_', '`', '[', ']', '\\', '#', '|'];

/// Moves findings from extracted text to the original; drops those that touch a hole.
/// Findings in the prose of `ex` moved to the bytes of its file; a finding whose span the file
/// does not hold verbatim (it crosses markup or an entity) is never fixed automatically.
pub fn map_back(ex: &Extracted, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let span = ex.to_original(f.span)?;
            let markup = f.suggestion.as_deref().is_some_and(|s| s.contains(MARKUP));
            if markup || !ex.is_verbatim(f.span) {
                f.applicability = Applicability::Unsafe;
            }
            f.span = span;
            Some(f)
        })
        .collect()
}

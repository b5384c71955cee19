//! spinlint: a linter for text quality and paraphrase artifacts.
//!
//! The pipeline, one module per stage: [`input`] reads bytes under the UTF-8 and binary policy;
//! [`normalise`] makes a matching copy with an offset map back; [`tokens`] and [`document`] find
//! words, sentences and paragraphs; [`rules`] loads YAML packs and compiles them into one matcher;
//! [`engine`] turns matches into [`findings`], and runs the [`checks`] that need code (quotes,
//! spacing, Unicode, name drift, page debris); [`render`] writes them in each output format; `cli`
//! (in the binary) ties it together. [`server`] serves the same findings to editors (LSP).
//!
//! ```
//! use spinlint::rules::{PackSource, RuleSet};
//! use spinlint::{Linter, Options};
//!
//! let pack = "pack: house\ndescription: d\nsource: s\ntables:\n  - rule: tortured-phrase\n    \
//!             name: peace\n    kind: collocations\n    collocations: [peace track]\n    \
//!             substitutions: {peace: [harmony]}\n";
//! let rules = RuleSet::load(&[PackSource { path: "house.yaml".into(), text: pack.into() }])
//!     .expect("a valid pack");
//! let linter = Linter::new(rules, Options::default());
//! let findings = linter.check("Progress on the Harmony track stalled.");
//! assert_eq!(findings[0].text, "Harmony track");
//! assert_eq!(findings[0].suggestion.as_deref(), Some("Peace track"));
//! assert_eq!((findings[0].span.start, findings[0].span.end), (16, 29));
//! ```

pub mod audit;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod docs;
pub mod document;
pub mod engine;
pub mod findings;
pub mod fix;
mod hugemem;
pub mod input;
pub mod lm;
pub mod markup;
pub mod normalise;
pub mod pipeline;
pub mod policy;
pub mod quoted;
pub mod render;
pub mod rules;
pub mod server;
pub mod span;
pub mod suppress;
pub mod tokens;

pub use engine::{Linter, Options, DEFAULT_MIN_CONFIDENCE};
pub use findings::{Finding, Severity};
pub use span::Span;

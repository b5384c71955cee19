//! spinlint: a linter for text quality and paraphrase artifacts.
//!
//! The pipeline, one module per stage: [`input`] reads bytes under the UTF-8 and binary policy;
//! [`normalise`] makes a matching copy with an offset map back; [`tokens`] and [`document`] find
//! words, sentences and paragraphs; [`rules`] loads YAML packs and compiles them into one matcher;
//! [`engine`] turns matches into [`findings`]; [`render`] writes them in each output format; `cli`
//! (in the binary) ties it together.

pub mod docs;
pub mod document;
pub mod engine;
pub mod findings;
pub mod input;
pub mod normalise;
pub mod render;
pub mod rules;
pub mod span;
pub mod tokens;

pub use engine::{Linter, Options};
pub use findings::{Finding, Severity};
pub use span::Span;

//! The one place that names the YAML library.
//!
//! `serde_yaml` is archived; a maintained fork with the same `from_str` and error-location API can
//! replace it here in one line. Everything else deserialises through [`from_str`], which first
//! checks the block layout ([`layout`]): indentation mistakes that the library would read as
//! something else, and duplicate keys, are reported where they are.

pub mod layout;

use serde::de::DeserializeOwned;

/// A YAML or schema error with its 1-based position in the source, where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without the position.
    pub message: String,
    /// Byte offset of the position in the source.
    pub offset: Option<usize>,
}

/// True when `src` is one of the packs embedded in the binary, whose layout a test checks: the
/// check is then not run again at every start (the packs are read more than once, and the
/// fingerprint list is long).
fn bundled(src: &str) -> bool {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let hash = |text: &str| BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(text);
    static BUNDLED: std::sync::OnceLock<Vec<(usize, u64)>> = std::sync::OnceLock::new();
    let known = BUNDLED.get_or_init(|| {
        super::bundled::BUNDLED
            .iter()
            .map(|(_, text)| (text.len(), hash(text)))
            .collect()
    });
    known
        .iter()
        .any(|&(len, h)| len == src.len() && h == hash(src))
}

/// Deserialises `src` into `T`, reporting the position of the first error.
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, YamlError> {
    let checked = if bundled(src) {
        Ok(())
    } else {
        layout::check(src)
    };
    if let Err(e) = checked {
        return Err(YamlError {
            message: e.message,
            offset: Some(e.offset),
        });
    }
    serde_yaml::from_str(src).map_err(|e| {
        let offset = e.location().map(|l| byte_offset(src, l.line(), l.column()));
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the caller renders the position itself.
        if let Some(l) = e.location() {
            let suffix = format!(" at line {} column {}", l.line(), l.column());
            if let Some(stripped) = message.strip_suffix(&suffix) {
                message = stripped.to_string();
            }
        }
        YamlError { message, offset }
    })
}

/// Byte offset of 1-based `line` and `column` (counted in characters) in `src`.
fn byte_offset(src: &str, line: usize, column: usize) -> usize {
    let line_start = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &src[line_start.min(src.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Serialises `value` as YAML (for showing settings; never fails on plain data).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundled_pack_skips_the_layout_check_but_a_changed_copy_does_not() {
        let pack = &crate::rules::bundled_packs()[0];
        assert!(bundled(&pack.text));
        // The same text with one key indented a space too deep is a user's text: checked.
        let changed = pack.text.replacen("\ndescription:", "\n description:", 1);
        assert!(!bundled(&changed));
        let err = from_str::<serde_yaml::Value>(&changed).unwrap_err();
        assert!(err.message.contains("indent"), "{}", err.message);
    }
}

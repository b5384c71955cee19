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

/// Deserialises `src` into `T`, reporting the position of the first error.
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, YamlError> {
    if let Err(e) = layout::check(src) {
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

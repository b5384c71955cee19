//! Reading inputs: files, directories and stdin; the UTF-8, binary and size policy.
//!
//! A file is read whole. A NUL byte in its first 8 KiB makes it binary. Text must be UTF-8 (a BOM
//! is allowed and stays part of the text, so spans count its bytes); anything else is an error that
//! names the file, the byte offset and the line. Directories are walked with the `ignore` crate,
//! honouring `.gitignore`, `.ignore` and hidden-file rules, in a stable (sorted) order.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file `check` reads, in bytes.
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// How far into a file to look for NUL bytes.
const BINARY_SNIFF: usize = 8 * 1024;

/// Why an input could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path given.
        path: String,
    },
    /// Reading failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset} (line {line}); spinlint reads UTF-8 text")]
    InvalidUtf8 {
        /// The path.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// A NUL byte (or a UTF-16/32 byte order mark) was found: not text.
    #[error("{path}: binary file ({why}); not checked")]
    Binary {
        /// The path.
        path: String,
        /// What gave it away.
        why: &'static str,
    },
    /// Larger than [`MAX_FILE_SIZE`].
    #[error("{path}: file is {size} bytes, larger than the {limit}-byte limit; split it first")]
    TooLarge {
        /// The path.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl InputError {
    /// True for a binary file (skipped quietly-ish while walking).
    pub fn is_binary(&self) -> bool {
        matches!(self, InputError::Binary { .. })
    }
}

/// Reads a file as UTF-8 text under the policy above.
pub fn read_file(path: &Path) -> Result<String, InputError> {
    let name = path.display().to_string();
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound { path: name.clone() },
        _ => InputError::Io {
            path: name.clone(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(InputError::TooLarge {
            path: name,
            size: meta.len(),
            limit: MAX_FILE_SIZE,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    decode(&name, bytes)
}

/// Reads standard input as UTF-8 text.
pub fn read_stdin() -> Result<String, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            path: STDIN.into(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(InputError::TooLarge {
            path: STDIN.into(),
            size: bytes.len() as u64,
            limit: MAX_FILE_SIZE,
        });
    }
    decode(STDIN, bytes)
}

/// The path shown for standard input.
pub const STDIN: &str = "<stdin>";

/// Checks bytes for binary content and UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(why) = binary_reason(&bytes) {
        return Err(InputError::Binary {
            path: path.into(),
            why,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &e.as_bytes()[..offset]).count();
        InputError::InvalidUtf8 {
            path: path.into(),
            offset,
            line,
        }
    })
}

fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16 or UTF-32 byte order mark");
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    memchr::memchr(0, head).map(|_| "contains NUL bytes")
}

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file named on the command line.
    Named(PathBuf),
    /// A file found by walking a directory.
    Walked(PathBuf),
}

/// Expands paths into inputs: directories are walked, `-` is stdin. Errors are per path.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut inputs, &mut errors);
        } else if p.exists() {
            inputs.push(Input::Named(p.clone()));
        } else {
            errors.push(InputError::NotFound {
                path: p.display().to_string(),
            });
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => found.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(InputError::Io {
                path: dir.display().to_string(),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }
    inputs.extend(found.into_iter().map(Input::Walked));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = decode("a.txt", b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: invalid UTF-8 at byte 7 (line 2); spinlint reads UTF-8 text"
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode("x.bin", b"PK\x03\x04\0\0".to_vec())
            .unwrap_err()
            .is_binary());
    }

    #[test]
    fn bom_is_kept_in_the_text() {
        let text = decode("b.txt", b"\xef\xbb\xbfhello".to_vec()).unwrap();
        assert_eq!(text.len(), 8);
    }
}

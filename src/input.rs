//! Reading inputs: files, directories and stdin; the UTF-8, binary and size policy.
//!
//! A file is read whole. A NUL byte in its first 8 KiB makes it binary. Text must be UTF-8 (a BOM
//! is allowed and stays part of the text, so spans count its bytes); anything else is an error that
//! names the file, the byte offset and the line. Directories are walked with the `ignore` crate,
//! honouring `.gitignore` (inside a git repository or not), `.ignore` and hidden-file rules, in a
//! stable (sorted) order. Symbolic links met while walking are skipped, and counted, unless
//! asked to follow them ([`Walk::follow`]); a file named twice (`a.txt ./a.txt`, or named and
//! also found in a directory given) is read once.

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
    /// A `--glob` that is not a glob.
    #[error("{why}")]
    Glob {
        /// The glob and what is wrong with it.
        why: String,
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

/// How directories are walked.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    /// Follow symbolic links (a link that loops back is noted and skipped).
    pub follow: bool,
    /// Globs choosing the files found by walking, as ripgrep's `--glob`: a file must match one
    /// glob without `!` (when there is one) and no glob with `!`; matched against the path
    /// below the directory walked. Files named on the command line are always read.
    pub globs: Vec<String>,
}

impl Walk {
    /// The globs compiled, or the first that is not one (its text and why).
    fn overrides(&self, dir: &Path) -> Result<Option<ignore::overrides::Override>, String> {
        if self.globs.is_empty() {
            return Ok(None);
        }
        let mut b = ignore::overrides::OverrideBuilder::new(dir);
        for g in &self.globs {
            b.add(g).map_err(|e| format!("--glob {g}: {e}"))?;
        }
        b.build().map(Some).map_err(|e| e.to_string())
    }
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The inputs, in order, each file once.
    pub inputs: Vec<Input>,
    /// Paths that could not be read or walked.
    pub errors: Vec<InputError>,
    /// Notes worth a line on stderr (links skipped or looping), which do not fail a run.
    pub notes: Vec<String>,
}

/// Expands paths into inputs: directories are walked, `-` is stdin. Errors are per path.
pub fn collect(paths: &[PathBuf], walk: &Walk) -> Collected {
    let mut c = Collected::default();
    for p in paths {
        if p.as_os_str() == "-" {
            c.inputs.push(Input::Stdin);
        } else if p.is_dir() {
            walk_dir(p, walk, &mut c);
        } else if p.exists() {
            c.inputs.push(Input::Named(p.clone()));
        } else {
            c.errors.push(InputError::NotFound {
                path: p.display().to_string(),
            });
        }
    }
    // One path names each file once, unless links are followed.
    if paths.len() > 1 || walk.follow {
        let mut seen = std::collections::HashSet::new();
        c.inputs.retain(|i| match i {
            Input::Stdin => true,
            Input::Named(p) | Input::Walked(p) => {
                seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone()))
            }
        });
    }
    c
}

fn walk_dir(dir: &Path, walk: &Walk, c: &mut Collected) {
    let mut found = Vec::new();
    let mut links = 0usize;
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .sort_by_file_name(|a, b| a.cmp(b))
        .follow_links(walk.follow)
        .require_git(false);
    match walk.overrides(dir) {
        Ok(Some(o)) => {
            builder.overrides(o);
        }
        Ok(None) => {}
        Err(why) => {
            c.errors.push(InputError::Glob { why });
            return;
        }
    }
    let walker = builder.build();
    for entry in walker {
        match entry {
            Ok(e) => match e.file_type() {
                Some(t) if t.is_file() => found.push(e.into_path()),
                Some(t) if t.is_symlink() => links += 1,
                _ => {}
            },
            Err(e) if is_loop(&e) => c.notes.push(format!("{e}; not followed")),
            Err(e) => c.errors.push(InputError::Io {
                path: dir.display().to_string(),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }
    if links > 0 {
        c.notes.push(format!(
            "{}: {links} symbolic {} skipped (follow links with --follow)",
            dir.display(),
            if links == 1 { "link" } else { "links" }
        ));
    }
    c.inputs.extend(found.into_iter().map(Input::Walked));
}

/// True for the error of a link that leads back to a directory being walked.
fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
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

    fn names(c: &Collected, root: &Path) -> Vec<String> {
        c.inputs
            .iter()
            .map(|i| match i {
                Input::Named(p) | Input::Walked(p) => p
                    .strip_prefix(root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
                    .replace('\\', "/"),
                Input::Stdin => "-".into(),
            })
            .collect()
    }

    #[test]
    fn gitignore_is_honoured_outside_a_git_repository() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("drafts/b.txt"), "b").unwrap();
        let c = collect(&[root.to_path_buf()], &Walk::default());
        assert_eq!(names(&c, root), ["a.txt"]);
    }

    #[test]
    fn globs_choose_the_files_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        for f in ["a.md", "b.txt", "src/x.rs", "src/notes.md"] {
            std::fs::write(root.join(f), "text").unwrap();
        }
        let walk = |globs: &[&str]| {
            let w = Walk {
                globs: globs.iter().map(|g| g.to_string()).collect(),
                ..Walk::default()
            };
            names(&collect(&[root.to_path_buf()], &w), root)
        };
        assert_eq!(walk(&["*.md"]), ["a.md", "src/notes.md"]);
        assert_eq!(walk(&["!src/"]), ["a.md", "b.txt"]);
        assert_eq!(walk(&["*.{md,txt}", "!src/**"]), ["a.md", "b.txt"]);
        // A file named is read whatever the globs say.
        let w = Walk {
            globs: vec!["*.md".into()],
            ..Walk::default()
        };
        let c = collect(&[root.join("b.txt")], &w);
        assert_eq!(names(&c, root), ["b.txt"]);
        let w = Walk {
            globs: vec!["a{".into()],
            ..Walk::default()
        };
        let c = collect(&[root.to_path_buf()], &w);
        assert!(
            c.errors[0].to_string().starts_with("--glob a{:"),
            "{}",
            c.errors[0]
        );
    }

    #[test]
    fn a_file_named_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        let a = root.join("a.txt");
        let again = root.join(".").join("a.txt");
        let c = collect(&[a, again, root.to_path_buf()], &Walk::default());
        assert_eq!(names(&c, root), ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_skipped_with_a_note_or_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("blobs")).unwrap();
        std::fs::create_dir_all(root.join("snap")).unwrap();
        std::fs::write(root.join("blobs/abc"), "text").unwrap();
        std::os::unix::fs::symlink("../blobs/abc", root.join("snap/train.txt")).unwrap();
        std::os::unix::fs::symlink("..", root.join("snap/up")).unwrap();
        let snap = root.join("snap");
        let c = collect(std::slice::from_ref(&snap), &Walk::default());
        assert!(c.inputs.is_empty());
        assert!(c.errors.is_empty());
        assert_eq!(c.notes.len(), 1);
        assert!(c.notes[0].contains("2 symbolic links skipped (follow links with --follow)"));
        let c = collect(
            &[snap],
            &Walk {
                follow: true,
                ..Walk::default()
            },
        );
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        // The file once, through its link; the link to the parent is followed until it loops.
        let found = names(&c, root);
        assert!(found.contains(&"snap/train.txt".to_string()), "{found:?}");
        assert_eq!(
            found
                .iter()
                .filter(|n| n.ends_with("abc") || n.ends_with("train.txt"))
                .count(),
            1,
            "{found:?}"
        );
        assert!(
            c.notes.iter().any(|n| n.contains("not followed")),
            "{:?}",
            c.notes
        );
    }
}

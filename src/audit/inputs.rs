//! Reading corpora: files, directories, JSONL (plain, gzip, zstd) and stdin, as a stream of units.
//!
//! Reading is split in two so that the expensive half runs in parallel: [`read_inputs`] (one
//! thread) turns inputs into [`Unit`]s, a whole text file or one JSONL line each, without
//! decoding them; [`parse`] (any thread) turns a unit into a [`SourceDoc`]. Compression is
//! recognised by its magic bytes (gzip, zstd), the format by the file name with any `.gz`, `.zst`
//! or `.zstd` removed: `.jsonl` and `.ndjson` are JSONL, `.parquet` is Parquet (one document per
//! row, read by `super::parquet` with the `parquet` feature), everything else is one text
//! document.
//! Nothing here stops a run: an unreadable input or a malformed line becomes a [`Problem`].

use super::decode::decode;
use crate::input::{self, Input, MAX_FILE_SIZE};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How standard input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdinFormat {
    /// One JSON document per line.
    Jsonl,
    /// One plain-text document.
    Text,
}

/// Where the text and id of a JSONL document are.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Field holding the text (`text`).
    pub text: String,
    /// Field holding the id (`id`); a missing id becomes `path:line`.
    pub id: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: "text".into(),
            id: "id".into(),
        }
    }
}

/// Something read but not yet parsed.
#[derive(Debug)]
pub enum Unit {
    /// A whole text file.
    Text {
        /// Path as shown.
        path: Arc<str>,
        /// Its bytes (decompressed).
        bytes: Vec<u8>,
        /// True when found by walking a directory (a binary file is then skipped quietly).
        walked: bool,
    },
    /// One non-blank line of a JSONL input.
    Line {
        /// Path as shown.
        path: Arc<str>,
        /// 1-based line number.
        line: u64,
        /// The line, without its line break, as UTF-8 (unless the line itself is not).
        bytes: Vec<u8>,
        /// The encoding the whole input was transcoded from (UTF-16), if any.
        encoding: Option<&'static str>,
    },
    /// A document already decoded (a Parquet row).
    Doc(SourceDoc),
    /// An input that could not be read (in whole or from some point on).
    Problem(Problem),
}

/// A document ready for auditing.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// The JSONL id, or the path for a text file.
    pub id: String,
    /// The input it came from.
    pub path: Arc<str>,
    /// Its line in a JSONL input.
    pub line: Option<u64>,
    /// The text (decoded; offsets count its UTF-8 bytes).
    pub text: String,
    /// The legacy encoding decoded, if the input was not UTF-8.
    pub encoding: Option<&'static str>,
    /// The JSONL line as read, for writing it back unchanged (`--write-kept`).
    pub raw: Option<Vec<u8>>,
}

/// A problem with an input; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Problem {
    /// What happened, naming the file and place.
    pub message: String,
    /// How serious it is.
    pub kind: ProblemKind,
    /// For a skipped document, where it was and what it was.
    pub skip: Option<Box<Skip>>,
}

/// A skipped document: its input, the line as read, and a guess at what would read the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The input it belongs to.
    pub input: Arc<str>,
    /// The line as read, for `--write-rejected` (`None` for a Parquet row).
    pub raw: Option<Vec<u8>>,
    /// What would read the input (an option to give), shown when none of its lines could be.
    pub hint: Option<String>,
}

/// How a [`Problem`] affects the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// An input could not be read: the run ends with exit code 2.
    Error,
    /// A document was skipped (a malformed JSONL line): reported, exit code unchanged.
    Skipped,
    /// Worth saying, nothing skipped that was meant as text (a binary file met while walking).
    Note,
}

impl Problem {
    /// A problem of `kind`.
    pub fn new(kind: ProblemKind, message: String) -> Self {
        Problem {
            message,
            kind,
            skip: None,
        }
    }

    /// A skipped document of input `path` (line `raw`), with a `hint` of what would read it.
    pub fn skipped(
        path: &Arc<str>,
        message: String,
        raw: Option<Vec<u8>>,
        hint: Option<String>,
    ) -> Self {
        Problem {
            message,
            kind: ProblemKind::Skipped,
            skip: Some(Box::new(Skip {
                input: path.clone(),
                raw,
                hint,
            })),
        }
    }
}

/// How far reading has got, for a progress display: bytes read from files as stored (before
/// decompression) and inputs finished.
#[derive(Debug, Default)]
pub struct Meter {
    /// Bytes read from inputs as stored.
    pub bytes: AtomicU64,
    /// Inputs read to the end.
    pub inputs: AtomicU64,
}

/// Expands `paths` (directories walked, `-` for stdin) into inputs, with an error per path that
/// does not exist and a note per thing worth saying, and the total size in bytes of the files.
pub fn collect(paths: &[PathBuf], walk: &input::Walk) -> (Vec<Input>, Vec<Problem>, u64) {
    let input::Collected {
        inputs,
        errors,
        notes,
    } = input::collect(paths, walk);
    let size = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Named(p) | Input::Walked(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Stdin => None,
        })
        .sum();
    let problems = errors
        .into_iter()
        .map(|e| Problem::new(ProblemKind::Error, e.to_string()))
        .chain(
            notes
                .into_iter()
                .map(|n| Problem::new(ProblemKind::Note, n)),
        )
        .collect();
    (inputs, problems, size)
}

/// Reads every input in order and hands each unit to `sink`; stops early when `sink` returns
/// false (the consumer has gone).
pub fn read_inputs(
    inputs: Vec<Input>,
    stdin: StdinFormat,
    fields: &Fields,
    meter: &Arc<Meter>,
    mut sink: impl FnMut(Unit) -> bool,
) {
    for inp in inputs {
        let going = match inp {
            Input::Stdin => read_stdin(stdin, meter, &mut sink),
            Input::Named(p) | Input::Walked(p) if is_parquet(&p) => {
                read_parquet(&p, fields, meter, &mut sink)
            }
            Input::Named(p) => read_path(&p, false, meter, &mut sink),
            Input::Walked(p) => read_path(&p, true, meter, &mut sink),
        };
        meter.inputs.fetch_add(1, Ordering::Relaxed);
        if !going {
            return;
        }
    }
}

/// Counts the bytes read through it into a [`Meter`].
struct Counting<R> {
    inner: R,
    meter: Arc<Meter>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The path shown for standard input.
pub const STDIN: &str = "<stdin>";

fn read_stdin(
    format: StdinFormat,
    meter: &Arc<Meter>,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let path: Arc<str> = STDIN.into();
    let counted = Counting {
        inner: std::io::stdin(),
        meter: meter.clone(),
    };
    let reader = match decompressed(Box::new(counted)) {
        Ok(r) => r,
        Err(e) => return sink(io_problem(&path, &e)),
    };
    match format {
        StdinFormat::Jsonl => read_jsonl(path, reader, sink),
        StdinFormat::Text => read_text(path, reader, false, sink),
    }
}

fn read_path(
    p: &Path,
    walked: bool,
    meter: &Arc<Meter>,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let path: Arc<str> = p.display().to_string().into();
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) => return sink(io_problem(&path, &e)),
    };
    let counted = Counting {
        inner: file,
        meter: meter.clone(),
    };
    let reader = match decompressed(Box::new(counted)) {
        Ok(r) => r,
        Err(e) => return sink(io_problem(&path, &e)),
    };
    if is_jsonl(p) {
        return read_jsonl(path, reader, sink);
    }
    let mut reader = reader;
    if is_json(p) {
        match holds_jsonl(&mut reader) {
            Ok(true) => return read_jsonl(path, reader, sink),
            Ok(false) => {
                let note = format!(
                    "{path}: JSON that is not one object per line (JSON Lines); audited as one text document"
                );
                if !sink(Unit::Problem(Problem::new(ProblemKind::Note, note))) {
                    return false;
                }
            }
            Err(e) => return sink(io_problem(&path, &e)),
        }
    }
    read_text(path, reader, walked, sink)
}

/// True for `.json` names, compressed or not.
fn is_json(p: &Path) -> bool {
    uncompressed_name(p).ends_with(".json")
}

/// True when a `.json` input is JSON Lines, as many datasets name theirs: its first line (after
/// a byte order mark and blank lines) is one whole object, `{` to `}`, or runs past what is
/// buffered. A pretty-printed object starts with a line holding `{` alone; an array with `[`.
fn holds_jsonl(reader: &mut Reader) -> std::io::Result<bool> {
    let head = reader.fill_buf()?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return Ok(false) };
    let rest = &head[start..];
    if rest.first() != Some(&b'{') {
        return Ok(false);
    }
    Ok(match memchr::memchr(b'\n', rest) {
        Some(end) => rest[..end].trim_ascii_end().ends_with(b"}"),
        None => true,
    })
}

/// Reads a JSONL input after its byte order mark: a UTF-8 mark is dropped; a UTF-16 one, or
/// UTF-16 told by its NUL bytes, has the input transcoded to UTF-8 as it streams, and its
/// documents name the encoding.
fn read_jsonl(path: Arc<str>, mut reader: Reader, sink: &mut impl FnMut(Unit) -> bool) -> bool {
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(e) => return sink(io_problem(&path, &e)),
    };
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
        return read_lines(path, reader, None, sink);
    }
    let utf16 = super::decode::utf16_bom(head)
        .map(|(enc, _)| enc)
        .or_else(|| super::decode::utf16_without_bom(head));
    let Some(enc) = utf16 else {
        return read_lines(path, reader, None, sink);
    };
    let transcoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(enc))
        .build(reader);
    let reader: Reader = Box::new(BufReader::with_capacity(1 << 16, transcoded));
    read_lines(path, reader, Some(enc.name()), sink)
}

/// The markup of a text file by its name, a compression suffix (`.gz`, `.zst`) left aside.
pub fn markup_of(path: &str) -> crate::markup::Format {
    let lower = path.to_ascii_lowercase();
    let name = [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    crate::markup::Format::of(Path::new(name))
}

/// True for `.parquet` names.
pub fn is_parquet(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

#[cfg(feature = "parquet")]
fn read_parquet(
    p: &Path,
    fields: &Fields,
    meter: &Arc<Meter>,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let path: Arc<str> = p.display().to_string().into();
    let going = super::parquet::read(p, path, fields, sink);
    if let Ok(m) = std::fs::metadata(p) {
        meter.bytes.fetch_add(m.len(), Ordering::Relaxed);
    }
    going
}

#[cfg(not(feature = "parquet"))]
fn read_parquet(
    p: &Path,
    _fields: &Fields,
    _meter: &Arc<Meter>,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let msg = format!(
        "{}: this spinlint was built without Parquet support",
        p.display()
    );
    sink(Unit::Problem(Problem::new(ProblemKind::Error, msg)))
}

/// True for `.jsonl` / `.ndjson` names, compressed or not.
pub fn is_jsonl(p: &Path) -> bool {
    let inner = uncompressed_name(p);
    inner.ends_with(".jsonl") || inner.ends_with(".ndjson")
}

/// The file name in lower case without a compression suffix (`.gz`, `.zst`, `.zstd`).
fn uncompressed_name(p: &Path) -> String {
    let mut name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(n) = [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|s| name.strip_suffix(s))
    {
        name.truncate(n.len());
    }
    name
}

fn io_problem(path: &str, e: &std::io::Error) -> Unit {
    let msg = match e.kind() {
        std::io::ErrorKind::NotFound => format!("{path}: no such file or directory"),
        _ => format!("{path}: {e}"),
    };
    Unit::Problem(Problem::new(ProblemKind::Error, msg))
}

type Reader = Box<dyn BufRead + Send>;

/// Opens a file (or standard input for `-`) for reading, decompressing gzip or zstd.
pub fn open(p: &Path) -> std::io::Result<Reader> {
    if p.as_os_str() == "-" {
        return decompressed(Box::new(std::io::stdin()));
    }
    decompressed(Box::new(std::fs::File::open(p)?))
}

/// Wraps `inner` in a gzip or zstd decoder when its first bytes say so.
fn decompressed(inner: Box<dyn Read + Send>) -> std::io::Result<Reader> {
    let mut buf = BufReader::with_capacity(1 << 16, inner);
    let head = buf.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(buf);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, gz)));
    }
    if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let zs = zstd::stream::read::Decoder::with_buffer(buf)?;
        return Ok(Box::new(BufReader::with_capacity(1 << 16, zs)));
    }
    Ok(Box::new(buf))
}

fn read_text(
    path: Arc<str>,
    reader: Reader,
    walked: bool,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let mut bytes = Vec::new();
    match reader.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_SIZE => sink(Unit::Problem(Problem::new(
            ProblemKind::Error,
            format!("{path}: larger than the {MAX_FILE_SIZE}-byte limit; split it first"),
        ))),
        Ok(_) => sink(Unit::Text {
            path,
            bytes,
            walked,
        }),
        Err(e) => sink(io_problem(&path, &e)),
    }
}

fn read_lines(
    path: Arc<str>,
    mut reader: Reader,
    encoding: Option<&'static str>,
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    let mut line = 0u64;
    // Lines are cut straight from the reader's buffer (one copy, at their size); only a line that
    // runs past the end of the buffer is gathered in `partial` first.
    let mut partial = Vec::new();
    let problem = |msg: String| Unit::Problem(Problem::new(ProblemKind::Error, msg));
    let too_long = |line: u64| {
        problem(format!(
            "{path}:{line}: line longer than {MAX_FILE_SIZE} bytes; input skipped from here"
        ))
    };
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let at = line + 1;
                return sink(problem(format!(
                    "{path}:{at}: {e}; input skipped from here"
                )));
            }
        };
        if chunk.is_empty() {
            // The last line, without a line break.
            return partial.is_empty() || emit_line(&path, (line + 1, encoding), &partial, sink);
        }
        let mut used = 0;
        while let Some(k) = memchr::memchr(b'\n', &chunk[used..]) {
            line += 1;
            let whole = if partial.is_empty() {
                &chunk[used..used + k]
            } else {
                partial.extend_from_slice(&chunk[used..used + k]);
                &partial[..]
            };
            if whole.len() as u64 >= MAX_FILE_SIZE {
                return sink(too_long(line));
            }
            if !emit_line(&path, (line, encoding), whole, sink) {
                return false;
            }
            partial.clear();
            used += k + 1;
        }
        if (partial.len() + chunk.len() - used) as u64 >= MAX_FILE_SIZE {
            return sink(too_long(line + 1));
        }
        partial.extend_from_slice(&chunk[used..]);
        let n = chunk.len();
        reader.consume(n);
    }
}

/// Passes on line `line` of a JSONL input (transcoded from `encoding`), without its final
/// carriage returns, unless it is blank; false when the run stops.
fn emit_line(
    path: &Arc<str>,
    (line, encoding): (u64, Option<&'static str>),
    mut bytes: &[u8],
    sink: &mut impl FnMut(Unit) -> bool,
) -> bool {
    while let [rest @ .., b'\r'] = bytes {
        bytes = rest;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    sink(Unit::Line {
        path: path.clone(),
        line,
        bytes: bytes.to_vec(),
        encoding,
    })
}

/// Turns a unit into a document; `Ok(None)` for a [`Unit::Problem`] (handled by the caller).
pub fn parse(unit: Unit, fields: &Fields) -> Result<Option<SourceDoc>, Problem> {
    match unit {
        Unit::Text {
            path,
            bytes,
            walked,
        } => match decode(bytes) {
            Ok(d) => Ok(Some(SourceDoc {
                id: path.to_string(),
                path,
                line: None,
                text: d.text,
                encoding: d.encoding,
                raw: None,
            })),
            Err(why) => {
                let kind = if walked {
                    ProblemKind::Note
                } else {
                    ProblemKind::Error
                };
                Err(Problem::new(
                    kind,
                    format!("{path}: binary file ({why}); skipped"),
                ))
            }
        },
        Unit::Line {
            path,
            line,
            bytes,
            encoding,
        } => parse_line(path, (line, encoding), bytes, fields).map(Some),
        Unit::Doc(doc) => Ok(Some(doc)),
        Unit::Problem(p) => Err(p),
    }
}

fn parse_line(
    path: Arc<str>,
    (line, encoding): (u64, Option<&'static str>),
    bytes: Vec<u8>,
    f: &Fields,
) -> Result<SourceDoc, Problem> {
    // A line that is not UTF-8 (JSON must be) is decoded as a text file would be, so that one
    // document in a legacy charset among UTF-8 ones is read, not lost. Valid lines, nearly all,
    // are read (and their UTF-8 checked) once.
    let read = read_json(&bytes, f)
        .map(|got| (got, encoding))
        .or_else(|e| {
            if std::str::from_utf8(&bytes).is_ok() {
                return Err(e);
            }
            let d = super::decode::not_utf8(&bytes);
            read_json(d.text.as_bytes(), f).map(|got| (got, d.encoding))
        });
    let (got, encoding) = match read {
        Ok(read) => read,
        Err((what, hint)) => {
            let message = format!("{path}:{line}: {what}; line skipped");
            return Err(Problem::skipped(&path, message, Some(bytes), hint));
        }
    };
    let id = got.id.unwrap_or_else(|| format!("{path}:{line}"));
    Ok(SourceDoc {
        id,
        path,
        line: Some(line),
        text: got.text,
        encoding,
        raw: Some(bytes),
    })
}

/// A JSONL document's text and id.
struct Got {
    text: String,
    id: Option<String>,
}

/// The text and id of one JSON line, or why there are none and what would read the line.
fn read_json(json: &[u8], f: &Fields) -> Result<Got, (String, Option<String>)> {
    let found = match super::jsonl::read_fields(json, &f.text, &f.id) {
        Some(w) => Found {
            text: w.text,
            id: w.id,
        },
        None => {
            let repaired = super::jsonl::replace_lone_surrogates(json);
            let json = repaired.as_deref().unwrap_or(json);
            let mut de = serde_json::Deserializer::from_slice(json);
            FieldsSeed(f)
                .deserialize(&mut de)
                .and_then(|g| de.end().map(|()| g))
                .map_err(|e| {
                    if e.is_data() {
                        (format!("not a document ({e})"), None)
                    } else {
                        let hint = (e.line() == 1 && e.column() <= 1).then(|| {
                            "it does not look like JSON: is it plain text (--stdin-format text, \
                             or a name not ending in .jsonl)?"
                                .to_string()
                        });
                        (format!("malformed JSON ({e})"), hint)
                    }
                })?
        }
    };
    match found.text {
        Some(text) => Ok(Got { text, id: found.id }),
        None => {
            let keys = object_keys(json);
            let hint = (!keys.is_empty()).then(|| {
                format!(
                    "its lines have the fields {}; name the text field with --text-field",
                    keys.join(", ")
                )
            });
            Err((format!("no string field `{}`", f.text), hint))
        }
    }
}

/// The top-level keys of a JSON object, for a hint (empty when `json` is not one).
fn object_keys(json: &[u8]) -> Vec<String> {
    match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(json) {
        Ok(map) => map.keys().take(12).map(|k| format!("`{k}`")).collect(),
        Err(_) => Vec::new(),
    }
}

/// The two wanted fields of a JSONL object; other fields are skipped without being built.
struct Found {
    text: Option<String>,
    id: Option<String>,
}

struct FieldsSeed<'a>(&'a Fields);

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Found;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found {
            text: None,
            id: None,
        };
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == self.0.text {
                found.text = map.next_value::<Option<TextValue>>()?.map(|t| t.0);
            } else if key.0 == self.0.id {
                found.id = id_string(map.next_value::<&'de serde_json::value::RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// An object key (keys are short; owning them keeps escaped keys simple).
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        String::deserialize(d).map(Key)
    }
}

/// A text value: a string, or the error says the text is not one.
struct TextValue(String);

impl<'de> serde::Deserialize<'de> for TextValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TextValue, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the text as a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
        }
        d.deserialize_string(Text).map(TextValue)
    }
}

/// An id as text: a string's value, or any other JSON value exactly as written (`17`,
/// `18446744073709551621`, `1.0`), so that ids too large for a machine integer survive; `None`
/// for `null`.
fn id_string(raw: &serde_json::value::RawValue) -> Option<String> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str(text).ok(),
        _ if text == "null" => None,
        _ => Some(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines [`read_lines`] passes on, read through a buffer of `capacity` bytes.
    fn lines_read(data: &[u8], capacity: usize) -> Vec<(u64, Vec<u8>)> {
        let reader: Reader = Box::new(BufReader::with_capacity(
            capacity,
            std::io::Cursor::new(data.to_vec()),
        ));
        let mut out = Vec::new();
        let finished = read_lines("l.jsonl".into(), reader, None, &mut |unit| {
            match unit {
                Unit::Line { line, bytes, .. } => out.push((line, bytes)),
                _ => panic!("only lines expected"),
            }
            true
        });
        assert!(finished);
        out
    }

    #[test]
    fn lines_are_the_same_whatever_the_buffer_cuts() {
        let data =
            b"{\"a\":1}\r\n\n  \r\n{\"b\":\"a longer line than the buffer\"}\r\r\n\n{\"c\":3}";
        let expected: Vec<(u64, Vec<u8>)> = vec![
            (1, b"{\"a\":1}".to_vec()),
            (4, b"{\"b\":\"a longer line than the buffer\"}".to_vec()),
            (6, b"{\"c\":3}".to_vec()),
        ];
        for capacity in [1, 2, 3, 7, 16, 1 << 16] {
            assert_eq!(lines_read(data, capacity), expected, "buffer of {capacity}");
        }
        assert!(lines_read(b"", 8).is_empty());
        assert_eq!(lines_read(b"x\n", 8), [(1, b"x".to_vec())]);
    }

    fn line(s: &str) -> Result<SourceDoc, Problem> {
        line_bytes(s.as_bytes())
    }

    fn line_bytes(b: &[u8]) -> Result<SourceDoc, Problem> {
        parse_line("c.jsonl".into(), (3, None), b.to_vec(), &Fields::default())
    }

    #[test]
    fn jsonl_fields_are_found_and_others_skipped() {
        let d = line(r#"{"meta": {"a": [1, 2]}, "id": 17, "text": "Hello \u00e9"}"#).unwrap();
        assert_eq!((d.id.as_str(), d.text.as_str()), ("17", "Hello é"));
        assert_eq!(d.line, Some(3));
        let d = line(r#"{"text": "x"}"#).unwrap();
        assert_eq!(d.id, "c.jsonl:3");
    }

    #[test]
    fn ids_that_are_not_strings_are_kept_as_written() {
        for id in [
            "18446744073709551621",
            "9007199254740993",
            "-7",
            "1.0",
            "true",
        ] {
            let d = line(&format!(r#"{{"id": {id}, "text": "x"}}"#)).unwrap();
            assert_eq!(d.id, id);
        }
        let d = line(r#"{"id": null, "text": "x"}"#).unwrap();
        assert_eq!(d.id, "c.jsonl:3");
        let d = line(r#"{"id": "caf\u00e9", "text": "x"}"#).unwrap();
        assert_eq!(d.id, "café");
    }

    #[test]
    fn a_line_not_in_utf8_is_decoded_not_skipped() {
        let d = line_bytes(b"{\"id\": \"w\", \"text\": \"Caf\xe9 cr\xe8me\"}").unwrap();
        assert_eq!(d.text, "Café crème");
        assert_eq!(d.encoding, Some("windows-1252"));
        // Written back as read.
        assert_eq!(
            d.raw.as_deref(),
            Some(&b"{\"id\": \"w\", \"text\": \"Caf\xe9 cr\xe8me\"}"[..])
        );
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = line(r#"{"text": "x""#).unwrap_err();
        assert!(
            e.message.starts_with("c.jsonl:3: malformed JSON"),
            "{}",
            e.message
        );
        assert_eq!(e.kind, ProblemKind::Skipped);
        let e = line(r#"{"id": "a", "body": "b"}"#).unwrap_err();
        assert_eq!(e.message, "c.jsonl:3: no string field `text`; line skipped");
        let hint = e.skip.and_then(|s| s.hint).unwrap_or_default();
        assert!(hint.contains("`body`, `id`"), "{hint}");
        let e = line(r#"{"text": 5}"#).unwrap_err();
        assert!(
            e.message.contains(
                "not a document (invalid type: integer `5`, expected the text as a string"
            ),
            "{}",
            e.message
        );
        let e = line(r#"[1, 2]"#).unwrap_err();
        assert!(e.message.contains("not a document"), "{}", e.message);
        assert!(line(r#"{"text": "a"} trailing"#).is_err());
        let e = line("Plain text, not JSON.").unwrap_err();
        let hint = e.skip.and_then(|s| s.hint).unwrap_or_default();
        assert!(hint.contains("--stdin-format text"), "{hint}");
    }

    /// The documents of a JSONL input given as bytes, with their encodings.
    fn jsonl_docs(data: &[u8]) -> Vec<(String, Option<&'static str>)> {
        let reader: Reader = Box::new(BufReader::new(std::io::Cursor::new(data.to_vec())));
        let mut out = Vec::new();
        read_jsonl("b.jsonl".into(), reader, &mut |unit| {
            let d = parse(unit, &Fields::default()).unwrap().unwrap();
            out.push((d.text, d.encoding));
            true
        });
        out
    }

    #[test]
    fn jsonl_byte_order_marks() {
        let lines = "{\"text\": \"café\"}\n{\"text\": \"b\"}\n";
        let want = |enc| vec![("café".to_string(), enc), ("b".to_string(), enc)];
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend(lines.as_bytes());
        assert_eq!(jsonl_docs(&utf8), want(None));
        let mut le = vec![0xFF, 0xFE];
        le.extend(lines.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(jsonl_docs(&le), want(Some("UTF-16LE")));
        let be: Vec<u8> = lines.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(jsonl_docs(&be), want(Some("UTF-16BE")));
    }

    #[test]
    fn json_files_holding_json_lines() {
        let holds = |data: &[u8]| {
            let mut reader: Reader = Box::new(BufReader::new(std::io::Cursor::new(data.to_vec())));
            holds_jsonl(&mut reader).unwrap()
        };
        assert!(holds(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"));
        assert!(holds(b"\xEF\xBB\xBF\n  {\"text\": \"a\"}  \r\n"));
        assert!(holds(b"{\"text\": \"a single line without its end"));
        assert!(!holds(b"{\n  \"text\": \"pretty\"\n}\n"));
        assert!(!holds(b"[{\"text\": \"a\"}]"));
        assert!(!holds(b""));
    }

    #[test]
    fn jsonl_names_with_compression_suffixes() {
        assert!(is_jsonl(Path::new("a/b.jsonl.gz")));
        assert!(is_jsonl(Path::new("B.NDJSON.zst")));
        assert!(!is_jsonl(Path::new("b.txt.gz")));
        assert!(!is_jsonl(Path::new("jsonl")));
    }
}

//! Parquet input: one document per row, text and id read from named top-level columns.
//!
//! Large web corpora (FineWeb and its kin) ship as Parquet. Only the two wanted columns are read
//! (a projection), row group by row group, so memory stays bounded by one row group. A text column
//! of bytes rather than strings is decoded as a text file is ([`super::decode`]). A row whose
//! text is null is skipped with a message naming the file and row; a file without the text
//! column (the message lists the columns it has), or one that cannot be read, is an error for
//! that file only.

use super::inputs::{Fields, Problem, ProblemKind, SourceDoc, Unit};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::Field;
use parquet::schema::types::Type;
use std::path::Path;
use std::sync::Arc;

/// Reads the rows of a Parquet file into units; false when `sink` wants no more.
pub fn read(p: &Path, path: Arc<str>, f: &Fields, sink: &mut impl FnMut(Unit) -> bool) -> bool {
    let rows = match open(p, f) {
        Ok(rows) => rows,
        Err(msg) => return sink(error(format!("{path}: {msg}"))),
    };
    for (i, row) in rows.enumerate() {
        let n = i as u64 + 1;
        let unit = match row {
            Ok(row) => doc(&path, n, row.get_column_iter(), f),
            Err(e) => {
                return sink(error(format!(
                    "{path}: row {n}: {e}; file skipped from here"
                )))
            }
        };
        if !sink(unit) {
            return false;
        }
    }
    true
}

fn error(message: String) -> Unit {
    Unit::Problem(Problem::new(ProblemKind::Error, message))
}

fn open(p: &Path, f: &Fields) -> Result<RowIter<'static>, String> {
    let file = std::fs::File::open(p).map_err(|e| e.to_string())?;
    let reader = SerializedFileReader::new(file)
        .map_err(|e| format!("not a readable Parquet file ({e})"))?;
    let root = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .root_schema()
        .clone();
    let wanted: Vec<_> = root
        .get_fields()
        .iter()
        .filter(|t| t.name() == f.text || t.name() == f.id)
        .cloned()
        .collect();
    if !wanted.iter().any(|t| t.name() == f.text) {
        let names: Vec<_> = root.get_fields().iter().map(|t| t.name()).collect();
        return Err(format!(
            "no column `{}` (columns: {}); name the text column with --text-field",
            f.text,
            names.join(", ")
        ));
    }
    let projection = Type::group_type_builder(root.name())
        .with_fields(wanted)
        .build()
        .map_err(|e| e.to_string())?;
    let boxed: Box<dyn FileReader> = Box::new(reader);
    RowIter::from_file_into(boxed)
        .project(Some(projection))
        .map_err(|e| e.to_string())
}

fn doc<'a>(
    path: &Arc<str>,
    n: u64,
    cols: impl Iterator<Item = (&'a String, &'a Field)>,
    f: &Fields,
) -> Unit {
    let (mut text, mut id, mut encoding) = (None, None, None);
    for (name, value) in cols {
        if *name == f.text {
            match value {
                Field::Str(s) => text = Some(s.clone()),
                Field::Bytes(b) => {
                    if let Ok(d) = super::decode::decode(b.data().to_vec()) {
                        text = Some(d.text);
                        encoding = d.encoding;
                    }
                }
                _ => {}
            }
        } else if *name == f.id {
            id = match value {
                Field::Null => None,
                Field::Str(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
        }
    }
    match text {
        Some(text) => Unit::Doc(SourceDoc {
            id: id.unwrap_or_else(|| format!("{path}:{n}")),
            path: path.clone(),
            line: Some(n),
            text,
            encoding,
            raw: None,
        }),
        None => Unit::Problem(Problem::skipped(
            path,
            format!(
                "{path}: row {n}: no text in column `{}`; row skipped",
                f.text
            ),
            None,
            None,
        )),
    }
}

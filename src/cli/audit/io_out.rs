//! Output plumbing of `audit`: the progress bar, record framing, and the spool of records that
//! wait for their cluster numbers.

use super::AuditFormat;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use spinlint::audit::output;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

/// A progress bar on stderr when it is a terminal (files, MB/s, ETA), hidden otherwise.
pub(super) fn progress_bar(quiet: bool, total: u64, stdin: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = if stdin || total == 0 {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::new(total)
    };
    let template = if stdin || total == 0 {
        "{spinner} {elapsed_precise} {bytes} read, {bytes_per_sec} {msg}"
    } else {
        "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec}, ETA {eta} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

pub(super) fn write_record(
    out: &mut impl Write,
    format: AuditFormat,
    rec: &[u8],
    first: bool,
) -> Result<()> {
    match format {
        AuditFormat::Jsonl => {
            out.write_all(rec)?;
            out.write_all(b"\n")?;
        }
        AuditFormat::Json => {
            out.write_all(if first {
                b"{\"documents\": [\n"
            } else {
                b",\n"
            })?;
            out.write_all(rec)?;
        }
        AuditFormat::Human => {}
    }
    Ok(())
}

/// Records waiting for their cluster numbers, in a temporary file removed when dropped.
pub(super) struct Spool {
    path: PathBuf,
    file: Option<BufWriter<File>>,
}

impl Spool {
    pub(super) fn create() -> Result<Spool> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("spinlint-audit-{}-{nanos}.jsonl", std::process::id());
        let path = std::env::temp_dir().join(name);
        let file = File::create(&path)
            .with_context(|| format!("cannot create temporary file {}", path.display()))?;
        Ok(Spool {
            path,
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub(super) fn write(&mut self, rec: &str) -> Result<()> {
        if let Some(f) = &mut self.file {
            f.write_all(rec.as_bytes())?;
            f.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes every spooled record to `out`, with the cluster of record `i` from `clusters`;
    /// returns whether no record was written (`first` for what follows).
    pub(super) fn replay(
        mut self,
        clusters: &[Option<u32>],
        out: &mut impl Write,
        format: AuditFormat,
    ) -> Result<bool> {
        if let Some(mut f) = self.file.take() {
            f.flush()?;
        }
        let file = File::open(&self.path)
            .with_context(|| format!("cannot reopen temporary file {}", self.path.display()))?;
        // Unlinked now: the open handle keeps the data until the last line is read.
        let _ = std::fs::remove_file(&self.path);
        let mut reader = io::BufReader::with_capacity(1 << 20, file);
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        let mut first = true;
        for i in 0.. {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            let record = line.strip_suffix(b"\n").unwrap_or(&line);
            output::with_cluster(record, clusters.get(i).copied().flatten(), &mut rec);
            write_record(out, format, &rec, first)?;
            first = false;
        }
        Ok(first)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

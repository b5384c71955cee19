//! Output plumbing of `audit`: the progress bar, record framing, and the spool of records that
//! wait for their cluster numbers.

use super::AuditFormat;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use spinlint::audit::output;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
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

/// Writes a record in `format`'s framing, with its cluster number where `cluster` is given
/// ([`output::write_with_cluster`]); `first` for the first record of a run.
pub(super) fn write_record(
    out: &mut impl Write,
    format: AuditFormat,
    rec: &[u8],
    cluster: Option<u32>,
    first: bool,
) -> Result<()> {
    match format {
        AuditFormat::Jsonl => {
            output::write_with_cluster(rec, cluster, out)?;
            out.write_all(b"\n")?;
        }
        AuditFormat::Json => {
            out.write_all(if first {
                b"{\"documents\": [\n"
            } else {
                b",\n"
            })?;
            output::write_with_cluster(rec, cluster, out)?;
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

    pub(super) fn write(&mut self, rec: &[u8]) -> Result<()> {
        if let Some(f) = &mut self.file {
            f.write_all(rec)?;
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
        // Records are taken from a large buffer as they are, with no copy but into `out`.
        let mut file = file;
        let mut buf = vec![0u8; 1 << 20];
        let (mut filled, mut first, mut i) = (0, true, 0);
        loop {
            if filled == buf.len() {
                // A record longer than the buffer.
                buf.resize(buf.len() * 2, 0);
            }
            let n = file.read(&mut buf[filled..])?;
            let end = filled + n;
            let mut start = 0;
            while start < end {
                // The last record may lack its line break only at the end of the file.
                let Some(len) =
                    memchr::memchr(b'\n', &buf[start..end]).or((n == 0).then_some(end - start))
                else {
                    break;
                };
                let cluster = clusters.get(i).copied().flatten();
                write_record(out, format, &buf[start..start + len], cluster, first)?;
                (first, i, start) = (false, i + 1, start + len + 1);
            }
            if n == 0 {
                break;
            }
            let start = start.min(end);
            buf.copy_within(start..end, 0);
            filled = end - start;
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

#[cfg(test)]
mod tests {
    use super::*;
    use spinlint::audit::output::CLUSTER_PLACEHOLDER;

    #[test]
    fn replay_gives_every_record_its_cluster_in_order_even_past_the_buffer() {
        let long = format!("{{\"id\":\"{}\",{CLUSTER_PLACEHOLDER}", "x".repeat(3 << 20));
        let records = [
            format!("{{\"id\":\"a\",{CLUSTER_PLACEHOLDER}"),
            long.clone(),
            String::new(),
            format!("{{\"id\":\"b\",{CLUSTER_PLACEHOLDER}"),
        ];
        let mut spool = Spool::create().unwrap();
        for r in &records {
            spool.write(r.as_bytes()).unwrap();
        }
        let mut out = Vec::new();
        let clusters = [Some(2), None, None, Some(11)];
        let empty = spool
            .replay(&clusters, &mut out, AuditFormat::Jsonl)
            .unwrap();
        assert!(!empty);
        let lines: Vec<&[u8]> = out.split(|&b| b == b'\n').collect();
        assert_eq!(lines.len(), 5, "four records and the end");
        assert_eq!(lines[0], br#"{"id":"a","cluster":2}"#);
        assert_eq!(lines[1], long.as_bytes());
        assert_eq!(lines[2], b"");
        assert_eq!(lines[3], br#"{"id":"b","cluster":11}"#);
    }

    #[test]
    fn an_empty_spool_writes_nothing() {
        let mut out = Vec::new();
        let spool = Spool::create().unwrap();
        assert!(spool.replay(&[], &mut out, AuditFormat::Json).unwrap());
        assert!(out.is_empty());
    }
}

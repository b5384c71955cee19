//! Per-keystroke latency of `spinlint server` on a 100 KB document.
//!
//! ```sh
//! cargo bench --bench keystroke
//! ```
//!
//! A plain `main` (no bench harness): it starts the release binary's server, opens a document of
//! about 100 KB made of the corpus texts (as plain text and as Markdown), then types one character
//! at a time at places spread through the document, waiting after each keystroke for the
//! diagnostics of that version. The time from sending `didChange` to receiving
//! `publishDiagnostics` is the latency a user sees (the whole document is checked again, and
//! every diagnostic converted and sent). It also times the check alone, in process. Prints the
//! median, 95th percentile and maximum; measures, never fails.

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::{file_uri, Client};
use serde_json::json;
use spinlint::markup::Format;
use spinlint::server::settings::Settings;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SIZE: usize = 100_000;
const KEYSTROKES: usize = 60;

fn main() {
    let text = document();
    println!(
        "document: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );
    in_process(&text);
    for (name, language) in [("doc.txt", "plaintext"), ("doc.md", "markdown")] {
        over_the_protocol(&text, name, language);
    }
}

/// The corpus texts, repeated to about [`SIZE`] bytes.
fn document() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a corpus text"))
        .collect();
    let mut out = String::new();
    for t in texts.iter().cycle() {
        if out.len() >= SIZE {
            break;
        }
        out.push_str(t.trim_end());
        out.push_str("\n\n");
    }
    out
}

fn in_process(text: &str) {
    let settings = Settings::load(None).expect("the bundled packs");
    for format in [Format::Plain, Format::Markdown] {
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..30 {
            let t = Instant::now();
            findings = settings.check(Path::new("doc"), format, text).len();
            times.push(t.elapsed());
        }
        report(
            &format!("check alone, {format:?}, {findings} findings"),
            times,
        );
    }
}

fn over_the_protocol(text: &str, name: &str, language: &str) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut client = Client::spawn(Path::new(env!("CARGO_BIN_EXE_spinlint")), dir.path());
    client.initialize(
        json!({"processId": null, "rootUri": file_uri(dir.path()), "capabilities": {}}),
    );
    let path = dir.path().join(name);
    std::fs::write(&path, "").expect("a writable directory");
    let uri = file_uri(&path);
    client.open(&uri, language, text);
    let first = client.diagnostics(&uri);
    let count = first["diagnostics"].as_array().map_or(0, Vec::len);
    let lines = text.lines().count();
    let mut times = Vec::new();
    for k in 0..KEYSTROKES {
        let version = k as i32 + 2;
        // Type an "x" at the start of a line spread through the document.
        let line = (k * 37) % lines;
        let at = json!({"line": line, "character": 0});
        let change = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "x"}],
        });
        let t = Instant::now();
        client.notify("textDocument/didChange", change);
        let got = client.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        times.push(t.elapsed());
        drop(got);
    }
    report(
        &format!("keystroke to diagnostics, {language}, {count} diagnostics"),
        times,
    );
    client.shutdown();
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} runs)",
        ms(p(0.5)),
        ms(p(0.95)),
        ms(times[times.len() - 1]),
        times.len()
    );
}

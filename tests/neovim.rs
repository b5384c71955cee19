//! A real client: headless Neovim runs `tests/fixtures/neovim/quickfix.lua`, which starts
//! `spinlint server`, waits for diagnostics on a spun corpus text, applies the quick fix for
//! "harmony track" with Neovim's own workspace-edit code and writes the file.
//!
//! Runs only with `SPINLINT_TEST_NVIM=1` (it needs `nvim` 0.7 or later; CI installs Debian's).

use spinlint::markup::Format;
use spinlint::server::settings::Settings;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_spinlint");

#[test]
fn neovim_applies_the_quick_fix() {
    if std::env::var("SPINLINT_TEST_NVIM").as_deref() != Ok("1") {
        // Straight to stderr, past the test harness's capture, so that the skip shows.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: set SPINLINT_TEST_NVIM=1 to run the headless Neovim client test (needs nvim)"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_dir(root.join("corpus"))
        .expect("corpus/")
        .map(|e| e.expect("an entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("000"))
        })
        .expect("seed 000");
    let original = std::fs::read_to_string(&seed).expect("the seed");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("spun.txt");
    std::fs::write(&file, &original).expect("a writable directory");
    let out = dir.path().join("results.json");
    let script = root.join("tests/fixtures/neovim/quickfix.lua");

    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .arg("spun.txt")
        .current_dir(dir.path())
        .env("SPINLINT_BIN", BIN)
        .env("SPINLINT_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim runs (install neovim)");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(s) = child.try_wait().expect("waitable") {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in 180 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let results = std::fs::read_to_string(&out).expect("the script wrote its results");
    let results: serde_json::Value = serde_json::from_str(&results).expect("JSON results");
    assert!(status.success(), "nvim failed: {results}");
    assert!(results.get("error").is_none(), "{results}");

    // As many diagnostics as `check` finds, then one fewer after the fix.
    let settings = Settings::load(None).expect("the bundled packs");
    let expected = settings.check(&file, Format::Plain, &original).len();
    assert_eq!(results["before"], expected, "{results}");
    assert_eq!(results["after"], expected - 1, "{results}");
    assert_eq!(results["encoding"], "utf-16");
    // The finding's place, and the file written with the original phrase in that place only.
    let at = original.find("harmony track").expect("the spun phrase");
    let line = original[..at].matches('\n').count();
    let col = at - original[..at].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(results["line"], line);
    assert_eq!(results["col"], col);
    let written = std::fs::read_to_string(&file).expect("the written file");
    let want = format!("{}peace track{}", &original[..at], &original[at + 13..]);
    assert_eq!(written.trim_end(), want.trim_end());
}

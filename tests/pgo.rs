//! `cargo xtask pgo` builds a binary with profile-guided optimisation that audits and checks
//! exactly as the plain build does. It needs the toolchain's `llvm-profdata` (`rustup component
//! add llvm-tools`) and two release builds, so it runs only when `SPINLINT_TEST_PGO=1` is set (as
//! `.ci/run` does after installing the component) and passes with a note otherwise. The builds
//! leave out the Parquet reader (`--no-default-features`), which the corpus does not need and
//! whose dependencies would double their time.

use std::path::Path;
use std::process::Command;

fn output(bin: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(bin)
        .args(args)
        .output()
        .expect("spinlint runs");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    out.stdout
}

#[test]
fn pgo_binary_audits_and_checks_as_the_plain_build() {
    if std::env::var_os("SPINLINT_TEST_PGO").is_none_or(|v| v != "1") {
        eprintln!("skipped: set SPINLINT_TEST_PGO=1 (needs `rustup component add llvm-tools`)");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "pgo",
            "--no-default-features",
        ])
        .arg("--target-dir")
        .arg(dir.path())
        .arg("corpus")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let pgo = dir
        .path()
        .join(format!("spinlint{}", std::env::consts::EXE_SUFFIX));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        pgo.display().to_string()
    );
    // The training runs left a profile, and the binary was built from it.
    assert!(dir.path().join("spinlint.profdata").is_file());
    let plain = assert_cmd::cargo::cargo_bin("spinlint");
    for args in [
        &["audit", "--format", "jsonl", "corpus"][..],
        &["audit", "--format", "json", "corpus"][..],
        &["check", "--format", "json", "corpus"][..],
    ] {
        assert_eq!(
            String::from_utf8_lossy(&output(&pgo, args)),
            String::from_utf8_lossy(&output(&plain, args)),
            "spinlint {}",
            args.join(" ")
        );
    }
}

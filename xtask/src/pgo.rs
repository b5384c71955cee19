//! `cargo xtask pgo`: a spinlint binary built with profile-guided optimisation. An instrumented
//! build audits (and checks) the training inputs, the toolchain's `llvm-profdata` merges what it
//! recorded, and a second build uses the profile. The result behaves exactly as the plain build;
//! it only runs faster on inputs like the training ones.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Options of `pgo`.
#[derive(Debug, clap::Args)]
pub struct PgoArgs {
    /// Inputs the instrumented binary audits to learn from (files or directories, as `spinlint
    /// audit` takes them); best a sample of the corpora to audit.
    #[arg(value_name = "TRAINING", default_value = "corpus")]
    pub train: Vec<PathBuf>,
    /// Where the two builds and the profile go (relative to the current directory); the binary is
    /// written there as `spinlint`.
    #[arg(long, value_name = "DIR", default_value = "target/pgo")]
    pub target_dir: PathBuf,
    /// Builds without the default features (Parquet input), as `cargo build
    /// --no-default-features` does: a smaller binary, built in less time.
    #[arg(long)]
    pub no_default_features: bool,
}

pub fn run(args: &PgoArgs) -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let profdata = llvm_profdata()?;
    let dir = absolute(&root, &args.target_dir);
    // The training runs' profiles; the build's own (build scripts run instrumented) go apart.
    let (raw, of_build) = (dir.join("profiles"), dir.join("build-profiles"));
    for d in [&raw, &of_build] {
        if d.exists() {
            std::fs::remove_dir_all(d).with_context(|| format!("cannot clear {}", d.display()))?;
        }
    }
    std::fs::create_dir_all(&raw).with_context(|| format!("cannot create {}", raw.display()))?;

    eprintln!("pgo: building the instrumented binary ...");
    let features = args.no_default_features;
    let instrumented = build(
        &root,
        &dir.join("generate"),
        &format!("-Cprofile-generate={}", of_build.display()),
        features,
    )?;
    eprintln!("pgo: training on {} input(s) ...", args.train.len());
    let pattern = raw.join("spinlint-%m-%p.profraw");
    let train: Vec<PathBuf> = args.train.iter().map(|p| absolute(&root, p)).collect();
    train_on(&instrumented, &pattern, &train)?;
    let merged = dir.join("spinlint.profdata");
    let status = Command::new(&profdata)
        .arg("merge")
        .arg("-o")
        .arg(&merged)
        .arg(&raw)
        .status()
        .with_context(|| format!("cannot run {}", profdata.display()))?;
    if !status.success() {
        bail!("{} merge failed ({status})", profdata.display());
    }
    eprintln!("pgo: building with the profile ...");
    let optimised = build(
        &root,
        &dir.join("use"),
        &format!(
            "-Cprofile-use={}\x1f-Cllvm-args=-pgo-warn-missing-function=false",
            merged.display()
        ),
        features,
    )?;
    let out = dir.join("spinlint");
    std::fs::copy(&optimised, &out).with_context(|| format!("cannot write {}", out.display()))?;
    println!("{}", out.display());
    Ok(())
}

/// `cargo build --release` of the spinlint binary into `target_dir`, with `flags` (separated by
/// 0x1f, as `CARGO_ENCODED_RUSTFLAGS` takes them, so paths may hold spaces) after any the
/// environment already sets, and without the default features when `no_default_features`; the
/// path of the binary.
fn build(
    root: &Path,
    target_dir: &Path,
    flags: &str,
    no_default_features: bool,
) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let inherited = std::env::var("CARGO_ENCODED_RUSTFLAGS")
        .ok()
        .filter(|f| !f.is_empty())
        .or_else(|| {
            let plain = std::env::var("RUSTFLAGS").ok()?;
            Some(plain.split_whitespace().collect::<Vec<_>>().join("\x1f"))
        })
        .filter(|f| !f.is_empty());
    let encoded = match inherited {
        Some(f) => format!("{f}\x1f{flags}"),
        None => flags.to_string(),
    };
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--package",
            "spinlint",
            "--bin",
            "spinlint",
        ])
        .args(no_default_features.then_some("--no-default-features"))
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_ENCODED_RUSTFLAGS", encoded)
        .env_remove("RUSTFLAGS")
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build failed ({status})");
    }
    Ok(target_dir
        .join("release")
        .join(format!("spinlint{}", std::env::consts::EXE_SUFFIX)))
}

/// Runs the instrumented binary the way a batch audit does (one thread and all of them), and
/// `check` on the same inputs, with its profile written to files named by `pattern`.
fn train_on(binary: &Path, pattern: &Path, train: &[PathBuf]) -> Result<()> {
    let runs: [&[&str]; 3] = [
        &["audit", "--format", "jsonl", "--quiet", "-j", "1"],
        &["audit", "--format", "jsonl", "--quiet"],
        &["check", "--format", "json", "--fail-on", "never"],
    ];
    for args in runs {
        let status = Command::new(binary)
            .args(args)
            .args(train)
            .env("LLVM_PROFILE_FILE", pattern)
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("cannot run {}", binary.display()))?;
        // `check` exits 2 on an input it cannot read as text (a compressed corpus): its profile
        // is still written, and audit has read every input.
        let unreadable_for_check = args[0] == "check" && status.code() == Some(2);
        if !(status.success() || unreadable_for_check) {
            bail!(
                "training run `spinlint {}` failed ({status})",
                args.join(" ")
            );
        }
    }
    Ok(())
}

/// The toolchain's `llvm-profdata` (from the `llvm-tools` component), matching its LLVM.
fn llvm_profdata() -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = |args: &[&str]| -> Result<String> {
        let out = Command::new(&rustc)
            .args(args)
            .output()
            .context("cannot run rustc")?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let sysroot = output(&["--print", "sysroot"])?;
    let version = output(&["-vV"])?;
    let host = version
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .context("rustc -vV names no host")?;
    let path = Path::new(&sysroot)
        .join("lib/rustlib")
        .join(host)
        .join("bin")
        .join(format!("llvm-profdata{}", std::env::consts::EXE_SUFFIX));
    if !path.is_file() {
        bail!(
            "{} is missing: install it with `rustup component add llvm-tools`",
            path.display()
        );
    }
    Ok(path)
}

fn absolute(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| root.join(path))
    }
}

//! `spinlint check` as a copy editor meets it: `--fix` that keeps line breaks and leaves
//! quotations alone, `--version` on every command, and a summary that counts unreadable inputs.

use assert_cmd::Command;
use std::fs;

fn cmd(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("spinlint").expect("binary builds");
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("NO_COLOR", "1");
    c
}

fn spinlint() -> Command {
    Command::cargo_bin("spinlint").expect("binary builds")
}

#[test]
fn fix_keeps_hard_wrapped_lines_and_double_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wrap.txt");
    fs::write(
        &path,
        "The harmony\ntrack stalled.\n\nWe saw the harmony  track.\n",
    )
    .unwrap();
    cmd(dir.path())
        .args(["check", "--fix", "wrap.txt"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "The peace\ntrack stalled.\n\nWe saw the peace  track.\n"
    );
}

#[test]
fn fix_leaves_quoted_speech_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let text = "> “We are committed to the harmony track,” the minister said.\n\n\
                Talks on the harmony track stalled.\n\n\
                He said: \"Progress on the harmony track is slow.\"\n";
    let path = dir.path().join("quote.md");
    fs::write(&path, text).unwrap();
    let out = cmd(dir.path())
        .args(["check", "--fix", "quote.md"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replace("Talks on the harmony track", "Talks on the peace track")
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.matches("warning[tortured-phrase]").count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.contains("= inside a quotation: --fix leaves it"),
        "{stdout}"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("fixed 1 finding in 1 file; 3 remain"),);
}

#[test]
fn every_command_prints_its_version() {
    let version = env!("CARGO_PKG_VERSION");
    for args in [
        &["--version"][..],
        &["check", "--version"],
        &["audit", "--version"],
        &["rules", "--version"],
        &["explain", "--version"],
        &["server", "--version"],
    ] {
        let out = spinlint().args(args).assert().code(0).get_output().clone();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with("spinlint") && stdout.trim_end().ends_with(version),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn the_summary_counts_inputs_that_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Talks stalled.\n").unwrap();
    cmd(dir.path())
        .args(["check", "nonexist.txt"])
        .assert()
        .code(2)
        .stderr(
            "error: nonexist.txt: no such file or directory\n\
             checked 0 files: 0 errors, 0 warnings, 0 infos; 1 input could not be read\n",
        );
    cmd(dir.path())
        .args(["check", "ok.txt", "gone.txt", "lost.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::ends_with(
            "checked 1 file: 0 errors, 0 warnings, 0 infos; 2 inputs could not be read\n",
        ));
}

//! The human output of long and wide lines: a window of each line around its findings, with
//! the file's own line and column numbers, underlines aligned under wide characters and tabs,
//! and output that grows with the findings, not with the length of their line.

use assert_cmd::Command;

fn check(text: &str) -> (String, String) {
    let out = Command::cargo_bin("spinlint")
        .expect("binary builds")
        .env_remove("NO_COLOR")
        .args(["check", "--color=never", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    (stdout, String::from_utf8(out.stderr).expect("UTF-8"))
}

/// Ordinary prose, `n` sentences of it, on one line.
fn filler(n: usize) -> String {
    "The committee met again on Tuesday and agreed to publish its report in the spring. ".repeat(n)
}

#[test]
fn a_finding_in_a_long_line_shows_a_window_of_it() {
    let text = format!(
        "{}Nothing changed until we saw improvement on the harmony track, he said. {}\n",
        filler(40),
        filler(40)
    );
    let (out, _) = check(&text);
    insta::assert_snapshot!(out);
    let column = text[..text.find("harmony").unwrap()].chars().count() + 1;
    assert!(out.contains(&format!("<stdin>:1:{column}")), "{out}");
}

#[test]
fn two_findings_far_apart_on_one_line_are_both_shown() {
    let text = format!(
        "Antony Blinken arrived. {}Later, Blinkin said talks would go on.\n",
        filler(30)
    );
    let (out, _) = check(&text);
    insta::assert_snapshot!(out);
}

#[test]
fn wide_characters_tabs_and_line_breaks_stay_aligned() {
    let text = format!(
        "\t東京 😀 {}the harmony\ntrack stalled, and\tthe thunder offensive 東京 went on. {}\n",
        "東京の会議 大阪の会議 ".repeat(20),
        filler(3)
    );
    let (out, _) = check(&text);
    insta::assert_snapshot!(out);
}

#[test]
fn output_stays_bounded_for_a_huge_single_line() {
    // About 2 MB on one line, with a finding every 40 KB or so.
    let chunk = format!("{}Talks on the harmony track stalled. ", filler(500));
    let text = chunk.repeat(50);
    assert!(!text.contains('\n') && text.len() > 2_000_000);
    let (out, err) = check(&text);
    let findings = out.matches("warning[tortured-phrase]").count();
    assert_eq!(findings, 50, "{err}");
    assert!(
        out.len() < findings * 1_000,
        "{} bytes of output for {findings} findings",
        out.len()
    );
    for line in out.lines() {
        assert!(line.chars().count() < 260, "{line}");
    }
}

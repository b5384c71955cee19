//! Where teams plug spinlint in: the pre-commit hook and the GitHub Actions example of the README
//! run as written, on a spun file.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

const SPUN: &str = "# Notes\n\nTalks on the harmony track stalled.\n";

fn repo_file(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect("file in the repo")
}

/// Runs a command line that starts with `spinlint`, in `dir`.
fn run_spinlint(line: &str, dir: &Path) -> std::process::Output {
    let mut words = line.split_whitespace();
    assert_eq!(words.next(), Some("spinlint"), "{line}");
    Command::cargo_bin("spinlint")
        .expect("binary builds")
        .current_dir(dir)
        .args(words)
        .output()
        .expect("runs")
}

#[test]
fn pre_commit_hook_entry_fails_on_a_spun_file() {
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&repo_file(".pre-commit-hooks.yaml")).expect("YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("spinlint"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    let entry = hook["entry"].as_str().expect("an entry");
    let files = hook["files"].as_str().expect("a files pattern");
    assert!(files.contains("md") && files.contains("html"), "{files}");
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("spun.md"), SPUN).expect("write");
    fs::write(dir.path().join("clean.md"), "Talks on the peace track.\n").expect("write");
    // pre-commit appends the staged file names to the entry.
    let out = run_spinlint(&format!("{entry} spun.md clean.md"), dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("harmony track"));
    assert_eq!(
        run_spinlint(&format!("{entry} clean.md"), dir.path())
            .status
            .code(),
        Some(0)
    );
}

/// The `run:` lines of the README's GitHub Actions example that call spinlint check.
fn workflow_runs() -> Vec<String> {
    let readme = repo_file("README.md");
    let section = readme
        .split("### GitHub Actions")
        .nth(1)
        .expect("a GitHub Actions section");
    let block = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a yaml block");
    let workflow: serde_yaml::Value = serde_yaml::from_str(block).expect("the workflow is YAML");
    let steps = workflow["jobs"]["spinlint"]["steps"]
        .as_sequence()
        .expect("steps");
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.starts_with("spinlint check"))
        .map(String::from)
        .collect()
}

#[test]
fn readme_workflow_commands_annotate_and_write_sarif() {
    let runs = workflow_runs();
    assert_eq!(runs.len(), 2, "{runs:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("spun.md"), SPUN).expect("write");
    let files = "${{ steps.changed.outputs.files }}";
    let github = run_spinlint(&runs[0].replace(files, "spun.md"), dir.path());
    assert_eq!(github.status.code(), Some(1));
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(
        text.starts_with("::warning file=spun.md,line=3,col=14,"),
        "{text}"
    );
    let (command, target) = runs[1].split_once(" > ").expect("redirected to a file");
    assert_eq!(target.trim(), "spinlint.sarif");
    let sarif = run_spinlint(&command.replace(files, "spun.md"), dir.path());
    assert_eq!(sarif.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "tortured-phrase");
}

//! `spinlint server` over the protocol: the built binary, spoken to in JSON-RPC on stdio.

mod lsp_client;

use lsp_client::{file_uri, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const BIN: &str = env!("CARGO_BIN_EXE_spinlint");

/// What goes before a finding on its line: curly quotes, an accented letter and an emoji (two
/// UTF-16 units, four bytes).
const PREFIX: &str = "“curly quotes” é 😀 ";

/// The text of corpus seed `n` (`000`, `001`).
fn seed(n: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let file = std::fs::read_dir(&dir)
        .expect("corpus/")
        .map(|e| e.expect("a directory entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with(n))
        })
        .expect("the seed");
    std::fs::read_to_string(file).expect("a readable seed")
}

/// Seed 000 with [`PREFIX`] at the start of the line of "harmony track".
fn spun() -> String {
    let text = seed("000");
    let at = text.find("harmony track").expect("the spun phrase");
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{PREFIX}{}", &text[..line], &text[line..])
}

/// Line and character of byte `offset`, counted in UTF-16 units or in bytes.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    let before = &text[line_start..offset];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

fn range(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({"start": position(text, start, utf8), "end": position(text, end, utf8)})
}

fn init_params(root: &Path, encodings: Option<&[&str]>, watch: bool) -> Value {
    let mut caps = json!({
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}},
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
    });
    if let Some(e) = encodings {
        caps["general"] = json!({"positionEncodings": e});
    }
    json!({
        "processId": null,
        "rootUri": file_uri(root),
        "workspaceFolders": [{"uri": file_uri(root), "name": "workspace"}],
        "capabilities": caps,
    })
}

/// A server started in an empty temporary workspace holding `name`.
fn start(
    encodings: Option<&[&str]>,
    watch: bool,
    name: &str,
) -> (Client, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join(name);
    std::fs::write(&file, "").expect("a writable workspace");
    let mut client = Client::spawn(Path::new(BIN), dir.path());
    let result = client.initialize(init_params(dir.path(), encodings, watch));
    let expected = if encodings.is_some_and(|e| e.contains(&"utf-8")) {
        "utf-8"
    } else {
        "utf-16"
    };
    assert_eq!(result["capabilities"]["positionEncoding"], expected);
    (client, dir, file)
}

fn find<'a>(diags: &'a Value, code: &str, start: &Value) -> Option<&'a Value> {
    diags["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code && &d["range"]["start"] == start)
}

fn codes(diags: &Value) -> Vec<String> {
    diags["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a rule id").to_string())
        .collect()
}

#[test]
fn initialize_announces_the_capabilities() {
    let (client, _dir, _) = start(None, false, "a.txt");
    client.shutdown();
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::spawn(Path::new(BIN), dir.path());
    let result = client.initialize(init_params(dir.path(), Some(&["utf-8", "utf-16"]), false));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(result["serverInfo"]["name"], "spinlint");
    assert!(client.shutdown().success());
}

/// Diagnostics of the spun seed, with the ranges both encodings give, and with CRLF lines.
#[test]
fn diagnostics_in_both_encodings() {
    for utf8 in [false, true] {
        for crlf in [false, true] {
            let encodings: &[&str] = if utf8 {
                &["utf-8", "utf-16"]
            } else {
                &["utf-16"]
            };
            let (mut client, _dir, file) = start(Some(encodings), false, "spun.txt");
            let uri = file_uri(&file);
            let text = if crlf {
                spun().replace('\n', "\r\n")
            } else {
                spun()
            };
            client.open(&uri, "plaintext", &text);
            let diags = client.diagnostics(&uri);
            assert_eq!(diags["version"], 1);
            let at = text.find("harmony track").unwrap();
            let want = range(&text, at, at + "harmony track".len(), utf8);
            let d = find(&diags, "tortured-phrase", &want["start"]).expect("harmony track");
            assert_eq!(d["range"], want, "utf8 {utf8} crlf {crlf}");
            assert_eq!(d["source"], "spinlint");
            assert_eq!(d["severity"], 2);
            let message = d["message"].as_str().unwrap();
            assert!(
                message.contains("(likely original: “peace track”)"),
                "{message}"
            );
            // The character count after the prefix differs between the encodings.
            let chars = want["start"]["character"].as_u64().unwrap() as usize;
            let line = &text[text[..at].rfind('\n').unwrap() + 1..at];
            assert_eq!(
                chars,
                if utf8 {
                    line.len()
                } else {
                    line.chars().count() + 1
                }
            );
            // A name spelled two ways points at its first use.
            let brian = text.find("O’Brian").unwrap();
            let d = find(&diags, "name-drift", &position(&text, brian, utf8)).expect("O’Brian");
            let related = &d["relatedInformation"][0];
            let brien = text.find("O’Brien").unwrap();
            assert_eq!(
                related["location"]["range"],
                range(&text, brien, brien + "O’Brien".len(), utf8)
            );
            assert_eq!(related["location"]["uri"], uri.as_str());
            // Seed 001: words fused after a curly quote, on its first line.
            let other = seed("001");
            let other = if crlf {
                other.replace('\n', "\r\n")
            } else {
                other
            };
            let other_uri = uri.replace("spun.txt", "other.txt");
            client.open(&other_uri, "plaintext", &other);
            let diags = client.diagnostics(&other_uri);
            let at = other.find("ManyBridgeheads").expect("fused words");
            let want = range(&other, at, at + "ManyBridgeheads".len(), utf8);
            let d = find(&diags, "joined-words", &want["start"]).expect("joined-words");
            assert_eq!(d["range"], want);
            assert_eq!(want["start"]["character"], if utf8 { 32 } else { 30 });
            assert!(client.shutdown().success());
        }
    }
}

#[test]
fn incremental_changes_update_the_diagnostics() {
    let (mut client, _dir, file) = start(None, false, "spun.txt");
    let uri = file_uri(&file);
    let text = spun();
    client.open(&uri, "plaintext", &text);
    let first = client.diagnostics(&uri);
    let at = text.find("harmony track").unwrap();
    let brian = text.find("O’Brian").unwrap();
    assert!(find(&first, "name-drift", &position(&text, brian, false)).is_some());
    // "harmony" -> "peace": the tortured phrase goes; then two emoji before it on its line.
    let edit = |range: Value, new: &str, version: i32| {
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": new}],
        })
    };
    let r = range(&text, at, at + "harmony".len(), false);
    client.notify("textDocument/didChange", edit(r, "peace", 2));
    let second = client.diagnostics(&uri);
    assert_eq!(second["version"], 2);
    let fixed = text.replacen("harmony track", "peace track", 1);
    let gone = position(&fixed, at, false);
    assert!(
        find(&second, "tortured-phrase", &gone).is_none(),
        "{second:#}"
    );
    assert_eq!(codes(&second).len(), codes(&first).len() - 1);
    let line_start = fixed[..at].rfind('\n').unwrap() + 1;
    let r = range(&fixed, line_start, line_start, false);
    client.notify("textDocument/didChange", edit(r, "😀😀 ", 3));
    let third = client.diagnostics(&uri);
    let now = format!("{}😀😀 {}", &fixed[..line_start], &fixed[line_start..]);
    let brian = now.find("O’Brian").unwrap();
    let moved = position(&now, brian, false);
    assert!(find(&third, "name-drift", &moved).is_some(), "{third:#}");
    // Several changes in one notification apply in order; a whole-text change replaces all.
    let params = json!({
        "textDocument": {"uri": uri, "version": 4},
        "contentChanges": [
            {"text": "Talks on the harmony track."},
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}, "text": "Progress"},
        ],
    });
    client.notify("textDocument/didChange", params);
    let fourth = client.diagnostics(&uri);
    assert_eq!(fourth["version"], 4);
    let d = &fourth["diagnostics"][0];
    assert_eq!(d["code"], "tortured-phrase");
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 16}));
    assert!(client.shutdown().success());
}

#[test]
fn code_actions_fix_and_suppress() {
    let (mut client, _dir, file) = start(None, false, "spun.txt");
    let uri = file_uri(&file);
    let text = spun();
    client.open(&uri, "plaintext", &text);
    client.diagnostics(&uri);
    let at = text.find("harmony track").unwrap();
    let target = range(&text, at, at + "harmony track".len(), false);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": target, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = &actions[0];
    assert_eq!(fix["title"], "Replace with “peace track”");
    assert_eq!(fix["kind"], "quickfix");
    assert!(fix["isPreferred"].is_boolean());
    assert_eq!(fix["diagnostics"][0]["code"], "tortured-phrase");
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["range"], target);
    assert_eq!(edit["newText"], "peace track");
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress tortured-phrase on this line")
        .expect("suppression action");
    let edit = &suppress["edit"]["changes"][uri.as_str()][0];
    let line = target["start"]["line"].clone();
    let start = json!({"line": line, "character": 0});
    assert_eq!(edit["range"], json!({"start": start, "end": start}));
    assert_eq!(
        edit["newText"],
        "spinlint-disable-next-line tortured-phrase\n"
    );
    // A fix the document makes certain is preferred: "Nagorno- Karabakh", written whole elsewhere.
    let at = text.find("Nagorno- Karabakh").unwrap();
    let r = range(&text, at, at, false);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Replace with “Nagorno-Karabakh”")
        .expect("broken-hyphen fix");
    assert_eq!(fix["isPreferred"], true);
    // Actions of other kinds only: none.
    let none = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": [], "only": ["refactor"]}}),
    );
    assert_eq!(none, json!([]));
    // Applied as the editor would, the suppression silences the finding and only it.
    let before = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": target, "context": {"diagnostics": []}}),
    );
    let edit = before[1]["edit"]["changes"][uri.as_str()][0].clone();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let after = client.diagnostics(&uri);
    let harmony = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("harmony track"))
        .count();
    assert_eq!(harmony, 0, "{after:#}");
    assert!(codes(&after).contains(&"tortured-phrase".to_string()));
    assert!(client.shutdown().success());
}

#[test]
fn suppression_comments_in_markdown_and_html_silence() {
    let (mut client, dir, _) = start(None, false, "x.txt");
    let md =
        "# Notes\n\nProgress on the harmony track stalled.\n\n```\nharmony track in code\n```\n";
    let uri = file_uri(&dir.path().join("notes.md"));
    client.open(&uri, "markdown", md);
    let diags = client.diagnostics(&uri);
    assert_eq!(codes(&diags), ["tortured-phrase"], "prose only: {diags:#}");
    let at = md.find("harmony").unwrap();
    let r = range(md, at, at, false);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": []}}),
    );
    let suppress = &actions.as_array().unwrap()[1];
    let edit = &suppress["edit"]["changes"][uri.as_str()][0];
    assert_eq!(
        edit["newText"],
        "<!-- spinlint-disable-next-line tortured-phrase -->\n"
    );
    let new = edit["newText"].as_str().unwrap();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": edit["range"], "text": new}]}),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), Vec::<String>::new());
    let html = "<html><body>\n<p>Progress on the harmony track stalled.</p>\n<script>harmony track</script>\n</body></html>\n";
    let uri = file_uri(&dir.path().join("page.html"));
    client.open(&uri, "html", html);
    let diags = client.diagnostics(&uri);
    assert_eq!(codes(&diags), ["tortured-phrase"]);
    let at = html.find("harmony").unwrap();
    assert_eq!(
        diags["diagnostics"][0]["range"]["start"],
        position(html, at, false)
    );
    // A language the server does not check gets no diagnostics.
    let uri = file_uri(&dir.path().join("main.rs"));
    client.open(&uri, "rust", "// harmony track");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 5}}),
    );
    assert_eq!(hover, Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn hover_shows_the_explanation() {
    let (mut client, _dir, file) = start(Some(&["utf-8"]), false, "spun.txt");
    let uri = file_uri(&file);
    let text = spun();
    client.open(&uri, "plaintext", &text);
    client.diagnostics(&uri);
    let at = text.find("harmony track").unwrap() + 3;
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(&text, at, true)}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**tortured-phrase**: a fixed expression broken by a synonym swap"),
        "{value}"
    );
    assert!(value.contains("**Why it matters**"));
    assert!(value.contains("spinlint-disable-next-line tortured-phrase"));
    let start = text.find("harmony track").unwrap();
    assert_eq!(
        hover["range"],
        range(&text, start, start + "harmony track".len(), true)
    );
    // Nothing to explain in clean text.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}),
    );
    assert_eq!(nothing, Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn configuration_changes_are_picked_up() {
    let (mut client, dir, file) = start(None, true, "spun.txt");
    // The server asks to watch spinlint.yaml files; the client agrees.
    let register = client.wait_for(|m| m["method"] == "client/registerCapability");
    let reg = &register["params"]["registrations"][0];
    assert_eq!(reg["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        reg["registerOptions"]["watchers"][0]["globPattern"],
        "**/spinlint.yaml"
    );
    client.send(&json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));
    let uri = file_uri(&file);
    client.open(&uri, "plaintext", &spun());
    assert!(codes(&client.diagnostics(&uri)).contains(&"tortured-phrase".to_string()));
    let config = dir.path().join("spinlint.yaml");
    let config_uri = file_uri(dir.path()) + "/spinlint.yaml";
    let changed = |typ: u8| json!({"changes": [{"uri": config_uri, "type": typ}]});
    std::fs::write(&config, "ignore: [tortured-phrase]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(1));
    let ignored = codes(&client.diagnostics(&uri));
    assert!(
        !ignored.is_empty() && !ignored.contains(&"tortured-phrase".to_string()),
        "{ignored:?}"
    );
    // A broken file is reported and the settings before it stay.
    std::fs::write(&config, "ignore: [tortured-phrse]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(2));
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("spinlint.yaml:1:10"), "{message}");
    assert!(
        message.contains("did you mean `tortured-phrase`?"),
        "{message}"
    );
    assert_eq!(codes(&client.diagnostics(&uri)), ignored);
    // Saving the file in the editor reloads it too.
    std::fs::write(&config, "severity: {tortured-phrase: error}\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let diags = client.diagnostics(&uri);
    let text = spun();
    let at = text.find("harmony track").unwrap();
    let d = find(&diags, "tortured-phrase", &position(&text, at, false)).expect("back");
    assert_eq!(d["severity"], 1);
    assert!(client.shutdown().success());
}

#[test]
fn bad_input_from_the_client_is_survived() {
    let (mut client, _dir, file) = start(None, false, "spun.txt");
    let uri = file_uri(&file);
    // Unknown documents, bad parameters, unknown methods, ranges past the end.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    client.notify("textDocument/didOpen", json!({"textDocument": 5}));
    let r = client.request_raw("textDocument/hover", json!({"bad": true}));
    assert_eq!(r["error"]["code"], -32602);
    let r = client.request_raw("workspace/symbol", json!({"query": ""}));
    assert_eq!(r["error"]["code"], -32601);
    let none = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(none, json!([]));
    client.open(&uri, "plaintext", "Talks on the harmony track.\n");
    client.diagnostics(&uri);
    let far = json!({"start": {"line": 7, "character": 99}, "end": {"line": 3, "character": 2}});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": far, "text": "Then the harmony track.\n"}]}),
    );
    let diags = client.diagnostics(&uri);
    assert_eq!(codes(&diags), ["tortured-phrase", "tortured-phrase"]);
    assert_eq!(
        diags["diagnostics"][1]["range"]["start"],
        json!({"line": 1, "character": 9})
    );
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::spawn(Path::new(BIN), dir.path());
    client.initialize(init_params(dir.path(), None, false));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));
}

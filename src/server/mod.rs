//! `spinlint server`: a language server on standard input and output.
//!
//! Built on `lsp-server`, rust-analyzer's scaffold: a synchronous loop over a channel of
//! messages, with no async runtime. Checking a document is CPU work of a few milliseconds that
//! nothing can await, so one thread that handles one message at a time is all it needs.
//!
//! Documents are checked by the same [`Pipeline`](crate::pipeline::Pipeline) as `check`, under
//! the `spinlint.yaml` nearest to each (see [`settings`]). Changes are applied as they arrive and
//! the changed documents are checked once no more messages are waiting, so edits that queue up
//! while a check runs usually cost one check between them; a request about a document checks it
//! first if it changed. A configuration
//! file that changes (a watched-file event, or a save in the editor) is read again and every open
//! document re-checked; a broken one is reported with `window/showMessage` and the settings
//! before it stay. Nothing a client sends stops the server: unknown documents and bad
//! parameters are logged on stderr and ignored, and ranges are clamped to the text.

pub mod convert;
pub mod documents;
pub mod position;
pub mod settings;

use crate::config::FILE_NAME;
use documents::{format_for, path_of, Document};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability, InitializeParams,
    MessageType, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use position::Encoding;
use serde::de::DeserializeOwned;
use settings::Settings;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Why the server stopped before the client said `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The client broke the protocol during the handshake, or left before it.
    #[error("no language client to serve")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// Standard input or output failed (or carried a malformed message).
    #[error("the connection to the client failed")]
    Io(#[from] std::io::Error),
}

/// Serves on standard input and output until the client says `exit`; returns true when it said
/// `shutdown` first (exit code 0, else 1, as the protocol asks).
pub fn run() -> Result<bool, ServerError> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(clean)
}

/// Serves on `connection`: the handshake, then messages until `exit` or the end of input.
pub fn serve(connection: &Connection) -> Result<bool, ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_else(|e| {
        log(&format!(
            "initialize: unreadable parameters ({e}); using defaults"
        ));
        InitializeParams::default()
    });
    let mut server = Server::new(connection, &params);
    let result = serde_json::json!({
        "capabilities": server.capabilities(),
        "serverInfo": ServerInfo {
            name: "spinlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, result)?;
    if watches_files(&params) {
        server.register_watcher();
    }
    Ok(server.run())
}

fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// A line on stderr, where editors keep a server's log.
fn log(message: &str) {
    eprintln!("spinlint server: {message}");
}

/// Settings are keyed by the configuration file they come from (`None`: the defaults).
type ConfigKey = Option<PathBuf>;

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    docs: HashMap<Url, Document>,
    settings: HashMap<ConfigKey, Settings>,
    /// Configurations that failed to load since the last reload: not tried again per document.
    broken: HashSet<PathBuf>,
    /// Documents changed since they were last checked.
    dirty: BTreeSet<Url>,
    next_id: i32,
    shutdown: bool,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, params: &InitializeParams) -> Self {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        #[allow(deprecated)] // `rootUri` is what clients without workspace folders send.
        let root = params.root_uri.iter().map(path_of);
        let roots = match &params.workspace_folders {
            Some(folders) if !folders.is_empty() => {
                folders.iter().map(|f| path_of(&f.uri)).collect()
            }
            _ => root.collect(),
        };
        Server {
            connection,
            encoding: Encoding::negotiate(offered),
            roots,
            docs: HashMap::new(),
            settings: HashMap::new(),
            broken: HashSet::new(),
            dirty: BTreeSet::new(),
            next_id: 0,
            shutdown: false,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        let sync = TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        };
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        }
    }

    /// Asks the client to report changes to any `spinlint.yaml`.
    fn register_watcher(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "spinlint-config".to_string(),
                method: note::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("spinlint-{}", self.next_id));
        let request = Request::new(id, req::RegisterCapability::METHOD.to_string(), params);
        self.send(request.into());
    }

    /// Handles messages until `exit` (or the end of input); true when `shutdown` came first.
    fn run(&mut self) -> bool {
        while let Some(message) = self.next_message() {
            match message {
                Message::Request(r) => self.on_request(r),
                Message::Notification(n) if n.method == note::Exit::METHOD => return self.shutdown,
                Message::Notification(n) => self.on_notification(n),
                Message::Response(r) => {
                    if let Err(e) = r.response_result {
                        log(&format!(
                            "the client refused request {}: {}",
                            r.id, e.message
                        ));
                    }
                }
            }
        }
        log("input closed without `exit`");
        false
    }

    /// The next message; while documents wait to be checked, they are checked whenever no
    /// message is waiting.
    fn next_message(&mut self) -> Option<Message> {
        loop {
            if self.dirty.is_empty() {
                return self.connection.receiver.recv().ok();
            }
            match self.connection.receiver.try_recv() {
                Ok(m) => return Some(m),
                Err(e) if e.is_disconnected() => return None,
                Err(_) => {
                    let uris = std::mem::take(&mut self.dirty);
                    uris.iter().for_each(|u| self.check(u));
                }
            }
        }
    }

    fn send(&self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            log("cannot write to the client");
        }
    }

    fn notify<N: note::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn on_request(&mut self, r: Request) {
        let response = if self.shutdown {
            Response::new_err(
                r.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_string(),
            )
        } else {
            match r.method.as_str() {
                req::Shutdown::METHOD => {
                    self.shutdown = true;
                    Response::new_ok(r.id, ())
                }
                req::CodeActionRequest::METHOD => self.answer(r, Self::code_action),
                req::HoverRequest::METHOD => self.answer(r, Self::hover),
                _ => Response::new_err(
                    r.id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unknown method {}", r.method),
                ),
            }
        };
        self.send(response.into());
    }

    /// Reads a request's parameters and answers with `handle`'s result.
    fn answer<P: DeserializeOwned, R: serde::Serialize>(
        &mut self,
        r: Request,
        handle: impl FnOnce(&mut Self, P) -> R,
    ) -> Response {
        match serde_json::from_value::<P>(r.params) {
            Ok(params) => Response::new_ok(r.id, handle(self, params)),
            Err(e) => Response::new_err(
                r.id,
                ErrorCode::InvalidParams as i32,
                format!("bad parameters for {}: {e}", r.method),
            ),
        }
    }

    /// The checked document `uri`, checked first if it changed since.
    fn current(&mut self, uri: &Url) -> Option<&Document> {
        self.refresh(uri);
        self.docs.get(uri)
    }

    /// Checks document `uri` now if it changed since it was last checked; logs an unknown one.
    fn refresh(&mut self, uri: &Url) {
        if self.dirty.remove(uri) {
            self.check(uri);
        }
        let doc = self.docs.get(uri);
        if doc.is_none() {
            log(&format!("request about a document not open: {uri}"));
        }
    }

    fn code_action(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let wanted = p.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
        let enc = self.encoding;
        match self.current(&p.text_document.uri) {
            Some(doc) if wanted => {
                let span = doc.span(p.range, enc);
                convert::code_actions(doc, span, enc)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction)
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn hover(&mut self, p: HoverParams) -> Option<lsp_types::Hover> {
        let enc = self.encoding;
        let at = p.text_document_position_params;
        self.refresh(&at.text_document.uri);
        let doc = self.docs.get(&at.text_document.uri)?;
        let rules = self.settings.get(&doc.config)?.rules();
        convert::hover(doc, doc.offset(at.position, enc), enc, rules)
    }

    fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => with(n, |p| self.open(p)),
            note::DidChangeTextDocument::METHOD => with(n, |p| self.change(p)),
            note::DidCloseTextDocument::METHOD => with(n, |p| self.close(p)),
            note::DidSaveTextDocument::METHOD => with(n, |p: DidSaveTextDocumentParams| {
                if is_config(&path_of(&p.text_document.uri)) {
                    self.reload();
                }
            }),
            note::DidChangeWatchedFiles::METHOD => with(n, |p: DidChangeWatchedFilesParams| {
                if p.changes.iter().any(|c| is_config(&path_of(&c.uri))) {
                    self.reload();
                }
            }),
            note::DidChangeWorkspaceFolders::METHOD => {
                with(n, |p: DidChangeWorkspaceFoldersParams| {
                    let gone: Vec<PathBuf> =
                        p.event.removed.iter().map(|f| path_of(&f.uri)).collect();
                    self.roots.retain(|r| !gone.contains(r));
                    self.roots
                        .extend(p.event.added.iter().map(|f| path_of(&f.uri)));
                })
            }
            // `$/cancelRequest`, `$/setTrace` and the like: every request is answered at once.
            _ => {}
        }
    }

    fn open(&mut self, p: DidOpenTextDocumentParams) {
        let d = p.text_document;
        let Some(format) = format_for(&d.language_id, &path_of(&d.uri)) else {
            return;
        };
        let mut doc = Document::new(d.uri.clone(), d.version, format, d.text);
        doc.config = self.resolve(&doc.path, &None, &mut HashMap::new());
        self.docs.insert(d.uri.clone(), doc);
        self.dirty.insert(d.uri);
    }

    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        for change in p.content_changes {
            doc.apply(change, self.encoding);
        }
        doc.version = p.text_document.version;
        self.dirty.insert(uri);
    }

    fn close(&mut self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.dirty.remove(&uri);
        if self.docs.remove(&uri).is_some() {
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams::new(
                uri,
                Vec::new(),
                None,
            ));
        }
    }

    /// Checks document `uri` and publishes its diagnostics.
    fn check(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let Some(settings) = self.settings.get(&doc.config) else {
            return;
        };
        // A fault in a check costs this document its diagnostics, never the server.
        let found = catch_unwind(AssertUnwindSafe(|| {
            settings.check(&doc.path, doc.format, doc.text())
        }));
        doc.findings = found.unwrap_or_else(|_| {
            log(&format!("internal error while checking {uri}"));
            Vec::new()
        });
        let enc = self.encoding;
        let diagnostics = doc
            .findings
            .iter()
            .map(|f| convert::diagnostic(doc, f, enc))
            .collect();
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(doc.version));
        self.notify::<note::PublishDiagnostics>(params);
    }

    /// The configuration file of a document at `path`: the nearest `spinlint.yaml` to it, or to
    /// the first workspace folder for a document that is no file.
    fn discover(&self, path: &Path) -> ConfigKey {
        let dir = match path.parent() {
            Some(dir) if path.is_absolute() => Some(dir),
            _ => self.roots.first().map(PathBuf::as_path),
        };
        dir.and_then(crate::config::Config::discover)
    }

    /// The settings of a document at `path`, loaded if need be: those of its configuration file,
    /// else (when that fails) the ones it had (`had`), else the defaults. During a reload `old`
    /// holds the settings before it, kept for a file that no longer reads.
    fn resolve(
        &mut self,
        path: &Path,
        had: &ConfigKey,
        old: &mut HashMap<ConfigKey, Settings>,
    ) -> ConfigKey {
        let want = self.discover(path);
        [want, had.clone()]
            .into_iter()
            .find(|key| self.ensure(key, old))
            .unwrap_or_else(|| {
                self.ensure(&None, old);
                None
            })
    }

    /// True when the settings of `key` are loaded: already, now, or (when the file fails to
    /// load) the ones from before the reload.
    fn ensure(&mut self, key: &ConfigKey, old: &mut HashMap<ConfigKey, Settings>) -> bool {
        if self.settings.contains_key(key) {
            return true;
        }
        let fresh = match key {
            Some(p) if self.broken.contains(p) => None,
            _ => self.load(key.as_deref()),
        };
        match fresh.or_else(|| old.remove(key)) {
            Some(s) => {
                self.settings.insert(key.clone(), s);
                true
            }
            None => false,
        }
    }

    /// Loads the settings of a configuration file; reports a failure to the user.
    fn load(&mut self, key: Option<&Path>) -> Option<Settings> {
        match Settings::load(key) {
            Ok(s) => Some(s),
            Err(e) => {
                let message =
                    format!("spinlint: {e}; the settings in use before (or the defaults) stay");
                log(&message);
                self.notify::<note::ShowMessage>(ShowMessageParams {
                    typ: MessageType::ERROR,
                    message,
                });
                if let Some(p) = key {
                    self.broken.insert(p.to_path_buf());
                }
                None
            }
        }
    }

    /// Reads every configuration again and re-checks every open document.
    fn reload(&mut self) {
        let mut old = std::mem::take(&mut self.settings);
        self.broken.clear();
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            let Some(d) = self.docs.get(&uri) else {
                continue;
            };
            let (path, had) = (d.path.clone(), d.config.clone());
            let key = self.resolve(&path, &had, &mut old);
            if let Some(d) = self.docs.get_mut(&uri) {
                d.config = key;
            }
            self.dirty.insert(uri);
        }
        log("configuration read again");
    }
}

/// Runs `f` on a notification's parameters; logs and ignores parameters that do not read.
fn with<P: DeserializeOwned>(n: Notification, f: impl FnOnce(P)) {
    match serde_json::from_value::<P>(n.params) {
        Ok(p) => f(p),
        Err(e) => log(&format!("ignored {}: bad parameters ({e})", n.method)),
    }
}

fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FILE_NAME)
}

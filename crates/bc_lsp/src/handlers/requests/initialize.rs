//! `initialize`: records what the client can do and its workspace folders, and answers with
//! what the server offers.

use std::path::PathBuf;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InitializeParams, InitializeResult, ServerInfo};

use crate::capabilities;
use crate::features::manifest;
use crate::guard::{guard, lock};
use crate::session::{ClientCaps, Session};

pub async fn initialize(session: &Session, params: InitializeParams) -> Result<InitializeResult> {
    let problems = guard("initialize", || {
        let caps = &params.capabilities;
        let workspace = caps.workspace.as_ref();
        let text_document = caps.text_document.as_ref();
        *lock(&session.state.caps) = ClientCaps {
            watch_files_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            pull_diagnostics: text_document.is_some_and(|t| t.diagnostic.is_some()),
        };
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| manifest::path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(manifest::path_of)
        {
            roots.push(root);
        }
        session.state.projects.set_folders(roots.clone());
        // Each folder's project index is built now, in the background, so the first request
        // that needs it seldom waits.
        for root in &roots {
            session.state.project_for_dir(root);
        }
        Ok(params
            .initialization_options
            .as_ref()
            .map(|options| session.set_editor_settings(options))
            .unwrap_or_default())
    })?;
    session.log_problems(problems).await;
    let pull = lock(&session.state.caps).pull_diagnostics;
    Ok(InitializeResult {
        capabilities: capabilities::server_capabilities(pull),
        server_info: Some(ServerInfo {
            name: "bclint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
        offset_encoding: None,
    })
}

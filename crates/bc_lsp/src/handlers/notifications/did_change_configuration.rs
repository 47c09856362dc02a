//! `workspace/didChangeConfiguration`: new editor settings, then every open document linted again.

use tower_lsp_server::ls_types::{ConfigurationItem, DidChangeConfigurationParams};

use crate::guard::lock;
use crate::session::Session;
use crate::settings::EditorSettings;

pub async fn did_change_configuration(session: &Session, params: DidChangeConfigurationParams) {
    let mut problems = Vec::new();
    if EditorSettings::present_in(&params.settings) {
        problems = session.set_editor_settings(&params.settings);
    } else if lock(&session.state.caps).configuration {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("bclint".to_owned()),
        }];
        if let Ok(values) = session.client.configuration(items).await
            && let Some(value) = values.first()
        {
            problems = session.set_editor_settings(value);
        }
    }
    session.log_problems(problems).await;
    session.relint_all().await;
}

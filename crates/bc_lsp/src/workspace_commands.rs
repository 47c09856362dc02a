//! The commands the server runs through `workspace/executeCommand` (not to be confused with a
//! template's commands): their names, which code lenses and capabilities also list, and their
//! arguments.

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;

use crate::guard::invalid_params;

/// Returns the wire form of a template.
pub const RENDER: &str = "bclint.render";
/// Submits a manifest (or the manifest referencing a template).
pub const SUBMIT: &str = "bclint.submit";

/// The arguments of both commands: `{ "uri": …, "dryRun"?: bool, "endpoint"?: string,
/// "profile"?: string }` or the URI as a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub uri: Uri,
    pub dry_run: bool,
    pub endpoint: Option<String>,
    pub profile: Option<String>,
}

/// Reads the first argument.
pub fn args(arguments: &[Value]) -> Result<Args> {
    let first = arguments
        .first()
        .ok_or_else(|| invalid_params("expected an argument { \"uri\": … } or a URI string"))?;
    let (uri, object) = match first {
        Value::String(uri) => (uri.as_str(), None),
        Value::Object(object) => (
            object
                .get("uri")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid_params("the argument has no \"uri\" string"))?,
            Some(object),
        ),
        _ => {
            return Err(invalid_params(
                "expected an argument { \"uri\": … } or a URI string",
            ));
        }
    };
    let uri = uri
        .parse::<Uri>()
        .map_err(|e| invalid_params(format!("invalid URI {uri:?}: {e}")))?;
    Ok(Args {
        uri,
        dry_run: object
            .and_then(|o| o.get("dryRun"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        endpoint: string_arg(object, "endpoint"),
        profile: string_arg(object, "profile"),
    })
}

fn string_arg(object: Option<&serde_json::Map<String, Value>>, key: &str) -> Option<String> {
    object
        .and_then(|o| o.get(key))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

//! The settings discovery every subcommand that reads settings starts from.

use std::path::Path;

use bc_workspace::settings::{Discovery, Overrides, Settings};

/// Builds the settings discovery: `--config FILE` and `--no-config` fix the settings for every
/// path; otherwise each file gets its nearest `bclint.toml`. Unknown rule selectors in
/// `overrides` are an error, as they are in a settings file.
pub fn discovery(
    config: Option<&Path>,
    no_config: bool,
    overrides: Overrides,
) -> Result<Discovery, String> {
    overrides.validate()?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let mut discovery = Discovery::new(overrides, cwd);
    if no_config {
        discovery.use_fixed(None);
    } else if let Some(path) = config {
        let settings = Settings::load(path).map_err(|e| e.to_string())?;
        discovery.use_fixed(Some(settings));
    }
    Ok(discovery)
}

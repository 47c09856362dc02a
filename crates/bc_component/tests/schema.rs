//! The committed JSON Schema (`editors/schemas/imagecomponent.schema.json`) is the one the action
//! table generates. Run with `BCLINT_UPDATE_DOCS=1` to regenerate it instead of failing.

use std::path::Path;

#[test]
fn committed_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../editors/schemas/imagecomponent.schema.json");
    let generated = bc_component::json_schema();
    if std::env::var_os("BCLINT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("the schema is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale (run with BCLINT_UPDATE_DOCS=1)",
        path.display()
    );
}

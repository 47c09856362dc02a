//! BC401 over the whole component, comments included, as for templates.

pub(crate) use bc_lint::rules::hardcoded_access_key::RULE;

use crate::Checker;

pub(crate) fn check(checker: &mut Checker<'_>) {
    let mut found = Vec::new();
    bc_lint::rules::hardcoded_access_key::scan(checker.source, &mut found);
    checker.extend(found);
}

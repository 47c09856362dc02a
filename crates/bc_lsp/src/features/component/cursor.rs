//! Where the cursor is in a YAML component: the task it is in, the key on its line, the
//! `{{ … }}` around it.

use bc_component::{Component, Task};

/// The task whose lines hold `offset`: the last one starting at or before it, as long as
/// `offset` lies within `Tasks`.
pub(super) fn task_at(component: &Component, offset: usize) -> Option<Task<'_>> {
    let tasks = component.top("Tasks")?;
    if offset < tasks.span.start {
        return None;
    }
    component
        .tasks()
        .take_while(|task| task.node.span.start <= offset)
        .last()
}

/// The key written on a line (`  bucketName: x` → `bucketName`, `- Name: a` → `Name`), with
/// its start within the line.
pub(super) fn key_of(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
    let start = line.len() - trimmed.len();
    let key = trimmed.split(':').next()?.trim_end();
    (!key.is_empty() && !key.starts_with('#')).then_some((start, key))
}

/// The `{{ … }}` around `offset` on its line: the span of its inside, and the inside trimmed.
pub(super) fn reference_at(
    line_start: usize,
    line: &str,
    offset: usize,
) -> Option<(usize, usize, &str)> {
    let at = offset.checked_sub(line_start)?.min(line.len());
    let open = line[..at].rfind("{{")? + 2;
    if line[open..at].contains("}}") {
        return None;
    }
    let close = line[open..].find("}}").map_or(line.len(), |i| open + i);
    Some((
        line_start + open,
        line_start + close,
        line[open..close].trim(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_references_on_a_line() {
        assert_eq!(key_of("  - Name: a"), Some((4, "Name")));
        assert_eq!(key_of("      bucketName: x"), Some((6, "bucketName")));
        assert_eq!(key_of("   "), None);
        let line = "cmd: echo {{ port }} {{ build.stdout";
        assert_eq!(reference_at(0, line, 14), Some((12, 18, "port")));
        assert_eq!(reference_at(0, line, 22), None, "between two references");
        assert_eq!(
            reference_at(0, line, line.len()),
            Some((23, line.len(), "build.stdout"))
        );
    }
}

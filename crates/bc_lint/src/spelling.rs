//! The edit distance behind every "did you mean" (command keywords, manifest keys, component
//! properties, rule selectors), so that they all count a typo the same way.

/// The optimal string alignment distance between two words, in characters: an insertion, a
/// deletion, a substitution or a swap of two adjacent characters each counts one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn counts_a_swap_as_one_edit_and_characters_not_bytes() {
        assert_eq!(edit_distance("RNU", "RUN"), 1);
        assert_eq!(edit_distance("WORKDIR", "WORKDIR"), 0);
        assert_eq!(edit_distance("RÜN", "RUN"), 1);
    }
}

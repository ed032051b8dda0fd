//! "Did you mean": the declared id nearest to one that is not declared, when it is close
//! enough to be a slip of the keyboard (`two_week` for `two_weeks`), and none otherwise.

/// The closest of `known` to `id`, when at most a few edits away. Ties go to the first.
pub fn nearest<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let len = id.chars().count();
    // One slip in a short id, two in a longer one, three in a long one.
    let most = match len {
        0..=4 => 1,
        5..=10 => 2,
        _ => 3,
    };
    known
        .into_iter()
        .filter(|k| *k != id)
        .map(|k| (strsim::damerau_levenshtein(id, k), k))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_owned())
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_only_close_ids() {
        let known = ["two_weeks", "call", "review"];
        assert_eq!(nearest("two_week", known).as_deref(), Some("two_weeks"));
        assert_eq!(nearest("revew", known).as_deref(), Some("review"));
        assert_eq!(nearest("caII", known), None);
        assert_eq!(nearest("elsewhere", known), None);
    }
}

//! Where things are in a scenario's source text. serde keeps no spans once a file is
//! parsed, so the validator finds lines again by looking for `id: "…"` in the text: enough
//! to point an instructor at the node or choice a problem is in.

use std::cell::OnceCell;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Every `id: "…"` in the text, in order, with its position and byte offset. Built on
/// the first question: a clean file never needs it, and scanning a large one takes time.
pub struct SourceMap<'a> {
    text: &'a str,
    index: OnceCell<Index>,
}

struct Index {
    ids: Vec<(usize, Pos, String)>,
    nodes_at: usize,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        SourceMap {
            text,
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self.text))
    }

    /// Where the node with this id is written.
    pub fn node(&self, id: &str) -> Option<Pos> {
        self.index().node_offset(id).map(|(_, pos)| pos)
    }

    /// Where the choice is written (falls back to its node).
    pub fn choice(&self, node: &str, choice: &str) -> Option<Pos> {
        let index = self.index();
        let (node_at, node_pos) = index.node_offset(node)?;
        index
            .ids
            .iter()
            .find(|(at, _, v)| *at > node_at && v == choice)
            .map(|(_, pos, _)| *pos)
            .or(Some(node_pos))
    }

    /// Where an item declared before the nodes (cast, resource, note, issue) is written.
    pub fn declared(&self, id: &str) -> Option<Pos> {
        let index = self.index();
        index
            .ids
            .iter()
            .find(|(at, _, v)| *at < index.nodes_at && v == id)
            .map(|(_, pos, _)| *pos)
    }
}

impl Index {
    fn new(text: &str) -> Self {
        let mut ids = Vec::new();
        let bytes = text.as_bytes();
        let mut line = 1;
        let mut line_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                b'i' if text[i..].starts_with("id") && !is_ident(bytes, i.wrapping_sub(1)) => {
                    if let Some((value, _end)) = id_value(text, i + 2) {
                        let column = text[line_start..i].chars().count() + 1;
                        ids.push((i, Pos { line, column }, value.to_owned()));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let nodes_at = find_key(text, "nodes").unwrap_or(0);
        Index { ids, nodes_at }
    }

    fn node_offset(&self, id: &str) -> Option<(usize, Pos)> {
        self.ids
            .iter()
            .find(|(at, _, v)| *at >= self.nodes_at && v == id)
            .map(|(at, pos, _)| (*at, *pos))
    }
}

fn is_ident(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// After `id`: optional spaces, `:`, optional spaces, a quoted value.
fn id_value(text: &str, from: usize) -> Option<(&str, usize)> {
    let rest = &text[from..];
    let rest_trim = rest.trim_start();
    let rest_trim = rest_trim.strip_prefix(':')?.trim_start();
    let rest_trim = rest_trim.strip_prefix('"')?;
    let end = rest_trim.find('"')?;
    let start = text.len() - rest_trim.len();
    Some((&rest_trim[..end], start + end))
}

fn find_key(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(key) {
        let at = from + found;
        let after = text[at + key.len()..].trim_start();
        if !is_ident(bytes, at.wrapping_sub(1)) && after.starts_with(':') {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nodes_and_choices_by_line() {
        let text = "Scenario(\n  id: \"s\",\n  cast: [(id: \"a\")],\n  nodes: [\n    Node(\n      id: \"a\",\n      choices: [Choice(id: \"go\")],\n    ),\n  ],\n)";
        let map = SourceMap::new(text);
        assert_eq!(map.node("a"), Some(Pos { line: 6, column: 7 }));
        assert_eq!(map.choice("a", "go").unwrap().line, 7);
        assert_eq!(map.declared("a").unwrap().line, 3);
        assert_eq!(map.node("missing"), None);
    }
}

//! What the checks find: one `Problem` type (a `Msg` and where it is), its `Severity`, and
//! the `Sink` every check pushes into, which knows where in the file a node or a choice is
//! written.

use std::path::PathBuf;

use crate::core::locate::{Pos, SourceMap};
use crate::core::message::Msg;
use crate::core::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub node: Option<String>,
    pub choice: Option<String>,
    /// What the problem is; worded only when shown, in the reader's language.
    pub kind: Msg,
}

impl Problem {
    /// What is wrong and how to fix it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.render(lang)
    }

    /// The whole line: `file:line:column: error: … (node …, choice …)`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.path.display().to_string();
        if let Some(pos) = self.pos {
            out += &format!(":{pos}");
        }
        let severity = match (self.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Ja) => "誤り",
            (Severity::Warning, Lang::Ja) => "注意",
        };
        out += &format!(": {severity}: {}", self.message(lang));
        out += &match (&self.node, &self.choice, lang) {
            (Some(n), Some(c), Lang::En) => format!(" (node `{n}`, choice `{c}`)"),
            (Some(n), None, Lang::En) => format!(" (node `{n}`)"),
            (Some(n), Some(c), Lang::Ja) => format!("（ノード `{n}`、選択肢 `{c}`）"),
            (Some(n), None, Lang::Ja) => format!("（ノード `{n}`）"),
            _ => String::new(),
        };
        out
    }
}

/// Collects the problems of one file.
pub struct Sink<'a> {
    pub path: PathBuf,
    pub map: &'a SourceMap<'a>,
    /// The file's text, for checks that point inside a node (a reply, a reason).
    pub source: &'a str,
    pub problems: Vec<Problem>,
}

impl Sink<'_> {
    /// Where a node (or one of its choices) is written.
    pub fn place(&self, node: Option<&str>, choice: Option<&str>) -> Option<Pos> {
        match (node, choice) {
            (Some(n), Some(c)) => self.map.choice(n, c),
            (Some(n), None) => self.map.node(n),
            _ => None,
        }
    }

    /// A problem of a node, or of one of its choices, placed where that is written.
    pub fn push(
        &mut self,
        severity: Severity,
        node: Option<&str>,
        choice: Option<&str>,
        kind: Msg,
    ) {
        self.push_at(severity, node, choice, None, kind);
    }

    /// As `push`, at `pos` when the problem is more precisely placed than its node.
    pub fn push_at(
        &mut self,
        severity: Severity,
        node: Option<&str>,
        choice: Option<&str>,
        pos: Option<Pos>,
        kind: Msg,
    ) {
        let pos = pos.or_else(|| self.place(node, choice));
        self.problems.push(Problem {
            severity,
            path: self.path.clone(),
            pos,
            node: node.map(str::to_owned),
            choice: choice.map(str::to_owned),
            kind,
        });
    }

    /// A problem of something declared (a character, a variable…), placed at its id.
    pub fn declared(&mut self, severity: Severity, id: &str, kind: Msg) {
        let pos = self.map.declared(id);
        self.push_at(severity, None, None, pos, kind);
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

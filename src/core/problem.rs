//! What the checks find: one `Problem` type, its `Severity`, and the `Sink` every check
//! pushes into, which knows where in the file a node or a choice is written.

use std::fmt;
use std::path::PathBuf;

use super::locate::{Pos, SourceMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub node: Option<String>,
    pub choice: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(pos) = self.pos {
            write!(f, ":{pos}")?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        match (&self.node, &self.choice) {
            (Some(n), Some(c)) => write!(f, " (node `{n}`, choice `{c}`)"),
            (Some(n), None) => write!(f, " (node `{n}`)"),
            _ => Ok(()),
        }
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
        message: String,
    ) {
        self.push_at(severity, node, choice, None, message);
    }

    /// As `push`, at `pos` when the problem is more precisely placed than its node.
    pub fn push_at(
        &mut self,
        severity: Severity,
        node: Option<&str>,
        choice: Option<&str>,
        pos: Option<Pos>,
        message: String,
    ) {
        let pos = pos.or_else(|| self.place(node, choice));
        self.problems.push(Problem {
            severity,
            path: self.path.clone(),
            pos,
            node: node.map(str::to_owned),
            choice: choice.map(str::to_owned),
            message,
        });
    }

    /// A problem of something declared (a character, a variable…), placed at its id.
    pub fn declared(&mut self, severity: Severity, id: &str, message: String) {
        let pos = self.map.declared(id);
        self.push_at(severity, None, None, pos, message);
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

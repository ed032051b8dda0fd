//! The report drawn as Markdown.

use std::fmt::Write as _;

use super::document::{Block, Cell, Span};

/// Text safe in Markdown (and in a table cell): punctuation that would format is
/// escaped, line breaks become spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, ch) in s.chars().enumerate() {
        match ch {
            // `#` starts a heading only at the start of a line.
            '#' if i > 0 => out.push(ch),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' | '\n' => out.push(' '),
            '&' => out.push_str("&amp;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A code span, whatever backticks and table bars the text holds.
fn code_span(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    // A code span may not hold its own fence: fence with one backtick more than any run.
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let flat = s.replace(['\r', '\n'], " ").replace('|', "\\|");
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A cell's spans as inline Markdown (bars are drawn in HTML only).
fn spans(cell: &Cell) -> String {
    cell.iter()
        .map(|span| match span {
            Span::Text(s) => escape(s),
            Span::Strong(s) if s.is_empty() => String::new(),
            Span::Strong(s) => format!("**{}**", escape(s)),
            Span::Code(s) => code_span(s),
            Span::Bar(_) => String::new(),
        })
        .collect()
}

pub fn write(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, cell) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(*level as usize), spans(cell));
            }
            Block::Para(cell) => {
                let _ = writeln!(out, "{}\n", spans(cell));
            }
            Block::Quote(s) => {
                let _ = writeln!(out, "> {}\n", escape(s));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", spans(item));
                }
                out.push('\n');
            }
            Block::Table { head, rows } => {
                let head: Vec<String> = head.iter().map(|h| escape(h)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(spans).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::BoxPlots(_) => {}
        }
    }
    out
}

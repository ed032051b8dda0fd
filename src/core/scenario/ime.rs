//! What a Japanese input method leaves in a RON file: full-width brackets, colons, commas,
//! quotes and spaces where RON needs their ASCII forms, and a `"` typed inside a text.
//! Only looked for once ron has refused the file, at the place it stopped: inside a
//! "text" the same characters are ordinary Japanese.

use crate::core::locate::Pos;
use crate::core::message::{Msg, WideChar};

/// The full-width characters RON never accepts outside a text, and what was meant.
pub const WIDE: [(char, char); 8] = [
    ('（', '('),
    ('）', ')'),
    ('：', ':'),
    ('，', ','),
    ('＂', '"'),
    ('“', '"'),
    ('”', '"'),
    ('\u{3000}', ' '),
];

fn meant(c: char) -> Option<char> {
    WIDE.iter().find(|(w, _)| *w == c).map(|(_, m)| *m)
}

/// Every full-width character outside texts and comments, in order. Only trustworthy up to
/// where ron stopped: past a mistake, what is inside a text is a guess.
pub fn wide_chars(text: &str) -> Vec<(Pos, WideChar)> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Text,
        Escape,
        LineComment,
        BlockComment,
    }
    let mut found = Vec::new();
    let mut state = In::Code;
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
            column = 0;
            if state == In::LineComment {
                state = In::Code;
            }
            continue;
        }
        column += 1;
        state = match (state, c) {
            (In::Code, '"') => In::Text,
            (In::Code, '/') if chars.peek() == Some(&'/') => In::LineComment,
            (In::Code, '/') if chars.peek() == Some(&'*') => In::BlockComment,
            (In::Code, c) => {
                if let Some(m) = meant(c) {
                    found.push((Pos { line, column }, WideChar { found: c, meant: m }));
                }
                In::Code
            }
            (In::Text, '\\') => In::Escape,
            (In::Text, '"') => In::Code,
            (In::Escape, _) => In::Text,
            (In::BlockComment, '*') if chars.peek() == Some(&'/') => {
                chars.next();
                column += 1;
                In::Code
            }
            (s, _) => s,
        };
    }
    found
}

/// What an input method did where ron stopped at `at`, if anything: a full-width character
/// on that line (or, as ron sometimes stops at the next token, the line before), or a `"`
/// that ended a text early. With the place to report it at.
pub fn diagnose(text: &str, at: Pos) -> Option<(Pos, Msg)> {
    let wide = wide_chars(text);
    let on = |line: usize| wide.iter().filter(move |(p, _)| p.line == line);
    let exact = on(at.line).find(|(p, _)| *p == at);
    if exact.is_none()
        && let Some(pos) = quote_in_text(text, at)
    {
        return Some((pos, Msg::QuoteInText));
    }
    let (pos, w) = exact
        .or_else(|| on(at.line).find(|(p, _)| p.column >= at.column))
        .or_else(|| on(at.line).next_back())
        .or_else(|| on(at.line.saturating_sub(1)).next_back())?;
    Some((*pos, Msg::WideChar(*w)))
}

/// A text closed by a `"` and followed at once by more words: the `"` was meant inside it.
fn quote_in_text(text: &str, at: Pos) -> Option<Pos> {
    let line = text.split('\n').nth(at.line.checked_sub(1)?)?;
    let chars: Vec<char> = line.chars().collect();
    let here = *chars.get(at.column.checked_sub(1)?)?;
    let before = *chars.get(at.column.checked_sub(2)?)?;
    let ends_a_value = here.is_whitespace() || matches!(here, ',' | ')' | ']' | '\r');
    (before == '"' && !ends_a_value).then_some(Pos {
        line: at.line,
        column: at.column - 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_outside_texts_and_comments() {
        let text = "(a：\"（ok）：\\\"，\", // （comment）\n b: \"x\"，/* ， */)";
        let found: Vec<(usize, usize, char)> = wide_chars(text)
            .into_iter()
            .map(|(p, w)| (p.line, p.column, w.found))
            .collect();
        assert_eq!(found, vec![(1, 3, '：'), (2, 8, '，')]);
    }
}

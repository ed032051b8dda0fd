//! What a Japanese input method or a Windows editor leaves in a scenario: each full-width
//! character is named with the one meant, at its line and column, in both languages; a
//! `"` inside a text gets the hint to escape it; a byte-order mark and CRLF line ends load.

use std::path::Path;

use tsunagu::core::locate::Pos;
use tsunagu::core::message::{Msg, WideChar};
use tsunagu::core::model::Lang;
use tsunagu::core::validate::{Checked, check_file, check_text};

use crate::common::{repo, temp_dir};

fn pick() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/pick.ron")).unwrap()
}

/// The text with `from` replaced by `to` once, and where `to` starts (line, column).
fn typed(from: &str, to: &str) -> (String, Pos) {
    let text = pick();
    let at = text.find(from).expect("in pick.ron");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (text.replacen(from, to, 1), Pos { line, column })
}

fn only_error(c: &Checked) -> &tsunagu::core::validate::Problem {
    let errors: Vec<_> = c.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors[0]
}

#[test]
fn each_full_width_character_is_named_at_its_place() {
    // (what was written, what the input method typed instead, how far into it the
    // character is, the character, the one meant)
    let cases = [
        ("[(ja: \"はい\"", "[（ja: \"はい\"", 1, '（', '('),
        ("en: \"Yes\")]", "en: \"Yes\"）]", 9, '）', ')'),
        ("speaker: \"p\"", "speaker： \"p\"", 7, '：', ':'),
        ("speaker: \"p\",", "speaker: \"p\"，", 12, '，', ','),
        ("start: \"hub\"", "start: ＂hub＂", 7, '＂', '"'),
        ("start: \"hub\"", "start: “hub”", 7, '“', '"'),
        ("start: \"hub\"", "start: ”hub”", 7, '”', '"'),
        (
            "        Node(\n            id: \"hub\"",
            "　　    Node(\n            id: \"hub\"",
            0,
            '\u{3000}',
            ' ',
        ),
    ];
    for (from, to, offset, found, meant) in cases {
        let (text, start) = typed(from, to);
        let c = check_text(Path::new("ime.ron"), &text);
        let p = only_error(&c);
        let want = Pos {
            line: start.line,
            column: start.column + offset,
        };
        assert_eq!(p.pos, Some(want), "{found}: {}", p.render(Lang::En));
        assert_eq!(
            p.kind,
            Msg::WideChar(WideChar { found, meant }),
            "{}",
            p.render(Lang::En)
        );
        let (ja, en) = (p.render(Lang::Ja), p.render(Lang::En));
        assert!(
            en.starts_with(&format!("ime.ron:{}:{}: error:", want.line, want.column)),
            "{en}"
        );
        assert!(
            ja.starts_with(&format!("ime.ron:{}:{}: 誤り:", want.line, want.column)),
            "{ja}"
        );
        if found == '\u{3000}' {
            assert!(
                en.contains("full-width space (U+3000)") && en.contains("an ordinary space"),
                "{en}"
            );
            assert!(
                ja.contains("全角スペース") && ja.contains("半角スペース"),
                "{ja}"
            );
        } else {
            assert!(
                en.contains(&format!("full-width `{found}`"))
                    && en.contains(&format!("needs `{meant}`")),
                "{en}"
            );
            assert!(
                ja.contains(&format!("全角の `{found}`"))
                    && ja.contains(&format!("半角の `{meant}`")),
                "{ja}"
            );
        }
    }
}

#[test]
fn full_width_characters_inside_a_text_are_japanese() {
    let (text, _) = typed(
        "(ja: \"はい\"",
        "(ja: \"はい（そうです）：“ええ”，　どうぞ\"",
    );
    let c = check_text(Path::new("ime.ron"), &text);
    assert!(c.is_playable(), "{:#?}", c.problems);
}

#[test]
fn a_quotation_mark_inside_a_text_gets_the_hint_to_escape_it() {
    let (text, start) = typed("(ja: \"はい\"", "(ja: \"彼は\"はい\"と言った\"");
    let c = check_text(Path::new("q.ron"), &text);
    let p = only_error(&c);
    assert_eq!(p.kind, Msg::QuoteInText);
    // At the `"` that ended the text.
    assert_eq!(
        p.pos,
        Some(Pos {
            line: start.line,
            column: start.column + 8
        })
    );
    assert!(
        p.message(Lang::En).contains("write `\\\"`"),
        "{}",
        p.render(Lang::En)
    );
    assert!(
        p.message(Lang::Ja).contains("`\\\"` と書く"),
        "{}",
        p.render(Lang::Ja)
    );
    // Escaped, it is fine.
    let (text, _) = typed("(ja: \"はい\"", "(ja: \"彼は\\\"はい\\\"と言った\"");
    assert!(check_text(Path::new("q.ron"), &text).is_playable());
}

/// A file as a Windows editor saves it: a byte-order mark and CRLF line ends.
fn windows(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    bytes
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_load_and_keep_their_columns() {
    let dir = temp_dir("ime-windows");
    let clean = dir.join("clean.ron");
    std::fs::write(&clean, windows(&pick())).unwrap();
    let c = check_file(&clean);
    assert!(c.is_playable(), "{:#?}", c.problems);
    // An error on the first line: the mark takes no column.
    let first = dir.join("first.ron");
    std::fs::write(
        &first,
        windows(&pick().replacen("Scenario(", "Scenario（", 1)),
    )
    .unwrap();
    let p = only_error(&check_file(&first)).clone();
    assert_eq!(
        p.pos,
        Some(Pos { line: 1, column: 9 }),
        "{}",
        p.render(Lang::En)
    );
    // A syntax error further down: the column an editor shows.
    let (text, start) = typed("speaker: \"p\"", "speaker \"p\"");
    let later = dir.join("later.ron");
    std::fs::write(&later, windows(&text)).unwrap();
    let p = only_error(&check_file(&later)).clone();
    assert_eq!(
        p.pos.map(|p| p.line),
        Some(start.line),
        "{}",
        p.render(Lang::En)
    );
    // Where ron stopped: just after the field's name.
    assert_eq!(
        p.pos.map(|p| p.column),
        Some(start.column + 7),
        "{}",
        p.render(Lang::En)
    );
    assert!(
        p.message(Lang::En).contains("colon `:`"),
        "{}",
        p.render(Lang::En)
    );
    assert!(
        p.message(Lang::Ja).contains("コロン `:`"),
        "{}",
        p.render(Lang::Ja)
    );
    // A problem found after parsing, placed by the source map: its node's own column.
    let (text, _) = typed("goto: \"x_end\"", "goto: \"x_edn\"");
    let unknown = dir.join("unknown.ron");
    std::fs::write(&unknown, windows(&text)).unwrap();
    let p = only_error(&check_file(&unknown)).clone();
    let line = text.lines().position(|l| l.contains("id: \"x\"")).unwrap() + 1;
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("Choice(id: \"x\"")
        .unwrap()
        + 1
        + "Choice(".len();
    assert_eq!(p.pos, Some(Pos { line, column }), "{}", p.render(Lang::En));
    assert!(p.message(Lang::En).contains("did you mean `x_end`?"));
    std::fs::remove_dir_all(&dir).ok();
}

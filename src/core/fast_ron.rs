//! A fast reader for the part of RON that tsunagu's files use, tried before ron itself.
//!
//! ron 0.12 reads a 10,000-node scenario (9 MB) in 180–300 ms: it walks the text char by
//! char, with a Unicode test per char, for every identifier, space and number. This
//! reader works on bytes, knows which token each serde call expects, and finds the end
//! of a string eight bytes at a time, copying it out whole. It is only a fast
//! path: on anything it does not know, and on every error, it gives up ([`Bail`]) and
//! [`load::parse`](super::load::parse) reads the text again with ron, so every error an
//! author sees (message, line, column) is still ron's.
//!
//! The rule that keeps this safe: whatever this reader accepts, ron accepts too, with the
//! same value. Each step below mirrors a step of ron's `Deserializer` with the options of
//! [`ron_options`](super::load::ron_options) (implicit `Some`, ron's recursion limit),
//! and gives up wherever ron would fail or where mirroring it would take more code than
//! the case is worth (non-ASCII identifiers, number suffixes, hexadecimal, `inf`,
//! untyped values, maps, chars, byte strings, unknown fields of `Text`...). A give-up
//! costs time, never correctness.

use std::fmt;

use ron::extensions::Extensions;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

/// The fast path gave up; ron must read the text (and explain any error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the fast RON reader gave up")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    /// A type's own complaint (missing field, unknown variant...): ron will report it.
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// Reads `text` as a `T`, or gives up. The value equals what
/// `load::ron_options().from_str(text)` gives whenever this returns `Ok`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    read_document(&mut Deserializer::new(text)?)
}

fn read_document<T: DeserializeOwned>(de: &mut Deserializer) -> Result<T> {
    de.skip_ws()?;
    de.attributes()?;
    let value = T::deserialize(&mut *de)?;
    // ron's `Deserializer::end`: only whitespace and comments may follow the value.
    de.skip_ws()?;
    if de.pos == de.text.len() {
        Ok(value)
    } else {
        Err(Bail)
    }
}

/// How deep the elements of a list that is a field of the document's top-level struct
/// are read: inside the struct's `(`, the field's value, the list's `[`.
const TOP_FIELD_ELEMENTS: usize = 3;

/// Reads a long list in two halves on two threads: `from_str_cut` reads the document up to
/// the element of type `E` that starts at byte `at`, then asks `resume` where the list ends
/// (the `]`, found by [`elements_from`] on the other thread, or `None` if that failed) and
/// goes on from there; the caller appends the second half. The cut is only taken if the
/// element at `at` is one of a list of `E`s directly in a field of the top-level struct,
/// read exactly there by the sequential reader, so the halves are the list; otherwise the
/// whole text is read here. Returns the value and whether the cut was taken.
pub fn from_str_cut<T: DeserializeOwned, E>(
    text: &str,
    at: usize,
    resume: std::sync::mpsc::Receiver<Option<usize>>,
) -> Result<(T, bool)> {
    let mut de = Deserializer::new(text)?;
    de.cut = Some(Cut {
        at,
        element: std::any::type_name::<E>(),
        guards: de.guards_left.saturating_sub(TOP_FIELD_ELEMENTS),
        resume,
        taken: false,
    });
    let value = read_document(&mut de)?;
    Ok((value, de.cut.is_some_and(|c| c.taken)))
}

/// The other half of [`from_str_cut`]: the elements from byte `at` to the end of their list,
/// and where the list's `]` is.
pub fn elements_from<E: DeserializeOwned>(text: &str, at: usize) -> Result<(Vec<E>, usize)> {
    let mut de = Deserializer::new(text)?;
    if !text.is_char_boundary(at) {
        return Err(Bail);
    }
    de.pos = at;
    de.guards_left = de.guards_left.saturating_sub(TOP_FIELD_ELEMENTS);
    let mut items = Items::new(&mut de, b']');
    let mut out = Vec::new();
    while let Some(e) = de::SeqAccess::next_element(&mut items)? {
        out.push(e);
    }
    // `has_element` stopped at the `]`.
    Ok((out, de.pos))
}

struct Deserializer<'de> {
    text: &'de str,
    /// The byte the next token starts at; always on a char boundary.
    pos: usize,
    /// ron counts nesting with `guard_recursion!` and fails when the count runs out; the
    /// same count is kept here, at the same places ([`Self::enter`]).
    guards_left: usize,
    cut: Option<Cut>,
}

/// Where [`from_str_cut`] hands a list over to another thread.
struct Cut {
    at: usize,
    /// The type of the list's elements, and the nesting count they are read at.
    element: &'static str,
    guards: usize,
    resume: std::sync::mpsc::Receiver<Option<usize>>,
    taken: bool,
}

/// A string value: a slice of the text when it has no escapes, else a new string.
enum Str<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Deserializer<'de> {
    fn new(text: &'de str) -> Result<Self> {
        let options = super::load::ron_options();
        // The syntax below is ron's with exactly these extensions; with others, ron alone.
        if options.default_extensions != Extensions::IMPLICIT_SOME {
            return Err(Bail);
        }
        Ok(Deserializer {
            text,
            pos: 0,
            guards_left: options.recursion_limit.unwrap_or(usize::MAX),
            cut: None,
        })
    }

    /// At the cut, with the other thread's half read: jump to the end of the list.
    #[cold]
    fn take_cut(&mut self) -> bool {
        let Some(cut) = self.cut.as_mut() else {
            return false;
        };
        match cut.resume.recv() {
            Ok(Some(end)) => {
                cut.taken = true;
                self.pos = end;
                true
            }
            _ => {
                self.cut = None;
                false
            }
        }
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) { Ok(()) } else { Err(Bail) }
    }

    /// One level deeper, where ron's `guard_recursion!` counts one: fails where ron
    /// would fail with `ExceededRecursionLimit`.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        self.guards_left = self.guards_left.checked_sub(1).ok_or(Bail)?;
        Ok(())
    }

    #[inline]
    fn leave(&mut self) {
        self.guards_left = self.guards_left.saturating_add(1);
    }

    /// ron's `skip_ws`: whitespace, `//` comments and nested `/* */` comments. Unicode
    /// whitespace (U+0085, U+2028...) is left in place: the byte >= 0x80 then makes the
    /// token that follows give up.
    ///
    /// Called between any two tokens, so inlined; comments are out of line.
    #[inline]
    fn skip_ws(&mut self) -> Result<()> {
        while let Some(&b) = self.bytes().get(self.pos) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => self.pos += 1,
                b'/' => self.skip_comment()?,
                _ => break,
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn skip_comment(&mut self) -> Result<()> {
        let bytes = self.bytes();
        match bytes.get(self.pos + 1) {
            Some(b'/') => {
                // To the line break (left for `skip_ws`), or to the end of the text.
                let from = self.pos + 2;
                self.pos = find2(&bytes[from..], b'\n', b'\n').map_or(bytes.len(), |i| from + i);
            }
            Some(b'*') => {
                self.pos += 2;
                let mut level = 1;
                while level > 0 {
                    // An unclosed comment is an error in ron: give up.
                    self.pos += find2(&bytes[self.pos..], b'/', b'*').ok_or(Bail)?;
                    let rest = &bytes[self.pos..];
                    if rest.starts_with(b"/*") {
                        level += 1;
                        self.pos += 2;
                    } else if rest.starts_with(b"*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                    }
                }
            }
            // A lone `/` is an error in ron.
            _ => return Err(Bail),
        }
        Ok(())
    }

    /// ron's `comma`: skips whitespace, an optional comma and whitespace again.
    #[inline]
    fn comma(&mut self) -> Result<bool> {
        self.skip_ws()?;
        let found = self.eat(b',');
        if found {
            self.skip_ws()?;
        }
        Ok(found)
    }

    /// The length of the ASCII word (`[A-Za-z_][A-Za-z0-9_]*`) at the cursor, 0 if none.
    #[inline]
    fn word_len(&self) -> usize {
        let rest = &self.bytes()[self.pos..];
        match rest.first() {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return 0,
        }
        rest.iter()
            .position(|&b| !IDENT_CHAR[usize::from(b)])
            .unwrap_or(rest.len())
    }

    /// The word at the cursor (maybe empty), not consumed: what ron's `check_ident`
    /// compares keywords (`None`, `Some`, `true`) with. A non-ASCII char right after it
    /// might continue the identifier in ron's Unicode rules: give up.
    #[inline]
    fn peek_word(&self) -> Result<&'de str> {
        let len = self.word_len();
        if self.bytes().get(self.pos + len).is_some_and(|&b| b >= 0x80) {
            return Err(Bail);
        }
        Ok(&self.text[self.pos..self.pos + len])
    }

    /// ron's `identifier`, for the plain ASCII identifiers tsunagu uses. Gives up where ron
    /// reads something else or fails: raw identifiers (`r#x`), string prefixes (`r"`,
    /// `b"`, `b'`), an identifier followed by `.`, `+` or `-` (ron suggests a raw
    /// identifier) and anything non-ASCII.
    #[inline]
    fn identifier(&mut self) -> Result<&'de str> {
        let len = self.word_len();
        if len == 0 {
            return Err(Bail);
        }
        if let Some(&b) = self.bytes().get(self.pos + len)
            && (b >= 0x80 || matches!(b, b'.' | b'+' | b'-' | b'#' | b'"' | b'\''))
        {
            return Err(Bail);
        }
        let word = &self.text[self.pos..self.pos + len];
        self.pos += len;
        Ok(word)
    }

    /// ron's `consume_struct_name`: an optional name before a struct, which must be `name`.
    fn struct_name(&mut self, name: &str) -> Result<()> {
        match self.peek() {
            // ron reads an identifier whenever an identifier char follows; a digit there
            // is an error (`identifier` gives up on it).
            Some(b) if IDENT_CHAR[usize::from(b)] => {
                let found = self.identifier()?;
                if found == name { Ok(()) } else { Err(Bail) }
            }
            Some(b) if b >= 0x80 => Err(Bail),
            _ => Ok(()),
        }
    }

    /// ron's `handle_struct_after_name`: `( field: value, ... )`.
    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.bracketed(b'(', b')', |items| visitor.visit_map(items))
    }

    /// Comma-separated items between `open` and `close`, one level deeper.
    #[inline]
    fn bracketed<T>(
        &mut self,
        open: u8,
        close: u8,
        read: impl FnOnce(Items<'_, 'de>) -> Result<T>,
    ) -> Result<T> {
        self.expect(open)?;
        self.enter()?;
        let value = read(Items::new(self, close))?;
        self.leave();
        self.skip_ws()?;
        self.expect(close)?;
        Ok(value)
    }

    /// Document attributes before the value: only `#![enable(implicit_some)]`, which the
    /// options already enable. Any other (another extension, `type`, `schema`): ron.
    fn attributes(&mut self) -> Result<()> {
        while self.eat(b'#') {
            self.skip_ws()?;
            self.expect(b'!')?;
            self.skip_ws()?;
            self.expect(b'[')?;
            self.skip_ws()?;
            if self.identifier()? != "enable" {
                return Err(Bail);
            }
            self.skip_ws()?;
            self.expect(b'(')?;
            self.skip_ws()?;
            loop {
                if self.identifier()? != "implicit_some" {
                    return Err(Bail);
                }
                let comma = self.comma()?;
                match self.peek() {
                    Some(b) if b >= 0x80 => return Err(Bail),
                    // Another extension: after a comma; without one ron fails.
                    Some(b) if b.is_ascii_alphanumeric() || b == b'_' => {
                        if !comma {
                            return Err(Bail);
                        }
                    }
                    _ => break,
                }
            }
            self.skip_ws()?;
            self.expect(b')')?;
            self.skip_ws()?;
            self.expect(b']')?;
            self.skip_ws()?;
        }
        Ok(())
    }

    /// ron's `integer` for decimal numbers with an optional sign and `_` separators. Gives
    /// up on other bases, type suffixes (`1u8`) and numbers out of range for `T`.
    fn integer<T: TryFrom<i128>>(&mut self) -> Result<T> {
        let bytes = self.bytes();
        let mut i = self.pos;
        let negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if bytes.get(i) == Some(&b'0') && matches!(bytes.get(i + 1), Some(b'b' | b'o' | b'x')) {
            return Err(Bail);
        }
        // ron takes the run of hexadecimal digits and `_`, then rejects what is not a
        // decimal digit in it.
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_hexdigit() || *b == b'_')
        {
            i += 1;
        }
        if matches!(bytes.get(i), Some(b'i' | b'u')) {
            return Err(Bail);
        }
        let digits = &bytes[start..i];
        if matches!(digits.first(), None | Some(b'_')) {
            return Err(Bail);
        }
        let mut magnitude: u64 = 0;
        for &b in digits {
            if b == b'_' {
                continue;
            }
            if !b.is_ascii_digit() {
                return Err(Bail);
            }
            magnitude = magnitude
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(b - b'0')))
                .ok_or(Bail)?;
        }
        let value = if negative {
            -i128::from(magnitude)
        } else {
            i128::from(magnitude)
        };
        self.pos = i;
        T::try_from(value).map_err(|_| Bail)
    }

    /// ron's `float`: the run of float chars, parsed by Rust's `from_str` as ron does.
    /// Gives up on `inf`/`NaN`, ranges (`..`), `_` separators and suffixes (`1.0f32`).
    fn float_text(&mut self) -> Result<&'de str> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|b| matches!(b, b'0'..=b'9' | b'e' | b'E' | b'.' | b'+' | b'-' | b'_'))
        {
            end += 1;
        }
        let run = &self.text[start..end];
        if run.is_empty()
            || run.contains("..")
            || run.contains('_')
            || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return Err(Bail);
        }
        self.pos = end;
        Ok(run)
    }

    /// ron's `string`: `"..."` with escapes, or a raw `r#"..."#`.
    fn string(&mut self) -> Result<Str<'de>> {
        if self.eat(b'"') {
            self.quoted()
        } else if self.eat(b'r') {
            self.raw()
        } else {
            Err(Bail)
        }
    }

    fn quoted(&mut self) -> Result<Str<'de>> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut end = start + find2(&bytes[start..], b'"', b'\\').ok_or(Bail)?;
        if bytes[end] == b'"' {
            // The common case: no escape, the text itself.
            self.pos = end + 1;
            return Ok(Str::Borrowed(&self.text[start..end]));
        }
        let mut out = String::with_capacity(end - start + 16);
        out.push_str(&self.text[start..end]);
        // `end` is at a backslash: unescape it, copy up to the next one or the quote.
        while bytes[end] == b'\\' {
            self.pos = end + 1;
            self.escape(&mut out)?;
            end = self.pos + find2(&bytes[self.pos..], b'"', b'\\').ok_or(Bail)?;
            out.push_str(&self.text[self.pos..end]);
        }
        self.pos = end + 1;
        Ok(Str::Owned(out))
    }

    /// ron's `parse_escape` after a backslash, and its string continuation (a backslash
    /// at the end of a line skips the line break and the next line's indentation).
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = self.peek().ok_or(Bail)?;
        self.pos += 1;
        if c == b'\n' || (c == b'\r' && self.eat(b'\n')) {
            self.skip_continuation();
            return Ok(());
        }
        let ch = match c {
            b'\'' => '\'',
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'x' => {
                let byte = (self.hex_digit()? << 4) | self.hex_digit()?;
                // Bytes over 0x7F start a UTF-8 sequence of `\x` escapes: ron's job.
                if byte >= 0x80 {
                    return Err(Bail);
                }
                char::from(byte as u8)
            }
            b'u' => self.unicode_escape()?,
            _ => return Err(Bail),
        };
        out.push(ch);
        Ok(())
    }

    fn skip_continuation(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn hex_digit(&mut self) -> Result<u32> {
        let b = self.peek().ok_or(Bail)?;
        self.pos += 1;
        char::from(b).to_digit(16).ok_or(Bail)
    }

    /// `\u{...}`: one to six hex digits naming a char.
    fn unicode_escape(&mut self) -> Result<char> {
        self.expect(b'{')?;
        let mut value = 0;
        let mut digits = 0;
        while digits < 6 && self.peek() != Some(b'}') {
            value = (value << 4) | self.hex_digit()?;
            digits += 1;
        }
        if digits == 0 {
            return Err(Bail);
        }
        self.expect(b'}')?;
        char::from_u32(value).ok_or(Bail)
    }

    /// `r"..."`, `r#"..."#`: no escapes; ends at the first `"` followed by as many `#`.
    fn raw(&mut self) -> Result<Str<'de>> {
        let hashes = self.bytes()[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        self.expect(b'"')?;
        let start = self.pos;
        let closing = format!("\"{}", "#".repeat(hashes));
        let len = self.text[start..].find(&closing).ok_or(Bail)?;
        self.pos = start + len + closing.len();
        Ok(Str::Borrowed(&self.text[start..start + len]))
    }
}

/// The bytes that continue an ASCII identifier, `[A-Za-z0-9_]`, as a table: one lookup a
/// byte in the scan of every field and variant name.
const IDENT_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The index of the first `a` or `b` in `hay`, eight bytes at a time: strings and comments
/// are most of a scenario, and a byte-by-byte loop over them is what made ron slow.
fn find2(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let (chunks, rest) = hay.as_chunks::<8>();
    let (fill_a, fill_b) = (ONES * u64::from(a), ONES * u64::from(b));
    for (n, chunk) in chunks.iter().enumerate() {
        let word = u64::from_le_bytes(*chunk);
        let (x, y) = (word ^ fill_a, word ^ fill_b);
        // A byte of `x` (`y`) is zero where the word holds `a` (`b`). The has-zero-byte
        // test below marks the lowest zero byte exactly (bytes above it may be marked
        // falsely, which does not matter: only the lowest mark is used).
        let found = ((x.wrapping_sub(ONES) & !x) | (y.wrapping_sub(ONES) & !y)) & HIGHS;
        if found != 0 {
            return Some(n * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    rest.iter()
        .position(|&c| c == a || c == b)
        .map(|i| chunks.len() * 8 + i)
}

/// Reading a number of an integer type.
macro_rules! integers {
    ($($method:ident => $visit:ident,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(self.integer()?)
        }
    )*};
}

/// Calls the fast path leaves to ron.
macro_rules! bail {
    ($($method:ident $(($($arg:ty),*))?,)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($(_: $arg,)*)? _visitor: V) -> Result<V::Value> {
            Err(Bail)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Bail;

    // Untyped values (for `#[serde(flatten)]`, untagged enums, unknown fields of `Text`)
    // need ron's guesswork about what a token is: not here.
    bail! {
        deserialize_any,
        deserialize_ignored_any,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_map,
        deserialize_unit_struct(&'static str),
        deserialize_newtype_struct(&'static str),
        deserialize_tuple_struct(&'static str, usize),
    }

    integers! {
        deserialize_i8 => visit_i8,
        deserialize_i16 => visit_i16,
        deserialize_i32 => visit_i32,
        deserialize_i64 => visit_i64,
        deserialize_u8 => visit_u8,
        deserialize_u16 => visit_u16,
        deserialize_u32 => visit_u32,
        deserialize_u64 => visit_u64,
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let word = self.peek_word()?;
        let value = match word {
            "true" => true,
            "false" => false,
            _ => return Err(Bail),
        };
        self.pos += word.len();
        visitor.visit_bool(value)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f32(self.float_text()?.parse().map_err(|_| Bail)?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float_text()?.parse().map_err(|_| Bail)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// ron's `deserialize_option` with `IMPLICIT_SOME`: `None`, `Some(x)`, or `x` alone.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Most values start with `"` or `(`: only a word can be `None` or `Some`.
        let word = match self.peek() {
            Some(b'N' | b'S') => self.peek_word()?,
            _ => "",
        };
        match word {
            "None" => {
                self.pos += 4;
                visitor.visit_none()
            }
            "Some" => {
                self.pos += 4;
                self.skip_ws()?;
                // ron reads `Some` without `(` as an implicit `Some` of what follows the
                // word: too odd to mirror.
                self.expect(b'(')?;
                self.skip_ws()?;
                self.enter()?;
                let value = visitor.visit_some(&mut *self)?;
                self.leave();
                self.comma()?;
                self.expect(b')')?;
                Ok(value)
            }
            _ => {
                self.enter()?;
                let value = visitor.visit_some(&mut *self)?;
                self.leave();
                Ok(value)
            }
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // ron wants `()` exactly, with nothing between the parentheses.
        if !self.bytes()[self.pos..].starts_with(b"()") {
            return Err(Bail);
        }
        self.pos += 2;
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.bracketed(b'[', b']', |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.bracketed(b'(', b')', |items| visitor.visit_seq(items))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // ron reads std's `Range*` structs from `a..b`.
        if name.starts_with("Range") {
            return Err(Bail);
        }
        self.struct_name(name)?;
        self.skip_ws()?;
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_enum(Enum { de: &mut *self })?;
        self.leave();
        Ok(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }
}

/// The items of a struct, a sequence or a tuple: ron's `CommaSeparated`.
struct Items<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    terminator: u8,
    had_comma: bool,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(de: &'a mut Deserializer<'de>, terminator: u8) -> Self {
        Items {
            de,
            terminator,
            had_comma: true,
        }
    }

    /// Another item follows: after a comma anything but the terminator, without one
    /// nothing (anything but the terminator is then an error).
    #[inline]
    fn has_element(&mut self) -> Result<bool> {
        self.de.skip_ws()?;
        let at_end = self.de.peek() == Some(self.terminator);
        match (self.had_comma, at_end) {
            (true, _) => Ok(!at_end),
            (false, true) => Ok(false),
            (false, false) => Err(Bail),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_element()? {
            return Ok(None);
        }
        if let Some(cut) = &self.de.cut
            && cut.at == self.de.pos
            && !cut.taken
            && cut.guards == self.de.guards_left
            && cut.element == std::any::type_name::<T::Value>()
            && self.terminator == b']'
            && self.de.take_cut()
        {
            // The rest of the list is the other thread's.
            return Ok(None);
        }
        self.de.enter()?;
        let value = seed.deserialize(&mut *self.de)?;
        self.de.leave();
        self.had_comma = self.de.comma()?;
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.has_element()? {
            return Ok(None);
        }
        self.de.enter()?;
        let key = seed.deserialize(FieldName { de: &mut *self.de })?;
        self.de.leave();
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.skip_ws()?;
        self.de.expect(b':')?;
        self.de.skip_ws()?;
        self.de.enter()?;
        let value = seed.deserialize(&mut *self.de)?;
        self.de.leave();
        self.had_comma = self.de.comma()?;
        Ok(value)
    }
}

/// A struct's field name: an identifier whatever serde asks for, as in ron's `id.rs`.
struct FieldName<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'de> de::Deserializer<'de> for FieldName<'_, 'de> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.de.identifier()?)
    }

    serde::forward_to_deserialize_any! { str string identifier ignored_any }

    bail! {
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_unit_struct(&'static str),
        deserialize_newtype_struct(&'static str),
        deserialize_tuple(usize),
        deserialize_tuple_struct(&'static str, usize),
        deserialize_struct(&'static str, &'static [&'static str]),
        deserialize_enum(&'static str, &'static [&'static str]),
    }
}

/// An enum value: the variant's name, then what the variant holds (ron's `Enum`).
struct Enum<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'de> de::EnumAccess<'de> for Enum<'_, 'de> {
    type Error = Bail;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        self.de.skip_ws()?;
        self.de.enter()?;
        let variant = seed.deserialize(&mut *self.de)?;
        self.de.leave();
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de> {
    type Error = Bail;

    /// `Intake`: the name alone (anything after it is the caller's to reject).
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    /// `SetFlag("f")`, with an optional trailing comma.
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.de.skip_ws()?;
        self.de.expect(b'(')?;
        self.de.skip_ws()?;
        self.de.enter()?;
        let value = seed.deserialize(&mut *self.de)?;
        self.de.leave();
        self.de.comma()?;
        self.de.expect(b')')?;
        Ok(value)
    }

    /// `Add("trust", 1)`.
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.de.skip_ws()?;
        de::Deserializer::deserialize_tuple(self.de, len, visitor)
    }

    /// `Score(competency: "x", points: 1, reason: (...))`.
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.de.skip_ws()?;
        self.de.struct_body(visitor)
    }
}

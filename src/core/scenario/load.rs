//! RON text -> typed data, with errors an instructor can act on: the file, the line and
//! column from ron's span, and what was expected in plain words.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::core::ime;
use crate::core::locate::Pos;
use crate::core::message::Msg;
use crate::core::model::Lang;

/// A scenario or log larger than this is refused before it is read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is {size} bytes, over the limit of 16 MiB")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}:{line}:{column}: the file is not UTF-8 text (save it as UTF-8)")]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}:{line}:{column}: {}", message.render(Lang::En))]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        /// ron's own error, kept whole for callers that want the detail (boxed: it is large).
        code: Box<RonError>,
        /// What to tell the author: ron's error explained, or what an input method did
        /// (boxed too).
        message: Box<Msg>,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Syntax { path, .. } => path,
        }
    }

    /// The line the error is on, where there is one.
    pub fn line(&self) -> Option<usize> {
        self.pos().map(|p| p.line)
    }

    /// Where the error is, where there is a place.
    pub fn pos(&self) -> Option<Pos> {
        match self {
            LoadError::NotUtf8 { line, column, .. } | LoadError::Syntax { line, column, .. } => {
                Some(Pos {
                    line: *line,
                    column: *column,
                })
            }
            _ => None,
        }
    }

    /// The error as a message, for rendering in either language.
    pub fn message(&self) -> Msg {
        match self {
            LoadError::Io { source, .. } => Msg::CannotRead {
                reason: source.to_string(),
            },
            LoadError::TooLarge { size, .. } => Msg::TooLarge { size: *size },
            LoadError::NotUtf8 { .. } => Msg::NotUtf8,
            LoadError::Syntax { message, .. } => (**message).clone(),
        }
    }
}

/// Reads a file as UTF-8 text, refusing files over the limit before reading them.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
        });
    }
    text_from_bytes(path, bytes)
}

/// The bytes as text; a byte-order mark (a Windows editor's) is dropped, so that the
/// first line's columns are what the editor shows. CRLF line ends need nothing: RON reads
/// `\r` as a space, and columns are counted from the `\n`.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count();
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The RON options every tsunagu file is read with: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses RON text into `T`, turning ron's error into one that names the file and line,
/// and says so when an input method typed the character ron stopped at.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, LoadError> {
    ron_options()
        .from_str(text)
        .map_err(|e: SpannedError| syntax_error(path, text, e))
}

fn syntax_error(path: &Path, text: &str, e: SpannedError) -> LoadError {
    let at = Pos {
        line: e.span.start.line,
        column: e.span.start.col,
    };
    let (pos, message) =
        ime::diagnose(text, at).unwrap_or_else(|| (at, Msg::Syntax(Box::new(e.code.clone()))));
    LoadError::Syntax {
        path: path.to_owned(),
        line: pos.line,
        column: pos.column,
        code: Box::new(e.code),
        message: Box::new(message),
    }
}

/// Every `.ron` file under `paths`: a file is taken as given (a missing one is reported
/// when it is read), a folder is searched with its subfolders. Sorted and without
/// duplicates, so that the order never depends on the file system; with the folders that
/// could not be read. The one walker of the scenario check, the game's library and the
/// debrief.
pub fn ron_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, std::io::Error)>) {
    fn collect(
        path: &Path,
        files: &mut Vec<PathBuf>,
        problems: &mut Vec<(PathBuf, std::io::Error)>,
    ) {
        if !path.is_dir() {
            files.push(path.to_owned());
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return problems.push((path.to_owned(), e)),
        };
        for entry in entries {
            match entry {
                // `file_type` does not follow symbolic links, so a link loop cannot recurse.
                Ok(e) if e.file_type().is_ok_and(|t| t.is_dir()) => {
                    collect(&e.path(), files, problems)
                }
                Ok(e) if e.path().extension().is_some_and(|x| x == "ron") => files.push(e.path()),
                Ok(_) => {}
                Err(e) => problems.push((path.to_owned(), e)),
            }
        }
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut problems);
    }
    files.sort();
    files.dedup();
    (files, problems)
}

/// A short, stable hash of a file's content: logs carry it to notice a changed scenario.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

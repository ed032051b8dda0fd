//! The outbox: statements waiting for the LRS, one file each in `outbox/` beside the
//! session logs. A statement is written here (atomically) before anything tries to send it
//! and removed only once the LRS has acknowledged it, so a crash, a power cut or an LRS
//! that is down loses nothing; the next run, or the game, sends what is left.
//!
//! A file holds the statement's JSON exactly as it is sent. Its name starts with the time
//! it was queued, so statements go out in the order they were made.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::core::log::write_atomic;

/// Statements the LRS refused for good (a different statement with the same id): kept
/// here, with the reason beside them, rather than retried for ever or thrown away.
pub const SET_ASIDE: &str = "refused";

#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

/// A statement waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub path: PathBuf,
    pub id: String,
    /// The statement's JSON, byte for byte as it is sent.
    pub text: String,
}

/// A file in the outbox that is not a statement: named, and left where it is.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("{path}: cannot use the outbox: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: not an xAPI statement: {detail}")]
    NotAStatement { path: PathBuf, detail: String },
}

/// The statement's id, which must be there and safe as part of a file name (a UUID is).
pub fn statement_id(text: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let id = value
        .get("id")
        .and_then(|id| id.as_str())
        .ok_or("expected an object with an `id` string")?;
    let safe = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if safe {
        Ok(id.to_owned())
    } else {
        Err(format!("the id `{id}` is not a UUID"))
    }
}

/// A queue position: microseconds since 1970, never the same twice in one process.
fn next_position() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64);
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

impl Outbox {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Outbox { dir: dir.into() }
    }

    /// The outbox beside the session logs in `sessions`.
    pub fn beside(sessions: &Path) -> Self {
        Outbox::new(sessions.join("outbox"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn io(&self, source: io::Error) -> OutboxError {
        OutboxError::Io {
            path: self.dir.clone(),
            source,
        }
    }

    /// Queues a statement (its JSON text). False when one with the same id already waits:
    /// a statement is queued once however often it is offered.
    pub fn put(&self, text: &str) -> Result<bool, OutboxError> {
        let id = statement_id(text).map_err(|detail| OutboxError::NotAStatement {
            path: self.dir.clone(),
            detail,
        })?;
        if self.file_names()?.iter().any(|n| id_of(n) == Some(&id)) {
            return Ok(false);
        }
        let path = self.dir.join(format!("{:020}-{id}.json", next_position()));
        write_atomic(&path, text).map_err(|source| OutboxError::Io { path, source })?;
        Ok(true)
    }

    /// The `.json` file names waiting, oldest first.
    fn file_names(&self) -> Result<Vec<String>, OutboxError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| self.io(e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && entry.file_type().is_ok_and(|t| t.is_file()) {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }

    /// How many statements wait.
    pub fn len(&self) -> Result<usize, OutboxError> {
        Ok(self.file_names()?.len())
    }

    pub fn is_empty(&self) -> Result<bool, OutboxError> {
        Ok(self.len()? == 0)
    }

    /// Every statement waiting, oldest first, and the files that are not statements.
    pub fn pending(&self) -> Result<(Vec<Pending>, Vec<OutboxError>), OutboxError> {
        let mut pending = Vec::new();
        let mut problems = Vec::new();
        for name in self.file_names()? {
            let path = self.dir.join(&name);
            let text = match fs::read_to_string(&path) {
                Ok(text) => text,
                // Sent and removed by another sender (the game and `tsunagu run` at once).
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => {
                    problems.push(OutboxError::Io { path, source });
                    continue;
                }
            };
            match statement_id(&text) {
                Ok(id) => pending.push(Pending { path, id, text }),
                Err(detail) => problems.push(OutboxError::NotAStatement { path, detail }),
            }
        }
        Ok((pending, problems))
    }

    /// Removes a statement the LRS has acknowledged.
    pub fn remove(&self, p: &Pending) -> Result<(), OutboxError> {
        match fs::remove_file(&p.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(OutboxError::Io {
                path: p.path.clone(),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// Moves a file the LRS will never take into `refused/`, with the reason beside it.
    pub fn set_aside(&self, path: &Path, why: &str) -> Result<(), OutboxError> {
        let dir = self.dir.join(SET_ASIDE);
        let name = path.file_name().unwrap_or_default();
        let to = dir.join(name);
        let io = |source| OutboxError::Io {
            path: path.to_owned(),
            source,
        };
        fs::create_dir_all(&dir).map_err(io)?;
        let mut reason = to.clone().into_os_string();
        reason.push(".why.txt");
        write_atomic(Path::new(&reason), why).map_err(io)?;
        fs::rename(path, &to).map_err(io)
    }
}

/// The statement id in an outbox file name (`<position>-<id>.json`).
fn id_of(name: &str) -> Option<&str> {
    name.strip_suffix(".json")?
        .split_once('-')
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tsunagu-outbox-{}-{name}", std::process::id()));
        fs::remove_dir_all(&dir).ok();
        dir
    }

    fn statement(id: &str) -> String {
        format!(r#"{{"id":"{id}","verb":{{"id":"x"}}}}"#)
    }

    #[test]
    fn keeps_order_and_text_until_removed() {
        let outbox = Outbox::new(temp("order"));
        assert_eq!(
            outbox.len().unwrap(),
            0,
            "a missing folder is an empty outbox"
        );
        let ids = ["c0ffee00-0000-4000-8000-000000000002", "0a-1", "ff-2"];
        for id in ids {
            assert!(outbox.put(&statement(id)).unwrap());
        }
        assert!(!outbox.put(&statement(ids[1])).unwrap(), "queued once");
        let (pending, problems) = outbox.pending().unwrap();
        assert!(problems.is_empty());
        let got: Vec<&str> = pending.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(got, ids, "oldest first, whatever the ids");
        assert_eq!(pending[0].text, statement(ids[0]), "byte for byte");
        outbox.remove(&pending[1]).unwrap();
        outbox.remove(&pending[1]).unwrap(); // already gone: not an error
        assert_eq!(outbox.len().unwrap(), 2);
        fs::remove_dir_all(outbox.dir()).ok();
    }

    #[test]
    fn refuses_what_is_not_a_statement() {
        let outbox = Outbox::new(temp("refuse"));
        for bad in ["not json", r#"{"verb":1}"#, r#"{"id":"../../etc/passwd"}"#] {
            assert!(
                matches!(outbox.put(bad), Err(OutboxError::NotAStatement { .. })),
                "{bad}"
            );
        }
        // A file spoilt on disk is reported by name, and the rest still load.
        outbox.put(&statement("ab-1")).unwrap();
        fs::write(outbox.dir().join("00000000000000000001-x.json"), "{").unwrap();
        let (pending, problems) = outbox.pending().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(problems.len(), 1);
        let message = problems[0].to_string();
        assert!(message.contains("00000000000000000001-x.json"), "{message}");
        // Set aside with the reason, it no longer counts as waiting.
        outbox
            .set_aside(&outbox.dir().join("00000000000000000001-x.json"), "spoilt")
            .unwrap();
        assert_eq!(outbox.len().unwrap(), 1);
        let why = outbox
            .dir()
            .join(SET_ASIDE)
            .join("00000000000000000001-x.json.why.txt");
        assert_eq!(fs::read_to_string(why).unwrap(), "spoilt");
        fs::remove_dir_all(outbox.dir()).ok();
    }
}

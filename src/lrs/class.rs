//! A class read back from the LRS: its statements fetched, grouped by session
//! (registration) and rebuilt into session logs, so that the debrief shows the same group
//! view and replays as from the log files. A session that cannot be rebuilt is listed with
//! the reason; the others still are.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use uuid::Uuid;

use super::client::Client;
use super::error::LrsError;
use crate::core::debrief::LoadedLog;
use crate::core::export::xapi::{Statement, class_iri, logs_from_statements};

/// What the LRS holds of a class.
#[derive(Debug, Default)]
pub struct ClassRead {
    /// One per session, each named `lrs:<registration>` where a file path would be.
    pub logs: Vec<LoadedLog>,
    /// Statements and sessions that could not be used, in words.
    pub problems: Vec<String>,
    /// Statements read (the class's, all sessions).
    pub statements: usize,
}

impl ClassRead {
    /// Sessions that have reached an ending.
    pub fn finished(&self) -> usize {
        self.logs.iter().filter(|l| l.log.ending.is_some()).count()
    }
}

/// Fetches the class `code` (statements stored since `since`, RFC 3339; all when `None`)
/// and rebuilds its sessions.
pub fn read_class(client: &Client, code: &str, since: Option<&str>) -> Result<ClassRead, LrsError> {
    let found = client.class_statements(&class_iri(code), since)?;
    Ok(rebuild(found))
}

/// Sessions from a class's statements (as the LRS gives them).
pub fn rebuild(found: Vec<Value>) -> ClassRead {
    let mut read = ClassRead {
        statements: found.len(),
        ..Default::default()
    };
    let mut sessions: BTreeMap<Uuid, Vec<Statement>> = BTreeMap::new();
    for value in found {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("(no id)")
            .to_owned();
        match serde_json::from_value::<Statement>(value) {
            Ok(st) => sessions
                .entry(st.context.registration)
                .or_default()
                .push(st),
            Err(e) => read
                .problems
                .push(format!("statement {id}: not a tsunagu statement: {e}")),
        }
    }
    for (registration, statements) in sessions {
        match logs_from_statements(&statements) {
            Ok(logs) => read.logs.extend(logs.into_iter().map(|(r, log)| LoadedLog {
                path: PathBuf::from(format!("lrs:{r}")),
                log,
            })),
            Err(e) => read
                .problems
                .push(format!("session {registration}: cannot be rebuilt: {e}")),
        }
    }
    read.logs
        .sort_by(|a, b| (a.log.started, &a.path).cmp(&(b.log.started, &b.path)));
    read
}

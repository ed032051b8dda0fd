//! The session log: a RON file with everything needed to replay a session word for word
//! (scenario id and content hash, seed, mode, every decision). Rewritten atomically after
//! every decision, so a crash or a power cut loses nothing that was decided.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::core::compile::Compiled;
use crate::core::engine::{Mode, Order, PlayError, Session};
use crate::core::load::{self, LoadError};
use crate::core::model::Lang;

/// 2: the choices are shown in an order shuffled per session, and each decision says
/// where its choice was shown. A format-1 log replays with the choices as written.
pub const LOG_FORMAT: u32 = 2;

/// The formats the debrief and resume still read.
pub const LOG_FORMATS_READ: std::ops::RangeInclusive<u32> = 1..=LOG_FORMAT;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLog {
    pub format: u32,
    pub scenario: String,
    pub scenario_version: u32,
    pub scenario_hash: String,
    pub seed: u64,
    pub mode: Mode,
    pub lang: Lang,
    pub trainee: String,
    /// Seconds since 1970 (UTC) when the session started.
    pub started: u64,
    pub decisions: Vec<Decision>,
    /// Points per competency id, as they stood after the last decision.
    pub scores: Vec<(String, i32)>,
    /// The ending node, once the session has ended.
    #[serde(default)]
    pub ending: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub node: String,
    pub choice: String,
    /// Seconds the trainee took to decide.
    pub seconds: f32,
    /// Where the choice was shown: 1 for the first option (0: not recorded, format 1).
    #[serde(default)]
    pub position: u32,
}

/// Who played, and how: what the log holds beside the session itself.
#[derive(Debug, Clone, PartialEq)]
pub struct LogMeta {
    pub scenario_hash: String,
    pub lang: Lang,
    pub trainee: String,
    pub started: u64,
}

pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl SessionLog {
    pub fn of(session: &Session, meta: &LogMeta) -> Self {
        let c = session.scenario();
        let s = &c.source;
        SessionLog {
            // A resumed format-1 session stays format 1: its choices are shown as written.
            format: match session.order() {
                Order::Shuffled => LOG_FORMAT,
                Order::Written => 1,
            },
            scenario: s.id.clone(),
            scenario_version: s.version,
            scenario_hash: meta.scenario_hash.clone(),
            seed: session.seed(),
            mode: session.mode(),
            lang: meta.lang,
            trainee: meta.trainee.clone(),
            started: meta.started,
            decisions: session
                .steps()
                .iter()
                .map(|st| {
                    let node = &s.nodes[st.node as usize];
                    Decision {
                        node: node.id.clone(),
                        choice: node.choices[st.choice as usize].id.clone(),
                        seconds: st.seconds,
                        position: st.position,
                    }
                })
                .collect(),
            scores: c
                .competencies
                .iter()
                .zip(session.scores())
                .map(|(c, &p)| (c.id.clone(), p))
                .collect(),
            ending: session.ended().map(|n| s.nodes[n as usize].id.clone()),
        }
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        // Serialising plain data cannot fail; a failure here would be a bug, so say so.
        ron::ser::to_string_pretty(self, config).expect("a session log always serialises")
    }

    /// The order its trainee saw the choices in.
    pub fn order(&self) -> Order {
        if self.format >= 2 {
            Order::Shuffled
        } else {
            Order::Written
        }
    }

    pub fn load(path: &Path) -> Result<SessionLog, LoadError> {
        let text = load::read_text(path)?;
        load::parse(path, &text)
    }
}

/// Writes `contents` to `path` atomically: a temporary file beside it, flushed to disk,
/// then renamed over it. A reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    write_atomic_as(path, contents, false)
}

/// As `write_atomic`, for a file that holds a secret (a password): readable and writable
/// by its owner only, from the moment it exists (on Unix; elsewhere the folder's own
/// permissions apply).
pub fn write_atomic_private(path: &Path, contents: &str) -> std::io::Result<()> {
    write_atomic_as(path, contents, true)
}

fn write_atomic_as(path: &Path, contents: &str, private: bool) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(0o600);
            // A temporary file left by an earlier run keeps its mode: set it again.
            if tmp.exists() {
                fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))?;
            }
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut f = options.open(&tmp)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // The rename itself is durable only once the folder is synced (where that is possible).
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Keeps a session's log on disk, rewriting it after every decision.
#[derive(Debug, Clone)]
pub struct LogWriter {
    pub path: PathBuf,
    pub meta: LogMeta,
}

impl LogWriter {
    pub fn write(&self, session: &Session) -> std::io::Result<()> {
        write_atomic(&self.path, &SessionLog::of(session, &self.meta).to_ron())
    }
}

/// A file name for a new log: scenario, trainee and time, safe on every file system.
pub fn log_file_name(scenario: &str, trainee: &str, started: u64) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let trainee = if trainee.trim().is_empty() {
        "trainee"
    } else {
        trainee
    };
    format!("{}-{}-{started}.ron", safe(scenario), safe(trainee))
}

/// A log played back into a fresh session.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub session: Session,
    /// Decisions applied; fewer than the log holds when the scenario has changed.
    pub applied: usize,
    /// The log was made against other content of the scenario.
    pub hash_differs: bool,
    /// Why the replay stopped early, if it did.
    pub stopped: Option<String>,
}

/// Replays a log's decisions onto a fresh session of `scenario`, as far as they still fit.
pub fn replay(log: &SessionLog, scenario: Arc<Compiled>, hash: &str) -> Replayed {
    let mut session = Session::with_order(scenario, log.seed, log.mode, log.order());
    let mut applied = 0;
    let mut stopped = None;
    for (i, d) in log.decisions.iter().enumerate() {
        if session.node_id() != d.node {
            stopped = Some(format!(
                "decision {}: the log was at node `{}` but the scenario is at `{}`",
                i + 1,
                d.node,
                session.node_id()
            ));
            break;
        }
        match session.choose_id(&d.choice, d.seconds) {
            Ok(_) => applied += 1,
            Err(
                e @ (PlayError::Ended | PlayError::NoSuchChoice { .. } | PlayError::NotOpen { .. }),
            ) => {
                stopped = Some(format!("decision {}: {e}", i + 1));
                break;
            }
        }
    }
    Replayed {
        session,
        applied,
        hash_differs: log.scenario_hash != hash,
        stopped,
    }
}

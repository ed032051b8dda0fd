//! The game's logic without any drawing: the screens, the messages the UI sends, and the
//! playing session with its log. Headless tests drive the game through these messages.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::SystemTime;

use bevy::prelude::*;

use super::library::{Library, LibraryScan};
use super::settings::{Dirs, Settings};
use crate::core::analysis::Analysis;
use crate::core::engine::{Event, Session};
use crate::core::log::{LogMeta, LogWriter, SessionLog, log_file_name, now_unix, replay};
use crate::core::model::Lang;
use crate::core::validate::Checked;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Select,
    Play,
    Results,
    Debrief,
}

/// What the trainee asks for, from the UI, the keyboard or a test.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum Action {
    ToTitle,
    ToSelect,
    /// Start the scenario at this index of the library.
    Start(usize),
    /// Resume an unfinished session from its log.
    Resume(PathBuf),
    /// Take the open choice with this index in the current node.
    Choose(u32),
    /// From an ended session to the results.
    ShowResults,
    /// Open the session logs in this folder for a group debrief.
    OpenDebrief(PathBuf),
    /// Open the class named in the settings from the LRS, refreshed while it plays.
    OpenClass,
    /// Write the open debrief's report (HTML) and decisions (CSV) into the exports folder.
    ExportDebrief,
}

/// A frame of the game's logic, in order: what asks for actions (a script; the screens ask
/// from egui's pass, after these, for the next frame), the actions applied, then what
/// arrives from other threads (the library scan, an edited scenario, the class link).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowSet {
    Input,
    Apply,
    Receive,
}

/// The session being played.
pub struct Play {
    pub session: Session,
    pub analysis: Analysis,
    pub writer: LogWriter,
    /// What the last decision brought (the opening lines before the first).
    pub last: Vec<Event>,
    /// When the current choices were shown, for the seconds each decision took.
    pub shown_at: f64,
    /// A problem to show over the game (a log that could not be written, a replay that
    /// stopped early, a scenario edit that does not load).
    pub notice: Option<String>,
    /// The scenario file, watched so that an author's saved edit reloads it.
    pub source: PathBuf,
    pub source_modified: Option<SystemTime>,
}

impl Play {
    /// A new session of a playable scenario, its log to be written in `sessions`; `now` is
    /// the app's clock, for the seconds each decision takes. `None` if it cannot be played.
    pub fn start(
        checked: &Checked,
        settings: &Settings,
        sessions: &Path,
        now: f64,
    ) -> Option<Play> {
        let (Some(s), Some(a)) = (checked.playable(), checked.analysis.clone()) else {
            return None;
        };
        let started = now_unix();
        let seed = seed_from(started, &settings.trainee);
        let session = Session::new(Arc::clone(s), seed, settings.mode);
        let writer = LogWriter {
            path: sessions.join(log_file_name(&s.source.id, &settings.trainee, started)),
            meta: LogMeta {
                scenario_hash: checked.hash.clone(),
                lang: settings.lang,
                trainee: settings.trainee.clone(),
                started,
            },
        };
        let last = session.transcript().to_vec();
        Some(Play {
            session,
            analysis: a,
            writer,
            last,
            shown_at: now,
            notice: None,
            source_modified: modified(&checked.path),
            source: checked.path.clone(),
        })
    }
}

#[derive(Resource, Default)]
pub struct Playing(pub Option<Play>);

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Action>()
        .init_resource::<Playing>()
        .configure_sets(
            Update,
            (FlowSet::Input, FlowSet::Apply, FlowSet::Receive).chain(),
        )
        .add_systems(Update, apply_actions.in_set(FlowSet::Apply))
        .add_systems(Update, reload_edited_scenario.in_set(FlowSet::Receive));
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// How often the open scenario's file is looked at, in seconds.
const WATCH_EVERY: f64 = 0.5;

/// Preview with hot reload: when the open scenario's file changes on disk, the new version
/// is loaded and the choices made so far are replayed onto it (as Inky does). A broken edit
/// is reported over the game and the last good version keeps running. The file is checked
/// on a thread of its own (a large scenario's analysis takes longer than a frame); only the
/// replay runs on the main thread.
fn reload_edited_scenario(
    mut playing: ResMut<Playing>,
    mut library: ResMut<Library>,
    time: Res<Time<Real>>,
    mut last_look: Local<f64>,
    mut checking: Local<Option<(PathBuf, Receiver<Checked>)>>,
    settings: Res<Settings>,
) {
    let Some(play) = playing.0.as_mut() else {
        return;
    };
    if let Some((path, result)) = checking.as_ref() {
        match result.try_recv() {
            Ok(checked) => {
                if *path == play.source {
                    apply_edit(play, &mut library, checked, settings.lang);
                }
                *checking = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => *checking = None,
        }
    }
    let now = time.elapsed_secs_f64();
    if now - *last_look < WATCH_EVERY {
        return;
    }
    *last_look = now;
    let stamp = modified(&play.source);
    if stamp.is_none() || stamp == play.source_modified {
        return;
    }
    play.source_modified = stamp;
    // A check still running for an older save is dropped: its result would be stale.
    let (send, result) = channel();
    let path = play.source.clone();
    std::thread::spawn(move || send.send(crate::core::validate::check_file(&path)).ok());
    *checking = Some((play.source.clone(), result));
}

/// Replays the session onto the checked new version of its scenario, or says why not.
fn apply_edit(play: &mut Play, library: &mut Library, checked: Checked, lang: Lang) {
    match (checked.playable().cloned(), checked.analysis.clone()) {
        (Some(s), Some(analysis)) => {
            let log = SessionLog::of(&play.session, &play.writer.meta);
            let r = replay(&log, s, &checked.hash);
            let (file, applied, all) = (play.source.display(), r.applied, log.decisions.len());
            play.notice = Some(match (r.stopped, lang) {
                (None, Lang::En) => format!("{file}: reloaded; {applied} decision(s) replayed"),
                (None, Lang::Ja) => {
                    format!("{file}: 読み込み直しました。{applied} 回の選択をやり直しました")
                }
                (Some(why), Lang::En) => {
                    format!("{file}: reloaded; replayed {applied} of {all} decision(s) ({why})")
                }
                (Some(why), Lang::Ja) => format!(
                    "{file}: 読み込み直しました。{all} 回のうち {applied} 回の選択をやり直しました（{why}）"
                ),
            });
            play.last = r.session.transcript().to_vec();
            play.session = r.session;
            play.analysis = analysis;
            play.writer.meta.scenario_hash = checked.hash.clone();
            if let Some(entry) = library.scenarios.iter_mut().find(|c| c.path == play.source) {
                *entry = checked;
            }
        }
        _ => {
            let errors: Vec<String> = checked.errors().take(5).map(|p| p.render(lang)).collect();
            let head = match lang {
                Lang::Ja => "編集後のシナリオを読み込めません。直前の正しい版のまま続けます:",
                Lang::En => "the edit does not load; the last good version keeps running:",
            };
            play.notice = Some(format!("{head}\n{}", errors.join("\n")));
        }
    }
}

fn apply_actions(
    mut actions: MessageReader<Action>,
    mut next: ResMut<NextState<Screen>>,
    mut playing: ResMut<Playing>,
    mut library: ResMut<Library>,
    mut scan: ResMut<LibraryScan>,
    dirs: Res<Dirs>,
    settings: Res<Settings>,
    time: Res<Time<Real>>,
    mut debrief: Option<ResMut<super::debrief_state::DebriefState>>,
    mut commands: Commands,
) {
    let now = time.elapsed_secs_f64();
    for action in actions.read() {
        match action {
            Action::ToTitle => next.set(Screen::Title),
            Action::ToSelect => {
                // Look again for scenarios added or edited since (a scan still running is
                // dropped, and stops).
                *scan = LibraryScan::start(
                    dirs.scenarios.clone(),
                    dirs.sessions.clone(),
                    !library.scenarios.is_empty(),
                );
                next.set(Screen::Select);
            }
            Action::Start(i) => {
                let Some(checked) = library.scenarios.get(*i) else {
                    continue;
                };
                let Some(play) = Play::start(checked, &settings, &dirs.sessions, now) else {
                    continue;
                };
                playing.0 = Some(play);
                next.set(Screen::Play);
            }
            Action::Resume(path) => match resume(path, &library, now) {
                Ok(play) => {
                    playing.0 = Some(play);
                    next.set(Screen::Play);
                }
                Err(e) => warn!("{e}"),
            },
            Action::Choose(index) => {
                let Some(play) = playing.0.as_mut() else {
                    continue;
                };
                let seconds = (now - play.shown_at) as f32;
                match play.session.choose(*index, seconds) {
                    Ok(events) => {
                        play.last = events;
                        play.shown_at = now;
                        // Written before anything else happens: a crash now loses nothing.
                        if let Err(e) = play.writer.write(&play.session) {
                            play.notice = Some(format!(
                                "{}: the session log could not be written: {e}",
                                play.writer.path.display()
                            ));
                        }
                    }
                    Err(e) => play.notice = Some(e.to_string()),
                }
            }
            Action::OpenDebrief(folder) => {
                // Logs are matched to their scenarios: the list must be whole.
                scan.finish(&mut library);
                let debrief = crate::core::debrief::Debrief::open(
                    std::slice::from_ref(folder),
                    library.scenarios.clone(),
                );
                commands.insert_resource(super::debrief_state::DebriefState::new(
                    debrief,
                    folder.clone(),
                ));
                commands.remove_resource::<super::class_view::ClassView>();
                next.set(Screen::Debrief);
            }
            Action::OpenClass => {
                // Sessions are matched to their scenarios: the list must be whole.
                scan.finish(&mut library);
                match super::class_view::open(&settings, &mut commands) {
                    Ok(()) => next.set(Screen::Debrief),
                    Err(e) => warn!("cannot open the class: {e}"),
                }
            }
            Action::ExportDebrief => {
                if let Some(state) = debrief.as_mut() {
                    let written = state.export(&dirs.exports, settings.lang, now_unix());
                    state.exported = Some(written);
                }
            }
            Action::ShowResults => {
                if playing.0.as_ref().is_some_and(|p| p.session.is_over()) {
                    next.set(Screen::Results);
                }
            }
        }
    }
}

/// A seed for a new session: different each time, kept in the log for replay.
fn seed_from(started: u64, trainee: &str) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    trainee
        .bytes()
        .fold(started.rotate_left(20) ^ nanos, |h, b| {
            h.rotate_left(5) ^ b as u64
        })
}

fn resume(path: &Path, library: &Library, now: f64) -> Result<Play, String> {
    let log = SessionLog::load(path).map_err(|e| e.to_string())?;
    let i = library.find(&log.scenario).ok_or_else(|| {
        format!(
            "{}: no scenario `{}` is loaded",
            path.display(),
            log.scenario
        )
    })?;
    let checked = &library.scenarios[i];
    let s = checked
        .playable()
        .cloned()
        .ok_or("the scenario is broken")?;
    let r = replay(&log, s, &checked.hash);
    let mut notices = Vec::new();
    if r.hash_differs {
        notices.push("the scenario has changed since this session was saved".to_owned());
    }
    notices.extend(r.stopped);
    Ok(Play {
        last: r.session.transcript().to_vec(),
        session: r.session,
        analysis: checked.analysis.clone().ok_or("no analysis")?,
        writer: LogWriter {
            path: path.to_owned(),
            meta: LogMeta {
                scenario_hash: checked.hash.clone(),
                lang: log.lang,
                trainee: log.trainee,
                started: log.started,
            },
        },
        shown_at: now,
        notice: (!notices.is_empty()).then(|| notices.join("; ")),
        source_modified: modified(&checked.path),
        source: checked.path.clone(),
    })
}

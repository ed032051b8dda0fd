//! "Open a class from the LRS": the instructor's debrief of a class read back from the
//! learning record store, refreshed every few seconds while trainees are still playing (a
//! live view for the projector). Each read runs on a thread of its own; the screen keeps
//! showing the last one meanwhile, and keeps the facilitator's place when a new one comes.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use bevy::prelude::*;

use super::debrief_state::DebriefState;
use super::flow::Screen;
use super::library::Library;
use super::settings::Settings;
use crate::core::class::settings::LrsSettings;
use crate::core::debrief::Debrief;
use crate::lrs::{ClassRead, Client, LrsError, read_class};

/// Seconds between two reads of the class.
pub const REFRESH: f64 = 10.0;

/// The class being read, and how the last read went.
#[derive(Resource)]
pub struct ClassView {
    settings: LrsSettings,
    /// In a mutex: a resource is shared between threads, a receiver is not.
    reading: Option<Mutex<Receiver<Result<ClassRead, LrsError>>>>,
    /// When the last read was started (seconds of the app's real time); `None`: never.
    last_read: Option<f64>,
    /// Sessions and finished sessions in the last read.
    pub sessions: usize,
    pub finished: usize,
    /// Why the last read failed, or what could not be used of it.
    pub problem: Option<String>,
    /// Reads that have arrived.
    pub reads: usize,
}

impl ClassView {
    /// For the class in `settings` (with the credentials from the environment too).
    pub fn new(settings: &LrsSettings) -> Result<ClassView, String> {
        let settings = settings.clone().with_env();
        if !settings.is_on() {
            return Err("no LRS is set (title screen, Class link)".into());
        }
        settings.check().map_err(|e| e.to_string())?;
        Ok(ClassView {
            settings,
            reading: None,
            last_read: None,
            sessions: 0,
            finished: 0,
            problem: None,
            reads: 0,
        })
    }

    pub fn class(&self) -> &str {
        &self.settings.class
    }

    /// Where the debrief says its logs came from.
    pub fn source(&self) -> PathBuf {
        PathBuf::from(format!(
            "{} · {}",
            self.settings.endpoint, self.settings.class
        ))
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        refresh
            .run_if(in_state(Screen::Debrief))
            .run_if(resource_exists::<ClassView>),
    );
}

/// Starts a read every `REFRESH` seconds, and puts each that arrives on the screen.
fn refresh(
    mut view: ResMut<ClassView>,
    state: Option<ResMut<DebriefState>>,
    library: Res<Library>,
    time: Res<Time<Real>>,
    mut commands: Commands,
) {
    let now = time.elapsed_secs_f64();
    let arrived = view.reading.as_ref().map(|reading| {
        reading
            .lock()
            .map_or(Err(TryRecvError::Disconnected), |r| r.try_recv())
    });
    if let Some(arrived) = arrived {
        match arrived {
            Ok(Ok(read)) => {
                view.reading = None;
                view.reads += 1;
                view.sessions = read.logs.len();
                view.finished = read.finished();
                view.problem = (!read.problems.is_empty()).then(|| read.problems.join("\n"));
                let debrief = Debrief::from_logs(read.logs, library.scenarios.clone());
                match state {
                    Some(mut state) => state.refresh(debrief),
                    None => commands.insert_resource(DebriefState::new(debrief, view.source())),
                }
            }
            Ok(Err(e)) => {
                view.reading = None;
                view.reads += 1;
                view.problem = Some(e.to_string());
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => view.reading = None,
        }
        return;
    }
    if view.last_read.is_some_and(|t| now - t < REFRESH) {
        return;
    }
    view.last_read = Some(now);
    let settings = view.settings.clone();
    let (send, receive) = channel();
    std::thread::spawn(move || {
        let read = Client::new(&settings).and_then(|c| read_class(&c, &settings.class, None));
        send.send(read).ok();
    });
    view.reading = Some(Mutex::new(receive));
}

/// Opens the class named in the settings: called by the flow on `Action::OpenClass`.
pub fn open(settings: &Settings, commands: &mut Commands) -> Result<(), String> {
    let view = ClassView::new(&settings.lrs)?;
    commands.insert_resource(view);
    commands.remove_resource::<DebriefState>();
    Ok(())
}

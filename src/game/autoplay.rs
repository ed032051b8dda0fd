//! Scripted play for smoke tests and screenshots: start a scenario, take choices one by one,
//! optionally open the results, save a screenshot, and quit after a number of frames.

use std::collections::VecDeque;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::flow::{Action, Playing, Screen};
use super::library::Library;
use crate::core::model::Lang;

#[derive(Resource, Debug, Default, Clone)]
pub struct Autoplay {
    /// The scenario file to start at once.
    pub scenario: Option<PathBuf>,
    /// Choices to take, by id or by number (1 = the first open choice).
    pub choices: VecDeque<String>,
    /// Open the results once the choices are taken and the session has ended.
    pub results: bool,
    pub screenshot: Option<PathBuf>,
    pub exit_after_frames: Option<u32>,
    /// Open the debrief of the logs in this folder.
    pub debrief: Option<PathBuf>,
    /// With `debrief`: the replay of the first log, at this step.
    pub replay_step: Option<usize>,
    /// Open the conversation graph over the play screen.
    pub show_graph: bool,
}

/// How far the script has got.
#[derive(Default)]
struct Progress {
    frame: u32,
    started: bool,
    failed: bool,
    idle: bool,
}

/// Frames between two scripted choices, so each is drawn.
const PACE: u32 = 4;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        drive
            .in_set(super::flow::FlowSet::Input)
            .run_if(resource_exists::<Autoplay>),
    );
}

fn drive(
    mut auto: ResMut<Autoplay>,
    screen: Res<State<Screen>>,
    playing: Res<Playing>,
    mut library: ResMut<Library>,
    mut actions: MessageWriter<Action>,
    mut exit: MessageWriter<AppExit>,
    mut commands: Commands,
    mut progress: Local<Progress>,
    debrief: Option<ResMut<crate::game::screens::debrief::DebriefState>>,
) {
    progress.frame += 1;
    let frame = progress.frame;
    if auto.show_graph && frame == 3 {
        commands.insert_resource(crate::game::screens::play::PlayView {
            graph: true,
            ..Default::default()
        });
    }
    if let Some(folder) = auto.debrief.clone()
        && frame == 3
    {
        actions.write(Action::OpenDebrief(folder));
    }
    if let (Some(step), Some(mut d)) = (auto.replay_step, debrief)
        && frame == 6
    {
        use crate::game::screens::debrief::Tab;
        d.tab = Tab::Replay;
        let last = d.replay.as_ref().map_or(0, |r| r.steps.len());
        d.step = step.min(last);
    }
    if let Some(path) = auto.scenario.clone()
        && !progress.started
        && frame >= 3
    {
        let i = library.find_or_add(&path);
        if library.scenarios[i].playable().is_none() {
            for p in library.scenarios[i].errors() {
                error!("{}", p.render(Lang::En));
            }
            progress.failed = true;
        } else {
            actions.write(Action::Start(i));
        }
        progress.started = true;
    }
    if *screen.get() == Screen::Play
        && frame.is_multiple_of(PACE)
        && let Some(play) = &playing.0
    {
        if let Some(want) = auto.choices.pop_front() {
            let open: Vec<(u32, String)> = play
                .session
                .option_texts()
                .map(|(i, id, _)| (i, id.to_owned()))
                .collect();
            let by_number = want
                .parse::<usize>()
                .ok()
                .and_then(|n| open.get(n.wrapping_sub(1)));
            match by_number.or_else(|| open.iter().find(|(_, id)| *id == want)) {
                Some((index, _)) => {
                    actions.write(Action::Choose(*index));
                }
                None => {
                    error!(
                        "autoplay: `{want}` is not open at `{}`",
                        play.session.node_id()
                    );
                    progress.failed = true;
                    auto.choices.clear();
                }
            }
        } else if auto.results && play.session.is_over() {
            actions.write(Action::ShowResults);
            auto.results = false;
        }
    }
    let Some(last) = auto.exit_after_frames else {
        // A script without an end: once it has played, the game idles like any other.
        if auto.choices.is_empty() && frame > 3 * PACE && !progress.idle {
            commands.insert_resource(bevy::winit::WinitSettings::desktop_app());
            progress.idle = true;
        }
        return;
    };
    if let Some(path) = auto.screenshot.clone()
        && frame + 15 == last.max(16)
    {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
    }
    if frame >= last {
        exit.write(if progress.failed {
            AppExit::from_code(1)
        } else {
            AppExit::Success
        });
    }
}

//! The game: a Bevy window on top of the core. One plugin per file; the screens are a
//! state; everything the UI does goes through `flow::Action` messages, so tests can play
//! without a window.

pub mod autoplay;
pub mod ecomap;
pub mod flow;
pub mod library;
pub mod screens;
pub mod settings;
pub mod theme;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

use crate::core::engine::Mode;
use crate::core::model::Lang;
use library::Library;
use settings::{Dirs, Settings};

/// What the command line asks of the window.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub scenarios: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub trainee: Option<String>,
    pub mode: Option<Mode>,
    pub autoplay: Option<autoplay::Autoplay>,
}

/// The logic of the game without drawing: screens, actions, the session and its log.
pub fn logic_plugin(app: &mut App) {
    app.add_plugins((flow::plugin, settings::plugin));
}

/// Everything: the logic, the screens, the ecomap, fonts.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        logic_plugin,
        theme::plugin,
        screens::plugin,
        ecomap::plugin,
        autoplay::plugin,
    ))
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
}

/// When the program started: `TSUNAGU_TIMINGS=1` prints how long the first frame took.
#[derive(Resource)]
pub struct Started(pub std::time::Instant);

pub fn run(options: Options) -> ExitCode {
    let started = Started(std::time::Instant::now());
    let dirs = Dirs::standard(options.scenarios.clone());
    let mut settings = Settings::load(&dirs);
    if let Some(lang) = options.lang {
        settings.lang = lang;
    }
    if let Some(name) = &options.trainee {
        settings.trainee = name.clone();
    }
    if let Some(mode) = options.mode {
        settings.mode = mode;
    }
    let library = Library::scan(&dirs.scenarios, &dirs.sessions);
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "つなぐ tsunagu".into(),
            resolution: (1280, 720).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(dirs)
    .insert_resource(settings)
    .insert_resource(library)
    .insert_resource(started);
    if std::env::var("TSUNAGU_TIMINGS").is_ok_and(|v| v == "1") {
        app.add_systems(Last, report_first_frame);
    }
    match options.autoplay {
        // Scripted runs need frames without input.
        Some(auto) => {
            app.insert_resource(WinitSettings::game())
                .insert_resource(auto);
        }
        // Redraw only on input or animation: an idle game costs next to no CPU.
        None => {
            app.insert_resource(WinitSettings::desktop_app());
        }
    }
    app.add_plugins(plugin);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Prints the time from launch to the end of the third update, once: by then the first
/// frame of the title screen (fonts in place) has been rendered and presented.
fn report_first_frame(started: Res<Started>, mut frames: Local<u32>) {
    *frames += 1;
    if *frames == 3 {
        eprintln!(
            "tsunagu: title screen drawn {:.0} ms after launch",
            started.0.elapsed().as_secs_f64() * 1e3
        );
    }
}

//! The game: a Bevy window on top of the core. One plugin per file; the screens are a
//! state; everything the UI does goes through `flow::Action` messages, so tests can play
//! without a window.

pub mod autoplay;
pub mod class_link;
pub mod class_view;
pub mod debrief_state;
pub mod ecomap;
pub mod flow;
pub mod library;
pub mod plugins;
pub mod screens;
pub mod settings;
pub mod strokes;
pub mod theme;
#[cfg(feature = "dev")]
pub mod timings;
pub mod title_art;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

use crate::core::engine::Mode;
use crate::core::model::Lang;
use library::LibraryScan;
use settings::{Dirs, Settings};

/// What the command line asks of the window.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub scenarios: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub trainee: Option<String>,
    pub mode: Option<Mode>,
    /// Author mode: the conversation map shows the whole scenario with its scores.
    pub author: bool,
    pub autoplay: Option<autoplay::Autoplay>,
    /// The window's size (logical pixels); 1280×720 otherwise.
    pub window: Option<(u32, u32)>,
}

/// The logic of the game without drawing: screens, actions, the session and its log.
pub fn logic_plugin(app: &mut App) {
    app.add_plugins((
        flow::plugin,
        library::plugin,
        settings::plugin,
        class_link::plugin,
        class_view::plugin,
    ));
}

/// Everything: the logic, the screens, the ecomap, fonts.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        logic_plugin,
        theme::plugin,
        screens::plugin,
        ecomap::plugin,
        title_art::plugin,
        autoplay::plugin,
    ))
    .add_systems(Startup, |mut commands: Commands| {
        // egui smooths its own edges and the ecomap's meshes carry their own feathered
        // edges: multisampling would only cost memory and, under software rendering, time
        // on every frame.
        commands.spawn((Camera2d, Msaa::Off));
    });
}

pub fn run(options: Options) -> ExitCode {
    #[cfg(feature = "dev")]
    let started = timings::Started(std::time::Instant::now());
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
    // Scenarios are checked on a thread of their own while the window opens.
    let scan = LibraryScan::start(dirs.scenarios.clone(), dirs.sessions.clone(), false);
    let mut app = App::new();
    app.add_plugins(plugins::window_plugins(Window {
        title: "つなぐ tsunagu — 相談支援の面接トレーニング".into(),
        resolution: options.window.unwrap_or((1280, 720)).into(),
        ..default()
    }))
    .add_plugins(EguiPlugin::default());
    app.insert_resource(dirs)
        .insert_resource(screens::play::AuthorMode(options.author))
        .insert_resource(settings)
        .insert_resource(scan);
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
    #[cfg(feature = "dev")]
    app.insert_resource(started).add_plugins(timings::plugin);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

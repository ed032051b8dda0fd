//! What the trainee chose on the title screen, remembered between runs, and where files go.

use std::path::PathBuf;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::core::class::settings::LrsSettings;
use crate::core::data;
use crate::core::engine::Mode;
use crate::core::load;
use crate::core::log::{write_atomic, write_atomic_private};
use crate::core::model::Lang;

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub trainee: String,
    pub mode: Mode,
    /// Text size as a factor of the default (1.0).
    pub text_scale: f32,
    /// Nothing moves: no easing on the ecomap, no animated title, egui's panels open at once.
    pub reduced_motion: bool,
    /// The class link: the LRS decisions are sent to (off when its endpoint is empty).
    pub lrs: LrsSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Ja,
            trainee: String::new(),
            mode: Mode::Training,
            text_scale: 1.0,
            reduced_motion: false,
            lrs: LrsSettings::default(),
        }
    }
}

/// Where tsunagu reads and writes: scenario folders, session logs, the settings file, the
/// class's exports.
#[derive(Resource, Debug, Clone)]
pub struct Dirs {
    pub scenarios: Vec<PathBuf>,
    pub sessions: PathBuf,
    pub settings: PathBuf,
    pub exports: PathBuf,
}

impl Dirs {
    /// `scenarios/` beside the program's working folder, a user folder for scenarios of
    /// one's own, and the data folder (`core::data::home`) for logs, settings and exports.
    pub fn standard(extra: Option<PathBuf>) -> Self {
        let home = data::home();
        let mut scenarios = vec![PathBuf::from("scenarios"), home.join("scenarios")];
        scenarios.extend(extra);
        Dirs::at(&home, scenarios)
    }

    /// Logs, settings and exports in the data folder `home`, scenarios from `scenarios`.
    pub fn at(home: &std::path::Path, scenarios: Vec<PathBuf>) -> Self {
        Dirs {
            scenarios,
            sessions: home.join("sessions"),
            settings: home.join("settings.ron"),
            exports: data::exports(home),
        }
    }
}

impl Settings {
    /// The saved settings; defaults when there are none or they cannot be read.
    pub fn load(dirs: &Dirs) -> Settings {
        load::read_text(&dirs.settings)
            .ok()
            .and_then(|text| load::parse(&dirs.settings, &text).ok())
            .unwrap_or_default()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, save_when_changed);
}

fn save_when_changed(settings: Res<Settings>, dirs: Res<Dirs>) {
    if settings.is_changed() && !settings.is_added() {
        let text = ron::ser::to_string_pretty(&*settings, ron::ser::PrettyConfig::new())
            .unwrap_or_default();
        // A password in the file: readable by its owner only.
        let written = if settings.lrs.password.is_empty() {
            write_atomic(&dirs.settings, &text)
        } else {
            write_atomic_private(&dirs.settings, &text)
        };
        if let Err(e) = written {
            warn!("cannot save settings to {}: {e}", dirs.settings.display());
        }
    }
}

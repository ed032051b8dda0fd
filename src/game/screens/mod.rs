//! The screens, each its own plugin, drawn with egui on top of the 2D scene.

pub mod debrief;
pub mod graph_view;
pub mod play;
pub mod results;
pub mod select;
pub mod title;

use bevy::prelude::*;
use bevy_egui::egui;

use super::settings::Settings;
use crate::core::model::Lang;

/// The systems that draw the screens with egui: what needs a screen laid out (the launch
/// timing) runs after them.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScreenUi;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        title::plugin,
        select::plugin,
        play::plugin,
        results::plugin,
        debrief::plugin,
    ));
}

/// The string in the trainee's language.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A UI covering the window, for panels to be shown in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The bar across the top of every screen: a title and the language switch.
pub fn top_bar(root: &mut egui::Ui, settings: &mut Settings, title: &str) {
    egui::Panel::top("top_bar").show(root, |ui| {
        ui.horizontal(|ui| {
            ui.heading(title);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut lang = settings.lang;
                ui.selectable_value(&mut lang, Lang::En, "English");
                ui.selectable_value(&mut lang, Lang::Ja, "日本語");
                if lang != settings.lang {
                    settings.lang = lang;
                }
            });
        });
    });
}

//! The screens, each its own plugin, drawn with egui on top of the 2D scene. Each screen is a
//! function of an `egui::Context` and plain data that returns the actions asked for (`show`),
//! so that tests drive it with key events alone; its system only fetches the resources.

pub mod debrief;
pub mod graph_view;
pub mod play;
pub mod results;
pub mod select;
pub mod title;

use bevy::prelude::*;
use bevy_egui::egui;

use super::settings::Settings;
use super::theme::colour;
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

/// The string in the trainee's language (`Lang::pick`, short for the screens' many texts).
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    lang.pick(ja, en)
}

/// A count with its noun: Japanese has no plural, English does ("1 point", "2 points").
pub fn count(lang: Lang, n: impl Into<i64>, ja: &str, one: &str, many: &str) -> String {
    let n = n.into();
    match lang {
        Lang::Ja => format!("{n}{ja}"),
        Lang::En if n == 1 || n == -1 => format!("{n} {one}"),
        Lang::En => format!("{n} {many}"),
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

/// "Open the class from the LRS", on the screens that lead to a debrief, while a class
/// link is set.
pub fn open_class_button(ui: &mut egui::Ui, s: &Settings, actions: &mut Vec<super::flow::Action>) {
    if s.lrs.is_on()
        && ui
            .button(tr(
                s.lang,
                "LRS からクラスを開く",
                "Open the class from the LRS",
            ))
            .clicked()
    {
        actions.push(super::flow::Action::OpenClass);
    }
}

/// What every screen ends with: a ring round the widget that has keyboard focus (egui's own
/// mark is a faint change of fill), and the language of the screen's texts, for screen
/// readers to pick their voice.
pub fn finish(ctx: &egui::Context, lang: Lang) {
    if let Some(id) = ctx.memory(|m| m.focused())
        && let Some(focused) = ctx.read_response(id)
    {
        let layer = egui::LayerId::new(egui::Order::Tooltip, egui::Id::new("focus-ring"));
        ctx.layer_painter(layer).rect_stroke(
            focused.rect.expand(2.0),
            4.0,
            egui::Stroke::new(3.0, colour::FOCUS),
            egui::StrokeKind::Outside,
        );
    }
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
        node.set_language(lang.code());
    });
}

/// Marks a widget as a live region: a screen reader reads it out when it appears or changes
/// (a new line of the conversation, the coach, the time left, the ending).
pub fn announce(ui: &egui::Ui, response: &egui::Response) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
}

/// Whether a key was pressed for the screen itself: not while a text field takes the keys.
/// (egui's `egui_wants_keyboard_input` is true whenever any widget has the focus, which
/// would take the number keys away from a trainee who has tabbed to a choice.)
pub fn key(ctx: &egui::Context, key: egui::Key) -> bool {
    !ctx.text_edit_focused() && ctx.input(|i| i.key_pressed(key))
}

/// Whether no widget has keyboard focus (Enter and the arrows then belong to the screen).
pub fn nothing_focused(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused()).is_none()
}

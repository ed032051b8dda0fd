//! The title screen: language, trainee name, mode and text size, remembered between runs.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{root_ui, top_bar, tr};
use crate::core::engine::Mode;
use crate::game::flow::{Action, Screen};
use crate::game::settings::Settings;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(super::ScreenUi).run_if(in_state(Screen::Title)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    let mut s = settings.clone();
    let lang = s.lang;
    top_bar(&mut root, &mut s, "つなぐ tsunagu");
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(30.0);
            ui.label(egui::RichText::new("つなぐ").size(64.0 * s.text_scale));
            ui.label(tr(
                lang,
                "相談支援専門員のための面接トレーニング",
                "Interview practice for consultation-support specialists",
            ));
            ui.add_space(24.0);
            egui::Grid::new("settings")
                .num_columns(2)
                .spacing([16.0, 14.0])
                .show(ui, |ui| {
                    ui.label(tr(lang, "お名前", "Your name"));
                    ui.add(
                        egui::TextEdit::singleline(&mut s.trainee)
                            .hint_text(tr(lang, "例：佐藤", "e.g. Sato"))
                            .desired_width(240.0),
                    );
                    ui.end_row();
                    ui.label(tr(lang, "モード", "Mode"));
                    ui.vertical(|ui| {
                        ui.radio_value(
                            &mut s.mode,
                            Mode::Training,
                            tr(
                                lang,
                                "研修（選ぶたびにコーチの助言）",
                                "Training (coach feedback after each choice)",
                            ),
                        );
                        ui.radio_value(
                            &mut s.mode,
                            Mode::Assessment,
                            tr(
                                lang,
                                "評価（助言は最後にまとめて）",
                                "Assessment (feedback only at the end)",
                            ),
                        );
                    });
                    ui.end_row();
                    ui.label(tr(lang, "文字の大きさ", "Text size"));
                    ui.horizontal(|ui| {
                        for (label, scale) in [
                            ("小 S", 0.85),
                            ("中 M", 1.0),
                            ("大 L", 1.25),
                            ("特大 XL", 1.5),
                        ] {
                            if ui
                                .selectable_label((s.text_scale - scale).abs() < 0.01, label)
                                .clicked()
                            {
                                s.text_scale = scale;
                            }
                        }
                    });
                    ui.end_row();
                });
            ui.add_space(24.0);
            let start = egui::Button::new(
                egui::RichText::new(tr(lang, "シナリオを選ぶ", "Choose a scenario"))
                    .size(22.0 * s.text_scale),
            );
            if ui.add(start).clicked() {
                actions.write(Action::ToSelect);
            }
        });
    });
    if *settings != s {
        *settings = s;
    }
    Ok(())
}

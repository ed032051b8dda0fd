//! Results: the ending, each competency against the best attainable, the feedback for
//! every decision with its principle, and the chances that were missed.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{announce, finish, root_ui, top_bar, tr};
use crate::core::engine::reason_of;
use crate::core::model::{Lang, Outcome};
use crate::core::scoring::{missed, score_card};
use crate::core::summary::missed_text;
use crate::game::flow::{Action, Play, Playing, Screen};
use crate::game::settings::Settings;
use crate::game::theme::colour;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(super::ScreenUi)
            .run_if(in_state(Screen::Results)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    playing: Res<Playing>,
    mut writer: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(play) = &playing.0 else {
        return Ok(());
    };
    let mut s = settings.clone();
    let mut actions = Vec::new();
    show(ctx, &mut s, play, &mut actions);
    writer.write_batch(actions);
    settings.set_if_neq(s);
    Ok(())
}

/// The results of an ended session.
pub fn show(ctx: &egui::Context, s: &mut Settings, play: &Play, actions: &mut Vec<Action>) {
    let mut root = root_ui(ctx);
    let lang = s.lang;
    top_bar(&mut root, s, tr(lang, "ふりかえり", "Results"));
    egui::Panel::bottom("results_bottom").show(&mut root, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr(lang, "シナリオ選択へ", "Choose another scenario"))
                .clicked()
            {
                actions.push(Action::ToSelect);
            }
            if ui.button(tr(lang, "タイトルへ", "Title")).clicked() {
                actions.push(Action::ToTitle);
            }
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    tr(lang, "記録:", "Log:"),
                    play.writer.path.display()
                ))
                .small(),
            );
        });
    });
    egui::Panel::left("scores")
        .exact_size(420.0 * s.text_scale.min(1.3))
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ending(ui, play, lang);
                ui.separator();
                card(ui, play, lang);
                ui.separator();
                missed_list(ui, play, lang);
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading(tr(
            lang,
            "一手ごとのフィードバック",
            "Feedback on each decision",
        ));
        egui::ScrollArea::vertical().show(ui, |ui| decisions(ui, play, lang));
    });
    finish(ctx, lang);
}

fn ending(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    match play
        .session
        .ended()
        .and_then(|n| s.source.nodes[n as usize].ending.as_ref())
    {
        Some(e) => {
            let (label, c) = match e.outcome {
                Outcome::Good => (tr(lang, "よい結末", "A good outcome"), colour::GOOD),
                Outcome::Mixed => (
                    tr(lang, "課題の残る結末", "A mixed outcome"),
                    colour::ACCENT,
                ),
                Outcome::Poor => (
                    tr(
                        lang,
                        "本人にとって厳しい結末",
                        "A poor outcome for the person",
                    ),
                    colour::BAD,
                ),
            };
            let title = ui.heading(e.title.get(lang));
            announce(ui, &title);
            ui.colored_label(c, label);
        }
        None => {
            ui.colored_label(
                colour::BAD,
                tr(
                    lang,
                    "途中で終わりました",
                    "The session stopped before an ending",
                ),
            );
        }
    }
}

fn card(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    ui.heading(tr(
        lang,
        "4つの力（到達可能な最高点との比較）",
        "Competencies (against the best attainable)",
    ));
    if !play.analysis.exact {
        ui.label(
            egui::RichText::new(tr(
                lang,
                "※最高点は上限の見積もりです",
                "Best figures are upper bounds",
            ))
            .small(),
        );
    }
    for line in score_card(&play.session, &play.analysis) {
        let pct = line.percent().unwrap_or(0.0);
        // The band in words as well as in the bar's colour.
        let (band, c) = if pct >= 80.0 {
            (tr(lang, "十分", "strong"), colour::GOOD)
        } else if pct >= 40.0 {
            (tr(lang, "もう一歩", "partly"), colour::WARN)
        } else {
            (tr(lang, "要練習", "needs practice"), colour::BAD)
        };
        ui.label(format!(
            "{}: {} / {}  ({pct:.0}% · {band})",
            line.name.get(lang),
            line.points,
            line.best
        ));
        ui.add(
            egui::ProgressBar::new(pct as f32 / 100.0)
                .fill(c)
                .desired_height(14.0),
        );
    }
}

fn missed_list(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.heading(tr(lang, "見逃したチャンス", "Missed opportunities"));
    let items = missed(&play.session);
    if items.is_empty() {
        ui.label(tr(lang, "ありません。見事です。", "None. Well done."));
    }
    for m in items {
        let text = missed_text(s, m, lang);
        ui.label(format!("・{text}"));
    }
}

fn decisions(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    for (i, step) in play.session.steps().iter().enumerate() {
        let choice = &s.source.nodes[step.node as usize].choices[step.choice as usize];
        ui.label(egui::RichText::new(format!("{}. {}", i + 1, choice.text.get(lang))).strong());
        for f in play
            .session
            .feedback()
            .iter()
            .filter(|f| f.step as usize == i)
        {
            let c = colour::of_points(f.points);
            ui.colored_label(
                c,
                format!(
                    "   {} {:+} — {}",
                    s.competencies[f.competency as usize].name.get(lang),
                    f.points,
                    reason_of(s, f.effect).get(lang)
                ),
            );
        }
    }
}

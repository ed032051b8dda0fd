//! Scenario select: every scenario found, with title, summary, goals and minutes; broken
//! ones with their error; unfinished sessions to resume.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{root_ui, top_bar, tr};
use crate::game::flow::{Action, Screen};
use crate::game::library::{Library, LibraryScan};
use crate::game::settings::Settings;
use crate::game::theme::colour;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(super::ScreenUi)
            .run_if(in_state(Screen::Select)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    library: Res<Library>,
    scan: Res<LibraryScan>,
    dirs: Res<crate::game::settings::Dirs>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx);
    let mut s = settings.clone();
    let lang = s.lang;
    top_bar(
        &mut root,
        &mut s,
        tr(lang, "シナリオを選ぶ", "Choose a scenario"),
    );
    egui::Panel::bottom("select_bottom").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "← タイトルへ", "← Title")).clicked() {
                actions.write(Action::ToTitle);
            }
            if ui.button(tr(lang, "再読み込み", "Reload")).clicked() {
                actions.write(Action::ToSelect);
            }
            if ui
                .button(tr(
                    lang,
                    "ふりかえり（記録を開く）",
                    "Debrief (open the logs)",
                ))
                .clicked()
            {
                actions.write(Action::OpenDebrief(dirs.sessions.clone()));
            }
            if s.lrs.is_on()
                && ui
                    .button(tr(
                        lang,
                        "LRS からクラスを開く",
                        "Open the class from the LRS",
                    ))
                    .clicked()
            {
                actions.write(Action::OpenClass);
            }
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if scan.is_running() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(
                        lang,
                        "シナリオを確かめています…",
                        "Checking the scenarios…",
                    ));
                });
            }
            if !library.resumable.is_empty() {
                ui.heading(tr(lang, "途中のセッション", "Unfinished sessions"));
                for (path, log) in &library.resumable {
                    ui.horizontal(|ui| {
                        if ui.button(tr(lang, "再開", "Resume")).clicked() {
                            actions.write(Action::Resume(path.clone()));
                        }
                        let who = if log.trainee.is_empty() {
                            "—"
                        } else {
                            &log.trainee
                        };
                        ui.label(format!(
                            "{} · {who} · {} {}",
                            log.scenario,
                            log.decisions.len(),
                            tr(lang, "手まで", "decisions")
                        ));
                    });
                }
                ui.separator();
            }
            for (i, checked) in library.scenarios.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    match checked.playable() {
                        Some(sc) => {
                            let src = &sc.source;
                            ui.horizontal(|ui| {
                                ui.heading(src.title.get(lang));
                                ui.label(format!("{} {}", src.minutes, tr(lang, "分", "min")));
                            });
                            ui.label(src.summary.get(lang));
                            for g in &src.goals {
                                ui.label(format!("・{}", g.get(lang)));
                            }
                            let warnings = checked.warnings().count();
                            if warnings > 0 {
                                ui.colored_label(
                                    colour::ACCENT,
                                    format!(
                                        "{warnings} {}",
                                        tr(
                                            lang,
                                            "件の注意（tsunagu validate で確認）",
                                            "warning(s): see tsunagu validate"
                                        )
                                    ),
                                );
                            }
                            if ui.button(tr(lang, "はじめる", "Start")).clicked() {
                                actions.write(Action::Start(i));
                            }
                        }
                        None => {
                            ui.colored_label(
                                colour::BAD,
                                format!(
                                    "{} — {}",
                                    checked.path.display(),
                                    tr(lang, "読み込めません", "cannot be loaded")
                                ),
                            );
                            for p in checked.errors().take(5) {
                                ui.label(egui::RichText::new(p.render(lang)).monospace());
                            }
                        }
                    }
                });
                ui.add_space(6.0);
            }
            for e in &library.broken_logs {
                ui.colored_label(colour::BAD, e);
            }
        });
    });
    if *settings != s {
        *settings = s;
    }
    Ok(())
}

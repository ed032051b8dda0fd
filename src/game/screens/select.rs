//! Scenario select: every scenario found, with title, summary, goals and minutes; broken
//! ones with their error; unfinished sessions to resume.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{count, finish, key, nothing_focused, open_class_button, root_ui, top_bar, tr};
use crate::core::export::xapi::{moment, timestamp};
use crate::core::log::SessionLog;
use crate::core::model::Lang;
use crate::game::flow::{Action, Screen};
use crate::game::library::{Library, LibraryScan};
use crate::game::settings::{Dirs, Settings};
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
    dirs: Res<Dirs>,
    mut writer: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut s = settings.clone();
    let mut actions = Vec::new();
    show(
        ctx,
        &mut s,
        &library,
        scan.is_running(),
        &dirs,
        &mut actions,
    );
    writer.write_batch(actions);
    settings.set_if_neq(s);
    Ok(())
}

/// The select screen. Tab or the arrow keys move between the buttons, Enter or Space press
/// one; Escape goes back to the title.
pub fn show(
    ctx: &egui::Context,
    s: &mut Settings,
    library: &Library,
    scanning: bool,
    dirs: &Dirs,
    actions: &mut Vec<Action>,
) {
    let mut root = root_ui(ctx);
    let lang = s.lang;
    top_bar(
        &mut root,
        s,
        tr(lang, "シナリオを選ぶ", "Choose a scenario"),
    );
    egui::Panel::bottom("select_bottom").show(&mut root, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr(lang, "← タイトルへ（Esc）", "← Title (Esc)"))
                .clicked()
            {
                actions.push(Action::ToTitle);
            }
            if ui.button(tr(lang, "再読み込み", "Reload")).clicked() {
                actions.push(Action::ToSelect);
            }
            if ui
                .button(tr(
                    lang,
                    "ふりかえり（記録を開く）",
                    "Debrief (open the logs)",
                ))
                .clicked()
            {
                actions.push(Action::OpenDebrief(dirs.sessions.clone()));
            }
            open_class_button(ui, s, actions);
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if scanning {
                ui.horizontal(|ui| {
                    if !s.reduced_motion {
                        ui.spinner();
                    }
                    ui.label(tr(
                        lang,
                        "シナリオを確かめています…",
                        "Checking the scenarios…",
                    ));
                });
            }
            resumable(ui, library, lang, actions);
            for (i, checked) in library.scenarios.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    match checked.playable() {
                        Some(sc) => {
                            let src = &sc.source;
                            ui.horizontal_wrapped(|ui| {
                                ui.heading(src.title.get(lang));
                                ui.label(count(lang, src.minutes, "分", "min", "min"));
                            });
                            ui.label(src.summary.get(lang));
                            for g in &src.goals {
                                ui.label(format!("・{}", g.get(lang)));
                            }
                            let warnings = checked.warnings().count();
                            if warnings > 0 {
                                ui.colored_label(
                                    colour::WARN,
                                    format!(
                                        "{} {}",
                                        count(
                                            lang,
                                            warnings as i64,
                                            "件の注意",
                                            "warning",
                                            "warnings"
                                        ),
                                        tr(
                                            lang,
                                            "（tsunagu validate で確認）",
                                            "(see tsunagu validate)"
                                        )
                                    ),
                                );
                            }
                            let start = egui::Button::new(format!(
                                "{} — {}",
                                tr(lang, "はじめる", "Start"),
                                src.title.get(lang)
                            ));
                            if ui.add(start).clicked() {
                                actions.push(Action::Start(i));
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
    if key(ctx, egui::Key::Escape) && nothing_focused(ctx) {
        actions.push(Action::ToTitle);
    }
    finish(ctx, lang);
}

/// Unfinished sessions: the scenario's title, who, when, and how far they got.
fn resumable(ui: &mut egui::Ui, library: &Library, lang: Lang, actions: &mut Vec<Action>) {
    if library.resumable.is_empty() {
        return;
    }
    ui.heading(tr(lang, "途中のセッション", "Unfinished sessions"));
    for (path, log) in &library.resumable {
        let row = resume_row(library, log, lang);
        ui.horizontal_wrapped(|ui| {
            let button = egui::Button::new(tr(lang, "再開", "Resume"));
            let response = ui.add(button);
            // Read aloud with the row it resumes.
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::WidgetType::Button,
                    true,
                    format!("{} — {row}", tr(lang, "再開", "Resume")),
                )
            });
            if response.clicked() {
                actions.push(Action::Resume(path.clone()));
            }
            ui.label(&row);
        });
    }
    ui.separator();
}

/// "Title · trainee · started · 7 decisions, in the assessment", in the trainee's language.
pub fn resume_row(library: &Library, log: &SessionLog, lang: Lang) -> String {
    let scenario = library
        .find(&log.scenario)
        .and_then(|i| library.scenarios[i].playable());
    let title = scenario.map_or(log.scenario.clone(), |s| {
        s.source.title.get(lang).to_owned()
    });
    let who = if log.trainee.is_empty() {
        tr(lang, "（名前なし）", "(no name)")
    } else {
        &log.trainee
    };
    let when = started_at(log.started);
    let mut progress = count(
        lang,
        log.decisions.len() as i64,
        "手",
        "decision",
        "decisions",
    );
    let phase = scenario.and_then(|s| {
        let last = log.decisions.last()?;
        let node = s.node_index(&last.node)?;
        Some(
            s.source.nodes[node as usize]
                .phase
                .name()
                .get(lang)
                .to_owned(),
        )
    });
    if let Some(phase) = phase {
        progress = match lang {
            Lang::Ja => format!("{phase}まで {progress}"),
            Lang::En => format!("{progress}, up to {phase}"),
        };
    }
    format!("{title} · {who} · {when} · {progress}")
}

/// When a session started, to the minute (UTC: the logs carry no time zone).
fn started_at(unix: u64) -> String {
    let stamp = timestamp(moment(unix, 0.0));
    format!("{} {} UTC", &stamp[..10], &stamp[11..16])
}

//! The debrief, projected for a group: the group view of one scenario (how many took each
//! choice, the spread of scores, two paths side by side) and the replay of one trainee's
//! session, step by step, with the ecomap as it stood at that moment.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{count, finish, key, nothing_focused, open_class_button, root_ui, top_bar, tr};
use crate::core::compile::Item;
use crate::core::debrief::{Divergence, Snapshot, Spread};
use crate::core::fact_notes::note_line;
use crate::core::model::{Lang, NoteKind};
use crate::game::class_view::ClassView;
pub use crate::game::debrief_state::{DebriefState, Side, Tab};
use crate::game::ecomap::{EcomapArea, EcomapView};
use crate::game::flow::{Action, Screen};
use crate::game::settings::Settings;
use crate::game::theme::colour;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(super::ScreenUi)
            .run_if(in_state(Screen::Debrief)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    state: Option<ResMut<DebriefState>>,
    mut area: ResMut<EcomapArea>,
    mut view: ResMut<EcomapView>,
    mut writer: MessageWriter<Action>,
    class: Option<Res<ClassView>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut s = settings.clone();
    let mut actions = Vec::new();
    let mut free = area.clone();
    match state {
        Some(mut state) => show(
            ctx,
            &mut s,
            &mut state,
            class.as_deref(),
            &mut free,
            &mut view,
            &mut actions,
        ),
        // A class's first read is on its way.
        None => {
            if let Some(class) = class {
                waiting(ctx, s.lang, &class, &mut actions);
            }
        }
    }
    area.set_if_neq(free);
    writer.write_batch(actions);
    settings.set_if_neq(s);
    Ok(())
}

/// The replay's keys: ← and → step when no widget has the focus; Page Down and Page Up go
/// to the next and the previous trainee wherever it is (egui's list of trainees is reached
/// by Tab, but its items not by the arrows).
fn replay_keys(ctx: &egui::Context, state: &mut DebriefState) {
    if nothing_focused(ctx) {
        let last = state.replay.as_ref().map_or(0, |r| r.steps.len());
        if key(ctx, egui::Key::ArrowRight) && state.step < last {
            state.step += 1;
        }
        if key(ctx, egui::Key::ArrowLeft) && state.step > 0 {
            state.step -= 1;
        }
    }
    let n = state.debrief.played.len();
    if n > 0 && key(ctx, egui::Key::PageDown) {
        state.open_replay((state.played + 1) % n);
    }
    if n > 0 && key(ctx, egui::Key::PageUp) {
        state.open_replay((state.played + n - 1) % n);
    }
}

/// While a class's first read is on its way.
fn waiting(ctx: &egui::Context, lang: Lang, class: &ClassView, actions: &mut Vec<Action>) {
    let mut root = root_ui(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.label(class_line(class, lang));
        if ui
            .button(tr(lang, "← シナリオ選択へ", "← Scenarios"))
            .clicked()
        {
            actions.push(Action::ToSelect);
        }
    });
    finish(ctx, lang);
}

/// The debrief. Keys: Ctrl+E exports for the class; in the replay, ← and → step when no
/// widget has the focus (the step slider takes them when it has), Page Down and Page Up
/// go to the next and the previous trainee.
pub fn show(
    ctx: &egui::Context,
    s: &mut Settings,
    state: &mut DebriefState,
    class: Option<&ClassView>,
    area: &mut EcomapArea,
    view: &mut EcomapView,
    actions: &mut Vec<Action>,
) {
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::E)) {
        actions.push(Action::ExportDebrief);
    }
    if state.tab == Tab::Replay {
        replay_keys(ctx, state);
    }
    let mut root = root_ui(ctx);
    let lang = s.lang;
    top_bar(
        &mut root,
        s,
        tr(lang, "ふりかえり（デブリーフ）", "Debrief"),
    );
    egui::Panel::top("debrief_tabs").show(&mut root, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr(lang, "← シナリオ選択へ", "← Scenarios"))
                .clicked()
            {
                actions.push(Action::ToSelect);
            }
            ui.separator();
            ui.selectable_value(
                &mut state.tab,
                Tab::Group,
                tr(lang, "グループ全体", "Group view"),
            );
            ui.selectable_value(
                &mut state.tab,
                Tab::Replay,
                tr(lang, "一人ずつ再生", "Replay"),
            );
            ui.separator();
            ui.checkbox(
                &mut state.anonymise,
                tr(
                    lang,
                    "匿名で表示（受講者1, 2…）",
                    "Anonymise (Trainee 1, 2…)",
                ),
            );
            ui.separator();
            let can_export = !state.debrief.played.is_empty();
            if ui
                .add_enabled(
                    can_export,
                    egui::Button::new(tr(lang, "クラス用に書き出す（HTML・CSV）", "Export for the class (HTML, CSV)")),
                )
                .on_hover_text(tr(
                    lang,
                    "レポート（HTML）と判断の一覧（CSV）をデータフォルダの exports に保存します（Ctrl+E）",
                    "Saves the report (HTML) and the decisions (CSV) in the data folder's exports (Ctrl+E)",
                ))
                .clicked()
            {
                actions.push(Action::ExportDebrief);
            }
            ui.label(
                egui::RichText::new(format!(
                    "{} · {}",
                    state.folder.display(),
                    count(lang, state.debrief.played.len() as i64, "件の記録", "log", "logs")
                ))
                .small(),
            );
            open_class_button(ui, s, actions);
        });
        if let Some(class) = class {
            ui.label(class_line(class, lang));
        }
        match &state.exported {
            Some(Ok(files)) => {
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                ui.colored_label(
                    colour::GOOD,
                    format!("{} {}", tr(lang, "書き出しました:", "Written:"), files.join(", ")),
                );
            }
            Some(Err(e)) => {
                ui.colored_label(
                    colour::BAD,
                    format!("{} {e}", tr(lang, "書き出せませんでした:", "Could not export:")),
                );
            }
            None => {}
        }
        if !state.debrief.problems.is_empty() {
            egui::CollapsingHeader::new(match lang {
                Lang::Ja => format!(
                    "{} 件の記録を読み込めませんでした",
                    state.debrief.problems.len()
                ),
                Lang::En => format!(
                    "{} could not be used",
                    count(lang, state.debrief.problems.len() as i64, "", "log", "logs")
                ),
            })
            .show(ui, |ui| {
                for p in &state.debrief.problems {
                    ui.colored_label(colour::BAD, p.to_string());
                }
            });
        }
    });
    if state.debrief.played.is_empty() {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.label(tr(
                lang,
                "このフォルダには記録がありません。",
                "There are no session logs in this folder.",
            ));
        });
        view.0 = None;
    } else {
        match state.tab {
            Tab::Group => {
                view.0 = None;
                egui::CentralPanel::default().show(&mut root, |ui| group(ui, state, lang));
            }
            Tab::Replay => replay(&mut root, ctx, state, lang, area, view),
        }
    }
    finish(ctx, lang);
}

/// The live class: how many have started and finished, refreshed every few seconds.
fn class_line(class: &ClassView, lang: Lang) -> String {
    let mut line = if class.reads == 0 {
        format!(
            "{} {}…",
            tr(lang, "クラスを読み込み中", "Reading the class"),
            class.class()
        )
    } else {
        format!(
            "{} {}: {} {} · {} {} ({} {} {})",
            tr(lang, "クラス", "Class"),
            class.class(),
            class.sessions,
            tr(lang, "人が参加", "playing or played"),
            class.finished,
            tr(lang, "人が終了", "finished"),
            tr(lang, "", "refreshed every"),
            crate::game::class_view::REFRESH,
            tr(lang, "秒ごとに更新", "s"),
        )
    };
    if let Some(problem) = &class.problem {
        line.push('\n');
        line.push_str(problem);
    }
    line
}

fn group(ui: &mut egui::Ui, state: &mut DebriefState, lang: Lang) {
    let scenarios: Vec<usize> = {
        let mut v: Vec<usize> = state.debrief.played.iter().map(|p| p.scenario).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let title = |i: usize| {
        state.debrief.scenarios[i].playable().map_or_else(
            || state.debrief.scenarios[i].path.display().to_string(),
            |s| s.source.title.get(lang).to_owned(),
        )
    };
    let mut chosen = state.scenario;
    egui::ComboBox::from_label(tr(lang, "シナリオ", "Scenario"))
        .selected_text(title(chosen))
        .show_ui(ui, |ui| {
            for &i in &scenarios {
                ui.selectable_value(&mut chosen, i, title(i));
            }
        });
    if chosen != state.scenario {
        state.scenario = chosen;
        let first = state
            .debrief
            .sessions_of(chosen)
            .first()
            .copied()
            .unwrap_or(0);
        state.left = Side::Trainee(first);
        state.right = Side::Best;
    }
    let g = state.debrief.group(state.scenario);
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(tr(lang, "得点のばらつき", "Spread of scores"));
        for sp in &g.spread {
            box_plot(ui, sp, lang);
        }
        ui.separator();
        ui.heading(tr(lang, "結末", "Endings"));
        for e in &g.endings {
            ui.label(format!(
                "{} — {}",
                e.ending.title.get(lang),
                count(lang, e.sessions.len() as i64, "人", "trainee", "trainees")
            ));
        }
        ui.separator();
        ui.heading(tr(
            lang,
            "分かれ道ごとの選択（★は最善の道筋）",
            "Choices at each decision point (★ on the best path)",
        ));
        for dp in g.decision_points.iter().filter(|d| d.reached > 0) {
            ui.label(
                egui::RichText::new(format!(
                    "[{}] {}",
                    dp.phase.name().get(lang),
                    dp.text.get(lang)
                ))
                .strong(),
            );
            for c in &dp.choices {
                let frac = c.sessions.len() as f32 / dp.reached.max(1) as f32;
                let names: Vec<String> = c
                    .sessions
                    .iter()
                    .map(|&i| state.debrief.trainee_label(i, state.anonymise, lang))
                    .collect();
                let star = if c.on_best_path { "★ " } else { "" };
                ui.horizontal(|ui| {
                    ui.add(
                        egui::ProgressBar::new(frac)
                            .desired_width(160.0)
                            .text(format!("{}/{}", c.sessions.len(), dp.reached)),
                    );
                    ui.label(format!("{star}{}", c.text.get(lang)));
                })
                .response
                .on_hover_text(names.join(", "));
            }
            ui.add_space(6.0);
        }
        ui.separator();
        ui.heading(tr(lang, "二つの道筋を並べる", "Two paths side by side"));
        let mut sides: Vec<Side> = state
            .debrief
            .sessions_of(state.scenario)
            .into_iter()
            .map(Side::Trainee)
            .collect();
        sides.push(Side::Best);
        let (mut left, mut right) = (state.left, state.right);
        ui.horizontal(|ui| {
            for (id, side) in [("left", &mut left), ("right", &mut right)] {
                egui::ComboBox::from_id_salt(id)
                    .selected_text(state.label(*side, lang))
                    .show_ui(ui, |ui| {
                        for &o in &sides {
                            ui.selectable_value(side, o, state.label(o, lang));
                        }
                    });
            }
        });
        state.left = left;
        state.right = right;
        let d = crate::core::debrief::divergence(state.path(left), state.path(right));
        side_by_side(
            ui,
            &d,
            lang,
            &state.label(left, lang),
            &state.label(right, lang),
        );
    });
}

/// A box plot drawn with egui's painter: min–max whiskers, the box from the first to the
/// third quartile, the median, and every trainee as a dot.
fn box_plot(ui: &mut egui::Ui, sp: &Spread, lang: Lang) {
    let Some(sum) = &sp.summary else { return };
    let best = sp.best.unwrap_or(sum.max as i64).max(1) as f32;
    let low = (sum.min as f32).min(0.0);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(700.0), 26.0),
        egui::Sense::hover(),
    );
    let label_w = 170.0;
    let x = |v: f32| {
        rect.left() + label_w + (v - low) / (best - low).max(1.0) * (rect.width() - label_w - 60.0)
    };
    let y = rect.center().y;
    let p = ui.painter();
    p.text(
        rect.left_center(),
        egui::Align2::LEFT_CENTER,
        sp.name.get(lang),
        egui::FontId::proportional(14.0),
        ui.visuals().text_color(),
    );
    let grey = egui::Stroke::new(1.0, egui::Color32::GRAY);
    p.line_segment(
        [egui::pos2(x(low), y), egui::pos2(x(best), y)],
        egui::Stroke::new(1.0, egui::Color32::LIGHT_GRAY),
    );
    p.line_segment(
        [
            egui::pos2(x(sum.min as f32), y),
            egui::pos2(x(sum.max as f32), y),
        ],
        grey,
    );
    let q = egui::Rect::from_x_y_ranges(x(sum.q1 as f32)..=x(sum.q3 as f32), (y - 8.0)..=(y + 8.0));
    p.rect_filled(q, 2.0, egui::Color32::from_rgb(0xcf, 0xe3, 0xf7));
    p.line_segment(
        [
            egui::pos2(x(sum.median as f32), y - 9.0),
            egui::pos2(x(sum.median as f32), y + 9.0),
        ],
        egui::Stroke::new(2.0, colour::NEED),
    );
    for &v in &sp.values {
        p.circle_filled(egui::pos2(x(v as f32), y), 3.0, colour::ACCENT);
    }
    p.text(
        egui::pos2(rect.right() - 55.0, y),
        egui::Align2::LEFT_CENTER,
        format!(
            "{:.1} / {}",
            sum.median,
            sp.best.map_or("—".into(), |b| b.to_string())
        ),
        egui::FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
}

fn side_by_side(ui: &mut egui::Ui, d: &Divergence, lang: Lang, left: &str, right: &str) {
    if let Some(first) = d.first {
        ui.colored_label(
            colour::ACCENT,
            format!(
                "{} {}",
                first + 1,
                tr(lang, "手目で分かれました", "is where the paths part")
            ),
        );
    } else {
        ui.label(tr(lang, "同じ道筋です", "The paths are the same"));
    }
    egui::Grid::new("divergence")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong("#");
            ui.strong(left);
            ui.strong(right);
            ui.end_row();
            for (i, (a, b)) in d.rows().enumerate() {
                let parted = d.first.is_some_and(|f| i >= f);
                let cell = |ui: &mut egui::Ui, step: Option<&crate::core::debrief::PathStep>| {
                    let text = step.map_or(String::new(), |s| s.text.get(lang).to_owned());
                    if parted {
                        ui.colored_label(colour::ACCENT, text);
                    } else {
                        ui.label(text);
                    }
                };
                ui.label(format!("{}", i + 1));
                cell(ui, a);
                cell(ui, b);
                ui.end_row();
            }
        });
}

fn replay(
    root: &mut egui::Ui,
    ctx: &egui::Context,
    state: &mut DebriefState,
    lang: Lang,
    area: &mut EcomapArea,
    view: &mut EcomapView,
) {
    let mut played = state.played;
    egui::Panel::top("replay_controls").show(root, |ui| {
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label(tr(lang, "受講者", "Trainee"))
                .selected_text(state.debrief.trainee_label(played, state.anonymise, lang))
                .show_ui(ui, |ui| {
                    for i in 0..state.debrief.played.len() {
                        let title = state.debrief.compiled(i).source.title.get(lang).to_owned();
                        let label = format!(
                            "{} — {title}",
                            state.debrief.trainee_label(i, state.anonymise, lang)
                        );
                        ui.selectable_value(&mut played, i, label);
                    }
                });
            let last = state.replay.as_ref().map_or(0, |r| r.steps.len());
            if ui.button("|◀").clicked() {
                state.step = 0;
            }
            if ui.button("◀").clicked() && state.step > 0 {
                state.step -= 1;
            }
            ui.add(egui::Slider::new(&mut state.step, 0..=last).text(tr(lang, "手目", "step")));
            if ui.button("▶").clicked() && state.step < last {
                state.step += 1;
            }
            if ui.button("▶|").clicked() {
                state.step = last;
            }
            ui.label(
                egui::RichText::new(tr(
                    lang,
                    "← → キーで一手ずつ · PgUp/PgDn で受講者",
                    "← → step · PgUp/PgDn: trainee",
                ))
                .small(),
            );
            ui.separator();
            if ui
                .selectable_label(state.graph, tr(lang, "会話の地図", "Conversation graph"))
                .clicked()
            {
                state.graph = !state.graph;
            }
        });
    });
    if played != state.played {
        state.open_replay(played);
    }
    let Some(r) = &state.replay else { return };
    let s = state.debrief.compiled(state.played).clone();
    if r.hash_differs {
        egui::Panel::top("replay_warning").show(root, |ui| {
            ui.colored_label(
                colour::BAD,
                tr(
                    lang,
                    "この記録は別の版のシナリオで作られました。合うところまで再生しています。",
                    "This log was made with another version of the scenario; it is replayed as far as it still fits.",
                ),
            );
            if let Some(why) = &r.stopped {
                ui.label(why);
            }
        });
    }
    let snapshot: &Snapshot = if state.step == 0 {
        &r.start
    } else {
        &r.steps[state.step - 1].after
    };
    egui::Panel::right("replay_notes")
        .exact_size(330.0)
        .show(root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading(tr(lang, "この時点の得点", "Scores at this point"));
                for (i, c) in s.competencies.iter().enumerate() {
                    ui.label(format!("{}: {}", c.name.get(lang), snapshot.scores[i]));
                }
                ui.separator();
                ui.heading(tr(lang, "この時点のケース記録", "Case notes at this point"));
                for kind in [
                    NoteKind::Demand,
                    NoteKind::Strength,
                    NoteKind::Need,
                    NoteKind::Fact,
                ] {
                    for &n in &snapshot.notes {
                        let note = &s.source.notes[n as usize];
                        if note.kind == kind {
                            let c = match kind {
                                NoteKind::Strength => colour::STRENGTH,
                                NoteKind::Need => colour::NEED,
                                NoteKind::Demand => colour::DEMAND,
                                NoteKind::Fact => colour::FACT,
                            };
                            ui.colored_label(c, format!("・{}", note_line(note, lang)));
                        }
                    }
                }
                for &e in &snapshot.revealed {
                    if let Item::Resource(_) = e {
                        ui.label(format!("・{}", s.entity_name(e).get(lang)));
                    }
                }
            });
        });
    egui::Panel::bottom("replay_step")
        .exact_size(300.0)
        .show(root, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if state.step == 0 {
                        ui.label(tr(
                            lang,
                            "はじまり。▶ で一手目へ。",
                            "The start. ▶ for the first decision.",
                        ));
                        return;
                    }
                    let st = &r.steps[state.step - 1];
                    ui.label(
                        egui::RichText::new(match lang {
                            Lang::Ja => {
                                format!("{} 手目 — {}", state.step, st.phase.name().get(lang))
                            }
                            Lang::En => {
                                format!("Step {} — {}", state.step, st.phase.name().get(lang))
                            }
                        })
                        .strong(),
                    );
                    for l in &st.heard {
                        ui.label(format!("{}: {}", l.name.get(lang), l.text.get(lang)));
                    }
                    ui.add_space(4.0);
                    for (n, o) in st.options.iter().enumerate() {
                        let best = st
                            .comparison
                            .as_ref()
                            .is_some_and(|c| c.best_choices.contains(&o.choice));
                        let mark = match (o.taken, best) {
                            (true, true) => "▶ ★",
                            (true, false) => "▶  ",
                            (false, true) => "   ★",
                            (false, false) => "    ",
                        };
                        let total: i32 = o.points.iter().sum();
                        let text = format!("{mark} {}. {} ({total:+})", n + 1, o.text.get(lang));
                        if o.taken {
                            ui.colored_label(colour::ACCENT, text);
                        } else {
                            ui.label(text);
                        }
                    }
                    for l in &st.said {
                        ui.label(
                            egui::RichText::new(format!(
                                "{}: {}",
                                l.name.get(lang),
                                l.text.get(lang)
                            ))
                            .italics(),
                        );
                    }
                    for f in &st.feedback {
                        let c = colour::of_points(f.points);
                        ui.colored_label(
                            c,
                            format!(
                                "{} {:+} — {}: {}",
                                f.competency_name.get(lang),
                                f.points,
                                f.principle.get(lang),
                                f.advice.get(lang)
                            ),
                        );
                    }
                    if let Some(cmp) = &st.comparison {
                        if cmp.lost > 0 {
                            let lost = match lang {
                                Lang::Ja => format!(
                                    "この一手で最善から {} 点遠ざかりました（★が最善）",
                                    cmp.lost
                                ),
                                Lang::En => format!(
                                    "This decision gave up {} against the best (★)",
                                    count(lang, cmp.lost, "点", "point", "points")
                                ),
                            };
                            ui.colored_label(colour::BAD, lost);
                        } else {
                            ui.colored_label(
                                colour::GOOD,
                                tr(lang, "最善の道筋を保っています", "Still on a best path"),
                            );
                        }
                    }
                    let position = match st.position {
                        Some(p) => match lang {
                            Lang::Ja => {
                                format!("{} 個中 {p} 番目に表示された選択肢", st.options.len())
                            }
                            Lang::En => format!("the option shown {p} of {}", st.options.len()),
                        },
                        None => tr(
                            lang,
                            "表示位置の記録なし（順番を入れ替える前の記録）",
                            "no position recorded (a log from before options were shuffled)",
                        )
                        .to_owned(),
                    };
                    ui.label(
                        egui::RichText::new(format!(
                            "{:.1} {} · {position}",
                            st.seconds,
                            tr(lang, "秒で選択", "seconds to decide")
                        ))
                        .small(),
                    );
                });
        });
    egui::Panel::top("replay_legend")
        .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(8, 2)))
        .show(root, |ui| {
            ui.label(
                egui::RichText::new(super::play::legend(lang))
                    .small()
                    .color(colour::WEAK),
            );
        });
    area.leave_free(root, ctx);
    view.show(&s, &snapshot.revealed, &snapshot.ties);
    if state.graph {
        let at = match state.step {
            0 => s.start,
            n => r.steps[n - 1].node,
        };
        super::graph_view::show(ctx, &mut state.graph, &s, at, lang, None);
    }
}

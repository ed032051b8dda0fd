//! The play screen: who speaks and what they say, the choices (mouse or keys 1–9), the
//! phase of the care-management cycle, the case notes, the escalation ladder, the coach's
//! feedback in training mode. The middle is left free for the ecomap.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{root_ui, top_bar, tr};
use crate::core::compile::Entity as Item;
use crate::core::engine::{Event, Mode, Session, reason_of};
use crate::core::fact_notes::note_line;
use crate::core::model::{Lang, Level, NoteKind, Phase, ResourceKind};
use crate::core::transcript::{describe, speaker_name};
use crate::game::class_link::ClassLink;
use crate::game::ecomap::EcomapArea;
use crate::game::flow::{Action, Play, Playing, Screen};
use crate::game::settings::Settings;
use crate::game::theme::colour;

/// Whether the conversation graph is open over the play screen.
#[derive(Resource, Default)]
pub struct ShowGraph(pub bool);

/// Author mode (`--author`): the conversation graph shows the whole scenario, scored. A
/// trainee's shows only where they have been, so that it cannot be read for the answers.
#[derive(Resource, Default)]
pub struct AuthorMode(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShowGraph>()
        .init_resource::<AuthorMode>()
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(super::ScreenUi).run_if(in_state(Screen::Play)),
        )
        .add_systems(Update, keys.run_if(in_state(Screen::Play)));
}

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

fn keys(
    input: Res<ButtonInput<KeyCode>>,
    playing: Res<Playing>,
    mut actions: MessageWriter<Action>,
) {
    let Some(play) = &playing.0 else { return };
    for (n, key) in DIGITS.iter().enumerate() {
        if input.just_pressed(*key)
            && let Some(&index) = play.session.options().get(n)
        {
            actions.write(Action::Choose(index));
        }
    }
    if input.just_pressed(KeyCode::Enter) && play.session.is_over() {
        actions.write(Action::ShowResults);
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut playing: ResMut<Playing>,
    mut area: ResMut<EcomapArea>,
    mut actions: MessageWriter<Action>,
    mut graph: ResMut<ShowGraph>,
    author: Res<AuthorMode>,
    link: Res<ClassLink>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(play) = playing.0.as_mut() else {
        return Ok(());
    };
    let mut root = root_ui(ctx);
    let mut s = settings.clone();
    let lang = s.lang;
    let scale = s.text_scale;
    let title = play.session.scenario().source.title.get(lang).to_owned();
    top_bar(&mut root, &mut s, &title);
    egui::Panel::top("phases").show(&mut root, |ui| phases(ui, play, lang, &mut graph.0));
    egui::Panel::right("notes")
        .exact_size(340.0 * scale.min(1.3))
        .show(&mut root, |ui| {
            // Quietly, in one line: whether the class link is up and how many wait.
            if link.is_on() || link.problem.is_some() {
                ui.label(
                    egui::RichText::new(format!(
                        "{}: {}",
                        tr(lang, "クラス", "Class"),
                        super::title::link_line(&link, lang)
                            .lines()
                            .next()
                            .unwrap_or_default()
                    ))
                    .small()
                    .weak(),
                );
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                case_notes(ui, play, lang);
                ui.separator();
                ladder(ui, play, lang);
                if play.session.mode() == Mode::Training {
                    ui.separator();
                    scores(ui, play, lang);
                }
            });
        });
    // Larger text needs a taller dialogue, but never more than half the window: the map
    // keeps room to be read.
    let dialogue_height = (330.0 * scale.min(1.4)).min(ctx.viewport_rect().height() * 0.5);
    egui::Panel::bottom("dialogue")
        .exact_size(dialogue_height)
        .show(&mut root, |ui| {
            dialogue(ui, play, lang, scale, &mut actions)
        });
    area.leave_free(&root, ctx);
    if graph.0 {
        let trail = (!author.0).then(|| super::graph_view::Trail::of(&play.session));
        super::graph_view::show(
            ctx,
            &mut graph.0,
            play.session.scenario(),
            play.session.node(),
            lang,
            trail.as_ref(),
        );
    }
    if let Some(notice) = play.notice.clone() {
        egui::Window::new(tr(lang, "お知らせ", "Notice")).show(ctx, |ui| {
            ui.label(notice);
            if ui.button("OK").clicked() {
                play.notice = None;
            }
        });
    }
    if *settings != s {
        *settings = s;
    }
    Ok(())
}

fn phases(ui: &mut egui::Ui, play: &Play, lang: Lang, graph_open: &mut bool) {
    let s = play.session.scenario();
    let current = s.source.nodes[play.session.node() as usize].phase;
    ui.horizontal(|ui| {
        if ui
            .selectable_label(*graph_open, tr(lang, "会話の地図", "Graph"))
            .clicked()
        {
            *graph_open = !*graph_open;
        }
        ui.separator();
        for (i, p) in Phase::ALL.iter().enumerate() {
            if i > 0 {
                ui.label("→");
            }
            let text = egui::RichText::new(p.name().get(lang));
            if *p == current {
                ui.label(
                    text.strong()
                        .background_color(colour::ACCENT)
                        .color(egui::Color32::WHITE),
                );
            } else if *p < current {
                ui.label(text);
            } else {
                ui.label(text.weak());
            }
        }
    });
}

fn dialogue(
    ui: &mut egui::Ui,
    play: &Play,
    lang: Lang,
    scale: f32,
    actions: &mut MessageWriter<Action>,
) {
    let s = play.session.scenario().clone();
    let training = play.session.mode() == Mode::Training;
    let choices_height = scale
        * if play.session.is_over() {
            50.0
        } else {
            40.0 * play.session.options().len().max(1) as f32
        };
    let history_height = (ui.available_height() - choices_height - 20.0).max(80.0);
    egui::ScrollArea::vertical()
        .max_height(history_height)
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let transcript = play.session.transcript();
            let recent_from = transcript.len().saturating_sub(play.last.len());
            for (i, e) in transcript.iter().enumerate() {
                let recent = i >= recent_from;
                match *e {
                    Event::Line { speaker, text } => {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(speaker_name(&s, speaker, lang)).strong());
                            let line = egui::RichText::new(
                                crate::core::engine::text_of(&s, text).get(lang),
                            );
                            ui.label(if recent { line } else { line.weak() });
                        });
                    }
                    Event::Said { .. } => {
                        if let Some(t) = describe(&s, e, lang) {
                            ui.label(egui::RichText::new(t).italics().color(if recent {
                                colour::ACCENT
                            } else {
                                egui::Color32::GRAY
                            }));
                        }
                    }
                    Event::Feedback {
                        competency,
                        points,
                        effect,
                    } if training => {
                        let c = colour::of_points(points);
                        ui.colored_label(
                            c,
                            format!(
                                "{} {} {:+}: {}",
                                tr(lang, "コーチ", "Coach"),
                                s.competencies[competency as usize].name.get(lang),
                                points,
                                reason_of(&s, effect).get(lang)
                            ),
                        );
                    }
                    Event::Feedback { .. } | Event::Phase(_) => {}
                    _ => {
                        if let Some(t) = describe(&s, e, lang) {
                            ui.label(egui::RichText::new(t.trim_start()).small());
                        }
                    }
                }
            }
        });
    ui.separator();
    meeting(ui, &play.session, lang);
    if !play.session.is_over() {
        clock(ui, play, lang);
    }
    if play.session.is_over() {
        if ui
            .button(tr(lang, "結果を見る（Enter）", "See the results (Enter)"))
            .clicked()
        {
            actions.write(Action::ShowResults);
        }
        return;
    }
    // The choices scroll when large text makes them taller than the room left: content
    // that overflows a bottom panel makes egui report the panel lower than it is drawn,
    // and the ecomap would be laid out behind the dialogue.
    egui::ScrollArea::vertical()
        .id_salt("choices")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let node = &s.nodes[play.session.node() as usize];
            for (n, (index, _, text)) in play.session.option_texts().enumerate() {
                let minutes = node.choices[index as usize].minutes;
                let cost = if minutes > 0 && play.session.minutes_left().is_some() {
                    format!(
                        " {}",
                        tr_minutes(lang, minutes, "（約", "分）", "(about ", " min)")
                    )
                } else {
                    String::new()
                };
                let label = format!("{}. {}{cost}", n + 1, text.get(lang));
                let button = egui::Button::new(egui::RichText::new(label)).wrap();
                if ui.add_sized([ui.available_width(), 0.0], button).clicked() {
                    actions.write(Action::Choose(index));
                }
            }
        });
}

/// A number of minutes between the words of each language.
fn tr_minutes(lang: Lang, minutes: i32, ja0: &str, ja1: &str, en0: &str, en1: &str) -> String {
    match lang {
        Lang::Ja => format!("{ja0}{minutes}{ja1}"),
        Lang::En => format!("{en0}{minutes}{en1}"),
    }
}

/// In a meeting: who is in the room, the one who spoke last marked.
pub fn meeting(ui: &mut egui::Ui, session: &Session, lang: Lang) {
    let s = session.scenario();
    let present = &s.nodes[session.node() as usize].present;
    if present.is_empty() {
        return;
    }
    let speaking = session.transcript().iter().rev().find_map(|e| match *e {
        Event::Line { speaker, .. } => Some(speaker),
        _ => None,
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tr(lang, "同席:", "In the room:")).small());
        for &i in present {
            let name = egui::RichText::new(s.source.cast[i as usize].name.get(lang)).small();
            if speaking == Some(Some(i)) {
                ui.label(name.strong().color(colour::ACCENT))
                    .on_hover_text(tr(lang, "いま話している人", "speaking now"));
            } else {
                ui.label(name);
            }
        }
    });
}

/// In a scene with a clock: its name and the minutes left, as words and as a bar.
fn clock(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let Some((left, name)) = play.session.minutes_left() else {
        return;
    };
    let s = play.session.scenario();
    let total = s
        .scene_at(play.session.node())
        .map_or(left, |scene| scene.minutes)
        .max(1);
    ui.horizontal(|ui| {
        let words = tr_minutes(lang, left, "残り ", " 分", "", " min left");
        ui.label(egui::RichText::new(format!("⏱ {} — {words}", name.get(lang))).strong());
        ui.add(
            egui::ProgressBar::new(left as f32 / total as f32)
                .desired_width(160.0)
                .desired_height(8.0),
        );
    });
}

fn case_notes(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.heading(tr(lang, "ケース記録", "Case notes"));
    let sections = [
        (
            NoteKind::Demand,
            tr(
                lang,
                "デマンド（本人・家族の訴え）",
                "Demands (what is asked for)",
            ),
            colour::DEMAND,
        ),
        (
            NoteKind::Strength,
            tr(lang, "ストレングス", "Strengths"),
            colour::STRENGTH,
        ),
        (NoteKind::Need, tr(lang, "ニーズ", "Needs"), colour::NEED),
        (
            NoteKind::Fact,
            tr(
                lang,
                "記録（見たこと・場所・日時・本人の言葉）",
                "Recorded facts (what, where, when, own words)",
            ),
            colour::FACT,
        ),
    ];
    for (kind, title, c) in sections {
        ui.label(egui::RichText::new(title).strong().color(c));
        let mut any = false;
        for &e in play.session.revealed() {
            if let Item::Note(i) = e {
                let note = &s.source.notes[i as usize];
                if note.kind == kind {
                    ui.label(format!("・{}", note_line(note, lang)));
                    any = true;
                }
            }
        }
        if !any {
            ui.label(egui::RichText::new(tr(lang, "（まだありません）", "(none yet)")).weak());
        }
    }
    ui.label(egui::RichText::new(tr(lang, "社会資源", "Resources")).strong());
    let mut any = false;
    for &e in play.session.revealed() {
        if let Item::Resource(i) = e {
            let r = &s.source.resources[i as usize];
            let kind = match r.kind {
                ResourceKind::Formal => tr(lang, "フォーマル", "formal"),
                ResourceKind::Informal => tr(lang, "インフォーマル", "informal"),
            };
            ui.label(format!("・{} （{kind}）", r.name.get(lang)));
            any = true;
        }
    }
    if !any {
        ui.label(egui::RichText::new(tr(lang, "（まだありません）", "(none yet)")).weak());
    }
}

fn ladder(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.heading(tr(lang, "個別課題から地域課題へ", "Escalation ladder"));
    // An issue appears once the trainee has noticed it (raised it to any rung): recognising
    // that an individual's problem is a regional one is the skill being scored.
    let noticed: Vec<_> = s
        .source
        .issues
        .iter()
        .zip(play.session.issue_levels())
        .filter(|(_, level)| level.is_some())
        .collect();
    if noticed.is_empty() {
        ui.label(
            egui::RichText::new(tr(
                lang,
                "（まだ地域の課題として取り上げたものはありません）",
                "(no issue taken up yet)",
            ))
            .weak(),
        );
    }
    for (issue, level) in noticed {
        ui.label(egui::RichText::new(issue.title.get(lang)).strong());
        ui.horizontal_wrapped(|ui| {
            for (i, rung) in Level::LADDER.iter().enumerate() {
                if i > 0 {
                    ui.label("›");
                }
                let reached = level.is_some_and(|l| l >= *rung && l != Level::Safeguarding);
                let text = egui::RichText::new(rung.name().get(lang)).small();
                ui.label(if reached {
                    text.strong().color(colour::GOOD)
                } else {
                    text.weak()
                });
            }
        });
        if *level == Some(Level::Safeguarding) {
            ui.colored_label(colour::BAD, Level::Safeguarding.name().get(lang));
        }
    }
}

fn scores(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.heading(tr(lang, "いまの得点", "Score so far"));
    for (i, c) in s.competencies.iter().enumerate() {
        let points = play.session.scores()[i];
        let best = play.analysis.best[i].max(1);
        ui.horizontal(|ui| {
            ui.label(format!("{} {points}/{best}", c.name.get(lang)));
        });
        ui.add(
            egui::ProgressBar::new((points.max(0) as f32 / best as f32).min(1.0))
                .desired_height(8.0),
        );
    }
}

//! The play screen: who speaks and what they say, the choices (mouse or keys 1–9), the
//! phase of the care-management cycle, the case notes, the escalation ladder, the coach's
//! feedback in training mode. The middle is left free for the ecomap.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{announce, finish, key, nothing_focused, root_ui, top_bar, tr};
use crate::core::compile::Item;
use crate::core::ecomap_layout::ring_of;
use crate::core::engine::{Event, Mode, Session, reason_of};
use crate::core::fact_notes::note_line;
use crate::core::model::{Lang, Level, NoteKind, Phase, ResourceKind, TieKind};
use crate::core::transcript::{describe, speaker_name};
use crate::game::class_link::ClassLink;
use crate::game::ecomap::{EcomapArea, EcomapSystems, EcomapView};
use crate::game::flow::{Action, Play, Playing, Screen};
use crate::game::settings::Settings;
use crate::game::theme::colour;

/// How the play screen is arranged: the conversation graph open over it, and the tab of
/// the right-hand panel.
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct PlayView {
    pub graph: bool,
    pub tab: SideTab,
}

/// The tabs of the right-hand panel, under the running scores (which are never pushed off
/// screen by long notes).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SideTab {
    /// The case notes and the resources found.
    #[default]
    Notes,
    /// The escalation ladder.
    Ladder,
    /// The ecomap as a list: who, on which ring, with which tie (for screen readers, and
    /// the full names of labels shortened on the map).
    Map,
}

/// Author mode (`--author`): the conversation graph shows the whole scenario, scored. A
/// trainee's shows only where they have been, so that it cannot be read for the answers.
#[derive(Resource, Default)]
pub struct AuthorMode(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayView>()
        .init_resource::<AuthorMode>()
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(super::ScreenUi).run_if(in_state(Screen::Play)),
        )
        .add_systems(
            Update,
            follow_session
                .before(EcomapSystems)
                .run_if(in_state(Screen::Play)),
        );
}

/// On the play screen the map shows the session: who and what has been found, the ties.
fn follow_session(playing: Res<Playing>, mut view: ResMut<EcomapView>) {
    if let Some(play) = &playing.0 {
        let s = &play.session;
        view.show(s.scenario(), s.revealed(), s.ties());
    }
}

const DIGITS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut playing: ResMut<Playing>,
    mut area: ResMut<EcomapArea>,
    mut writer: MessageWriter<Action>,
    mut view: ResMut<PlayView>,
    author: Res<AuthorMode>,
    link: Res<ClassLink>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(play) = playing.0.as_mut() else {
        return Ok(());
    };
    let mut s = settings.clone();
    let mut v = view.clone();
    let mut free = area.clone();
    let mut actions = Vec::new();
    show(
        ctx,
        &mut s,
        play,
        &mut v,
        author.0,
        &link,
        &mut free,
        &mut actions,
    );
    writer.write_batch(actions);
    area.set_if_neq(free);
    view.set_if_neq(v);
    settings.set_if_neq(s);
    Ok(())
}

/// The play screen. Keys: 1–9 take a choice, Enter opens the results once the session has
/// ended, Tab and the arrows move between the buttons.
pub fn show(
    ctx: &egui::Context,
    s: &mut Settings,
    play: &mut Play,
    view: &mut PlayView,
    author: bool,
    link: &ClassLink,
    area: &mut EcomapArea,
    actions: &mut Vec<Action>,
) {
    let mut root = root_ui(ctx);
    let lang = s.lang;
    let scale = s.text_scale;
    let screen = ctx.viewport_rect();
    let title = play.session.scenario().source.title.get(lang).to_owned();
    top_bar(&mut root, s, &title);
    egui::Panel::top("phases").show(&mut root, |ui| phases(ui, play, lang, &mut view.graph));
    // The side panel never takes more than two fifths of a small window.
    let side = (340.0 * scale.min(1.3)).min(screen.width() * 0.4);
    egui::Panel::right("notes")
        .exact_size(side)
        .resizable(false)
        .show(&mut root, |ui| side_panel(ui, play, view, lang, link));
    // The dialogue is as tall as the choices need with a few lines of the conversation
    // above them (measured on the frame before), and never less than its usual height for
    // the text size; at most three fifths of the window, so the map keeps room to be read.
    let needed_id = egui::Id::new("choices-needed");
    let needed: f32 = ctx.data(|d| d.get_temp(needed_id)).unwrap_or(0.0);
    let history = 4.0 * root.text_style_height(&egui::TextStyle::Body);
    let dialogue_height = (300.0 * scale.min(1.25))
        .max(needed + history)
        .min(screen.height() * 0.6);
    egui::Panel::bottom("dialogue")
        .exact_size(dialogue_height)
        .resizable(false)
        .show(&mut root, |ui| {
            let choices = dialogue(ui, play, lang, needed, actions);
            if (choices - needed).abs() > 1.0 {
                ctx.data_mut(|d| d.insert_temp(needed_id, choices));
                // Laid out again at once: an idle window draws only on input.
                ctx.request_repaint();
            }
        });
    // The map's legend, in one line over the map.
    egui::Panel::top("legend")
        .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(8, 2)))
        .show(&mut root, |ui| {
            ui.label(
                egui::RichText::new(legend(lang))
                    .small()
                    .color(colour::WEAK),
            );
        });
    area.leave_free(&root, ctx);
    if view.graph {
        let trail = (!author).then(|| super::graph_view::Trail::of(&play.session));
        super::graph_view::show(
            ctx,
            &mut view.graph,
            play.session.scenario(),
            play.session.node(),
            lang,
            trail.as_ref(),
        );
    }
    if let Some(notice) = play.notice.clone() {
        if notice_window(ctx, lang, &notice) {
            play.notice = None;
        }
    } else if !view.graph {
        keys(ctx, play, actions);
    }
    finish(ctx, lang);
}

/// The keys of the play screen, when no window is over it and no field takes the keys.
fn keys(ctx: &egui::Context, play: &Play, actions: &mut Vec<Action>) {
    let options = play.session.options();
    for (n, k) in DIGITS.iter().enumerate() {
        if key(ctx, *k)
            && let Some(&index) = options.get(n)
        {
            actions.push(Action::Choose(index));
            return;
        }
    }
    if play.session.is_over() && key(ctx, egui::Key::Enter) && nothing_focused(ctx) {
        actions.push(Action::ShowResults);
    }
}

/// A notice over the screen (a log not written, an edit that does not load): modal, so that
/// the keys stay in it until it is closed. True once closed (OK, Enter or Escape).
pub fn notice_window(ctx: &egui::Context, lang: Lang, notice: &str) -> bool {
    let modal = egui::Modal::new(egui::Id::new("notice")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(tr(lang, "お知らせ", "Notice"));
        let text = ui.label(notice);
        announce(ui, &text);
        let ok = ui.button("OK");
        // The OK button holds the keys while the notice is open.
        if !ok.has_focus() {
            ok.request_focus();
        }
        ok.clicked()
    });
    modal.inner || modal.should_close()
}

/// The right-hand panel: the class link in a line, the running scores (training), then the
/// notes, the ladder or the map's list in tabs that scroll on their own.
fn side_panel(ui: &mut egui::Ui, play: &Play, view: &mut PlayView, lang: Lang, link: &ClassLink) {
    // Quietly, in one line: whether the class link is up and how many wait.
    if link.is_on() || link.problem.is_some() {
        ui.label(
            egui::RichText::new(format!(
                "{}: {}",
                tr(lang, "クラス", "Class"),
                super::title::link_line(link, lang)
                    .lines()
                    .next()
                    .unwrap_or_default()
            ))
            .small()
            .color(colour::WEAK),
        );
    }
    if play.session.mode() == Mode::Training {
        scores(ui, play, lang);
        ui.separator();
    }
    ui.horizontal_wrapped(|ui| {
        for (tab, name) in [
            (SideTab::Notes, tr(lang, "ケース記録", "Case notes")),
            (SideTab::Ladder, tr(lang, "地域課題", "Ladder")),
            (SideTab::Map, tr(lang, "つながり一覧", "Ties")),
        ] {
            ui.selectable_value(&mut view.tab, tab, name);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("side")
        .auto_shrink([false, false])
        .show(ui, |ui| match view.tab {
            SideTab::Notes => case_notes(ui, play, lang),
            SideTab::Ladder => ladder(ui, play, lang),
            SideTab::Map => ties_list(ui, play, lang),
        });
}

fn phases(ui: &mut egui::Ui, play: &Play, lang: Lang, graph_open: &mut bool) {
    let s = play.session.scenario();
    let current = s.source.nodes[play.session.node() as usize].phase;
    ui.horizontal_wrapped(|ui| {
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
            // Smaller than the body at large text sizes: the cycle stays on one line.
            let size = ui.text_style_height(&egui::TextStyle::Small).max(15.0);
            let text = egui::RichText::new(p.name().get(lang)).size(size);
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

/// The conversation above the choices: the choices' part has the height it needed on the
/// frame before (`needed`, up to most of the panel), the conversation so far what is left,
/// its newest line at the bottom. Returns the height the choices' part needs now.
fn dialogue(
    ui: &mut egui::Ui,
    play: &Play,
    lang: Lang,
    needed: f32,
    actions: &mut Vec<Action>,
) -> f32 {
    let total = ui.available_height();
    let history_min = 3.0 * ui.text_style_height(&egui::TextStyle::Body);
    let history = (total - needed).clamp(history_min.min(total * 0.3), total);
    egui::ScrollArea::vertical()
        .id_salt("history")
        .max_height(history)
        .min_scrolled_height(history)
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| history_lines(ui, play, lang));
    let top = ui.cursor().top();
    ui.separator();
    meeting(ui, &play.session, lang);
    if play.session.is_over() {
        if ui
            .button(tr(lang, "結果を見る（Enter）", "See the results (Enter)"))
            .clicked()
        {
            actions.push(Action::ShowResults);
        }
        return ui.cursor().top() - top;
    }
    clock(ui, play, lang);
    let above_list = ui.cursor().top() - top;
    let list = egui::ScrollArea::vertical()
        .id_salt("choices")
        .auto_shrink([false, true])
        .show(ui, |ui| choices(ui, play, lang, actions));
    above_list + list.content_size.y + ui.spacing().item_spacing.y
}

/// What has been said and done so far; the last decision's lines in full colour and read out.
fn history_lines(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario().clone();
    let training = play.session.mode() == Mode::Training;
    let transcript = play.session.transcript();
    let recent_from = transcript.len().saturating_sub(play.last.len());
    for (i, e) in transcript.iter().enumerate() {
        let recent = i >= recent_from;
        let shown = match *e {
            Event::Line { speaker, text } => {
                let line = crate::core::engine::text_of(&s, text).get(lang);
                let who = speaker_name(&s, speaker, lang);
                let row = ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(who.clone()).strong());
                    let line = egui::RichText::new(line);
                    ui.label(if recent {
                        line
                    } else {
                        line.color(colour::WEAK)
                    });
                });
                // Read out as one sentence: who, then what.
                let response = row.response;
                let spoken = format!("{who}: {line}");
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::WidgetType::Label, true, spoken.clone())
                });
                Some(response)
            }
            Event::Said { .. } => describe(&s, e, lang).map(|t| {
                ui.label(egui::RichText::new(t).italics().color(if recent {
                    colour::ACCENT
                } else {
                    colour::WEAK
                }))
            }),
            Event::Feedback {
                competency,
                points,
                effect,
            } if training => Some(ui.colored_label(
                colour::of_points(points),
                format!(
                    "{} {} {:+}: {}",
                    tr(lang, "コーチ", "Coach"),
                    s.competencies[competency as usize].name.get(lang),
                    points,
                    reason_of(&s, effect).get(lang)
                ),
            )),
            Event::Feedback { .. } | Event::Phase(_) => None,
            _ => {
                describe(&s, e, lang).map(|t| ui.label(egui::RichText::new(t.trim_start()).small()))
            }
        };
        if recent && let Some(response) = shown {
            announce(ui, &response);
        }
    }
}

/// The open choices as buttons, numbered as their keys; read out with their number.
fn choices(ui: &mut egui::Ui, play: &Play, lang: Lang, actions: &mut Vec<Action>) {
    let s = play.session.scenario();
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
            actions.push(Action::Choose(index));
        }
    }
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
        let said =
            ui.label(egui::RichText::new(format!("⏱ {} — {words}", name.get(lang))).strong());
        announce(ui, &said);
        // Named for screen readers as the words beside it say.
        ui.add(
            egui::ProgressBar::new(left as f32 / total as f32)
                .desired_width(160.0)
                .desired_height(8.0),
        )
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::ProgressIndicator, true, words.clone())
        });
    });
}

fn case_notes(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
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
        // A mark before each heading: the sections differ in more than colour.
        ui.label(egui::RichText::new(format!("■ {title}")).strong().color(c));
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
            ui.label(
                egui::RichText::new(tr(lang, "（まだありません）", "(none yet)"))
                    .color(colour::WEAK),
            );
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
        ui.label(
            egui::RichText::new(tr(lang, "（まだありません）", "(none yet)")).color(colour::WEAK),
        );
    }
}

fn ladder(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.label(
        egui::RichText::new(tr(
            lang,
            "個別課題から地域課題へ",
            "From the individual case to the region",
        ))
        .strong(),
    );
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
                ui.label(if reached {
                    egui::RichText::new(format!("✔{}", rung.name().get(lang)))
                        .small()
                        .strong()
                        .color(colour::GOOD)
                } else {
                    egui::RichText::new(rung.name().get(lang))
                        .small()
                        .color(colour::WEAK)
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
    ui.label(egui::RichText::new(tr(lang, "いまの得点", "Score so far")).strong());
    for (i, c) in s.competencies.iter().enumerate() {
        let points = play.session.scores()[i];
        let best = play.analysis.best[i].max(1);
        let fraction = (points.max(0) as f32 / best as f32).min(1.0);
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_height(ui.text_style_height(&egui::TextStyle::Small) + 6.0)
                .text(
                    egui::RichText::new(format!("{} {points}/{best}", c.name.get(lang)))
                        .small()
                        .color(egui::Color32::BLACK),
                ),
        );
    }
}

/// The ecomap as a list: each person and resource found, the ring it is on and its tie to
/// the person at the centre. The full names of the labels the map shortens are here.
fn ties_list(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let s = play.session.scenario();
    ui.label(egui::RichText::new(tr(lang, "エコマップ（一覧）", "The ecomap as a list")).strong());
    let person = s.person;
    let mut any = false;
    for &item in play.session.revealed() {
        let Some(ring) = ring_of(s, item) else {
            continue;
        };
        any = true;
        let tie = play
            .session
            .ties()
            .iter()
            .find(|&&(a, b, _)| (a == person && b == item) || (b == person && a == item))
            .map(|&(_, _, kind)| format!("{}{}", kind.name().get(lang), line_shape(kind, lang)))
            .unwrap_or_else(|| tr(lang, "つながりなし", "no tie").to_owned());
        ui.label(format!(
            "・{} — {} · {tie}",
            s.entity_name(item).get(lang),
            ring.name().get(lang)
        ));
    }
    if !any {
        ui.label(
            egui::RichText::new(tr(lang, "（まだありません）", "(none yet)")).color(colour::WEAK),
        );
    }
}

/// How a tie is drawn, in words, to go with its name.
fn line_shape(kind: TieKind, lang: Lang) -> &'static str {
    match kind {
        TieKind::Strong => tr(lang, "（太い線）", " (thick line)"),
        TieKind::Weak => tr(lang, "（点線）", " (dashed)"),
        TieKind::Strained => tr(lang, "（ジグザグ）", " (zigzag)"),
        TieKind::Broken => "",
    }
}

/// The map's legend: the rings and the kinds of tie, in words.
pub fn legend(lang: Lang) -> &'static str {
    tr(
        lang,
        "内から ミクロ／メゾ／マクロ　太線: 強い　点線: 弱い　ジグザグ: ぎくしゃく",
        "Rings inside out: micro / meso / macro   thick: strong   dashed: weak   zigzag: strained",
    )
}

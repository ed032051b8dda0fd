//! The title screen: what the game is, and the language, trainee name, mode, text size and
//! motion, remembered between runs.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{finish, key, nothing_focused, root_ui, top_bar, tr};
use crate::core::engine::Mode;
use crate::game::class_link::ClassLink;
use crate::game::ecomap::EcomapArea;
use crate::game::flow::{Action, Screen};
use crate::game::settings::Settings;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TitleArea>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(super::ScreenUi).run_if(in_state(Screen::Title)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut writer: MessageWriter<Action>,
    link: Res<ClassLink>,
    mut area: ResMut<TitleArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut s = settings.clone();
    let mut actions = Vec::new();
    let mut free = area.clone();
    show(ctx, &mut s, &link, &mut free, &mut actions);
    area.set_if_neq(free);
    writer.write_batch(actions);
    settings.set_if_neq(s);
    Ok(())
}

/// The part of the window the title's form leaves free, where the motif is drawn.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct TitleArea(pub EcomapArea);

/// The title screen: the name of the game and what it is about, beside the form (name,
/// mode, text size, motion, the class link) and the way in. Enter starts when no field
/// has the keys.
pub fn show(
    ctx: &egui::Context,
    s: &mut Settings,
    link: &ClassLink,
    area: &mut TitleArea,
    actions: &mut Vec<Action>,
) {
    let mut root = root_ui(ctx);
    let lang = s.lang;
    top_bar(&mut root, s, "つなぐ tsunagu");
    // The form on the left, on the panel's colour; the motif (drawn by Bevy) on the right.
    let width = (ctx.viewport_rect().width() * 0.5).clamp(420.0, 640.0);
    egui::Panel::left("title_form")
        .exact_size(width)
        .resizable(false)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| form(ui, s, link, actions));
        });
    area.0.leave_free(&root, ctx);
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(&mut root, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() * 0.04);
                ui.label(egui::RichText::new("つなぐ").size(64.0 * s.text_scale));
                ui.label(
                    egui::RichText::new(tr(
                        lang,
                        "人と人、人と地域をつなぐ — 相談支援の面接を練習するゲーム",
                        "A game about connecting people: practise the interviews of consultation support",
                    ))
                    .strong(),
                );
            });
        });
    if key(ctx, egui::Key::Enter) && nothing_focused(ctx) {
        actions.push(Action::ToSelect);
    }
    finish(ctx, lang);
}

fn form(ui: &mut egui::Ui, s: &mut Settings, link: &ClassLink, actions: &mut Vec<Action>) {
    let lang = s.lang;
    ui.add_space(12.0);
    ui.label(tr(
        lang,
        "相談支援専門員のための面接トレーニング",
        "Interview practice for consultation-support specialists",
    ));
    ui.add_space(12.0);
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([16.0, 14.0])
        .show(ui, |ui| {
            let name = ui.label(tr(lang, "お名前", "Your name"));
            ui.add(
                egui::TextEdit::singleline(&mut s.trainee)
                    .hint_text(tr(lang, "例：佐藤", "e.g. Sato"))
                    .desired_width(220.0),
            )
            .labelled_by(name.id);
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
            ui.horizontal_wrapped(|ui| {
                for (label, scale) in TEXT_SIZES {
                    if ui
                        .selectable_label((s.text_scale - scale).abs() < 0.01, label)
                        .clicked()
                    {
                        s.text_scale = scale;
                    }
                }
            });
            ui.end_row();
            ui.label(tr(lang, "動き", "Motion"));
            ui.checkbox(
                &mut s.reduced_motion,
                tr(
                    lang,
                    "動きを減らす（アニメーションなし）",
                    "Reduce motion (no animation)",
                ),
            );
            ui.end_row();
        });
    ui.add_space(12.0);
    class_link(ui, s, link);
    ui.add_space(18.0);
    let start = egui::Button::new(
        egui::RichText::new(tr(
            lang,
            "シナリオを選ぶ（Enter）",
            "Choose a scenario (Enter)",
        ))
        .size(22.0 * s.text_scale),
    );
    if ui.add(start).clicked() {
        actions.push(Action::ToSelect);
    }
}

/// The text sizes offered, with their factors of the default.
pub const TEXT_SIZES: [(&str, f32); 4] = [
    ("小 S", 0.85),
    ("中 M", 1.0),
    ("大 L", 1.25),
    ("特大 XL", 1.5),
];

/// The class link's settings (off unless an LRS is set), and how the link stands.
fn class_link(ui: &mut egui::Ui, s: &mut Settings, link: &ClassLink) {
    let lang = s.lang;
    egui::CollapsingHeader::new(tr(lang, "クラス接続（LRS）", "Class link (LRS)"))
        .default_open(s.lrs.is_on())
        .show(ui, |ui| {
            egui::Grid::new("class-link")
                .num_columns(2)
                .spacing([16.0, 8.0])
                .show(ui, |ui| {
                    let lrs = &mut s.lrs;
                    let label = ui.label(tr(lang, "LRS のアドレス", "LRS endpoint"));
                    ui.add(
                        egui::TextEdit::singleline(&mut lrs.endpoint)
                            .hint_text("https://lrs.example.jp/xAPI")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "クラスコード", "Class code"));
                    ui.add(egui::TextEdit::singleline(&mut lrs.class).desired_width(200.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "ユーザー名", "User"));
                    ui.add(egui::TextEdit::singleline(&mut lrs.user).desired_width(200.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "パスワード", "Password"));
                    ui.add(
                        egui::TextEdit::singleline(&mut lrs.password)
                            .password(true)
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    ui.label("");
                    ui.checkbox(
                        &mut lrs.anonymise,
                        tr(
                            lang,
                            "名前を送らない（この PC の仮名で送る）",
                            "Do not send my name (a pseudonym of this PC instead)",
                        ),
                    );
                    ui.end_row();
                });
            ui.label(link_line(link, lang));
        });
}

/// One line on how the class link stands, in the trainee's language.
pub fn link_line(link: &ClassLink, lang: crate::core::model::Lang) -> String {
    use crate::lrs::Link;
    if let Some(problem) = &link.problem {
        return problem.clone();
    }
    let Some(status) = link.status() else {
        return tr(lang, "オフ（何も送信しません）", "Off (nothing is sent)").to_owned();
    };
    let state = match status.link {
        Link::Up => tr(lang, "接続中", "connected"),
        Link::Down => tr(lang, "未接続", "not connected"),
        Link::Unknown => tr(lang, "待機中", "waiting"),
    };
    let mut line = format!(
        "{state} · {} {}",
        tr(lang, "未送信", "waiting to be sent:"),
        status.waiting
    );
    if let Some(e) = status.error.filter(|_| status.link == Link::Down) {
        line.push_str(&format!("\n{e}"));
    }
    line
}

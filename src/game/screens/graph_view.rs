//! The shape of the conversation inside the game: the same graph as `tsunagu graph`, drawn
//! in a window over the play screen — phases as columns, nodes in the order written, edges
//! coloured by the competency they score (grey when unscored), the current node ringed.

use bevy_egui::egui;

use super::tr;
use crate::core::compile::Compiled;
use crate::core::engine::Session;
use crate::core::graph::{build, colour_slot};
use crate::core::model::{Lang, Outcome, Phase};
use crate::game::theme::colour;

/// Colours per palette slot (`core::graph::colour_slot`): ethics has its own everywhere.
const COMPETENCY: [egui::Color32; 8] = [
    colour::STRENGTH,
    colour::NEED,
    egui::Color32::from_rgb(0x8e, 0x44, 0xad),
    colour::ACCENT,
    egui::Color32::from_rgb(0x00, 0x83, 0x8f),
    egui::Color32::from_rgb(0xad, 0x14, 0x57),
    egui::Color32::from_rgb(0x79, 0x55, 0x48),
    egui::Color32::from_rgb(0x82, 0x77, 0x17),
];

fn competency_colour(s: &Compiled, index: u32) -> egui::Color32 {
    COMPETENCY[colour_slot(s, index) as usize % COMPETENCY.len()]
}

/// Where a trainee has been: the nodes seen and the choices taken. A trainee's graph shows
/// only these, in one colour, so that it cannot be read for the answers.
pub struct Trail {
    pub seen: Vec<bool>,
    pub taken: Vec<(u32, u32)>,
}

impl Trail {
    pub fn of(session: &Session) -> Trail {
        let mut seen = vec![false; session.scenario().nodes.len()];
        seen[session.scenario().start as usize] = true;
        seen[session.node() as usize] = true;
        let mut taken = Vec::new();
        for step in session.steps() {
            seen[step.node as usize] = true;
            taken.push((step.node, step.choice));
        }
        Trail { seen, taken }
    }
}

/// The graph in a window: the whole scenario, or with a `trail` only where it went.
pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    s: &Compiled,
    current: u32,
    lang: Lang,
    trail: Option<&Trail>,
) {
    let shown = egui::Window::new(tr(lang, "会話の地図", "Conversation graph"))
        .open(open)
        .default_size([900.0, 520.0])
        .show(ctx, |ui| {
            let mut g = build(s, lang);
            if let Some(t) = trail {
                g.edges
                    .retain(|e| t.taken.contains(&(e.from, e.choice)) && t.seen[e.to as usize]);
                g.edges.iter_mut().for_each(|e| e.scores.clear());
            }
            let column = |p: Phase| Phase::ALL.iter().position(|x| *x == p).unwrap_or(0);
            // Place: x by phase, y by order within the phase.
            let mut rows = [0usize; 7];
            let place: Vec<egui::Vec2> = g
                .nodes
                .iter()
                .map(|n| {
                    let c = column(n.phase);
                    rows[c] += 1;
                    egui::vec2(70.0 + c as f32 * 150.0, 40.0 + (rows[c] - 1) as f32 * 34.0)
                })
                .collect();
            let height = 60.0 + rows.iter().max().copied().unwrap_or(1) as f32 * 34.0;
            ui.horizontal_wrapped(|ui| {
                if trail.is_some() {
                    ui.colored_label(colour::WEAK, tr(
                        lang,
                        "これまでにたどった道筋です（全体と得点は振り返りで見られます）",
                        "The way you have come (the whole map and its scores are in the debrief)",
                    ));
                    return;
                }
                for (i, c) in s.competencies.iter().enumerate() {
                    ui.colored_label(
                        competency_colour(s, i as u32),
                        format!("━ {}", c.name.get(lang)),
                    );
                }
            });
            egui::ScrollArea::both().show(ui, |ui| {
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(7.0 * 150.0 + 40.0, height),
                    egui::Sense::hover(),
                );
                let p = ui.painter_at(rect);
                let at = |i: u32| rect.min + place[i as usize];
                for (c, phase) in Phase::ALL.iter().enumerate() {
                    p.text(
                        rect.min + egui::vec2(70.0 + c as f32 * 150.0, 12.0),
                        egui::Align2::CENTER_CENTER,
                        phase.name().get(lang),
                        egui::FontId::proportional(13.0),
                        ui.visuals().weak_text_color(),
                    );
                }
                for e in &g.edges {
                    let colour = e
                        .scores
                        .iter()
                        .max_by_key(|(_, pts)| pts.abs())
                        .map_or(egui::Color32::LIGHT_GRAY, |(c, _)| competency_colour(s, *c));
                    let width = if e.scores.is_empty() { 1.0 } else { 2.0 };
                    if e.from == e.to {
                        p.circle_stroke(
                            at(e.from) + egui::vec2(0.0, -9.0),
                            6.0,
                            egui::Stroke::new(width, colour),
                        );
                    } else {
                        p.line_segment([at(e.from), at(e.to)], egui::Stroke::new(width, colour));
                    }
                }
                for n in &g.nodes {
                    if trail.is_some_and(|t| !t.seen[n.index as usize]) {
                        continue;
                    }
                    let fill = match n.ending {
                        Some(Outcome::Good) => colour::GOOD,
                        Some(Outcome::Mixed) => colour::ACCENT,
                        Some(Outcome::Poor) => colour::BAD,
                        None => egui::Color32::from_rgb(0x55, 0x55, 0x55),
                    };
                    let r = if n.ending.is_some() { 7.0 } else { 5.0 };
                    let centre = at(n.index);
                    p.circle_filled(centre, r, fill);
                    if n.index == current {
                        p.circle_stroke(centre, r + 5.0, egui::Stroke::new(2.5, colour::ACCENT));
                    }
                    let response = ui.interact(
                        egui::Rect::from_center_size(centre, egui::vec2(16.0, 16.0)),
                        ui.id().with(("graph-node", n.index)),
                        egui::Sense::hover(),
                    );
                    response.on_hover_text(format!("{}\n{}", n.id, n.label));
                }
            });
        });
    // While it is open the keys stay in it (Tab cycles its own widgets); Escape closes it.
    if let Some(window) = shown {
        ctx.memory_mut(|m| m.set_modal_layer(window.response.layer_id));
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            *open = false;
        }
    }
}

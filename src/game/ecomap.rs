//! The live ecomap, drawn in Bevy's 2D scene: the person at the centre, the micro, meso and
//! macro rings, people and resources appearing as they are discovered, and ties drawn by
//! kind (strong: a thick line, weak: dashed, strained: a red zigzag), animated as they change.
//! Rings, ties and nodes are meshes with feathered edges (`strokes.rs`), smooth without
//! multisampling.

use std::collections::HashMap;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::flow::Screen;
use super::settings::Settings;
use super::strokes::Strokes;
use super::theme::{UiFont, colour};
use crate::core::compile::{Compiled, Item};
use crate::core::ecomap_layout::{
    ITEM_RADIUS, Layout, PERSON_RADIUS, Rect as LayoutRect, layout, ring_fraction,
};
use crate::core::model::{ResourceKind, Ring, Role, TieKind};

/// The part of the window the panels leave free (logical pixels, origin top-left), and
/// the window's size; written by the play screen.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct EcomapArea {
    pub rect: Option<[f32; 4]>,
    pub screen: [f32; 2],
}

/// What the ecomap shows: a scenario with the people and resources found so far and the
/// ties between them. The play screen fills it from the session, the replay from the step
/// being looked at; `None` hides the map.
#[derive(Resource, Default)]
pub struct EcomapView(pub Option<MapState>);

impl EcomapView {
    /// Shows these people, resources and ties: kept as they are when nothing changed, started
    /// afresh (no tie animations) for another scenario.
    pub fn show(
        &mut self,
        scenario: &Arc<Compiled>,
        revealed: &[Item],
        ties: &[(Item, Item, TieKind)],
    ) {
        let same_scenario = self
            .0
            .as_ref()
            .is_some_and(|v| Arc::ptr_eq(&v.scenario, scenario));
        let same = same_scenario
            && self
                .0
                .as_ref()
                .is_some_and(|v| v.revealed == revealed && v.ties == ties);
        if !same {
            self.0 = Some(MapState {
                scenario: scenario.clone(),
                revealed: revealed.to_vec(),
                ties: ties.to_vec(),
                fresh: !same_scenario,
            });
        }
    }
}

impl EcomapArea {
    /// Records the part of the window the panels in `root` have left free.
    pub fn leave_free(&mut self, root: &bevy_egui::egui::Ui, ctx: &bevy_egui::egui::Context) {
        let free = root.available_rect_before_wrap();
        let area = EcomapArea {
            rect: Some([free.min.x, free.min.y, free.max.x, free.max.y]),
            screen: [ctx.viewport_rect().width(), ctx.viewport_rect().height()],
        };
        if *self != area {
            *self = area;
        }
    }
}

#[derive(Clone)]
pub struct MapState {
    pub scenario: Arc<Compiled>,
    pub revealed: Vec<Item>,
    pub ties: Vec<(Item, Item, TieKind)>,
    /// Ties that were there when the view was set are drawn at once, not animated.
    pub fresh: bool,
}

#[derive(Component)]
struct EcoNode {
    item: Item,
}

/// The one mesh with the rings and the ties, redrawn when they change.
#[derive(Component)]
struct EcoLines;

/// The material every ecomap mesh is drawn with: white, alpha-blended, so that the meshes'
/// vertex colours (and their feathered edges) show as they are.
#[derive(Resource)]
struct EcoMaterial(Handle<ColorMaterial>);

/// When each tie last changed, to animate it.
#[derive(Resource, Default)]
struct TieChanges {
    seen: HashMap<(Item, Item), TieKind>,
    changed: HashMap<(Item, Item), f32>,
}

const ANIMATION_SECS: f32 = 1.2;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EcomapArea>()
        .init_resource::<EcomapView>()
        .init_resource::<TieChanges>()
        .init_resource::<Laid>()
        .insert_resource(ClearColor(bevy_colour(colour::MAP_BACKGROUND)))
        .add_systems(Startup, add_material)
        .add_systems(OnEnter(Screen::Play), start_empty)
        .add_systems(OnEnter(Screen::Debrief), start_empty)
        .add_systems(
            Update,
            (
                clear_when_new,
                lay_out,
                sync_nodes,
                place,
                draw_rings_and_ties,
            )
                .chain()
                .in_set(EcomapSystems)
                .run_if(in_state(Screen::Play).or_else(in_state(Screen::Debrief))),
        );
}

/// A theme colour as Bevy's.
fn bevy_colour(c: bevy_egui::egui::Color32) -> Color {
    Color::srgba_u8(c.r(), c.g(), c.b(), c.a())
}

fn add_material(mut commands: Commands, mut materials: ResMut<Assets<ColorMaterial>>) {
    commands.insert_resource(EcoMaterial(materials.add(ColorMaterial::default())));
}

/// The systems that draw the map from its view: whatever sets the view runs before them.
/// The map knows nothing of sessions or replays, only `EcomapView`.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct EcomapSystems;

/// A new scenario, or a jump in a replay: start the map afresh.
fn clear_when_new(
    mut commands: Commands,
    mut view: ResMut<EcomapView>,
    nodes: Query<Entity, With<EcoNode>>,
    mut ties: ResMut<TieChanges>,
) {
    let Some(v) = view.0.as_mut() else {
        for e in &nodes {
            commands.entity(e).despawn();
        }
        return;
    };
    if v.fresh {
        v.fresh = false;
        *ties = TieChanges {
            seen: v.ties.iter().map(|&(a, b, k)| ((a, b), k)).collect(),
            changed: HashMap::new(),
        };
        for e in &nodes {
            commands.entity(e).despawn();
        }
    }
}

/// The map laid out (`core::ecomap_layout`): where each disc and label goes in the window,
/// computed again only when what it depends on changes.
#[derive(Resource, Default)]
struct Laid {
    key: Option<LayoutKey>,
    layout: Option<Layout>,
}

struct LayoutKey {
    revealed: Vec<Item>,
    rect: [f32; 4],
    scale: f32,
    lang: crate::core::model::Lang,
    scenario: usize,
}

/// Lays the map out once a frame, and again only when what it depends on changed (the
/// systems after it read the result).
fn lay_out(
    view: Res<EcomapView>,
    area: Res<EcomapArea>,
    settings: Res<Settings>,
    mut laid: ResMut<Laid>,
) {
    let (Some(v), Some(rect)) = (&view.0, area.rect) else {
        if laid.layout.is_some() {
            *laid = Laid::default();
        }
        return;
    };
    let scenario = Arc::as_ptr(&v.scenario) as usize;
    let same = laid.key.as_ref().is_some_and(|k| {
        k.rect == rect
            && k.scale == settings.text_scale
            && k.lang == settings.lang
            && k.scenario == scenario
            && k.revealed == v.revealed
    });
    if same {
        return;
    }
    let [x0, y0, x1, y1] = rect;
    *laid = Laid {
        layout: Some(layout(
            &v.scenario,
            &v.revealed,
            LayoutRect::new([x0, y0], [x1, y1]),
            settings.text_scale,
            settings.lang,
        )),
        key: Some(LayoutKey {
            revealed: v.revealed.clone(),
            rect,
            scale: settings.text_scale,
            lang: settings.lang,
            scenario,
        }),
    };
}

/// A point of the window (logical pixels, y down, origin top-left) in Bevy's world (y up,
/// origin at the window's centre).
fn world(area: &EcomapArea, [x, y]: [f32; 2]) -> Vec2 {
    let [w, h] = area.screen;
    Vec2::new(x - w / 2.0, h / 2.0 - y)
}

fn colour_of(s: &Compiled, item: Item) -> Color {
    match item {
        Item::Character(i) => match s.source.cast[i as usize].role {
            Role::Person => Color::srgb(0.85, 0.47, 0.02),
            Role::Family => Color::srgb(0.90, 0.62, 0.25),
            Role::Guardian => Color::srgb(0.55, 0.36, 0.68),
            Role::Provider => Color::srgb(0.20, 0.45, 0.75),
            Role::Municipality => Color::srgb(0.15, 0.30, 0.55),
            Role::Community => Color::srgb(0.25, 0.60, 0.35),
        },
        Item::Resource(i) => match s.source.resources[i as usize].kind {
            ResourceKind::Formal => Color::srgb(0.30, 0.55, 0.85),
            ResourceKind::Informal => Color::srgb(0.35, 0.70, 0.40),
        },
        Item::Note(_) => Color::BLACK,
    }
}

/// Each screen that shows a map starts with an empty one.
fn start_empty(mut view: ResMut<EcomapView>) {
    view.0 = None;
}

/// Spawns a circle and a label for every newly revealed person or resource.
fn sync_nodes(
    mut commands: Commands,
    view: Res<EcomapView>,
    nodes: Query<(Entity, &EcoNode)>,
    mut meshes: ResMut<Assets<Mesh>>,
    material: Res<EcoMaterial>,
    font: Option<Res<UiFont>>,
    area: Res<EcomapArea>,
    screen: Res<State<Screen>>,
    laid: Res<Laid>,
) {
    let (Some(v), Some(font), Some(map)) = (&view.0, font, &laid.layout) else {
        return;
    };
    let s = &v.scenario;
    // Stepping back in a replay hides what was found later.
    for (e, n) in &nodes {
        if n.item != s.person && !v.revealed.contains(&n.item) {
            commands.entity(e).despawn();
        }
    }
    let have: Vec<Item> = nodes.iter().map(|(_, n)| n.item).collect();
    let centre = world(&area, map.centre);
    for placed in &map.items {
        if have.contains(&placed.item) {
            continue;
        }
        commands
            .spawn((
                EcoNode { item: placed.item },
                Mesh2d(meshes.add(node_mesh(placed.radius, colour_of(s, placed.item)))),
                MeshMaterial2d(material.0.clone()),
                // Appears at the centre, small, and grows into its place.
                Transform::from_translation(centre.extend(2.0)).with_scale(Vec3::splat(0.05)),
                DespawnOnExit(*screen.get()),
            ))
            .with_child((
                Text2d::new(placed.label.clone()),
                TextFont::from_font_size(placed.font_px).with_font(font.0.clone()),
                TextColor(bevy_colour(colour::MAP_LABEL)),
                Transform::from_xyz(0.0, 0.0, 1.0),
            ));
    }
}

/// A node: a disc in its colour with a white rim, so that ties end cleanly at its edge.
fn node_mesh(radius: f32, colour: Color) -> Mesh {
    let mut strokes = Strokes::default();
    strokes.disc(Vec2::ZERO, radius, colour);
    strokes.ellipse(Vec2::ZERO, Vec2::splat(radius), 2.0, Color::WHITE);
    strokes.into_mesh()
}

/// Eases every node towards its place, and puts its label where the layout says; asks for
/// another frame while anything moves.
fn place(
    area: Res<EcomapArea>,
    settings: Res<Settings>,
    time: Res<Time>,
    laid: Res<Laid>,
    mut nodes: Query<(&EcoNode, &mut Transform, &Children)>,
    mut labels: Query<(&mut Text2d, &mut TextFont, &mut Transform), Without<EcoNode>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(map) = &laid.layout else { return };
    // Reduced motion: everything is in its place at once.
    let ease = if settings.reduced_motion {
        1.0
    } else {
        1.0 - (-8.0 * time.delta_secs()).exp()
    };
    let mut moving = false;
    for (node, mut transform, children) in &mut nodes {
        let Some(placed) = map.items.iter().find(|p| p.item == node.item) else {
            continue;
        };
        let goal = world(&area, placed.at);
        let at = transform.translation.truncate();
        let next = if at.distance(goal) < 0.5 {
            goal
        } else {
            at.lerp(goal, ease)
        };
        let scale = transform.scale.x + (1.0 - transform.scale.x) * ease;
        moving |= next != goal || (1.0 - scale).abs() > 0.01;
        transform.translation = next.extend(2.0);
        transform.scale = Vec3::splat(if (1.0 - scale).abs() > 0.01 {
            scale
        } else {
            1.0
        });
        // The label where the layout put it, relative to its disc, in the form that fits.
        let offset = world(&area, placed.label_rect.centre()) - goal;
        for child in children.iter() {
            if let Ok((mut text, mut font, mut label_at)) = labels.get_mut(child) {
                if text.0 != placed.label {
                    text.0 = placed.label.clone();
                }
                let size = bevy::text::FontSize::Px(placed.font_px);
                if font.font_size != size {
                    font.font_size = size;
                }
                let wanted = offset.extend(1.0);
                if label_at.translation != wanted {
                    label_at.translation = wanted;
                }
            }
        }
    }
    if moving {
        redraw.write(RequestRedraw);
    }
}

fn draw_rings_and_ties(
    mut commands: Commands,
    view: Res<EcomapView>,
    area: Res<EcomapArea>,
    settings: Res<Settings>,
    time: Res<Time>,
    nodes: Query<(&EcoNode, &Transform)>,
    lines: Query<(Entity, &Mesh2d), With<EcoLines>>,
    mut changes: ResMut<TieChanges>,
    mut meshes: ResMut<Assets<Mesh>>,
    material: Res<EcoMaterial>,
    screen: Res<State<Screen>>,
    laid: Res<Laid>,
    mut drawn: Local<Strokes>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (Some(v), Some(map)) = (&view.0, &laid.layout) else {
        // No map on this screen or tab now.
        for (e, _) in &lines {
            commands.entity(e).despawn();
        }
        *drawn = Strokes::default();
        return;
    };
    let mut strokes = Strokes::default();
    let ring_colour = Color::srgba(0.3, 0.3, 0.3, 0.4);
    let centre = world(&area, map.centre);
    let half = Vec2::from(map.half);
    for ring in [Ring::Micro, Ring::Meso, Ring::Macro] {
        strokes.ellipse(centre, half * ring_fraction(ring), 1.2, ring_colour);
    }
    let now = time.elapsed_secs();
    let at: HashMap<Item, Vec2> = nodes
        .iter()
        .map(|(n, t)| (n.item, t.translation.truncate()))
        .collect();
    let mut animating = false;
    for &(from, to, kind) in &v.ties {
        let key = (from, to);
        if changes.seen.get(&key) != Some(&kind) {
            changes.changed.insert(key, now);
            changes.seen.insert(key, kind);
        }
        let (Some(&a), Some(&b)) = (at.get(&from), at.get(&to)) else {
            continue;
        };
        let progress = if settings.reduced_motion {
            1.0
        } else {
            changes
                .changed
                .get(&key)
                .map_or(1.0, |t| ((now - t) / ANIMATION_SECS).clamp(0.0, 1.0))
        };
        animating |= progress < 1.0;
        // Shorten the line so it meets the circles' edges, and grow it while it is new.
        let dir = (b - a).normalize_or_zero();
        let person = v.scenario.person;
        let radius = |e| {
            if e == person {
                PERSON_RADIUS
            } else {
                ITEM_RADIUS
            }
        };
        let start = a + dir * (radius(from) + 3.0);
        let end_full = b - dir * (radius(to) + 3.0);
        let end = start.lerp(end_full, progress);
        let flash = 1.0 - progress;
        draw_tie(&mut strokes, start, end, kind, flash);
    }
    if animating {
        redraw.write(RequestRedraw);
    }
    // Only a changed picture is sent to the GPU again.
    if *drawn == strokes && !lines.is_empty() {
        return;
    }
    *drawn = strokes.clone();
    match lines.single() {
        Ok((_, mesh)) => {
            meshes.insert(&mesh.0, strokes.into_mesh()).ok();
        }
        Err(_) => {
            commands.spawn((
                EcoLines,
                Mesh2d(meshes.add(strokes.into_mesh())),
                MeshMaterial2d(material.0.clone()),
                Transform::from_xyz(0.0, 0.0, 1.0),
                DespawnOnExit(*screen.get()),
            ));
        }
    }
}

fn draw_tie(strokes: &mut Strokes, a: Vec2, b: Vec2, kind: TieKind, flash: f32) {
    let highlight = |c: Color| c.mix(&Color::srgb(1.0, 0.75, 0.1), flash * 0.8);
    match kind {
        TieKind::Strong => strokes.line(a, b, 4.0, highlight(Color::srgb(0.15, 0.15, 0.15))),
        TieKind::Weak => {
            let c = highlight(Color::srgb(0.35, 0.35, 0.35));
            strokes.dashed(a, b, 1.6, c, 8.0, 15.0);
        }
        TieKind::Strained => {
            let c = highlight(Color::srgb(0.78, 0.12, 0.12));
            strokes.zigzag(a, b, 1.8, c, 4.0, 10.0);
        }
        TieKind::Broken => {}
    }
}

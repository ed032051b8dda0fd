//! The title's motif, drawn in Bevy beside the form: a person at the centre of the ecomap's
//! three rings, and the people and places round them joined to the person one tie at a
//! time — what the game is about, at a glance. It is quiet: the first tie comes with the
//! title, then one every 5 s while the trainee fills in the form (a frame each, woken by a
//! timer thread rather than drawn continuously: under software rendering a frame of the
//! title costs about 80 ms of CPU, so this keeps the title under 2 % of a core), then it is
//! still.
//! With reduced motion it is drawn whole at once. Also the window's icon, the same motif.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy::winit::{EventLoopProxyWrapper, WINIT_WINDOWS, WinitUserEvent};

use super::flow::Screen;
use super::screens::title::TitleArea;
use super::settings::Settings;
use super::strokes::Strokes;

/// Seconds between two ties appearing.
const STEP: f32 = 5.0;

/// Who is round the person: the ring (0.45, 0.72, 1.0 of the outer one), the angle, the
/// colour (the ecomap's colours of family, providers, community, services) and whether the
/// tie is strong (a line) or weak (dashed).
const ROUND: [(f32, f32, [f32; 3], bool); 7] = [
    (0.45, -0.5, [0.90, 0.62, 0.25], true),
    (0.45, 2.3, [0.90, 0.62, 0.25], true),
    (0.72, 0.9, [0.25, 0.60, 0.35], false),
    (0.72, 3.6, [0.20, 0.45, 0.75], true),
    (0.72, 5.2, [0.25, 0.60, 0.35], false),
    (1.0, 1.7, [0.15, 0.30, 0.55], false),
    (1.0, 4.4, [0.30, 0.55, 0.85], true),
];

#[derive(Component)]
struct Motif;

/// When the title was entered, and the picture last sent to the GPU.
#[derive(Resource, Default)]
struct Drawn {
    since: Option<f32>,
    strokes: Strokes,
}

/// Whether the title is on screen: the thread that wakes the window for the motif stops
/// once it is not (it would otherwise wake the play screen).
#[derive(Resource, Default)]
struct OnTitle(Arc<AtomicBool>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Drawn>()
        .init_resource::<OnTitle>()
        .add_systems(OnEnter(Screen::Title), (start, wake_for_the_animation))
        .add_systems(OnExit(Screen::Title), |on: Res<OnTitle>| {
            on.0.store(false, Ordering::Relaxed)
        })
        .add_systems(Update, draw.run_if(in_state(Screen::Title)))
        .add_systems(Update, set_window_icon);
}

fn start(mut drawn: ResMut<Drawn>, time: Res<Time<Real>>) {
    *drawn = Drawn {
        since: Some(time.elapsed_secs()),
        strokes: Strokes::default(),
    };
}

/// The window redraws only on input: a thread wakes it once per tie while the ties appear.
fn wake_for_the_animation(
    proxy: Option<Res<EventLoopProxyWrapper>>,
    settings: Res<Settings>,
    mut on: ResMut<OnTitle>,
) {
    let Some(proxy) = proxy else { return };
    if settings.reduced_motion {
        return;
    }
    // A flag of this visit's own: leaving and coming back starts a new one.
    let shown = Arc::new(AtomicBool::new(true));
    on.0 = shown.clone();
    let proxy = (**proxy).clone();
    std::thread::spawn(move || {
        for _ in 1..=ROUND.len() {
            std::thread::sleep(Duration::from_secs_f32(STEP));
            if !shown.load(Ordering::Relaxed) || proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                return;
            }
        }
    });
}

/// The motif in the part of the window the form leaves free.
fn draw(
    mut commands: Commands,
    area: Res<TitleArea>,
    settings: Res<Settings>,
    time: Res<Time<Real>>,
    mut drawn: ResMut<Drawn>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    motif: Query<&Mesh2d, With<Motif>>,
) {
    let (Some([x0, y0, x1, y1]), [w, h]) = (area.0.rect, area.0.screen) else {
        return;
    };
    let shown = if settings.reduced_motion {
        ROUND.len()
    } else {
        let since = drawn.since.unwrap_or(0.0);
        (1 + ((time.elapsed_secs() - since) / STEP) as usize).min(ROUND.len())
    };
    // Below the title's words, centred in the free part, as large as it allows.
    let top = y0 + (y1 - y0) * 0.28;
    let centre = Vec2::new((x0 + x1) / 2.0 - w / 2.0, h / 2.0 - (top + y1) / 2.0);
    let radius = ((x1 - x0) * 0.4).min((y1 - top) * 0.45).max(30.0);
    let strokes = picture(centre, radius, shown);
    if strokes == drawn.strokes && !motif.is_empty() {
        return;
    }
    drawn.strokes = strokes.clone();
    match motif.single() {
        Ok(mesh) => {
            meshes.insert(&mesh.0, strokes.into_mesh()).ok();
        }
        Err(_) => {
            commands.spawn((
                Motif,
                Mesh2d(meshes.add(strokes.into_mesh())),
                MeshMaterial2d(materials.add(ColorMaterial::default())),
                Transform::from_xyz(0.0, 0.0, 1.0),
                DespawnOnExit(Screen::Title),
            ));
        }
    }
}

/// The rings, the person, and the first `shown` of the people round them with their ties.
fn picture(centre: Vec2, radius: f32, shown: usize) -> Strokes {
    let mut s = Strokes::default();
    let ring = Color::srgba(0.3, 0.3, 0.3, 0.35);
    for r in [0.45, 0.72, 1.0] {
        s.ellipse(centre, Vec2::splat(radius * r), 1.2, ring);
    }
    let person = radius * 0.1;
    let other = radius * 0.06;
    for &(r, angle, [red, green, blue], strong) in ROUND.iter().take(shown) {
        let at = centre + Vec2::from_angle(angle) * radius * r;
        let dir = (at - centre).normalize_or_zero();
        let (a, b) = (centre + dir * (person + 3.0), at - dir * (other + 3.0));
        let tie = Color::srgb(0.25, 0.25, 0.25);
        if strong {
            s.line(a, b, 3.0, tie);
        } else {
            s.dashed(a, b, 1.6, tie, 8.0, 15.0);
        }
        s.disc(at, other, Color::srgb(red, green, blue));
        s.ellipse(at, Vec2::splat(other), 2.0, Color::WHITE);
    }
    s.disc(centre, person, Color::srgb(0.85, 0.47, 0.02));
    s.ellipse(centre, Vec2::splat(person), 2.0, Color::WHITE);
    s
}

/// The window's icon: the motif, drawn into pixels once the window exists.
fn set_window_icon(window: Query<Entity, With<PrimaryWindow>>, mut done: Local<bool>) {
    if *done {
        return;
    }
    let Ok(entity) = window.single() else { return };
    WINIT_WINDOWS.with_borrow(|windows| {
        if let Some(w) = windows.get_window(entity) {
            let size = 64;
            if let Ok(icon) = winit::window::Icon::from_rgba(icon_pixels(size), size, size) {
                w.set_window_icon(Some(icon));
            }
            *done = true;
        }
    });
}

/// A `size`×`size` RGBA picture of the motif: an amber person, a ring, three people on it.
pub fn icon_pixels(size: u32) -> Vec<u8> {
    let mut rgba = vec![0u8; (size * size * 4) as usize];
    let c = size as f32 / 2.0;
    let ring = size as f32 * 0.34;
    let around = [-0.5f32, 1.6, 3.7].map(|a| Vec2::new(c, c) + Vec2::from_angle(a) * ring);
    for y in 0..size {
        for x in 0..size {
            let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
            let d = p.distance(Vec2::new(c, c));
            let colour = if d < size as f32 * 0.16 {
                Some([217, 119, 6])
            } else if around.iter().any(|q| p.distance(*q) < size as f32 * 0.1) {
                Some([31, 95, 168])
            } else if (d - ring).abs() < size as f32 * 0.03 {
                Some([90, 90, 90])
            } else {
                None
            };
            if let Some([r, g, b]) = colour {
                let i = ((y * size + x) * 4) as usize;
                rgba[i..i + 4].copy_from_slice(&[r, g, b, 255]);
            }
        }
    }
    rgba
}

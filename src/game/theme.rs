//! Fonts and look: BIZ UDPGothic (a universal-design Japanese font) for egui and for the
//! ecomap's Bevy text, and the text size the trainee chose.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::settings::Settings;

/// The shipped font, built into the program so it is there whatever the working folder.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/BIZUDPGothic-Regular.ttf");

/// The font's name among egui's fonts.
pub const FONT_NAME: &str = "biz-udpgothic";

/// The Japanese font as a Bevy asset, for text drawn in the 2D scene.
#[derive(Resource, Clone)]
pub struct UiFont(pub Handle<Font>);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, add_bevy_font).add_systems(
        EguiPrimaryContextPass,
        (install_egui_fonts, apply_text_size),
    );
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    // bevy_egui writes the glyphs a frame newly needs into the font texture in
    // `PostProcessOutput`, and Bevy sends an image's changes to the GPU only if they are made
    // before `AssetEventSystems`; the two are otherwise unordered, and the first frame of a
    // screen could show its new glyphs missing.
    app.configure_sets(
        PostUpdate,
        bevy_egui::EguiPostUpdateSet::PostProcessOutput.before(bevy::asset::AssetEventSystems),
    );
    #[cfg(feature = "dev")]
    if std::env::var("TSUNAGU_DEBUG_REDRAW").is_ok_and(|v| v == "1") {
        app.add_systems(EguiPrimaryContextPass, report_repaint_causes);
    }
}

fn add_bevy_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let handle = fonts.add(Font::from_bytes(FONT_BYTES.to_vec()));
    commands.insert_resource(UiFont(handle));
}

fn install_egui_fonts(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        FONT_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(FONT_BYTES)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.set_visuals(visuals());
    *done = true;
    Ok(())
}

/// egui's light look, with text that keeps WCAG AA contrast (4.5:1) everywhere: egui's own
/// weak and disabled text are lighter, and its warning orange far lighter.
pub fn visuals() -> egui::Visuals {
    let mut v = egui::Visuals::light();
    v.weak_text_color = Some(colour::WEAK);
    v.disabled_alpha = 0.85;
    v.warn_fg_color = colour::WARN;
    v.error_fg_color = colour::BAD;
    v.hyperlink_color = colour::NEED;
    v.selection.stroke.color = colour::SELECTED;
    v
}

fn apply_text_size(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut applied: Local<Option<(f32, bool)>>,
) -> Result {
    let scale = settings.text_scale.clamp(0.75, 2.0);
    if *applied == Some((scale, settings.reduced_motion)) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let still = settings.reduced_motion;
    ctx.all_styles_mut(|style| {
        // Reduced motion: panels and headers open at once.
        style.animation_time = if still { 0.0 } else { 1.0 / 12.0 };
        use egui::{FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(12.0 * scale)),
            (TextStyle::Body, FontId::proportional(17.0 * scale)),
            (TextStyle::Button, FontId::proportional(17.0 * scale)),
            (TextStyle::Heading, FontId::proportional(24.0 * scale)),
            (TextStyle::Monospace, FontId::monospace(15.0 * scale)),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(10.0, 6.0) * scale;
        style.spacing.item_spacing = egui::vec2(8.0, 7.0) * scale;
    });
    *applied = Some((scale, still));
    Ok(())
}

/// Colours shared by the screens and the ecomap, so the same thing looks the same. Every
/// colour used for text keeps 4.5:1 against the panels (a test computes it).
pub mod colour {
    use bevy_egui::egui::Color32;

    pub const STRENGTH: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
    pub const NEED: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xa8);
    pub const DEMAND: Color32 = Color32::from_rgb(0x6d, 0x6d, 0x6d);
    /// Recorded facts (記録): a sober brown, apart from the assessment's colours.
    pub const FACT: Color32 = Color32::from_rgb(0x6d, 0x4c, 0x41);
    pub const GOOD: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
    pub const BAD: Color32 = Color32::from_rgb(0xb7, 0x1c, 0x1c);
    /// The game's amber: the current phase, who speaks, what was taken. Dark enough for text.
    pub const ACCENT: Color32 = Color32::from_rgb(0xb4, 0x53, 0x09);
    /// Warnings and the middle band of a score.
    pub const WARN: Color32 = ACCENT;
    /// Lines already read, hints, empty sections.
    pub const WEAK: Color32 = Color32::from_gray(100);
    /// The text of a selected tab or option, on egui's light-blue selection.
    pub const SELECTED: Color32 = Color32::from_rgb(0x1e, 0x3a, 0x8a);
    /// The ring round the widget with keyboard focus.
    pub const FOCUS: Color32 = Color32::from_rgb(0x1d, 0x4e, 0xd8);

    /// The ecomap's background (Bevy's clear colour) and its labels.
    pub const MAP_BACKGROUND: Color32 = Color32::from_rgb(0xf6, 0xf3, 0xed);
    pub const MAP_LABEL: Color32 = Color32::from_gray(0x1f);

    /// Every colour the screens give text, named, for the contrast test.
    pub const TEXT: [(&str, Color32); 10] = [
        ("strength", STRENGTH),
        ("need", NEED),
        ("demand", DEMAND),
        ("fact", FACT),
        ("good", GOOD),
        ("bad", BAD),
        ("accent", ACCENT),
        ("warn", WARN),
        ("weak", WEAK),
        ("focus", FOCUS),
    ];

    /// Points won in green, points lost in red.
    pub fn of_points(points: i32) -> Color32 {
        if points >= 0 { GOOD } else { BAD }
    }

    /// WCAG's contrast ratio of `fg` drawn over `bg` (a translucent `fg` blended first).
    pub fn contrast(fg: Color32, bg: Color32) -> f32 {
        let a = fg.a() as f32 / 255.0;
        let channel = |f: u8, b: u8| {
            // egui's colours are premultiplied: f already carries its alpha.
            let c = (f as f32 + b as f32 * (1.0 - a)) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let lum = |r: f32, g: f32, b: f32| 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let l1 = lum(
            channel(fg.r(), bg.r()),
            channel(fg.g(), bg.g()),
            channel(fg.b(), bg.b()),
        );
        let l2 = lum(channel(bg.r(), 0), channel(bg.g(), 0), channel(bg.b(), 0));
        let (hi, lo) = if l1 > l2 { (l1, l2) } else { (l2, l1) };
        (hi + 0.05) / (lo + 0.05)
    }
}

#[cfg(feature = "dev")]
/// With `TSUNAGU_DEBUG_REDRAW=1`: prints why egui asked for another frame (file and line),
/// to find what keeps an idle window busy.
pub(super) fn report_repaint_causes(mut contexts: EguiContexts, mut printed: Local<u32>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if ctx.has_requested_repaint() && *printed < 40 {
        *printed += 1;
        eprintln!("tsunagu: repaint requested by {:?}", ctx.repaint_causes());
    }
    Ok(())
}

/// bevy_egui 0.42 hands egui a "modifiers changed" event on every frame, and any input event
/// makes egui ask for an immediate repaint: the window would never idle. Only a real change
/// of the modifier keys is passed on.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

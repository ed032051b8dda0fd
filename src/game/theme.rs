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
    ctx.set_visuals(egui::Visuals::light());
    *done = true;
    Ok(())
}

fn apply_text_size(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut applied: Local<f32>,
) -> Result {
    let scale = settings.text_scale.clamp(0.75, 2.0);
    if *applied == scale {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.all_styles_mut(|style| {
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
    *applied = scale;
    Ok(())
}

/// Colours shared by the screens and the ecomap, so the same thing looks the same.
pub mod colour {
    use bevy_egui::egui::Color32;

    pub const STRENGTH: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
    pub const NEED: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xa8);
    pub const DEMAND: Color32 = Color32::from_rgb(0x6d, 0x6d, 0x6d);
    /// Recorded facts (記録): a sober brown, apart from the assessment's colours.
    pub const FACT: Color32 = Color32::from_rgb(0x6d, 0x4c, 0x41);
    pub const GOOD: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
    pub const BAD: Color32 = Color32::from_rgb(0xb7, 0x1c, 0x1c);
    pub const ACCENT: Color32 = Color32::from_rgb(0xd9, 0x77, 0x06);

    /// Points won in green, points lost in red.
    pub fn of_points(points: i32) -> Color32 {
        if points >= 0 { GOOD } else { BAD }
    }
}

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

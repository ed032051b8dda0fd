//! `TSUNAGU_TIMINGS=1` prints how long after launch the title screen was first on screen:
//! the end of the first frame presented to the window in which the title was laid out with
//! the Japanese font and drawn — egui's pipeline and the blit to the window both compiled
//! (until then Bevy skips the draws, and the window shows nothing).
//! `scripts/measure-window.sh` checks it against the pixels the X server shows.

use std::time::Instant;

use bevy::prelude::*;
use bevy::render::extract_resource::{ExtractResource, ExtractResourcePlugin};
use bevy::render::render_resource::{CachedPipelineState, PipelineCache, PipelineDescriptor};
use bevy::render::{Render, RenderApp, RenderSystems};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::flow::Screen;
use super::screens::ScreenUi;

/// When the program started.
#[derive(Resource, Clone, Copy)]
pub struct Started(pub Instant);

/// Whether the title has been laid out with the Japanese font (main world), copied to the
/// render world with each frame.
#[derive(Resource, Clone, Copy, Default, ExtractResource)]
struct TitleLaidOut(bool);

/// The pipelines the title needs: egui's, and the blit of the camera's picture to the window.
const NEEDED: [&str; 2] = ["egui_pipeline", "blit pipeline"];

pub(super) fn plugin(app: &mut App) {
    if !std::env::var("TSUNAGU_TIMINGS").is_ok_and(|v| v == "1") {
        return;
    }
    let started = *app.world().resource::<Started>();
    app.init_resource::<TitleLaidOut>()
        .add_plugins(ExtractResourcePlugin::<TitleLaidOut>::default())
        .add_systems(
            EguiPrimaryContextPass,
            note_title.after(ScreenUi).run_if(in_state(Screen::Title)),
        );
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render
            .insert_resource(started)
            .add_systems(Render, report.in_set(RenderSystems::Cleanup));
    }
}

fn note_title(mut contexts: EguiContexts, mut laid_out: ResMut<TitleLaidOut>) -> Result {
    if !laid_out.0 {
        let fonts_in_place = contexts.ctx_mut()?.fonts(|f| {
            f.definitions()
                .font_data
                .contains_key(super::theme::FONT_NAME)
        });
        if fonts_in_place {
            laid_out.0 = true;
        }
    }
    Ok(())
}

/// After the frame is presented: was the title in it, fully drawn?
fn report(
    laid_out: Option<Res<TitleLaidOut>>,
    cache: Res<PipelineCache>,
    started: Res<Started>,
    mut done: Local<bool>,
) {
    if *done || !laid_out.is_some_and(|l| l.0) {
        return;
    }
    let ready = NEEDED.iter().all(|needed| {
        let mut of_this_kind = cache.pipelines().filter(|p| match &p.descriptor {
            PipelineDescriptor::RenderPipelineDescriptor(d) => d.label.as_deref() == Some(needed),
            PipelineDescriptor::ComputePipelineDescriptor(_) => false,
        });
        let first = of_this_kind.next();
        first.is_some()
            && first
                .into_iter()
                .chain(of_this_kind)
                .all(|p| matches!(p.state, CachedPipelineState::Ok(_)))
    });
    if ready {
        *done = true;
        eprintln!(
            "tsunagu: title screen drawn {:.0} ms after launch",
            started.0.elapsed().as_secs_f64() * 1e3
        );
    }
}

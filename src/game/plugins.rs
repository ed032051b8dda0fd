//! Which of Bevy's plugins the window uses. The screens are egui; the ecomap is 2D meshes
//! and text in Bevy's scene. Under Mesa's software Vulkan every shader Bevy prepares and
//! every pipeline it compiles costs start-up time and memory, so what the game does not
//! draw is left out: gizmos, animation, 3D and post-processing by Bevy's cargo features
//! (see Cargo.toml), the 3D half of the core pipeline here.

use std::path::{Path, PathBuf};

use bevy::app::PluginGroupBuilder;
use bevy::asset::io::embedded::EmbeddedAssetRegistry;
use bevy::core_pipeline::{
    CorePipelinePlugin, FullscreenShader, blit::BlitPlugin, core_2d::Core2dPlugin,
    schedule::camera_driver, tonemapping::TonemappingPlugin, upscaling::UpscalingPlugin,
};
use bevy::prelude::*;
use bevy::render::RenderApp;
use bevy::render::pipelined_rendering::PipelinedRenderingPlugin;
use bevy::render::renderer::{PendingCommandBuffers, RenderGraph, RenderGraphSystems, RenderQueue};
use bevy::shader::Shader;

/// Bevy's default plugins for this window.
pub fn window_plugins(window: Window) -> PluginGroupBuilder {
    DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(window),
            ..default()
        })
        .disable::<CorePipelinePlugin>()
        .add_after::<PipelinedRenderingPlugin>(CorePipeline2d)
}

/// Bevy's `CorePipelinePlugin` without its 3D half: the 2D main pass, tonemapping, the
/// blit to the window and the camera driver. Bevy's own plugin also builds the 3D passes,
/// deferred lighting, order-independent transparency, motion vectors and mip generation,
/// which alone preprocesses 40 copies of a 23 kB shader before the first frame and queues
/// five pipelines that Mesa's software Vulkan compiles ahead of the ones the title needs.
struct CorePipeline2d;

impl Plugin for CorePipeline2d {
    fn build(&self, app: &mut App) {
        // The path Bevy's `embedded_asset!` gives it, where `FullscreenShader` loads it from.
        app.world_mut()
            .resource_mut::<EmbeddedAssetRegistry>()
            .insert_asset(
                PathBuf::new(),
                Path::new("bevy_core_pipeline/fullscreen_vertex_shader/fullscreen.wgsl"),
                include_bytes!("fullscreen.wgsl").as_slice(),
            );
        app.add_plugins((Core2dPlugin, BlitPlugin, TonemappingPlugin, UpscalingPlugin));
        // Start loading the shaders of the blit to the window now: the pipeline that needs
        // them is only created with the first frame, and would wait a frame or two for them.
        let server = app.world().resource::<AssetServer>();
        let shaders = [
            "embedded://bevy_core_pipeline/blit/blit.wgsl",
            "embedded://bevy_core_pipeline/fullscreen_vertex_shader/fullscreen.wgsl",
        ]
        .map(|path| server.load(path));
        app.insert_resource(Preloaded { _shaders: shaders });
        let Some(render_app) = app.get_sub_app_mut(RenderApp) else {
            return;
        };
        render_app.init_resource::<FullscreenShader>().add_systems(
            RenderGraph,
            (
                camera_driver.in_set(RenderGraphSystems::Render),
                submit_pending_command_buffers.in_set(RenderGraphSystems::Submit),
            ),
        );
    }
}

/// Holds the shaders loaded ahead (an asset is dropped when no handle is left).
#[derive(Resource)]
struct Preloaded {
    _shaders: [Handle<Shader>; 2],
}

/// As Bevy's: sends the command buffers the camera's passes recorded to the GPU. (Bevy's
/// plugin also clears windows no camera draws to; the game's window always has its camera.)
fn submit_pending_command_buffers(world: &mut World) {
    let buffers = world.resource_mut::<PendingCommandBuffers>().take();
    if !buffers.is_empty() {
        world.resource::<RenderQueue>().submit(buffers);
    }
}

// Bevy 0.19's fullscreen vertex shader (bevy_core_pipeline/src/fullscreen_vertex_shader),
// registered under the same embedded path by `plugins::CorePipeline2d`, which replaces
// Bevy's `CorePipelinePlugin`.
#define_import_path bevy_core_pipeline::fullscreen_vertex_shader

struct FullscreenVertexOutput {
    @builtin(position)
    position: vec4<f32>,
    @location(0)
    uv: vec2<f32>,
};

// Drawn with indices 0..3: one triangle covering the clip-space square; the top-left has
// UV 0,0, the bottom-left 0,2 and the top-right 2,0.
@vertex
fn fullscreen_vertex_shader(@builtin(vertex_index) vertex_index: u32) -> FullscreenVertexOutput {
    let uv = vec2<f32>(f32(vertex_index >> 1u), f32(vertex_index & 1u)) * 2.0;
    let clip_position = vec4<f32>(uv * vec2<f32>(2.0, -2.0) + vec2<f32>(-1.0, 1.0), 0.0, 1.0);

    return FullscreenVertexOutput(clip_position, uv);
}

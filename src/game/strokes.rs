//! Anti-aliased 2D shapes as plain meshes: lines, dashes, zigzags, ellipses and discs whose
//! edges fade out over about a pixel (a feather of transparent vertices). The window runs
//! without multisampling, which under software rendering costs memory and time on every
//! frame; a feathered edge looks as smooth for the ecomap's thin lines and round nodes.
//! The colours are vertex colours, so one white `ColorMaterial` (alpha-blended) draws all.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// How far an edge fades out, in logical pixels.
const FEATHER: f32 = 1.0;

/// Triangles being collected for one mesh.
#[derive(Default, Debug, Clone, PartialEq)]
pub struct Strokes {
    positions: Vec<[f32; 3]>,
    colours: Vec<[f32; 4]>,
    indices: Vec<u32>,
}

impl Strokes {
    fn vertex(&mut self, at: Vec2, colour: LinearRgba, alpha: f32) -> u32 {
        self.positions.push([at.x, at.y, 0.0]);
        self.colours
            .push([colour.red, colour.green, colour.blue, colour.alpha * alpha]);
        (self.positions.len() - 1) as u32
    }

    fn quad(&mut self, a: u32, b: u32, c: u32, d: u32) {
        // a-b on one side, d-c on the other.
        self.indices.extend_from_slice(&[a, b, c, a, c, d]);
    }

    /// A polyline `width` wide through `points`; `closed` joins the last point to the first.
    /// Corners are mitred (limited, so a sharp zigzag does not spike).
    pub fn polyline(&mut self, points: &[Vec2], width: f32, colour: Color, closed: bool) {
        let n = points.len();
        if n < 2 {
            return;
        }
        let colour = LinearRgba::from(colour);
        let half = width / 2.0;
        // Four vertices across the line at each point: faded, solid, solid, faded.
        let across = [-(half + FEATHER), -half, half, half + FEATHER];
        let alpha = [0.0, 1.0, 1.0, 0.0];
        let first = self.positions.len() as u32;
        for i in 0..n {
            let prev = if i > 0 {
                Some(points[i - 1])
            } else if closed {
                Some(points[n - 1])
            } else {
                None
            };
            let next = if i + 1 < n {
                Some(points[i + 1])
            } else if closed {
                Some(points[0])
            } else {
                None
            };
            let here = points[i];
            let d_in = prev.map(|p| (here - p).normalize_or_zero());
            let d_out = next.map(|p| (p - here).normalize_or_zero());
            let (normal, stretch) = match (d_in, d_out) {
                (Some(a), Some(b)) => {
                    let mitre = (a + b).normalize_or_zero().perp();
                    let n_in = a.perp();
                    let cos = mitre.dot(n_in).max(0.5);
                    (mitre, 1.0 / cos)
                }
                (Some(a), None) | (None, Some(a)) => (a.perp(), 1.0),
                (None, None) => (Vec2::Y, 1.0),
            };
            for k in 0..4 {
                self.vertex(here + normal * across[k] * stretch, colour, alpha[k]);
            }
        }
        let segments = if closed { n } else { n - 1 };
        for s in 0..segments {
            let a = first + 4 * s as u32;
            let b = first + 4 * ((s + 1) % n) as u32;
            for k in 0..3 {
                self.quad(a + k, b + k, b + k + 1, a + k + 1);
            }
        }
    }

    /// A straight line from `a` to `b`.
    pub fn line(&mut self, a: Vec2, b: Vec2, width: f32, colour: Color) {
        self.polyline(&[a, b], width, colour, false);
    }

    /// A dashed line: `dash` drawn, then a gap, repeated every `period`.
    pub fn dashed(&mut self, a: Vec2, b: Vec2, width: f32, colour: Color, dash: f32, period: f32) {
        let len = a.distance(b);
        let dir = (b - a).normalize_or_zero();
        let mut t = 0.0;
        while t < len {
            self.line(a + dir * t, a + dir * (t + dash).min(len), width, colour);
            t += period;
        }
    }

    /// A zigzag from `a` to `b`, `amplitude` to each side, a turn every `step`.
    pub fn zigzag(
        &mut self,
        a: Vec2,
        b: Vec2,
        width: f32,
        colour: Color,
        amplitude: f32,
        step: f32,
    ) {
        let len = a.distance(b);
        let dir = (b - a).normalize_or_zero();
        let normal = dir.perp();
        let steps = (len / step).max(1.0) as usize;
        let points: Vec<Vec2> = (0..=steps)
            .map(|i| {
                let side = match i {
                    0 => 0.0,
                    _ if i == steps => 0.0,
                    _ if i % 2 == 0 => amplitude,
                    _ => -amplitude,
                };
                a + dir * len * (i as f32 / steps as f32) + normal * side
            })
            .collect();
        self.polyline(&points, width, colour, false);
    }

    /// The outline of an ellipse with half-axes `half` round `centre`.
    pub fn ellipse(&mut self, centre: Vec2, half: Vec2, width: f32, colour: Color) {
        // Enough segments that the outline looks round at any size the window allows.
        let segments = ((half.x.max(half.y) * 0.5) as usize).clamp(48, 256);
        let points: Vec<Vec2> = (0..segments)
            .map(|i| {
                let angle = i as f32 / segments as f32 * std::f32::consts::TAU;
                centre + Vec2::new(angle.cos(), angle.sin()) * half
            })
            .collect();
        self.polyline(&points, width, colour, true);
    }

    /// A filled disc with a feathered edge.
    pub fn disc(&mut self, centre: Vec2, radius: f32, colour: Color) {
        let colour = LinearRgba::from(colour);
        let segments = ((radius * 1.5) as usize).clamp(24, 128);
        let middle = self.vertex(centre, colour, 1.0);
        let first = self.positions.len() as u32;
        for i in 0..segments {
            let angle = i as f32 / segments as f32 * std::f32::consts::TAU;
            let dir = Vec2::new(angle.cos(), angle.sin());
            self.vertex(centre + dir * (radius - FEATHER / 2.0), colour, 1.0);
            self.vertex(centre + dir * (radius + FEATHER / 2.0), colour, 0.0);
        }
        for i in 0..segments as u32 {
            let (inner, outer) = (first + 2 * i, first + 2 * i + 1);
            let j = (i + 1) % segments as u32;
            let (inner2, outer2) = (first + 2 * j, first + 2 * j + 1);
            self.indices.extend_from_slice(&[middle, inner, inner2]);
            self.quad(inner, outer, outer2, inner2);
        }
    }

    /// The mesh of everything collected.
    pub fn into_mesh(self) -> Mesh {
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, self.positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, self.colours)
        .with_inserted_indices(Indices::U32(self.indices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_solid_in_the_middle_and_transparent_at_its_edges() {
        let mut s = Strokes::default();
        s.line(Vec2::ZERO, Vec2::new(10.0, 0.0), 2.0, Color::BLACK);
        assert_eq!(s.positions.len(), 8);
        assert_eq!(s.indices.len(), 18);
        let alphas: Vec<f32> = s.colours.iter().map(|c| c[3]).collect();
        assert_eq!(alphas, [0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0]);
        let ys: Vec<f32> = s.positions[..4].iter().map(|p| p[1]).collect();
        assert_eq!(ys, [-2.0, -1.0, 1.0, 2.0]);
    }

    #[test]
    fn a_closed_ellipse_joins_its_last_point_to_its_first() {
        let mut s = Strokes::default();
        s.ellipse(Vec2::ZERO, Vec2::new(100.0, 50.0), 1.0, Color::BLACK);
        let segments = s.positions.len() / 4;
        assert_eq!(s.indices.len(), segments * 18);
        assert!(s.indices.iter().all(|&i| (i as usize) < s.positions.len()));
    }

    #[test]
    fn a_disc_fades_out_beyond_its_radius() {
        let mut s = Strokes::default();
        s.disc(Vec2::ZERO, 10.0, Color::WHITE);
        for (p, c) in s.positions.iter().zip(&s.colours).skip(1) {
            let r = Vec2::new(p[0], p[1]).length();
            if c[3] == 0.0 {
                assert!(r > 10.0);
            } else {
                assert!(r < 10.0);
            }
        }
    }
}

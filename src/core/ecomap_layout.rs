//! Where the live ecomap's discs and labels go, so that no two labels overlap: pure
//! geometry in logical window pixels (origin top-left, y down), no Bevy.
//!
//! Strategy. The person sits at the centre of `area`; every other revealed person or
//! resource is spread evenly round its ring (micro, meso, macro) in the order found, each
//! ring starting at its own angle, as before. Labels are then placed greedily, the person
//! first and then ring by ring from the inside out (the inner rings have the least room):
//! each label tries a few positions next to its disc, the ones pointing away from the
//! centre first (below in the lower half, above in the upper half, out to the side at the
//! ends), and its disc may be nudged along its ring (at most 0.4 of the gap to its
//! neighbours, so the order round the ring is kept) to make room; a disc is in the way of
//! labels once placed, and is itself placed clear of the labels before it. In a flat area
//! the rings keep at least a disc's width apart (and the micro ring clear of the person).
//! Every label starts no
//! longer than a common width cap; when one cannot be placed, the cap is lowered (by 15 %)
//! and the whole map is placed again, so that one crowded corner shortens everyone a
//! little rather than the last-placed a lot. A label is shortened readably: first its
//! parenthesised parts are dropped (「地域生活支援拠点（体験の部屋…）」→「地域生活支援拠点」),
//! only then is it cut with `…`, never below four characters unless nothing else fits.
//! When even four characters do not fit everywhere, labels are cut further, then left out
//! (an empty label) where nothing fits; as a last resort every disc keeps its unnudged place
//! and only labels give way, so labels never overlap in any area that holds the discs. Finally
//! each label in turn is given back the longest form that fits where it is. About 0.1–0.5 ms
//! for 20 items in a debug build.

use super::compile::{Compiled, Item};
use super::model::{Lang, Ring, Role};
use unicode_width::UnicodeWidthChar;

/// The person's disc, at the centre.
pub const PERSON_RADIUS: f32 = 24.0;
/// Everyone and everything else's disc.
pub const ITEM_RADIUS: f32 = 14.0;
/// Label font sizes at text scale 1.
pub const PERSON_FONT_PX: f32 = 16.0;
pub const ITEM_FONT_PX: f32 = 13.0;
/// A label's line height, as a multiple of its font size.
pub const LINE_HEIGHT: f32 = 1.2;
/// The least room kept between a label and a disc, and between two labels.
pub const GAP: f32 = 3.0;
/// Labels are not cut shorter than this many characters (before the `…`) unless nothing
/// else fits.
pub const MIN_CHARS: usize = 4;

/// An axis-aligned rectangle in window pixels (y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Rect {
    pub fn new(min: [f32; 2], max: [f32; 2]) -> Self {
        Rect { min, max }
    }

    /// The rectangle of size `size` whose centre is `centre`.
    pub fn centred(centre: [f32; 2], size: [f32; 2]) -> Self {
        Rect {
            min: [centre[0] - size[0] / 2.0, centre[1] - size[1] / 2.0],
            max: [centre[0] + size[0] / 2.0, centre[1] + size[1] / 2.0],
        }
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    pub fn centre(&self) -> [f32; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    /// No area: an empty label's rectangle.
    pub fn is_empty(&self) -> bool {
        self.width() <= 0.0 || self.height() <= 0.0
    }

    /// Whether the two share some area (touching edges do not count; an empty rectangle
    /// intersects nothing).
    pub fn intersects(&self, other: &Rect) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && self.min[0] < other.max[0]
            && other.min[0] < self.max[0]
            && self.min[1] < other.max[1]
            && other.min[1] < self.max[1]
    }

    /// Whether the point is inside or on the edge.
    pub fn contains(&self, p: [f32; 2]) -> bool {
        (self.min[0]..=self.max[0]).contains(&p[0]) && (self.min[1]..=self.max[1]).contains(&p[1])
    }

    /// Whether `other` lies wholly inside (edges may touch).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        self.contains(other.min) && self.contains(other.max)
    }

    /// Whether the disc lies wholly inside.
    pub fn contains_disc(&self, centre: [f32; 2], radius: f32) -> bool {
        self.expand(-radius).contains(centre)
    }

    /// Grown by `by` on every side (shrunk when negative).
    pub fn expand(&self, by: f32) -> Rect {
        Rect {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    /// The distance from `p` to the nearest point of the rectangle (0 inside).
    pub fn distance_to(&self, p: [f32; 2]) -> f32 {
        let dx = (self.min[0] - p[0]).max(p[0] - self.max[0]).max(0.0);
        let dy = (self.min[1] - p[1]).max(p[1] - self.max[1]).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }

    /// Whether the disc and the rectangle share some area (an empty rectangle shares none).
    pub fn overlaps_disc(&self, centre: [f32; 2], radius: f32) -> bool {
        !self.is_empty() && self.distance_to(centre) < radius
    }

    fn translate(&self, d: [f32; 2]) -> Rect {
        Rect {
            min: [self.min[0] + d[0], self.min[1] + d[1]],
            max: [self.max[0] + d[0], self.max[1] + d[1]],
        }
    }
}

/// The whole map, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub centre: [f32; 2],
    /// The outer (macro) ring's half-size: the rings are ellipses, `half × ring_fraction`.
    pub half: [f32; 2],
    /// The person first, then the ring items in the order they were revealed.
    pub items: Vec<Placed>,
}

impl Layout {
    /// How many labels are drawn shorter than the whole name.
    pub fn shortened(&self) -> usize {
        self.items.iter().filter(|p| p.is_shortened()).count()
    }
}

/// One disc and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub item: Item,
    /// The disc's centre.
    pub at: [f32; 2],
    pub radius: f32,
    /// The label's font size (text scale included).
    pub font_px: f32,
    /// The whole name, for a list or a screen reader.
    pub full: String,
    /// What is drawn: the name, or a shortened form; empty only when nothing fits.
    pub label: String,
    /// The label's text box: draw the text centred on its centre. Empty (no area, at the
    /// disc's centre) when the label is.
    pub label_rect: Rect,
    /// `None` for the person.
    pub ring: Option<Ring>,
}

impl Placed {
    pub fn is_shortened(&self) -> bool {
        self.label != self.full
    }
}

/// The ring a revealed item is drawn on: people but the person, and resources; the person
/// and notes are on none.
pub fn ring_of(s: &Compiled, item: Item) -> Option<Ring> {
    match item {
        Item::Character(i) => {
            let c = &s.source.cast[i as usize];
            (c.role != Role::Person).then_some(c.ring)
        }
        Item::Resource(i) => Some(s.source.resources[i as usize].ring),
        Item::Note(_) => None,
    }
}

/// A ring's size as a fraction of the outer ring's.
pub fn ring_fraction(ring: Ring) -> f32 {
    match ring {
        Ring::Micro => 0.4,
        Ring::Meso => 0.7,
        Ring::Macro => 1.0,
    }
}

/// The width of `text` at `font_px`, estimated conservatively for BIZ UDPGothic:
/// full-width characters (CJK, kana, full-width punctuation, and `…`) 1 em, `M`, `W`, `m`,
/// `w` 0.85 em, others 0.6 em.
pub fn text_width(text: &str, font_px: f32) -> f32 {
    text.chars().map(char_em).sum::<f32>() * font_px
}

fn char_em(c: char) -> f32 {
    match c {
        '…' | '―' | '—' => 1.0,
        'M' | 'W' | 'm' | 'w' => 0.85,
        _ if c.width() == Some(2) => 1.0,
        _ => 0.6,
    }
}

/// The name without its parenthesised parts, `(`…`)` and `（`…`）`: `None` when there are
/// none, or nothing would be left.
pub fn drop_parentheses(name: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut out = String::new();
    let mut dropped = false;
    for c in name.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                dropped = true;
            }
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if !dropped {
        return None;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| c.is_whitespace() || ",、・:".contains(c));
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// The first `chars` characters of `text` and `…`, without spaces or commas before it.
pub fn truncate(text: &str, chars: usize) -> String {
    let head: String = text.chars().take(chars).collect();
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",、・-:".contains(c));
    format!("{head}…")
}

/// The forms a label may take, longest first: the whole name, the name without its
/// parenthesised parts, then that cut to fewer and fewer characters. The second value is
/// the index of the shortest form of at least `MIN_CHARS` characters.
pub fn label_forms(full: &str) -> (Vec<String>, usize) {
    let (forms, _, floor) = forms_and_ems(full);
    (forms, floor)
}

/// [`label_forms`] with each form's width in em (as [`text_width`]), found in one pass.
fn forms_and_ems(full: &str) -> (Vec<String>, Vec<f32>, usize) {
    let mut forms = vec![full.to_owned()];
    let mut ems = vec![text_width(full, 1.0)];
    let base = match drop_parentheses(full) {
        Some(b) => {
            ems.push(text_width(&b, 1.0));
            forms.push(b.clone());
            b
        }
        None => full.to_owned(),
    };
    let chars: Vec<char> = base.chars().collect();
    let mut prefix = Vec::with_capacity(chars.len() + 1);
    prefix.push(0.0f32);
    for &c in &chars {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + char_em(c));
    }
    let mut floor = forms.len() - 1;
    let mut last_kept = usize::MAX;
    for k in (1..chars.len()).rev() {
        // As `truncate`: no spaces or commas before the `…`.
        let mut kept = k;
        while kept > 0 && (chars[kept - 1].is_whitespace() || ",、・-:".contains(chars[kept - 1]))
        {
            kept -= 1;
        }
        if kept > 0 && kept != last_kept {
            last_kept = kept;
            let mut t: String = chars[..kept].iter().collect();
            t.push('…');
            forms.push(t);
            ems.push(prefix[kept] + char_em('…'));
        }
        if k >= MIN_CHARS {
            floor = forms.len() - 1;
        }
    }
    (forms, ems, floor)
}

/// One item to place.
struct Spec {
    item: Item,
    ring: Option<Ring>,
    radius: f32,
    font_px: f32,
    line_h: f32,
    /// The ring's half-size (zero for the person).
    ring_half: [f32; 2],
    angle: f32,
    /// How far its disc may be nudged each way along the ring (radians).
    nudge: f32,
    forms: Vec<String>,
    widths: Vec<f32>,
    floor: usize,
}

/// Where each item's disc and label went; `form == forms.len()` is the empty label.
#[derive(Clone)]
struct Placement {
    at: Vec<[f32; 2]>,
    form: Vec<usize>,
    rect: Vec<Rect>,
}

/// The nudges tried, as fractions of an item's greatest nudge, in order.
const NUDGES: [f32; 7] = [0.0, 0.33, -0.33, 0.67, -0.67, 1.0, -1.0];

/// How an attempt places the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Each label the longest form no wider than the cap (or its floor form): fails when
    /// one does not fit. A disc is in the way of labels once placed, and is placed (nudged
    /// if need be) clear of the labels before it.
    Capped,
    /// Each label as long as fits from its floor form down, or none; fails only when a disc
    /// finds no place clear of the labels before it.
    BelowFloor,
    /// As `BelowFloor`, but every disc is in the way from the start, where it would be
    /// unnudged, so that a disc always has its place: never fails.
    LastResort,
}

/// Lays out the map in `area` (the part of the window the panels leave free): the person
/// and every revealed ring item (notes and duplicates are skipped), at `text_scale`, with
/// names in `lang`.
pub fn layout(s: &Compiled, revealed: &[Item], area: Rect, text_scale: f32, lang: Lang) -> Layout {
    let mut entries: Vec<(Item, Option<Ring>)> = vec![(s.person, None)];
    for &e in revealed {
        if let Some(ring) = ring_of(s, e)
            && !entries.iter().any(|&(x, _)| x == e)
        {
            entries.push((e, Some(ring)));
        }
    }
    let named: Vec<(Item, Option<Ring>, String)> = entries
        .into_iter()
        .map(|(e, r)| (e, r, s.entity_name(e).get(lang).to_owned()))
        .collect();
    layout_names(&named, area, text_scale)
}

/// The layout of named items: the first is the person (its ring is ignored), the others
/// each on its ring. [`layout`] for a scenario; this for tests and tools.
pub fn layout_names(items: &[(Item, Option<Ring>, String)], area: Rect, text_scale: f32) -> Layout {
    let scale = text_scale.max(0.1);
    let centre = area.centre();
    let item_font = ITEM_FONT_PX * scale;
    let item_line = item_font * LINE_HEIGHT;
    // Room outside the outer ring: above and below, for a disc and a line of label; at the
    // sides, for a disc and some of a label (longer ones go above or below).
    let margin_y = ITEM_RADIUS + GAP + item_line + 1.0;
    let margin_x = ITEM_RADIUS + GAP + (area.width() * 0.05).min(60.0 * scale);
    let half = [
        (area.width() / 2.0 - margin_x).max(0.0),
        (area.height() / 2.0 - margin_y).max(0.0),
    ];

    let mut specs: Vec<Spec> = Vec::with_capacity(items.len());
    for (i, (item, ring, name)) in items.iter().enumerate() {
        let person = i == 0;
        let font_px = if person { PERSON_FONT_PX } else { ITEM_FONT_PX } * scale;
        let (forms, ems, floor) = forms_and_ems(name);
        let widths = ems.iter().map(|e| e * font_px).collect();
        specs.push(Spec {
            item: *item,
            ring: if person { None } else { *ring },
            radius: if person { PERSON_RADIUS } else { ITEM_RADIUS },
            font_px,
            line_h: font_px * LINE_HEIGHT,
            ring_half: [0.0, 0.0],
            angle: 0.0,
            nudge: 0.0,
            forms,
            widths,
            floor,
        });
    }
    // Spread round each ring in the order found; rings start at different angles so that
    // neighbours on two rings do not line up.
    for (r, ring) in [Ring::Micro, Ring::Meso, Ring::Macro]
        .into_iter()
        .enumerate()
    {
        let on: Vec<usize> = (1..specs.len())
            .filter(|&i| specs[i].ring == Some(ring))
            .collect();
        let n = on.len().max(1) as f32;
        let step = std::f32::consts::TAU / n;
        let f = ring_fraction(ring);
        for (k, &i) in on.iter().enumerate() {
            let sp = &mut specs[i];
            // In a flat area a ring keeps clear of the person's disc and of the ring inside.
            let least = PERSON_RADIUS
                + ITEM_RADIUS
                + 2.0 * GAP
                + r as f32 * (2.0 * ITEM_RADIUS + 2.0 * GAP);
            sp.ring_half = [0, 1].map(|a| (half[a] * f).max(least).min(half[a]));
            sp.angle = 1.2 + 0.9 * r as f32 + k as f32 * step;
            sp.nudge = 0.4 * step.min(1.0);
        }
    }
    // Placed the person first, then from the inner ring out.
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by_key(|&i| (specs[i].ring.map_or(0, |r| r as usize + 1), i));

    let solver = Solver {
        specs: &specs,
        area,
        centre,
        half,
        order: &order,
    };
    let placement = solver.solve();
    let items = specs
        .iter()
        .enumerate()
        .map(|(i, sp)| {
            let form = placement.form[i];
            Placed {
                item: sp.item,
                at: placement.at[i],
                radius: sp.radius,
                font_px: sp.font_px,
                full: sp.forms[0].clone(),
                label: sp.forms.get(form).cloned().unwrap_or_default(),
                label_rect: placement.rect[i],
                ring: sp.ring,
            }
        })
        .collect();
    Layout {
        centre,
        half,
        items,
    }
}

struct Solver<'a> {
    specs: &'a [Spec],
    area: Rect,
    centre: [f32; 2],
    half: [f32; 2],
    order: &'a [usize],
}

impl Solver<'_> {
    fn position(&self, i: usize, nudge: f32) -> [f32; 2] {
        let sp = &self.specs[i];
        if sp.ring.is_none() {
            return self.centre;
        }
        let a = sp.angle + nudge * sp.nudge;
        [
            self.centre[0] + a.cos() * sp.ring_half[0],
            self.centre[1] - a.sin() * sp.ring_half[1],
        ]
    }

    fn solve(&self) -> Placement {
        let longest = self
            .specs
            .iter()
            .map(|s| s.widths[0])
            .fold(0.0f32, f32::max);
        let widest_floor = self
            .specs
            .iter()
            .map(|s| s.widths[s.floor])
            .fold(0.0f32, f32::max);
        let mut cap = longest;
        let mut placed = None;
        loop {
            if let Some(p) = self.attempt(cap, Mode::Capped) {
                placed = Some(p);
                break;
            }
            if cap <= widest_floor {
                break;
            }
            // The next lower cap that shortens some label: the same labels would fail again.
            let before = self.capped_forms(cap);
            while cap > widest_floor && self.capped_forms(cap) == before {
                cap = (cap * 0.85).max(widest_floor);
            }
        }
        let mut p = placed
            .or_else(|| self.attempt(0.0, Mode::BelowFloor))
            .or_else(|| self.attempt(0.0, Mode::LastResort))
            .expect("the last resort always places");
        self.lengthen(&mut p);
        p
    }

    /// The form each label takes under `cap`: the longest no wider, but not past its floor.
    fn capped_forms(&self, cap: f32) -> Vec<usize> {
        self.specs.iter().map(|sp| Self::capped(sp, cap)).collect()
    }

    fn capped(sp: &Spec, cap: f32) -> usize {
        (0..sp.forms.len())
            .find(|&f| sp.widths[f] <= cap)
            .unwrap_or(sp.floor)
            .min(sp.floor)
    }

    /// Places every item, or `None` when one does not fit (see [`Mode`]).
    fn attempt(&self, cap: f32, mode: Mode) -> Option<Placement> {
        let n = self.specs.len();
        let mut p = Placement {
            at: (0..n).map(|i| self.position(i, 0.0)).collect(),
            form: vec![usize::MAX; n],
            rect: vec![Rect::default(); n],
        };
        let eager = mode == Mode::LastResort;
        for &i in self.order {
            let sp = &self.specs[i];
            let (first, last) = if mode == Mode::Capped {
                let first = Self::capped(sp, cap);
                (first, first)
            } else {
                (sp.floor, sp.forms.len() - 1)
            };
            if let Some((form, at, rect)) = self.fit(&p, i, first..=last, eager) {
                p.form[i] = form;
                p.at[i] = at;
                p.rect[i] = rect;
                continue;
            }
            if mode == Mode::Capped {
                return None;
            }
            // No label at all: the disc alone, where it is clear of the labels placed.
            let at = if eager {
                Some(p.at[i])
            } else {
                self.nudges(i)
                    .iter()
                    .map(|&nudge| self.position(i, nudge))
                    .find(|&at| self.disc_free(&p, i, at, false))
            };
            let at = at?;
            p.form[i] = sp.forms.len();
            p.at[i] = at;
            p.rect[i] = Rect::centred(at, [0.0, 0.0]);
        }
        Some(p)
    }

    fn nudges(&self, i: usize) -> &'static [f32] {
        if self.specs[i].ring.is_some() {
            &NUDGES
        } else {
            &[0.0]
        }
    }

    /// The first of the forms that fits next to item `i`'s disc, nudged along its ring if
    /// need be, with the disc's place and the label's rectangle. `eager`: every disc, placed
    /// or not, is in the way (and discs not yet placed are where they would be unnudged).
    fn fit(
        &self,
        p: &Placement,
        i: usize,
        forms: std::ops::RangeInclusive<usize>,
        eager: bool,
    ) -> Option<(usize, [f32; 2], Rect)> {
        let sp = &self.specs[i];
        for form in forms {
            let size = [sp.widths[form], sp.line_h];
            for &nudge in self.nudges(i) {
                let at = self.position(i, nudge);
                // Unnudged, a disc may touch another (a small area); nudged, it may not.
                let free = if eager && nudge == 0.0 {
                    true
                } else {
                    self.disc_free(p, i, at, nudge == 0.0)
                };
                if !free {
                    continue;
                }
                let (rects, k) = self.candidates(at, sp.radius, size);
                for &rect in &rects[..k] {
                    if self.label_free(p, i, at, &rect, eager) {
                        return Some((form, at, rect));
                    }
                }
            }
        }
        None
    }

    fn is_placed(p: &Placement, j: usize) -> bool {
        p.form[j] != usize::MAX
    }

    /// Whether item `i`'s disc may go at `at`: inside the area, clear of the labels placed
    /// so far and (unless `touching`) of the other discs placed.
    fn disc_free(&self, p: &Placement, i: usize, at: [f32; 2], touching: bool) -> bool {
        let r = self.specs[i].radius;
        if !self.area.contains_disc(at, r) {
            return false;
        }
        (0..self.specs.len()).filter(|&j| j != i).all(|j| {
            if !Self::is_placed(p, j) {
                return true;
            }
            let other = self.specs[j].radius;
            let d = ((at[0] - p.at[j][0]).powi(2) + (at[1] - p.at[j][1]).powi(2)).sqrt();
            (touching || d >= r + other + GAP) && !p.rect[j].overlaps_disc(at, r + GAP)
        })
    }

    /// Whether a label at `rect` for item `i` (its disc at `at`) lies inside the area,
    /// clear of its own disc, of the discs placed so far (every disc when `eager`) and of
    /// the other labels placed.
    fn label_free(&self, p: &Placement, i: usize, at: [f32; 2], rect: &Rect, eager: bool) -> bool {
        if !self.area.contains_rect(rect) {
            return false;
        }
        let padded = rect.expand(GAP);
        (0..self.specs.len()).all(|j| {
            if j == i {
                return !rect.overlaps_disc(at, self.specs[j].radius + GAP);
            }
            if !eager && !Self::is_placed(p, j) {
                return true;
            }
            !rect.overlaps_disc(p.at[j], self.specs[j].radius + GAP)
                && !padded.intersects(&p.rect[j])
        })
    }

    /// Where a label of `size` may go next to a disc at `at`, the outward ones first:
    /// below, above, beside and at the corners, and above or below shifted sideways to
    /// stay inside the area.
    fn candidates(&self, at: [f32; 2], r: f32, size: [f32; 2]) -> ([Rect; 10], usize) {
        let [w, h] = size;
        let g = GAP + 1.0;
        let d = r * std::f32::consts::FRAC_1_SQRT_2 + g;
        let below = Rect::new(
            [at[0] - w / 2.0, at[1] + r + g],
            [at[0] + w / 2.0, at[1] + r + g + h],
        );
        let above = below.translate([0.0, -(2.0 * (r + g) + h)]);
        let right = Rect::new(
            [at[0] + r + g, at[1] - h / 2.0],
            [at[0] + r + g + w, at[1] + h / 2.0],
        );
        let left = right.translate([-(2.0 * (r + g) + w), 0.0]);
        let below_right = Rect::new([at[0] + d, at[1] + d], [at[0] + d + w, at[1] + d + h]);
        let below_left = below_right.translate([-(2.0 * d + w), 0.0]);
        let above_right = below_right.translate([0.0, -(2.0 * d + h)]);
        let above_left = below_left.translate([0.0, -(2.0 * d + h)]);
        // Outward: from the centre in the rings' own proportions; straight down for the person.
        let (ox, oy) = {
            let dx = (at[0] - self.centre[0]) / self.half[0].max(1.0);
            let dy = (at[1] - self.centre[1]) / self.half[1].max(1.0);
            let len = (dx * dx + dy * dy).sqrt();
            if len < 1e-3 {
                (0.0, 1.0)
            } else {
                (dx / len, dy / len)
            }
        };
        let s = std::f32::consts::FRAC_1_SQRT_2;
        let mut all: [(f32, Rect); 10] = [(f32::NEG_INFINITY, Rect::default()); 10];
        let first = [
            (oy, below),
            (-oy, above),
            (ox, right),
            (-ox, left),
            ((ox + oy) * s, below_right),
            ((-ox + oy) * s, below_left),
            ((ox - oy) * s, above_right),
            ((-ox - oy) * s, above_left),
        ];
        all[..8].copy_from_slice(&first);
        let mut n = 8;
        // Above or below, slid sideways back into the area (still over the disc).
        for (score, rect) in [(oy, below), (-oy, above)] {
            let shift = if rect.min[0] < self.area.min[0] {
                self.area.min[0] - rect.min[0]
            } else if rect.max[0] > self.area.max[0] {
                self.area.max[0] - rect.max[0]
            } else {
                0.0
            };
            if shift != 0.0 && shift.abs() <= w / 2.0 {
                all[n] = (score - 0.05, rect.translate([shift, 0.0]));
                n += 1;
            }
        }
        // Stable sort: ties keep the order above (below before above, right before left).
        let all = &mut all[..n];
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out = [Rect::default(); 10];
        for (o, (_, r)) in out.iter_mut().zip(all.iter()) {
            *o = *r;
        }
        (out, n)
    }

    /// Gives each label, in turn, the longest form that fits where its disc is.
    fn lengthen(&self, p: &mut Placement) {
        for &i in self.order {
            let current = p.form[i];
            if current == 0 {
                continue;
            }
            let sp = &self.specs[i];
            let at = p.at[i];
            let saved = p.rect[i];
            p.rect[i] = Rect::default();
            let mut found = None;
            'forms: for form in 0..current.min(sp.forms.len()) {
                let (rects, k) = self.candidates(at, sp.radius, [sp.widths[form], sp.line_h]);
                for &rect in &rects[..k] {
                    if self.label_free(p, i, at, &rect, true) {
                        found = Some((form, rect));
                        break 'forms;
                    }
                }
            }
            match found {
                Some((form, rect)) => {
                    p.form[i] = form;
                    p.rect[i] = rect;
                }
                None => p.rect[i] = saved,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::check_file;
    use std::path::PathBuf;
    use std::sync::Arc;

    /// Guarantee 1: labels clear of each other and of every disc, everything inside `area`;
    /// and every label the whole name or one of its shortened forms.
    fn check(layout: &Layout, area: Rect) -> Result<(), String> {
        for (i, a) in layout.items.iter().enumerate() {
            if !area.contains_disc(a.at, a.radius) {
                return Err(format!("disc of {:?} outside {area:?}", a.full));
            }
            if !a.label.is_empty() && !area.contains_rect(&a.label_rect) {
                return Err(format!("label {:?} outside {area:?}", a.label));
            }
            if !a.label.is_empty() && !label_forms(&a.full).0.contains(&a.label) {
                return Err(format!("{:?} is not a form of {:?}", a.label, a.full));
            }
            for (j, b) in layout.items.iter().enumerate() {
                if a.label_rect.overlaps_disc(b.at, b.radius + 1.0) {
                    return Err(format!("label {:?} over the disc of {:?}", a.label, b.full));
                }
                if i < j && a.label_rect.intersects(&b.label_rect) {
                    return Err(format!("labels {:?} and {:?} overlap", a.label, b.label));
                }
            }
        }
        Ok(())
    }

    /// Characters kept before the `…` of a cut label.
    fn kept(label: &str) -> Option<usize> {
        label.strip_suffix('…').map(|h| h.chars().count())
    }

    fn area(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new([x, y], [x + w, y + h])
    }

    fn named(person: &str, rings: &[(Ring, &str)]) -> Vec<(Item, Option<Ring>, String)> {
        std::iter::once((Item::Character(0), None, person.to_owned()))
            .chain(
                rings
                    .iter()
                    .enumerate()
                    .map(|(i, &(r, n))| (Item::Resource(i as u32), Some(r), n.to_owned())),
            )
            .collect()
    }

    #[test]
    fn text_width_counts_full_width_as_one_em() {
        assert_eq!(text_width("地域", 10.0), 20.0);
        assert!((text_width("ab", 10.0) - 12.0).abs() < 1e-4);
        assert_eq!(text_width("（）・「」…", 10.0), 60.0);
        assert!(text_width("MW", 10.0) > text_width("ab", 10.0));
    }

    #[test]
    fn parentheses_go_first_then_the_name_is_cut() {
        let (forms, floor) = label_forms("地域生活支援拠点(体験の部屋・緊急時の受け入れ)");
        assert_eq!(forms[1], "地域生活支援拠点");
        assert_eq!(forms[2], "地域生活支援拠…");
        assert_eq!(forms[floor], "地域生活…");
        assert_eq!(forms.last().unwrap(), "地…");
        let (forms, _) = label_forms("地域包括支援センター（父親の介護保険）");
        assert_eq!(forms[1], "地域包括支援センター");
        let (forms, _) = label_forms("Legal aid (法テラス) and the office");
        assert_eq!(forms[1], "Legal aid and the office");
        assert_eq!(truncate("Mr Ono, the city", 7), "Mr Ono…");
        // Nothing to drop, or nothing left after dropping.
        assert_eq!(drop_parentheses("父"), None);
        assert_eq!(drop_parentheses("（父）"), None);
        let (forms, floor) = label_forms("父");
        assert_eq!((forms.len(), floor), (1, 0));
        // The widths found in one pass are those measured form by form.
        for name in [
            "地域包括支援センター（父親の介護保険）",
            "Mr Ono, the city's office (x)",
        ] {
            let (forms, ems, _) = forms_and_ems(name);
            for (f, e) in forms.iter().zip(&ems) {
                assert!((text_width(f, 1.0) - e).abs() < 1e-3, "{f}");
            }
        }
    }

    #[test]
    fn rect_tests() {
        let a = area(0.0, 0.0, 10.0, 10.0);
        assert!(a.intersects(&area(9.0, 9.0, 5.0, 5.0)));
        assert!(!a.intersects(&area(10.0, 0.0, 5.0, 5.0)), "touching edges");
        assert!(
            !a.intersects(&Rect::centred([5.0, 5.0], [0.0, 0.0])),
            "empty"
        );
        assert!(a.contains_rect(&area(1.0, 1.0, 9.0, 9.0)));
        assert!(!a.contains_rect(&area(1.0, 1.0, 9.5, 9.0)));
        assert!(a.overlaps_disc([12.0, 5.0], 2.5));
        assert!(!a.overlaps_disc([12.0, 5.0], 2.0));
        assert!(a.contains_disc([5.0, 5.0], 5.0));
        assert!(!a.contains_disc([4.0, 5.0], 5.0));
    }

    #[test]
    fn short_names_in_a_roomy_area_are_whole_and_outward() {
        let items = named(
            "Bさん",
            &[
                (Ring::Micro, "母"),
                (Ring::Meso, "パン工房"),
                (Ring::Macro, "市役所"),
            ],
        );
        let a = area(0.0, 90.0, 1600.0, 700.0);
        let l = layout_names(&items, a, 1.0);
        check(&l, a).unwrap();
        assert_eq!(l.shortened(), 0);
        assert_eq!(l.items[0].at, a.centre());
        for p in &l.items[1..] {
            // Outward: a label in the upper half is above its disc, in the lower below.
            let above = p.label_rect.max[1] <= p.at[1];
            let upper = p.at[1] < l.centre[1];
            let side = p.label_rect.min[0] >= p.at[0] || p.label_rect.max[0] <= p.at[0];
            assert!(above == upper || side, "{p:?}");
        }
    }

    #[test]
    fn many_long_names_on_one_ring_stay_clear() {
        let long = "地域生活支援拠点(体験の部屋・緊急時の受け入れ)";
        for n in [1, 5, 12, 20, 30] {
            for ring in [Ring::Micro, Ring::Meso, Ring::Macro] {
                let rings: Vec<(Ring, &str)> = (0..n).map(|_| (ring, long)).collect();
                let items = named("一人暮らしの山田さん", &rings);
                for (w, h) in [(900.0, 300.0), (400.0, 300.0), (1600.0, 700.0)] {
                    for scale in [0.85, 1.0, 1.5] {
                        let a = area(0.0, 90.0, w, h);
                        let l = layout_names(&items, a, scale);
                        check(&l, a).unwrap_or_else(|e| panic!("{n} on {ring:?}, {w}×{h}: {e}"));
                        assert_eq!(l.items.len(), n + 1);
                        assert!(l.items.iter().all(|p| p.full == long || p.ring.is_none()));
                    }
                }
            }
        }
    }

    #[test]
    fn a_small_area_still_keeps_labels_apart() {
        let rings: Vec<(Ring, &str)> = (0..19)
            .map(|i| {
                let ring = [Ring::Micro, Ring::Meso, Ring::Macro][i % 3];
                (
                    ring,
                    "Community-living support hub (trial room, emergency stays)",
                )
            })
            .collect();
        let items = named("Ms Yamada of the city", &rings);
        for (w, h) in [(300.0, 200.0), (200.0, 120.0), (120.0, 80.0), (60.0, 60.0)] {
            for scale in [1.0, 1.5] {
                let a = area(10.0, 20.0, w, h);
                let l = layout_names(&items, a, scale);
                check(&l, a).unwrap_or_else(|e| panic!("{w}×{h} at {scale}: {e}"));
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_layout_and_one_more_item_moves_little() {
        let names = [
            "母",
            "父",
            "パン工房の森さん",
            "市の障害福祉課の担当者",
            "八百屋の松本さん",
            "施設で暮らす田中さん",
            "一人暮らしの山田さん",
            "町内のグループホーム",
        ];
        let rings: Vec<(Ring, &str)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| ([Ring::Micro, Ring::Meso, Ring::Macro][i % 3], *n))
            .collect();
        let a = area(0.0, 90.0, 990.0, 340.0);
        let all = named("Bさん", &rings);
        assert_eq!(layout_names(&all, a, 1.0), layout_names(&all, a, 1.0));
        // Adding the last item (on the meso ring) leaves the other rings' discs where they were
        // give or take a nudge.
        let before = layout_names(&all[..all.len() - 1], a, 1.0);
        let after = layout_names(&all, a, 1.0);
        for (b, c) in before.items.iter().zip(&after.items) {
            assert_eq!(b.item, c.item);
            if b.ring != Some(Ring::Meso) {
                let d = ((b.at[0] - c.at[0]).powi(2) + (b.at[1] - c.at[1]).powi(2)).sqrt();
                assert!(d < 80.0, "{} moved {d} px", b.full);
            }
        }
    }

    fn shipped() -> Vec<(String, Arc<Compiled>)> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        assert!(!files.is_empty());
        files
            .into_iter()
            .map(|p| {
                let checked = check_file(&p);
                let s = checked
                    .playable()
                    .cloned()
                    .unwrap_or_else(|| panic!("{} is not playable", p.display()));
                (p.file_name().unwrap().to_string_lossy().into_owned(), s)
            })
            .collect()
    }

    /// Every ring item of a scenario: all the cast but the person, all the resources.
    fn everything(s: &Compiled) -> Vec<Item> {
        let cast = (0..s.source.cast.len() as u32).map(Item::Character);
        let resources = (0..s.source.resources.len() as u32).map(Item::Resource);
        cast.chain(resources).filter(|&e| e != s.person).collect()
    }

    /// The free areas the play screen leaves (width, height, what), at y = 90.
    const AREAS: [(f32, f32, &str); 5] = [
        (900.0, 300.0, "1280×720 M"),
        (800.0, 250.0, "1280×720 XL"),
        (990.0, 340.0, "1366×768 M"),
        (880.0, 280.0, "1366×768 XL"),
        (1600.0, 700.0, "large"),
    ];

    /// The fullest map of every shipped scenario, in both languages, at text scale 1 and
    /// 1.5, in each free area: labels clear (guarantee 1), and at 1366×768 M no Japanese
    /// label cut to fewer than five characters. Run with `--nocapture` for the figures.
    #[test]
    fn shipped_scenarios_fullest_maps_keep_labels_clear() {
        let mut report = String::new();
        for (file, s) in shipped() {
            let revealed = everything(&s);
            for lang in [Lang::Ja, Lang::En] {
                for scale in [1.0, 1.5] {
                    for (w, h, what) in AREAS {
                        let a = area(0.0, 90.0, w, h);
                        let l = layout(&s, &revealed, a, scale, lang);
                        assert_eq!(l.items.len(), revealed.len() + 1);
                        check(&l, a)
                            .unwrap_or_else(|e| panic!("{file} {lang:?} ×{scale} {w}×{h}: {e}"));
                        let cut: Vec<usize> =
                            l.items.iter().filter_map(|p| kept(&p.label)).collect();
                        let empty = l.items.iter().filter(|p| p.label.is_empty()).count();
                        if lang == Lang::Ja && scale == 1.0 && what == "1366×768 M" {
                            assert!(
                                cut.iter().all(|&k| k >= 5),
                                "{file}: a Japanese label cut below 5 characters: {:?}",
                                l.items.iter().map(|p| &p.label).collect::<Vec<_>>()
                            );
                        }
                        report.push_str(&format!(
                            "{file:<26} {:<2} ×{scale:<3} {what:<12} {:>2} items, {:>2} shortened ({:>2} cut, shortest cut {}, {} empty)\n",
                            lang.code(),
                            l.items.len(),
                            l.shortened(),
                            cut.len(),
                            cut.iter().min().map_or("-".to_owned(), |k| k.to_string()),
                            empty,
                        ));
                    }
                }
            }
        }
        println!("{report}");
    }

    /// The labels of one map, for a look by hand:
    /// `cargo test --no-default-features --lib ecomap_layout::tests::print_one -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_one() {
        for (file, s) in shipped() {
            if file != "home-or-facility.ron" {
                continue;
            }
            let (w, h, scale, lang) = match std::env::var("CASE").as_deref() {
                Ok("xl") => (800.0, 250.0, 1.5, Lang::Ja),
                Ok("xlen") => (800.0, 250.0, 1.5, Lang::En),
                _ => (990.0, 340.0, 1.0, Lang::Ja),
            };
            let a = area(0.0, 90.0, w, h);
            let start = std::time::Instant::now();
            let runs = 200;
            let mut l = layout(&s, &everything(&s), a, scale, lang);
            for _ in 1..runs {
                l = layout(&s, &everything(&s), a, scale, lang);
            }
            println!("{:?} a layout", start.elapsed() / runs);
            let start = std::time::Instant::now();
            for _ in 0..runs {
                for p in &l.items {
                    let (forms, _) = label_forms(&p.full);
                    let w: f32 = forms.iter().map(|f| text_width(f, 13.0)).sum();
                    assert!(w > 0.0);
                }
            }
            println!(
                "{:?} of which the forms and their widths",
                start.elapsed() / runs
            );
            for p in &l.items {
                println!(
                    "{:>7.1} {:>6.1}  {:?} [{:.0},{:.0}–{:.0},{:.0}]  {}",
                    p.at[0],
                    p.at[1],
                    p.label,
                    p.label_rect.min[0],
                    p.label_rect.min[1],
                    p.label_rect.max[0],
                    p.label_rect.max[1],
                    p.full
                );
            }
        }
    }
}

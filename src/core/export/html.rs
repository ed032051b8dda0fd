//! The report drawn as one self-contained HTML page (no network, print friendly).

use std::fmt::Write as _;

use crate::core::debrief::Spread;

use super::document::{Block, Cell, Span};
use super::report::{Report, number};

/// Text safe in HTML, in elements and in attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A cell's spans as inline HTML.
fn spans(cell: &Cell) -> String {
    cell.iter()
        .map(|span| match span {
            Span::Text(s) => escape(s),
            Span::Strong(s) => format!("<strong>{}</strong>", escape(s)),
            Span::Code(s) => format!("<code>{}</code>", escape(s)),
            Span::Bar(share) => format!(
                "<span class=\"bar\" style=\"width:{:.0}px\"></span>",
                share.clamp(0.0, 1.0) * 80.0
            ),
        })
        .collect()
}

/// The page's style: readable on a projector, A4 pages when printed.
const STYLE: &str = "
body { font-family: \"BIZ UDPGothic\", \"Noto Sans JP\", \"Hiragino Sans\", \"Yu Gothic\", sans-serif;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.5; color: #111; }
h1 { border-bottom: 3px solid #2a6f97; }
h2 { border-bottom: 1px solid #2a6f97; margin-top: 2.5rem; }
h4 { margin-bottom: 0.3rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; vertical-align: top; text-align: left; }
th { background: #e8f1f6; }
code { font-size: 0.85em; background: #f3f3f3; padding: 0 0.2em; }
blockquote { margin: 0.3rem 0; padding-left: 0.8rem; border-left: 3px solid #ccc; color: #333; }
.bar { display: inline-block; height: 0.7rem; background: #2a6f97; margin-right: 0.3rem; }
.plots td { border: none; padding: 0.1rem 0.4rem; }
svg .box { fill: #cfe3ee; stroke: #2a6f97; }
svg .whisker, svg .median { stroke: #2a6f97; stroke-width: 2; }
svg .best { stroke: #c0392b; stroke-width: 2; stroke-dasharray: 3 2; }
svg .dot { fill: #111; opacity: 0.5; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-before: page; }
  tr, blockquote, .plots { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
  th { background: #eee; }
}
@page { size: A4; margin: 14mm; }
";

/// Box plots on one scale: whiskers min–max, box Q1–Q3, median, the best attainable
/// (dashed) and each trainee's value as a dot.
fn box_plots(r: &Report, spread: &[Spread]) -> String {
    let mut lo = 0f64;
    let mut hi = 1f64;
    for s in spread {
        for &v in &s.values {
            lo = lo.min(v as f64);
            hi = hi.max(v as f64);
        }
        if let Some(b) = s.best {
            hi = hi.max(b as f64);
        }
    }
    let (w, left) = (360.0, 6.0);
    let x = |v: f64| left + (v - lo) / (hi - lo) * (w - 2.0 * left);
    let mut out = String::from("<table class=\"plots\">");
    for s in spread {
        let Some(sum) = s.summary else { continue };
        let _ = write!(
            out,
            "<tr><td>{}</td><td><svg width=\"{w}\" height=\"22\" role=\"img\" aria-label=\"{}\">",
            escape(s.name.get(r.lang)),
            escape(s.name.get(r.lang))
        );
        let _ = write!(
            out,
            "<line class=\"whisker\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"11\" y2=\"11\"/>",
            x(sum.min),
            x(sum.max)
        );
        let _ = write!(
            out,
            "<rect class=\"box\" x=\"{:.1}\" y=\"4\" width=\"{:.1}\" height=\"14\"/>",
            x(sum.q1),
            (x(sum.q3) - x(sum.q1)).max(1.0)
        );
        let _ = write!(
            out,
            "<line class=\"median\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"3\" y2=\"19\"/>",
            x(sum.median)
        );
        if let Some(b) = s.best {
            let _ = write!(
                out,
                "<line class=\"best\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"0\" y2=\"22\"/>",
                x(b as f64)
            );
        }
        for &v in &s.values {
            let _ = write!(
                out,
                "<circle class=\"dot\" cx=\"{:.1}\" cy=\"11\" r=\"2\"/>",
                x(v as f64)
            );
        }
        out.push_str("</svg></td></tr>");
    }
    let _ = writeln!(
        out,
        "<tr><td></td><td>{} {} … {} ({})</td></tr></table>",
        r.tr("目盛り", "scale"),
        number(lo),
        number(hi),
        r.tr("破線: 到達可能な最高", "dashed: best attainable")
    );
    out
}

pub fn write(blocks: &[Block], r: &Report) -> String {
    let title = r.tr("振り返りレポート", "Debrief report");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        r.lang.code()
    );
    for b in blocks {
        match b {
            Block::Heading(level, cell) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", spans(cell));
            }
            Block::Para(cell) => {
                let _ = writeln!(out, "<p>{}</p>", spans(cell));
            }
            Block::Quote(s) => {
                let _ = writeln!(out, "<blockquote>{}</blockquote>", escape(s));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", spans(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table { head, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for h in head {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", spans(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::BoxPlots(spread) => out.push_str(&box_plots(r, spread)),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

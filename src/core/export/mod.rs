//! The exports for the class: the debrief report as Markdown or HTML, the decisions as CSV,
//! and xAPI statements for a learning record store. Pure functions, data in and text out:
//! the command line and the game write the files.

mod csv;
mod document;
mod html;
mod markdown;
mod report;
pub mod xapi;

pub use report::{Report, number, seconds};

/// The printable report in Markdown.
pub fn markdown(r: &Report) -> String {
    markdown::write(&document::build(r))
}

/// The same report as one self-contained HTML page (no network, print friendly).
pub fn html(r: &Report) -> String {
    html::write(&document::build(r), r)
}

/// One row per decision, for spreadsheets: RFC 4180, UTF-8 with a byte-order mark.
pub fn csv(r: &Report) -> String {
    csv::write(r)
}

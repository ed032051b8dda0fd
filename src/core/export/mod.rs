//! The exports for the class: the debrief report as Markdown or HTML, the decisions as CSV,
//! and xAPI statements for a learning record store. Pure functions, data in and text out:
//! the command line and the game write the files.

pub mod xapi;

//! The scenario as written and as compiled: the model, reading RON (with the hints for what an IME types), where each part is in the file, compiling ids to indices, the template.

pub mod compile;
pub mod ime;
pub mod load;
pub mod locate;
pub mod model;
pub mod template;

//! The user's data folder, where the game keeps its settings and session logs: shared by
//! the game and by the command line, which reads the language chosen in the game.

use std::path::PathBuf;

/// `TSUNAGU_HOME`, else `$XDG_DATA_HOME/tsunagu`, else `~/.local/share/tsunagu`, else
/// `.tsunagu` in the working folder.
pub fn data_home() -> PathBuf {
    std::env::var_os("TSUNAGU_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("tsunagu")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/tsunagu")))
        .unwrap_or_else(|| PathBuf::from(".tsunagu"))
}

/// The game's settings file.
pub fn settings_file() -> PathBuf {
    data_home().join("settings.ron")
}

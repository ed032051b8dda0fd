//! The data folder: session logs, settings, exports and the installation id. Each
//! platform's own place (`directories`): `~/.local/share/tsunagu` (or
//! `$XDG_DATA_HOME/tsunagu`) on Linux, `~/Library/Application Support/tsunagu` on macOS,
//! `%APPDATA%\tsunagu\data` on Windows; `TSUNAGU_HOME` wins over all of them.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use uuid::Uuid;

/// The data folder the game and the command line use.
pub fn home() -> PathBuf {
    choose_home(std::env::var_os("TSUNAGU_HOME"), platform_home())
}

/// The platform's data folder for tsunagu; none when the user has no home folder.
pub fn platform_home() -> Option<PathBuf> {
    ProjectDirs::from("", "", "tsunagu").map(|d| d.data_dir().to_owned())
}

/// `TSUNAGU_HOME` when set and not empty, else the platform's folder, else `.tsunagu` in
/// the working folder (a user without a home folder still gets somewhere to write).
pub fn choose_home(explicit: Option<OsString>, platform: Option<PathBuf>) -> PathBuf {
    explicit
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or(platform)
        .unwrap_or_else(|| PathBuf::from(".tsunagu"))
}

/// Where the game writes the class's exports.
pub fn exports(home: &Path) -> PathBuf {
    home.join("exports")
}

/// This installation's random id, created the first time it is asked for and kept in the
/// data folder: it keys the trainees' pseudonyms (`export::xapi::pseudonym`).
pub fn installation_id(home: &Path) -> io::Result<String> {
    let path = home.join("installation-id");
    if let Some(id) = read_id(&path)? {
        return Ok(id);
    }
    fs::create_dir_all(home)?;
    let id = Uuid::new_v4().simple().to_string();
    // `create_new`: if another process made one meanwhile, its id is the one kept.
    match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(mut f) => {
            f.write_all(format!("{id}\n").as_bytes())?;
            f.sync_all()?;
            Ok(id)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => read_id(&path)?.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: empty installation id", path.display()),
            )
        }),
        Err(e) => Err(e),
    }
}

/// The id in the file; none when there is no file. An empty file is an error: replacing
/// it would silently change every pseudonym.
fn read_id(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) if !text.trim().is_empty() => Ok(Some(text.trim().to_owned())),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: the installation id is empty; delete the file to make a new one",
                path.display()
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

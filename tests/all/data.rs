//! The data folder and the installation id behind the trainees' pseudonyms.

use std::ffi::OsString;
use std::path::PathBuf;

use tsunagu::core::data::{choose_home, installation_id, platform_home};
use tsunagu::core::export::xapi::pseudonym;

use crate::common::*;

#[test]
fn tsunagu_home_wins_then_the_platform_folder() {
    let platform = Some(PathBuf::from("/platform/tsunagu"));
    assert_eq!(
        choose_home(Some(OsString::from("/mine")), platform.clone()),
        PathBuf::from("/mine")
    );
    assert_eq!(
        choose_home(Some(OsString::new()), platform.clone()),
        PathBuf::from("/platform/tsunagu"),
        "an empty TSUNAGU_HOME is not set"
    );
    assert_eq!(
        choose_home(None, platform),
        PathBuf::from("/platform/tsunagu")
    );
    assert_eq!(choose_home(None, None), PathBuf::from(".tsunagu"));
}

#[cfg(target_os = "linux")]
#[test]
fn on_linux_the_platform_folder_is_the_xdg_data_folder() {
    let home = platform_home().expect("a home folder");
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let expected = match xdg {
        Some(d) => d.join("tsunagu"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap()).join(".local/share/tsunagu"),
    };
    assert_eq!(home, expected);
}

#[cfg(target_os = "macos")]
#[test]
fn on_macos_the_platform_folder_is_in_application_support() {
    let home = platform_home().expect("a home folder");
    assert!(
        home.ends_with("Library/Application Support/tsunagu"),
        "{home:?}"
    );
}

#[cfg(target_os = "windows")]
#[test]
fn on_windows_the_platform_folder_is_in_app_data() {
    let home = platform_home().expect("a home folder");
    assert!(home.ends_with(r"AppData\Roaming\tsunagu\data"), "{home:?}");
}

#[test]
fn the_installation_id_is_made_once_and_kept() {
    let dir = temp_dir("installation");
    let home = dir.join("a/home");
    let id = installation_id(&home).unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        std::fs::read_to_string(home.join("installation-id"))
            .unwrap()
            .trim(),
        id
    );
    assert_eq!(installation_id(&home).unwrap(), id, "read, not made again");
    let other = installation_id(&dir.join("b")).unwrap();
    assert_ne!(other, id, "another installation, another id");

    // An emptied file is not silently replaced: every pseudonym would change.
    std::fs::write(home.join("installation-id"), "\n").unwrap();
    let e = installation_id(&home).unwrap_err();
    assert!(
        e.to_string().contains("installation-id") && e.to_string().contains("empty"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_pseudonym_is_stable_on_one_installation_and_differs_on_another() {
    let p = pseudonym("installation-1", "佐藤");
    assert_eq!(p.len(), 12);
    assert!(p.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(pseudonym("installation-1", "佐藤"), p);
    assert_ne!(pseudonym("installation-2", "佐藤"), p);
    assert_ne!(pseudonym("installation-1", "鈴木"), p);
    assert!(!p.contains("佐藤"));
}

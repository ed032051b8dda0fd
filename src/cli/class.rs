//! The class link on the command line: `--lrs URL --class CODE` for `tsunagu run` (send)
//! and `tsunagu debrief` (read back). Credentials come from `TSUNAGU_LRS_USER` and
//! `TSUNAGU_LRS_PASSWORD`, so they stay out of shell history.

use std::path::Path;
use std::time::Duration;

use tsunagu::core::class::outbox::Outbox;
use tsunagu::core::class::settings::LrsSettings;
use tsunagu::lrs::{Client, Link, LinkStatus, Sender};

/// Settings from the flags and the environment; the message to print when they cannot be
/// used.
pub fn settings(
    endpoint: &str,
    class: Option<&str>,
    anonymise: bool,
) -> Result<LrsSettings, String> {
    let settings = LrsSettings {
        endpoint: endpoint.to_owned(),
        class: class.unwrap_or_default().to_owned(),
        anonymise,
        ..Default::default()
    }
    .with_env();
    settings.check().map_err(|e| e.to_string())?;
    Ok(settings)
}

/// The background sender for `outbox`: it starts at once on what earlier runs left.
pub fn start_sender(settings: &LrsSettings, outbox: &Path) -> Result<Sender, String> {
    let client = Client::new(settings).map_err(|e| e.to_string())?;
    Ok(Sender::start(client, Outbox::new(outbox)))
}

/// Sends what waits, for at most `wait`, and says on standard error how it went.
pub fn finish(sender: &Sender, outbox: &Path, wait: Duration) -> LinkStatus {
    let status = sender.flush(wait);
    let waiting = Outbox::new(outbox).len().unwrap_or(status.waiting);
    let link = match status.link {
        Link::Up => "up",
        Link::Down => "down",
        Link::Unknown => "not tried",
    };
    eprintln!(
        "class link {link}: {} statement(s) sent, {waiting} waiting in {}{}",
        status.sent,
        outbox.display(),
        if status.refused > 0 {
            format!(
                ", {} refused (kept in its `refused` folder)",
                status.refused
            )
        } else {
            String::new()
        }
    );
    if let Some(e) = &status.error {
        eprintln!("class link: {e}");
    }
    status
}

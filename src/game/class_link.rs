//! The class link in the game: a background sender for the outbox beside the session logs,
//! (re)started whenever the title screen's LRS settings change, and each decision of the
//! session being played queued as the export's statements. Nothing here waits for the
//! network: queuing writes a small file, the sending happens on the sender's thread, and
//! the screens read its status.

use std::path::PathBuf;

use bevy::prelude::*;

use super::flow::Playing;
use super::settings::{Dirs, Settings};
use crate::core::class::outbox::Outbox;
use crate::core::class::queue::SessionStatements;
use crate::core::class::settings::LrsSettings;
use crate::core::data;
use crate::core::export::xapi::XapiOptions;
use crate::core::log::SessionLog;
use crate::game::library::Library;
use crate::lrs::{Client, LinkStatus, Sender};

/// The class link as the screens see it.
#[derive(Resource, Default)]
pub struct ClassLink {
    sender: Option<Sender>,
    /// The settings the sender was started with (credentials from the environment too).
    started_with: Option<LrsSettings>,
    /// Why the link cannot start (bad settings), or why a session cannot be queued.
    pub problem: Option<String>,
    /// The session being queued: its log's path, and what has been queued of it.
    queue: Option<(PathBuf, SessionStatements)>,
}

impl ClassLink {
    pub fn is_on(&self) -> bool {
        self.sender.is_some()
    }

    /// The sender's status; `None` while the link is off.
    pub fn status(&self) -> Option<LinkStatus> {
        self.sender.as_ref().map(Sender::status)
    }

    /// Sends what waits, for at most `within` (tests, and the end of a scripted run).
    pub fn flush(&self, within: std::time::Duration) -> Option<LinkStatus> {
        self.sender.as_ref().map(|s| s.flush(within))
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ClassLink>().add_systems(
        Update,
        (follow_settings, queue_decisions)
            .chain()
            .after(super::flow::FlowSet::Apply),
    );
}

/// The outbox: beside the session logs.
pub fn outbox(dirs: &Dirs) -> Outbox {
    Outbox::beside(&dirs.sessions)
}

/// Starts, restarts or stops the sender when the LRS settings change.
fn follow_settings(settings: Res<Settings>, dirs: Res<Dirs>, mut link: ResMut<ClassLink>) {
    if !settings.is_changed() && link.started_with.is_some() {
        return;
    }
    let wanted = settings.lrs.clone().with_env();
    if link.started_with.as_ref() == Some(&wanted) {
        return;
    }
    link.sender = None;
    link.queue = None;
    link.problem = None;
    link.started_with = Some(wanted.clone());
    if !wanted.is_on() {
        return;
    }
    match Client::new(&wanted) {
        Ok(client) => link.sender = Some(Sender::start(client, outbox(&dirs))),
        Err(e) => link.problem = Some(e.to_string()),
    }
}

/// Queues the statements of the decisions made since the last frame.
fn queue_decisions(
    playing: Res<Playing>,
    settings: Res<Settings>,
    dirs: Res<Dirs>,
    library: Res<Library>,
    mut link: ResMut<ClassLink>,
) {
    let Some(play) = &playing.0 else { return };
    if !link.is_on() || !playing.is_changed() {
        return;
    }
    let path = &play.writer.path;
    if link.queue.as_ref().is_none_or(|(p, _)| p != path) {
        let Some(checked) = library.scenarios.iter().find(|c| c.path == play.source) else {
            return;
        };
        let pseudonym_key = if settings.lrs.anonymise {
            let home = dirs.sessions.parent().unwrap_or(&dirs.sessions);
            match data::installation_id(home) {
                Ok(id) => Some(id),
                Err(e) => {
                    link.problem = Some(format!("cannot pseudonymise, nothing is sent: {e}"));
                    return;
                }
            }
        } else {
            None
        };
        let options = XapiOptions {
            lang: play.writer.meta.lang,
            pseudonym_key,
            class: Some(settings.lrs.class.clone()),
        };
        link.queue = Some((
            path.clone(),
            SessionStatements::new(checked.clone(), options),
        ));
    }
    let link = &mut *link;
    let Some((path, statements)) = link.queue.as_mut() else {
        return;
    };
    // `Playing` counts as changed on most frames: the log is written only for a new
    // decision or an ending.
    if !statements.is_due(play.session.steps().len(), play.session.ended().is_some()) {
        return;
    }
    let log = SessionLog::of(&play.session, &play.writer.meta);
    match statements.queue(&log, path, &outbox(&dirs)) {
        Ok(0) => {}
        Ok(_) => {
            if let Some(sender) = &link.sender {
                sender.wake();
            }
        }
        Err(e) => link.problem = Some(e.to_string()),
    }
}

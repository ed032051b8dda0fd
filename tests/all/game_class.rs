//! The class link in the game, headless, against Ralph: a session played with the LRS set
//! sends every decision as the export writes it, and the instructor's debrief opens the
//! class from the LRS and sees it.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use tsunagu::core::class::outbox::Outbox;
use tsunagu::game::class_link::ClassLink;
use tsunagu::game::class_view::ClassView;
use tsunagu::game::flow::{Action, Playing, Screen};
use tsunagu::game::library::Library;
use tsunagu::game::screens::debrief::DebriefState;
use tsunagu::game::settings::{Dirs, Settings};
use tsunagu::lrs::Link;

use crate::common::{BEST, repo, temp_dir};
use crate::lrs::{exported, held};
use crate::ralph::{self, READER, WRITER};

#[test]
fn a_headless_game_sends_its_decisions_and_the_debrief_opens_the_class_from_the_lrs() {
    let Some(ralph) = ralph::shared("a_headless_game_sends_its_decisions") else {
        return;
    };
    let dir = temp_dir("game-class");
    let class = "game-day";
    let dirs = Dirs::at(&dir, vec![repo().join("scenarios")]);
    let library = Library::scan(&dirs.scenarios, &dirs.sessions);
    let index = library.find("first-meeting").expect("the sample is listed");
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(dirs)
        .insert_resource(Settings {
            trainee: "Hana".into(),
            lrs: ralph.settings(WRITER, class),
            ..Default::default()
        })
        .insert_resource(library)
        .add_plugins(tsunagu::game::logic_plugin);
    app.update();
    assert!(app.world().resource::<ClassLink>().is_on());
    app.world_mut().write_message(Action::ToSelect);
    app.update();
    app.world_mut().write_message(Action::Start(index));
    app.update();
    app.update();
    for id in BEST {
        let index = {
            let play = app.world().resource::<Playing>().0.as_ref().unwrap();
            play.session
                .option_texts()
                .find(|(_, c, _)| c == id)
                .unwrap()
                .0
        };
        app.world_mut().write_message(Action::Choose(index));
        app.update();
    }
    let status = app
        .world()
        .resource::<ClassLink>()
        .flush(Duration::from_secs(60))
        .unwrap();
    assert_eq!(
        (status.link, status.waiting, status.sent),
        (Link::Up, 0, BEST.len() + 1),
        "{status:?}"
    );
    assert_eq!(Outbox::beside(&dir.join("sessions")).len().unwrap(), 0);
    let mut want = exported(&dir, &dir.join("sessions"), class);
    want.sort_by_key(|s| s.id);
    assert_eq!(held(ralph, class), want, "sent as the export writes them");

    // The instructor's settings can read; the debrief opens the class and keeps it fresh.
    app.world_mut().resource_mut::<Settings>().lrs = ralph.settings(READER, class);
    app.world_mut().write_message(Action::OpenClass);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        app.update();
        let shown = app
            .world()
            .get_resource::<DebriefState>()
            .map_or(0, |s| s.debrief.played.len());
        if shown == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the class never arrived");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    let view = app.world().resource::<ClassView>();
    assert_eq!(
        (view.sessions, view.finished, view.problem.clone()),
        (1, 1, None)
    );
    let state = app.world().resource::<DebriefState>();
    assert_eq!(state.debrief.played[0].log.decisions.len(), BEST.len());
}

#[cfg(unix)]
#[test]
fn settings_with_a_password_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("game-settings-mode");
    let dirs = Dirs::at(&dir, vec![]);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(dirs.clone())
        .insert_resource(Settings::default())
        .insert_resource(Library::default())
        .add_plugins(tsunagu::game::logic_plugin);
    app.update();
    let mode = || {
        std::fs::metadata(&dirs.settings)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    // Made readable by others first, as an older version would have left it.
    app.world_mut().resource_mut::<Settings>().trainee = "Aoi".into();
    app.update();
    std::fs::set_permissions(&dirs.settings, std::fs::Permissions::from_mode(0o644)).unwrap();
    app.world_mut().resource_mut::<Settings>().lrs.password = "Secret-Pw-123".into();
    app.update();
    assert_eq!(mode(), 0o600);
    let saved = Settings::load(&dirs);
    assert_eq!(
        saved.lrs.password, "Secret-Pw-123",
        "kept for the next start"
    );
}

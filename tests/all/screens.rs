//! The screens through their real code, without a window: each screen is a function of an
//! egui context, driven here by key events alone (no pointer), and read through the
//! accessibility tree egui builds for screen readers (AccessKit).

use std::path::Path;

use bevy_egui::egui;
use egui::accesskit::{Live, Node, NodeId, Role, TreeUpdate};
use tsunagu::core::debrief::Debrief;
use tsunagu::core::model::Lang;
use tsunagu::core::validate::check_file;
use tsunagu::game::class_link::ClassLink;
use tsunagu::game::ecomap::{EcomapArea, EcomapView};
use tsunagu::game::flow::{Action, Play};
use tsunagu::game::library::Library;
use tsunagu::game::screens::debrief::{DebriefState, Tab};
use tsunagu::game::screens::play::PlayView;
use tsunagu::game::screens::title::TitleArea;
use tsunagu::game::screens::{debrief, play, results, select, title};
use tsunagu::game::settings::{Dirs, Settings};
use tsunagu::game::theme::{self, colour};

use crate::common::{BEST, repo, temp_dir};

/// An egui context as the game sets it up, at a window size, with AccessKit on.
struct Screen {
    ctx: egui::Context,
    size: egui::Vec2,
    /// The accessibility tree as it stands: every node egui has sent.
    nodes: Vec<(NodeId, Node)>,
    focus: Option<NodeId>,
}

impl Screen {
    fn new(w: f32, h: f32) -> Screen {
        let ctx = egui::Context::default();
        ctx.set_visuals(theme::visuals());
        ctx.enable_accesskit();
        Screen {
            ctx,
            size: egui::vec2(w, h),
            nodes: Vec::new(),
            focus: None,
        }
    }

    /// One frame with these input events; the actions the screen asked for in it.
    fn frame(
        &mut self,
        events: Vec<egui::Event>,
        mut draw: impl FnMut(&egui::Context, &mut Vec<Action>),
    ) -> Vec<Action> {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            events,
            ..Default::default()
        };
        let mut actions = Vec::new();
        let mut out = self.ctx.run_ui(input, |ui| {
            // egui may run a frame twice (to settle a layout): only the last pass counts.
            actions.clear();
            draw(ui.ctx(), &mut actions);
        });
        out.textures_delta.clear();
        if let Some(TreeUpdate { nodes, focus, .. }) = out.platform_output.accesskit_update {
            self.nodes = nodes;
            self.focus = Some(focus);
        }
        actions
    }

    /// Presses and releases a key, with modifiers.
    fn press(
        &mut self,
        key: egui::Key,
        modifiers: egui::Modifiers,
        draw: impl FnMut(&egui::Context, &mut Vec<Action>),
    ) -> Vec<Action> {
        let event = |pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        };
        self.frame(vec![event(true), event(false)], draw)
    }

    fn key(
        &mut self,
        key: egui::Key,
        draw: impl FnMut(&egui::Context, &mut Vec<Action>),
    ) -> Vec<Action> {
        self.press(key, egui::Modifiers::NONE, draw)
    }

    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|(i, _)| *i == id).map(|(_, n)| n)
    }

    /// What a screen reader says of a node: its label, its value, or the label of what
    /// labels it (a text field named by the text beside it).
    fn spoken(&self, node: &Node) -> String {
        node.label()
            .filter(|s| !s.is_empty())
            .or(node.value().filter(|s| !s.is_empty()))
            .map(str::to_owned)
            .or_else(|| {
                let by = node.labelled_by().first()?;
                self.node(*by)
                    .and_then(|n| n.value().or(n.label()).map(str::to_owned))
            })
            .unwrap_or_default()
    }

    /// What the focused widget is called, if a widget has the focus.
    fn focused(&self) -> Option<String> {
        let id = self.ctx.memory(|m| m.focused())?;
        let node = self.node(id.accesskit_id())?;
        Some(self.spoken(node))
    }

    /// Everything a screen reader can reach: role and words of every node.
    fn texts(&self) -> Vec<(Role, String)> {
        self.nodes
            .iter()
            .map(|(_, n)| (n.role(), self.spoken(n)))
            .collect()
    }

    fn find(&self, role: Role, words: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .map(|(_, n)| n)
            .find(|n| n.role() == role && self.spoken(n).contains(words))
    }

    /// Tabs until the focused widget's words contain `words`; panics after `limit` tabs.
    fn tab_to(
        &mut self,
        words: &str,
        limit: usize,
        mut draw: impl FnMut(&egui::Context, &mut Vec<Action>),
    ) -> Vec<String> {
        let mut seen = Vec::new();
        for _ in 0..limit {
            self.key(egui::Key::Tab, &mut draw);
            // The focus moves at the end of the frame the key came in: look after the next.
            self.frame(vec![], &mut draw);
            let now = self.focused().unwrap_or_default();
            seen.push(now.clone());
            if now.contains(words) {
                return seen;
            }
        }
        panic!("`{words}` never took the focus; the tab order was {seen:#?}");
    }
}

fn japanese() -> Settings {
    Settings {
        trainee: "佐藤".into(),
        ..Default::default()
    }
}

fn first_meeting(settings: &Settings, sessions: &Path) -> Play {
    let checked = check_file(&repo().join("scenarios/first-meeting.ron"));
    Play::start(&checked, settings, sessions, 0.0).expect("the sample plays")
}

/// Takes the choice with this id, as the flow does.
fn take(play: &mut Play, id: &str) {
    let index = play
        .session
        .option_texts()
        .find(|(_, c, _)| *c == id)
        .unwrap_or_else(|| panic!("`{id}` is open"))
        .0;
    play.last = play.session.choose(index, 1.0).unwrap();
}

#[test]
fn the_title_is_used_with_the_keyboard_alone() {
    let mut settings = Settings::default();
    let link = ClassLink::default();
    let mut area = TitleArea::default();
    let mut screen = Screen::new(1280.0, 720.0);
    let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
        title::show(ctx, &mut settings, &link, &mut area, actions)
    };
    screen.frame(vec![], &mut draw);
    // The name field, by the words beside it; typing fills it.
    screen.tab_to("お名前", 12, &mut draw);
    screen.frame(vec![egui::Event::Text("佐藤".into())], &mut draw);
    // The text size: Space takes the focused size.
    let order = screen.tab_to("特大", 12, &mut draw);
    assert!(
        order.iter().any(|w| w.contains("研修")),
        "the modes are on the way: {order:#?}"
    );
    screen.key(egui::Key::Space, &mut draw);
    screen.tab_to("動きを減らす", 6, &mut draw);
    screen.key(egui::Key::Space, &mut draw);
    // The class link's settings open from the keyboard too.
    screen.tab_to("クラス接続", 6, &mut draw);
    screen.key(egui::Key::Enter, &mut draw);
    screen.frame(vec![], &mut draw);
    screen.tab_to("LRS のアドレス", 6, &mut draw);
    screen.frame(
        vec![egui::Event::Text("http://lrs.test/xAPI".into())],
        &mut draw,
    );
    let start = {
        screen.tab_to("シナリオを選ぶ", 12, &mut draw);
        screen.key(egui::Key::Enter, &mut draw)
    };
    assert_eq!(start, vec![Action::ToSelect]);
    assert_eq!(settings.trainee, "佐藤");
    assert_eq!(settings.text_scale, 1.5);
    assert!(settings.reduced_motion);
    assert_eq!(settings.lrs.endpoint, "http://lrs.test/xAPI");
}

#[test]
fn the_title_starts_with_enter_and_says_what_the_game_is() {
    let mut settings = Settings::default();
    let link = ClassLink::default();
    let mut area = TitleArea::default();
    let mut screen = Screen::new(1366.0, 768.0);
    let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
        title::show(ctx, &mut settings, &link, &mut area, actions)
    };
    screen.frame(vec![], &mut draw);
    assert!(
        screen
            .find(Role::Label, "人と人、人と地域をつなぐ")
            .is_some(),
        "{:#?}",
        screen.texts()
    );
    assert_eq!(
        screen.key(egui::Key::Enter, &mut draw),
        vec![Action::ToSelect]
    );
    // The language switch is a key press away, and the screen's language follows it.
    screen.tab_to("English", 4, &mut draw);
    screen.key(egui::Key::Space, &mut draw);
    screen.frame(vec![], &mut draw);
    assert_eq!(settings.lang, Lang::En);
    let root = screen
        .node(egui::accesskit_root_id().accesskit_id())
        .unwrap();
    assert_eq!(root.language(), Some("en"));
    // The motif has the window's right side.
    let [x0, _, x1, _] = area.0.rect.expect("the title leaves room for the motif");
    assert!(x0 > 400.0 && x1 >= 1366.0 - 1.0, "{:?}", area.0.rect);
}

#[test]
fn the_select_screen_starts_and_resumes_from_the_keyboard_and_names_the_session() {
    let dir = temp_dir("screens-select");
    let dirs = Dirs::at(&dir, vec![repo().join("scenarios")]);
    // An unfinished session of the sample, two decisions in.
    let settings = japanese();
    let mut play = first_meeting(&settings, &dirs.sessions);
    for id in &BEST[..2] {
        take(&mut play, id);
    }
    play.writer.write(&play.session).unwrap();
    let library = Library::scan(&dirs.scenarios, &dirs.sessions);
    assert_eq!(library.resumable.len(), 1);
    let row = select::resume_row(&library, &library.resumable[0].1, Lang::Ja);
    assert!(row.starts_with("はじめての面談"), "{row}");
    assert!(row.contains("佐藤") && row.contains("UTC"), "{row}");
    assert!(row.contains("2手"), "{row}");
    let en = select::resume_row(&library, &library.resumable[0].1, Lang::En);
    assert!(en.contains("2 decisions, up to "), "{en}");
    assert!(!en.contains("first-meeting"), "the title, not the id: {en}");

    let mut s = settings.clone();
    let mut screen = Screen::new(1280.0, 720.0);
    let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
        select::show(ctx, &mut s, &library, false, &dirs, actions)
    };
    screen.frame(vec![], &mut draw);
    screen.tab_to("再開", 10, &mut draw);
    let resumed = screen.key(egui::Key::Enter, &mut draw);
    assert_eq!(
        resumed,
        vec![Action::Resume(library.resumable[0].0.clone())]
    );
    let index = library.find("type-a-work").unwrap();
    let title = library.scenarios[index]
        .playable()
        .unwrap()
        .source
        .title
        .get(Lang::Ja)
        .to_owned();
    screen.tab_to(&format!("はじめる — {title}"), 30, &mut draw);
    assert_eq!(
        screen.key(egui::Key::Space, &mut draw),
        vec![Action::Start(index)]
    );
    // Escape: back to the title, even from a focused button (egui lets go of the focus
    // first).
    assert_eq!(
        screen.key(egui::Key::Escape, &mut draw),
        vec![Action::ToTitle]
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn play_screen(
    screen: &mut Screen,
    s: &mut Settings,
    play: &mut Play,
    view: &mut PlayView,
    events: Vec<egui::Event>,
) -> Vec<Action> {
    let link = ClassLink::default();
    let mut area = EcomapArea::default();
    screen.frame(events, |ctx, actions| {
        play::show(ctx, s, play, view, false, &link, &mut area, actions)
    })
}

#[test]
fn the_play_screen_takes_choices_by_number_and_by_tab_and_keeps_keys_in_its_windows() {
    let dir = temp_dir("screens-play-keys");
    let mut s = japanese();
    let mut play = first_meeting(&s, &dir);
    let mut view = PlayView::default();
    let link = ClassLink::default();
    let mut area = EcomapArea::default();
    let mut screen = Screen::new(1280.0, 720.0);
    let options = play.session.options().to_vec();
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            play::show(
                ctx, &mut s, &mut play, &mut view, false, &link, &mut area, actions,
            )
        };
        screen.frame(vec![], &mut draw);
        assert_eq!(
            screen.key(egui::Key::Num2, &mut draw),
            vec![Action::Choose(options[1])]
        );
        // The first choice by Tab and Enter; it is read out with its number.
        screen.tab_to("1. ", 20, &mut draw);
        assert_eq!(
            screen.key(egui::Key::Enter, &mut draw),
            vec![Action::Choose(options[0])]
        );
        // The number keys still choose while a button has the focus.
        assert_eq!(
            screen.key(egui::Key::Num2, &mut draw),
            vec![Action::Choose(options[1])]
        );
    }
    // With the conversation graph open the number keys do not choose, and Escape closes it.
    view.graph = true;
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            play::show(
                ctx, &mut s, &mut play, &mut view, false, &link, &mut area, actions,
            )
        };
        screen.frame(vec![], &mut draw);
        assert!(screen.key(egui::Key::Num1, &mut draw).is_empty());
        screen.key(egui::Key::Escape, &mut draw);
    }
    assert!(!view.graph);
    // A notice is modal: the keys go to its OK, and Enter closes it.
    play.notice = Some("記録を書き込めません".into());
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            play::show(
                ctx, &mut s, &mut play, &mut view, false, &link, &mut area, actions,
            )
        };
        screen.frame(vec![], &mut draw);
        screen.frame(vec![], &mut draw);
        assert!(screen.key(egui::Key::Num1, &mut draw).is_empty());
        assert_eq!(screen.focused().as_deref(), Some("OK"));
        screen.key(egui::Key::Enter, &mut draw);
    }
    assert_eq!(play.notice, None);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_screen_reader_finds_the_line_each_choice_the_time_and_the_scores_on_the_play_screen() {
    let dir = temp_dir("screens-play-tree");
    let mut s = japanese();
    let mut play = first_meeting(&s, &dir);
    let mut view = PlayView::default();
    let mut screen = Screen::new(1280.0, 720.0);
    for id in &BEST[..3] {
        take(&mut play, id);
    }
    play_screen(&mut screen, &mut s, &mut play, &mut view, vec![]);
    // Each open choice is a button that says its number and its words.
    let sc = play.session.scenario().clone();
    for (n, (_, _, text)) in play.session.option_texts().enumerate() {
        let words = format!("{}. {}", n + 1, text.get(Lang::Ja));
        let button = screen.find(Role::Button, &words);
        assert!(button.is_some(), "`{words}` in {:#?}", screen.texts());
    }
    // The newest line is there, who then what, and is read out as it comes (a live region).
    let (speaker, text) = play
        .session
        .transcript()
        .iter()
        .rev()
        .find_map(|e| match *e {
            tsunagu::core::engine::Event::Line { speaker, text } => Some((speaker, text)),
            _ => None,
        })
        .unwrap();
    let line = tsunagu::core::engine::text_of(&sc, text).get(Lang::Ja);
    let who = tsunagu::core::transcript::speaker_name(&sc, speaker, Lang::Ja);
    let node = screen
        .find(Role::Label, &format!("{who}: {line}"))
        .unwrap_or_else(|| panic!("the line `{line}` in {:#?}", screen.texts()));
    assert_eq!(node.live(), Some(Live::Polite));
    // The coach's feedback on the last decision is read out too.
    assert!(
        screen
            .nodes
            .iter()
            .any(|(_, n)| n.live() == Some(Live::Polite) && screen.spoken(n).starts_with("コーチ")),
        "{:#?}",
        screen.texts()
    );
    // The time left, as words, read out.
    let clock = screen.find(Role::Label, "残り").expect("the time left");
    assert_eq!(clock.live(), Some(Live::Polite));
    // The running scores: each competency with its points.
    for c in &sc.competencies {
        let name = c.name.get(Lang::Ja);
        assert!(
            screen
                .nodes
                .iter()
                .any(|(_, n)| screen.spoken(n).contains(name)),
            "the score of {name} in {:#?}",
            screen.texts()
        );
    }
    // The ecomap as a list: who, which ring, which tie.
    view.tab = play::SideTab::Map;
    play_screen(&mut screen, &mut s, &mut play, &mut view, vec![]);
    let listed: Vec<String> = screen
        .texts()
        .into_iter()
        .filter(|(role, t)| *role == Role::Label && t.starts_with("・"))
        .map(|(_, t)| t)
        .collect();
    assert!(!listed.is_empty(), "{:#?}", screen.texts());
    assert!(
        listed.iter().all(
            |t| ["ミクロ", "メゾ", "マクロ"].iter().any(|r| t.contains(r))
                && (t.contains("つながり") || t.contains("関係"))
        ),
        "{listed:#?}"
    );
    let root = screen
        .node(egui::accesskit_root_id().accesskit_id())
        .unwrap();
    assert_eq!(root.language(), Some("ja"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_play_screen_keeps_choices_and_scores_on_screen_late_in_a_case_at_any_text_size() {
    let dir = temp_dir("screens-play-fit");
    for (w, h) in [(1280.0, 720.0), (1366.0, 768.0)] {
        for scale in [1.0, 1.5] {
            let mut s = Settings {
                text_scale: scale,
                ..japanese()
            };
            let mut play = first_meeting(&s, &dir);
            // Late in the case: the notes are full.
            for id in &BEST[..8] {
                take(&mut play, id);
            }
            let mut view = PlayView::default();
            let mut screen = Screen::new(w, h);
            screen.ctx.all_styles_mut(|style| {
                style.text_styles = [
                    (
                        egui::TextStyle::Small,
                        egui::FontId::proportional(12.0 * scale),
                    ),
                    (
                        egui::TextStyle::Body,
                        egui::FontId::proportional(17.0 * scale),
                    ),
                    (
                        egui::TextStyle::Button,
                        egui::FontId::proportional(17.0 * scale),
                    ),
                    (
                        egui::TextStyle::Heading,
                        egui::FontId::proportional(24.0 * scale),
                    ),
                    (
                        egui::TextStyle::Monospace,
                        egui::FontId::monospace(15.0 * scale),
                    ),
                ]
                .into();
            });
            let link = ClassLink::default();
            let mut area = EcomapArea::default();
            let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
                play::show(
                    ctx, &mut s, &mut play, &mut view, false, &link, &mut area, actions,
                )
            };
            for _ in 0..3 {
                screen.frame(vec![], &mut draw);
            }
            let inside = |words: &str, role: Role| {
                let node = screen
                    .find(role, words)
                    .unwrap_or_else(|| panic!("`{words}` at {w}×{h} ×{scale}"));
                let b = node.bounds().expect("laid out");
                assert!(
                    b.y1 <= h as f64 + 0.5 && b.y0 >= 0.0 && b.x1 <= w as f64 + 0.5,
                    "`{words}` at {w}×{h} ×{scale} lies outside the window: {b:?}"
                );
            };
            for (n, (_, _, text)) in play.session.option_texts().enumerate() {
                let first: String = text.get(Lang::Ja).chars().take(6).collect();
                inside(&format!("{}. {first}", n + 1), Role::Button);
            }
            for c in &play.session.scenario().competencies {
                inside(c.name.get(Lang::Ja), Role::ProgressIndicator);
            }
            // The map keeps room to be read.
            let [x0, y0, x1, y1] = area.rect.unwrap();
            assert!(
                x1 - x0 >= 500.0 && y1 - y0 >= 150.0,
                "the map's room at {w}×{h} ×{scale}: {:?}",
                area.rect
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_results_are_used_with_the_keyboard_and_the_ending_is_read_out() {
    let dir = temp_dir("screens-results");
    let mut s = japanese();
    let mut play = first_meeting(&s, &dir);
    for id in BEST {
        take(&mut play, id);
    }
    assert!(play.session.is_over());
    let mut screen = Screen::new(1280.0, 720.0);
    let mut draw =
        |ctx: &egui::Context, actions: &mut Vec<Action>| results::show(ctx, &mut s, &play, actions);
    screen.frame(vec![], &mut draw);
    let sc = play.session.scenario();
    let ending = &sc.source.nodes[play.session.ended().unwrap() as usize];
    let title = ending.ending.as_ref().unwrap().title.get(Lang::Ja);
    let node = screen.find(Role::Label, title).expect("the ending's title");
    assert_eq!(node.live(), Some(Live::Polite));
    // Each band says in words how it went, not in colour alone.
    assert!(
        screen.find(Role::Label, "% · 十分)").is_some(),
        "{:#?}",
        screen.texts()
    );
    screen.tab_to("シナリオ選択へ", 12, &mut draw);
    assert_eq!(
        screen.key(egui::Key::Enter, &mut draw),
        vec![Action::ToSelect]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_debrief_is_used_with_the_keyboard_tabs_steps_and_export() {
    let dir = temp_dir("screens-debrief");
    let s0 = japanese();
    let mut play = first_meeting(&s0, &dir);
    for id in BEST {
        take(&mut play, id);
    }
    play.writer.write(&play.session).unwrap();
    let scenarios = vec![check_file(&repo().join("scenarios/first-meeting.ron"))];
    let mut state = DebriefState::new(
        Debrief::open(&[play.writer.path.clone()], scenarios),
        dir.clone(),
    );
    let mut s = s0.clone();
    let mut area = EcomapArea::default();
    let mut view = EcomapView::default();
    let mut screen = Screen::new(1366.0, 768.0);
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            debrief::show(ctx, &mut s, &mut state, None, &mut area, &mut view, actions)
        };
        screen.frame(vec![], &mut draw);
        screen.tab_to("一人ずつ再生", 12, &mut draw);
        screen.key(egui::Key::Space, &mut draw);
    }
    assert_eq!(state.tab, Tab::Replay);
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            debrief::show(ctx, &mut s, &mut state, None, &mut area, &mut view, actions)
        };
        // Escape lets go of the focus; then the arrows step through the session.
        screen.key(egui::Key::Escape, &mut draw);
        screen.key(egui::Key::ArrowRight, &mut draw);
        screen.key(egui::Key::ArrowRight, &mut draw);
        screen.key(egui::Key::ArrowLeft, &mut draw);
    }
    assert_eq!(state.step, 1);
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            debrief::show(ctx, &mut s, &mut state, None, &mut area, &mut view, actions)
        };
        // The trainee's list and the step controls are reachable by Tab.
        screen.tab_to("受講者", 20, &mut draw);
        screen.tab_to("▶|", 10, &mut draw);
        screen.key(egui::Key::Enter, &mut draw);
        let exported = screen.press(egui::Key::E, egui::Modifiers::COMMAND, &mut draw);
        assert_eq!(exported, vec![Action::ExportDebrief]);
    }
    assert_eq!(state.step, state.replay.as_ref().unwrap().steps.len());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_colour_the_screens_give_text_keeps_wcag_aa_contrast() {
    let v = theme::visuals();
    let backgrounds = [
        ("panel", v.panel_fill),
        ("window", v.window_fill),
        ("field and striped rows", v.extreme_bg_color),
    ];
    let mut texts: Vec<(String, egui::Color32)> = colour::TEXT
        .iter()
        .map(|(n, c)| ((*n).to_owned(), *c))
        .collect();
    texts.extend([
        ("egui text".to_owned(), v.text_color()),
        ("egui weak".to_owned(), v.weak_text_color()),
        ("egui strong".to_owned(), v.strong_text_color()),
        ("egui disabled".to_owned(), v.disable(v.text_color())),
        ("egui warn".to_owned(), v.warn_fg_color),
        ("egui error".to_owned(), v.error_fg_color),
        ("egui link".to_owned(), v.hyperlink_color),
    ]);
    let mut failures = Vec::new();
    for (name, fg) in &texts {
        for (bg_name, bg) in backgrounds {
            let ratio = colour::contrast(*fg, bg);
            if ratio < 4.5 {
                failures.push(format!("{name} on {bg_name}: {ratio:.2}"));
            }
        }
    }
    // Text on widgets: buttons in each state, the selected tab, the current phase.
    for (state, w) in [
        ("inactive", &v.widgets.inactive),
        ("hovered", &v.widgets.hovered),
        ("active", &v.widgets.active),
        ("open", &v.widgets.open),
    ] {
        for bg in [w.bg_fill, w.weak_bg_fill] {
            let ratio = colour::contrast(w.text_color(), bg);
            if ratio < 4.5 {
                failures.push(format!("{state} widget text: {ratio:.2}"));
            }
        }
    }
    let selected = colour::contrast(v.selection.stroke.color, v.selection.bg_fill);
    if selected < 4.5 {
        failures.push(format!("selected: {selected:.2}"));
    }
    let phase = colour::contrast(egui::Color32::WHITE, colour::ACCENT);
    if phase < 4.5 {
        failures.push(format!("the current phase: {phase:.2}"));
    }
    let map = colour::contrast(colour::MAP_LABEL, colour::MAP_BACKGROUND);
    if map < 4.5 {
        failures.push(format!("the ecomap's labels: {map:.2}"));
    }
    // The focus ring is a mark, not text: 3:1 against what it surrounds.
    for (bg_name, bg) in backgrounds {
        let ring = colour::contrast(colour::FOCUS, bg);
        if ring < 3.0 {
            failures.push(format!("focus ring on {bg_name}: {ring:.2}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The measure itself: black on white is 21:1, a colour on itself 1:1.
    assert!((colour::contrast(egui::Color32::BLACK, egui::Color32::WHITE) - 21.0).abs() < 0.01);
    assert!((colour::contrast(colour::ACCENT, colour::ACCENT) - 1.0).abs() < 0.001);
}

#[test]
fn plurals_and_outcomes_are_words_of_the_language() {
    use tsunagu::game::screens::count;
    assert_eq!(count(Lang::En, 1, "点", "point", "points"), "1 point");
    assert_eq!(count(Lang::En, 2, "点", "point", "points"), "2 points");
    assert_eq!(count(Lang::En, 0, "点", "point", "points"), "0 points");
    assert_eq!(count(Lang::Ja, 1, "点", "point", "points"), "1点");
}

#[test]
fn the_debrief_goes_from_trainee_to_trainee_by_keyboard() {
    let dir = temp_dir("screens-debrief-trainee");
    let mut paths = Vec::new();
    for (name, steps) in [("佐藤", BEST.len()), ("鈴木", 3)] {
        let s = Settings {
            trainee: name.into(),
            ..Default::default()
        };
        let mut play = first_meeting(&s, &dir.join(name));
        for id in &BEST[..steps] {
            take(&mut play, id);
        }
        play.writer.write(&play.session).unwrap();
        paths.push(play.writer.path.clone());
    }
    let scenarios = vec![check_file(&repo().join("scenarios/first-meeting.ron"))];
    let mut state = DebriefState::new(Debrief::open(&paths, scenarios), dir.clone());
    state.tab = Tab::Replay;
    assert_eq!(
        state.debrief.played.len(),
        2,
        "{:?}",
        state.debrief.problems
    );
    let first = state.played;
    let mut s = japanese();
    let mut area = EcomapArea::default();
    let mut view = EcomapView::default();
    let mut screen = Screen::new(1366.0, 768.0);
    {
        let mut draw = |ctx: &egui::Context, actions: &mut Vec<Action>| {
            debrief::show(ctx, &mut s, &mut state, None, &mut area, &mut view, actions)
        };
        screen.frame(vec![], &mut draw);
        // The list of trainees is reached by Tab; Page Down and Page Up go through them.
        screen.tab_to("受講者", 20, &mut draw);
        screen.key(egui::Key::PageDown, &mut draw);
    }
    assert_eq!(state.step, 0, "a new session starts at its beginning");
    assert_ne!(state.played, first);
    let trainee = |state: &DebriefState| state.debrief.played[state.played].log.trainee.clone();
    assert_eq!(trainee(&state), "鈴木");
    screen.key(egui::Key::PageUp, |ctx, actions| {
        debrief::show(ctx, &mut s, &mut state, None, &mut area, &mut view, actions)
    });
    assert_eq!(trainee(&state), "佐藤");
    std::fs::remove_dir_all(&dir).ok();
}

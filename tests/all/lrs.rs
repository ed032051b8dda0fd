//! The class link against a real LRS (Ralph on loopback, `ralph.rs`): decisions sent as
//! they are made, an LRS that goes down and comes back, a restart with statements still in
//! the outbox, 30 trainees at once read back into the same debrief as their log files, and
//! every fault reported without losing a statement or showing the password.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tsunagu::core::class::outbox::Outbox;
use tsunagu::core::class::queue::{SessionStatements, statement_text};
use tsunagu::core::debrief::Debrief;
use tsunagu::core::engine::{Mode, Session};
use tsunagu::core::export::xapi::{Statement, XapiOptions, class_iri, logs_from_statements};
use tsunagu::core::export::{self, Report};
use tsunagu::core::log::{LogMeta, LogWriter, SessionLog, now_unix};
use tsunagu::core::model::Lang;
use tsunagu::core::validate::check_file;
use tsunagu::lrs::{Client, Link, Sender, read_class};

use super::common::{BEST, repo, temp_dir};
use super::ralph::{self, FakeLrs, READER, Ralph, WRITER};

fn first_meeting() -> PathBuf {
    repo().join("scenarios/first-meeting.ron")
}

/// `tsunagu` with a data folder of its own and the given LRS credentials.
fn tsunagu(home: &Path, (user, password): (&str, &str), args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args(args)
        .current_dir(repo())
        .env("TSUNAGU_HOME", home)
        .env("TSUNAGU_LRS_USER", user)
        .env("TSUNAGU_LRS_PASSWORD", password)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `tsunagu run` of the best path through first-meeting, its log in `logs/`, sent to `lrs`.
fn run_best(
    dir: &Path,
    lrs: &str,
    class: &str,
    who: (&str, &str),
    trainee: &str,
    wait: &str,
) -> (i32, String, String) {
    let log = dir.join("logs").join(format!("{trainee}.ron"));
    tsunagu(
        &dir.join("home"),
        who,
        &[
            "run",
            first_meeting().to_str().unwrap(),
            "--choices",
            &BEST.join(","),
            "--trainee",
            trainee,
            "--log",
            log.to_str().unwrap(),
            "--lrs",
            lrs,
            "--class",
            class,
            "--lrs-wait",
            wait,
        ],
    )
}

/// The export's statements for the logs in `logs` (`tsunagu debrief --format xapi`).
pub fn exported(dir: &Path, logs: &Path, class: &str) -> Vec<Statement> {
    let out = dir.join("export.json");
    let (code, _, err) = tsunagu(
        &dir.join("home"),
        ("", ""),
        &[
            "debrief",
            logs.to_str().unwrap(),
            "--format",
            "xapi",
            "--class",
            class,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// The class as the instructor reads it: tsunagu's statements, sorted by id.
pub fn held(ralph: &Ralph, class: &str) -> Vec<Statement> {
    let reader = Client::new(&ralph.settings(READER, class)).unwrap();
    let mut found: Vec<Statement> = reader
        .class_statements(&class_iri(class), None)
        .unwrap()
        .into_iter()
        .map(|v| serde_json::from_value(v).expect("a tsunagu statement"))
        .collect();
    found.sort_by_key(|s| s.id);
    found
}

fn waiting(outbox: &Path) -> usize {
    Outbox::new(outbox).len().unwrap()
}

#[test]
fn run_sends_every_decision_and_the_class_reads_back_as_its_logs() {
    let Some(ralph) = ralph::shared("run_sends_every_decision") else {
        return;
    };
    let dir = temp_dir("lrs-run");
    let (code, _, err) = run_best(&dir, &ralph.endpoint, "run-day", WRITER, "Aoi", "30");
    assert_eq!(code, 0, "{err}");
    let n = BEST.len() + 1;
    assert!(
        err.contains(&format!("class link up: {n} statement(s) sent, 0 waiting")),
        "{err}"
    );
    assert_eq!(waiting(&dir.join("logs/outbox")), 0);
    // What the LRS holds is what the export of the log writes.
    let mut want = exported(&dir, &dir.join("logs"), "run-day");
    want.sort_by_key(|s| s.id);
    assert_eq!(held(ralph, "run-day"), want);
    // The instructor's debrief from the LRS is the debrief of the log file.
    let report = |source: &[&str]| {
        let out = dir.join("report.csv");
        let mut args = vec!["debrief"];
        args.extend(source);
        args.extend(["--format", "csv", "--out", out.to_str().unwrap()]);
        let (code, _, err) = tsunagu(&dir.join("home"), READER, &args);
        assert_eq!(code, 0, "{err}");
        (std::fs::read_to_string(out).unwrap(), err)
    };
    let (from_lrs, err) = report(&["--lrs", &ralph.endpoint, "--class", "run-day"]);
    assert!(
        err.contains(&format!(
            "class run-day: {n} statement(s), 1 session(s), 1 finished"
        )),
        "{err}"
    );
    let (from_files, _) = report(&[dir.join("logs").to_str().unwrap()]);
    assert_eq!(from_lrs, from_files);
    assert!(from_lrs.lines().count() > BEST.len(), "{from_lrs}");
}

#[test]
fn a_statement_sent_during_play_is_byte_for_byte_the_exports() {
    let fake = FakeLrs::start(200, "[]");
    let dir = temp_dir("lrs-bytes");
    let (code, _, err) = run_best(&dir, &fake.endpoint, "bytes", WRITER, "Aoi", "10");
    assert_eq!(code, 0, "{err}");
    let sent: Vec<String> = fake.received.lock().unwrap().clone();
    let sent: Vec<&str> = sent
        .iter()
        .map(|body| {
            body.strip_prefix('[')
                .and_then(|b| b.strip_suffix(']'))
                .expect("an array")
        })
        .collect();
    let want: Vec<String> = exported(&dir, &dir.join("logs"), "bytes")
        .iter()
        .map(statement_text)
        .collect();
    assert_eq!(sent.join(","), want.join(","));
}

/// One decision of a session at a time, queued and sent as the game does.
struct Player {
    session: Session,
    meta: LogMeta,
    statements: SessionStatements,
    outbox: Outbox,
    log: PathBuf,
}

impl Player {
    fn new(dir: &Path, trainee: &str, class: &str, seed: u64) -> Player {
        let checked = check_file(&first_meeting());
        let session = Session::new(checked.playable().unwrap().clone(), seed, Mode::Training);
        Player {
            session,
            meta: LogMeta {
                scenario_hash: checked.hash.clone(),
                lang: Lang::Ja,
                trainee: trainee.into(),
                started: now_unix(),
            },
            statements: SessionStatements::new(
                checked,
                XapiOptions {
                    lang: Lang::Ja,
                    pseudonym_key: None,
                    class: Some(class.into()),
                },
            ),
            outbox: Outbox::new(dir.join("outbox")),
            log: dir.join("logs").join(format!("{trainee}.ron")),
        }
    }

    /// Takes the choice and queues its statement (the log is written first, as in play).
    fn decide(&mut self, pick: impl FnOnce(&Session) -> u32, sender: &Sender) {
        let index = pick(&self.session);
        self.session.choose(index, 2.5).unwrap();
        let writer = LogWriter {
            path: self.log.clone(),
            meta: self.meta.clone(),
        };
        writer.write(&self.session).unwrap();
        self.statements
            .queue(
                &SessionLog::of(&self.session, &self.meta),
                &self.log,
                &self.outbox,
            )
            .unwrap();
        sender.wake();
    }

    fn decide_id(&mut self, id: &str, sender: &Sender) {
        let node = self.session.node_id().to_owned();
        let s = self.session.scenario().clone();
        let n = s.source.nodes.iter().position(|n| n.id == node).unwrap();
        let index = s.source.nodes[n]
            .choices
            .iter()
            .position(|c| c.id == id)
            .unwrap() as u32;
        self.decide(|_| index, sender);
    }
}

#[test]
fn the_lrs_stops_mid_session_and_the_game_restarts_yet_every_decision_arrives_once() {
    let Some(mut ralph) = ralph::own("the_lrs_stops_mid_session", "ralph-restart") else {
        return;
    };
    let dir = temp_dir("lrs-restart");
    let class = "restart-day";
    let mut player = Player::new(&dir, "Ren", class, 7);
    let start = |ralph: &Ralph| {
        Sender::start(
            Client::new(&ralph.settings(WRITER, class)).unwrap(),
            player_outbox(&dir),
        )
    };
    let sender = start(&ralph);
    for id in &BEST[..3] {
        player.decide_id(id, &sender);
    }
    let status = sender.flush(Duration::from_secs(30));
    assert_eq!(
        (status.link, status.waiting, status.sent),
        (Link::Up, 0, 3),
        "{status:?}"
    );

    ralph.stop();
    for id in &BEST[3..7] {
        player.decide_id(id, &sender);
    }
    let status = sender.flush(Duration::from_secs(2));
    assert_eq!(status.link, Link::Down, "{status:?}");
    let error = status.error.unwrap();
    assert!(
        error.contains("cannot be reached") && error.contains(&ralph.endpoint),
        "{error}"
    );
    assert_eq!(
        waiting(&dir.join("outbox")),
        4,
        "kept while the LRS is down"
    );

    // The game closes with four statements unsent; the LRS comes back; the game starts again.
    drop(sender);
    ralph.restart();
    let sender = start(&ralph);
    for id in &BEST[7..] {
        player.decide_id(id, &sender);
    }
    let status = sender.flush(Duration::from_secs(60));
    assert_eq!((status.waiting, status.refused), (0, 0), "{status:?}");
    assert_eq!(
        status.sent,
        BEST.len() - 3 + 1,
        "the four left over, the rest, the ending"
    );
    assert_eq!(waiting(&dir.join("outbox")), 0);

    // Every decision once, and the session rebuilt as it was played.
    let found = held(&ralph, class);
    assert_eq!(found.len(), BEST.len() + 1);
    let logs = logs_from_statements(&found).unwrap();
    assert_eq!(logs.len(), 1);
    let local = SessionLog::load(&player.log).unwrap();
    assert_eq!(logs[0].1.decisions, local.decisions);
    assert_eq!(logs[0].1.ending, local.ending);
}

fn player_outbox(dir: &Path) -> Outbox {
    Outbox::new(dir.join("outbox"))
}

#[test]
fn thirty_trainees_at_once_give_the_class_debrief_of_their_logs() {
    let Some(ralph) = ralph::shared("thirty_trainees_at_once") else {
        return;
    };
    let dir = temp_dir("lrs-thirty");
    let class = "thirty";
    let threads: Vec<_> = (0..30u64)
        .map(|k| {
            let dir = dir.join(format!("pc-{k}"));
            let settings = ralph.settings(WRITER, class);
            std::thread::spawn(move || {
                let mut player = Player::new(&dir, &format!("trainee-{k:02}"), class, k);
                let sender = Sender::start(Client::new(&settings).unwrap(), player_outbox(&dir));
                // A different path per trainee: option `k + step` of those open.
                let mut step = 0u64;
                while player.session.ended().is_none() {
                    player.decide(
                        |s| s.options()[((k + step) % s.options().len() as u64) as usize],
                        &sender,
                    );
                    step += 1;
                    assert!(step < 200, "a session ends");
                }
                let status = sender.flush(Duration::from_secs(120));
                assert_eq!((status.waiting, status.refused), (0, 0), "{status:?}");
                player.log
            })
        })
        .collect();
    let logs: Vec<PathBuf> = threads.into_iter().map(|t| t.join().unwrap()).collect();

    let scenarios = || vec![check_file(&first_meeting())];
    let reader = Client::new(&ralph.settings(READER, class)).unwrap();
    let read = read_class(&reader, class, None).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!((read.logs.len(), read.finished()), (30, 30));
    let from_lrs = Debrief::from_logs(read.logs, scenarios());
    let from_files = Debrief::open(&logs, scenarios());
    assert_eq!(from_lrs.played.len(), 30);
    let csv_of = |d: &Debrief| export::csv(&Report::new(d, Lang::Ja, false));
    assert_eq!(csv_of(&from_lrs), csv_of(&from_files));
    assert_eq!(from_lrs.groups(), from_files.groups());
}

#[test]
fn faults_are_reported_and_lose_nothing_and_never_show_the_password() {
    let Some(ralph) = ralph::shared("faults_are_reported") else {
        return;
    };
    let server_error = FakeLrs::start(500, r#"{"detail":"database on fire"}"#);
    let garbage = FakeLrs::start(200, "<html>welcome to the captive portal</html>");
    let tls = ralph.endpoint.replace("http://", "https://");
    let wrong = (WRITER.0, "Wrong-Password-Sekret-42");
    let cases: [(&str, &str, (&str, &str), &str); 4] = [
        (
            "wrong",
            &ralph.endpoint,
            wrong,
            "refused the user name or password (HTTP 401)",
        ),
        (
            "500",
            &server_error.endpoint,
            WRITER,
            "HTTP 500: {\"detail\":\"database on fire\"}",
        ),
        (
            "garbage",
            &garbage.endpoint,
            WRITER,
            "not what an xAPI LRS sends",
        ),
        ("tls", &tls, WRITER, "secure connection failed"),
    ];
    let n = BEST.len() + 1;
    let mut left_over = PathBuf::new();
    for (name, endpoint, who, said) in cases {
        let dir = temp_dir(&format!("lrs-fault-{name}"));
        if name == "wrong" {
            left_over = dir.clone();
        }
        let (code, out, err) = run_best(&dir, endpoint, "faults", who, "Mio", "2");
        assert_eq!(code, 0, "{name}: the run itself goes on\n{err}");
        assert!(err.contains(said), "{name}: {err}");
        assert!(err.contains(&format!("{n} waiting")), "{name}: {err}");
        assert_eq!(waiting(&dir.join("logs/outbox")), n, "{name}: nothing lost");
        let mut everything = out + &err;
        for file in walk(&dir) {
            everything.push_str(&String::from_utf8_lossy(&std::fs::read(file).unwrap()));
        }
        assert!(
            !everything.contains(who.1),
            "{name}: the password was written somewhere"
        );
    }
    assert!(
        held(ralph, "faults").is_empty(),
        "the wrong password stored nothing"
    );

    // With the right password, the next run sends its own session and what the failed one left.
    let (code, _, err) = run_best(&left_over, &ralph.endpoint, "faults", WRITER, "Sora", "30");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{} statement(s) sent, 0 waiting", 2 * n)),
        "{err}"
    );
    assert_eq!(held(ralph, "faults").len(), 2 * n);
}

#[test]
fn a_trainee_pc_can_write_but_not_read_the_class() {
    let Some(ralph) = ralph::shared("a_trainee_pc_can_write_but_not_read") else {
        return;
    };
    let dir = temp_dir("lrs-scopes");
    let (code, _, err) = tsunagu(
        &dir.join("home"),
        WRITER,
        &[
            "debrief",
            "--lrs",
            &ralph.endpoint,
            "--class",
            "any",
            "--format",
            "csv",
            "--out",
            "-",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("refused the user name or password"), "{err}");
    assert!(!err.contains(WRITER.1), "{err}");
}

#[test]
fn bad_settings_are_refused_before_anything_is_sent() {
    let dir = temp_dir("lrs-settings");
    for (endpoint, class, said) in [
        (
            "lrs.example/xAPI",
            "a",
            "expected a URL starting with http:// or https://",
        ),
        ("https://user:pw@lrs.example/xAPI", "a", "not in the URL"),
        (
            "https://lrs.example/xAPI",
            "two words",
            "class code `two words`",
        ),
    ] {
        let (code, _, err) = run_best(&dir, endpoint, class, WRITER, "Aoi", "1");
        assert_eq!(code, 2, "{endpoint}: {err}");
        assert!(err.contains(said), "{endpoint}: {err}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Figures, not a test: `cargo test --release --test all lrs::bench -- --ignored
/// --nocapture`. Statements per second sent from one PC's outbox, and the time to read back
/// a class of 60 trainees with four sessions of first-meeting each (240 sessions on paths
/// of their own: about 2,200 statements, some 60 × 35 decisions).
#[test]
#[ignore]
fn bench_send_rate_and_class_read_back() {
    let Some(ralph) = ralph::own("bench", "ralph-bench") else {
        return;
    };
    let dir = temp_dir("lrs-bench");
    let class = "bench";
    let checked = check_file(&first_meeting());
    let outbox = player_outbox(&dir);
    let queue_started = std::time::Instant::now();
    for k in 0..60u64 {
        for attempt in 0..4u64 {
            let seed = k * 4 + attempt;
            let mut session =
                Session::new(checked.playable().unwrap().clone(), seed, Mode::Training);
            let meta = LogMeta {
                scenario_hash: checked.hash.clone(),
                lang: Lang::Ja,
                trainee: format!("trainee-{k:02}"),
                started: 1_790_000_000 + seed,
            };
            let mut statements = SessionStatements::new(
                checked.clone(),
                XapiOptions {
                    lang: Lang::Ja,
                    pseudonym_key: None,
                    class: Some(class.into()),
                },
            );
            let mut step = 0u64;
            while session.ended().is_none() {
                let options = session.options();
                let index = options[((seed + step) % options.len() as u64) as usize];
                session.choose(index, 3.0).unwrap();
                step += 1;
                let log = SessionLog::of(&session, &meta);
                statements.queue(&log, &dir.join("x.ron"), &outbox).unwrap();
            }
        }
    }
    let queued = outbox.len().unwrap();
    let queue_time = queue_started.elapsed();
    let sender = Sender::start(
        Client::new(&ralph.settings(WRITER, class)).unwrap(),
        player_outbox(&dir),
    );
    let started = std::time::Instant::now();
    let status = sender.flush(Duration::from_secs(600));
    let send_time = started.elapsed();
    assert_eq!(status.waiting, 0, "{status:?}");
    let reader = Client::new(&ralph.settings(READER, class)).unwrap();
    let started = std::time::Instant::now();
    let read = read_class(&reader, class, None).unwrap();
    let read_time = started.elapsed();
    assert_eq!(read.statements, queued);
    assert_eq!(read.logs.len(), 240);
    println!(
        "queued {queued} statements in {:.2} s ({:.0}/s, written to the outbox)",
        queue_time.as_secs_f64(),
        queued as f64 / queue_time.as_secs_f64()
    );
    println!(
        "sent {queued} statements in {:.2} s: {:.0} statements/s from one PC",
        send_time.as_secs_f64(),
        queued as f64 / send_time.as_secs_f64()
    );
    println!(
        "read back {} statements, 240 sessions of 60 trainees, in {:.2} s",
        read.statements,
        read_time.as_secs_f64()
    );
}

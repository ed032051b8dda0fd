//! A real xAPI LRS for the tests: Ralph (PyPI `ralph-malph`, file-system backend) on a free
//! loopback port, one shared by every test of the run and stopped when the test binary
//! exits; a test that must stop and restart its LRS starts one of its own. Ralph is found
//! through `TSUNAGU_RALPH` (its `bin/ralph`) or `~/.cache/tsunagu/ralph/bin/ralph`; where
//! it is not installed the LRS tests say they were skipped, unless `TSUNAGU_REQUIRE_LRS=1`
//! (CI), where that is a failure.
//!
//! Also a fake LRS (a plain TCP server) that answers what a test tells it to: a 500, or
//! garbage, and records what it was sent.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tsunagu::core::class::settings::LrsSettings;
use tsunagu::lrs::Client;

use super::common::temp_dir;

/// The trainees' PCs: may write statements, not read them.
pub const WRITER: (&str, &str) = ("trainee-pc", "wr1te-0nly-Secret-7Qx");
/// The instructor: may read the class.
pub const READER: (&str, &str) = ("instructor", "r3ad-Class-Secret-9Zk");

pub struct Ralph {
    pub endpoint: String,
    dir: PathBuf,
    port: u16,
    bin: PathBuf,
    /// A shell that runs Ralph and stops it when its standard input closes: when the
    /// test binary exits, however it exits.
    guard: Option<Child>,
}

fn ralph_bin() -> Option<PathBuf> {
    let bin = std::env::var_os("TSUNAGU_RALPH")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/tsunagu/ralph/bin/ralph"))
        })?;
    bin.is_file().then_some(bin)
}

/// The shared Ralph, started on first use; `None` (and a line saying the test was
/// skipped) where Ralph is not installed.
pub fn shared(test: &str) -> Option<&'static Ralph> {
    static RALPH: OnceLock<Option<Ralph>> = OnceLock::new();
    let ralph = RALPH
        .get_or_init(|| ralph_bin().map(|bin| Ralph::start(bin, "ralph-shared")))
        .as_ref();
    if ralph.is_none() {
        skipped(test);
    }
    ralph
}

/// A Ralph of the test's own (to stop and restart); `None` where Ralph is not installed.
pub fn own(test: &str, name: &str) -> Option<Ralph> {
    let ralph = ralph_bin().map(|bin| Ralph::start(bin, name));
    if ralph.is_none() {
        skipped(test);
    }
    ralph
}

fn skipped(test: &str) {
    assert!(
        std::env::var("TSUNAGU_REQUIRE_LRS").as_deref() != Ok("1"),
        "{test}: Ralph is not installed but TSUNAGU_REQUIRE_LRS=1 (set TSUNAGU_RALPH to its bin/ralph)"
    );
    eprintln!("skipped {test}: Ralph is not installed (see README, \"A class on many PCs\")");
}

/// A loopback port nothing listens on at the moment.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The two accounts, made once per test run (each `ralph auth` takes seconds) and copied
/// into each Ralph's folder.
fn auth_file(bin: &Path) -> &'static str {
    static AUTH: OnceLock<String> = OnceLock::new();
    AUTH.get_or_init(|| {
        let dir = temp_dir("ralph-auth");
        for ((user, password), scope) in [(WRITER, "statements/write"), (READER, "statements/read")]
        {
            let out = Command::new(bin)
                .args(["auth", "-u", user, "-p", password, "-s", scope, "-A", user])
                .arg("https://tsunagu.example")
                .arg("-w")
                .env("RALPH_APP_DIR", &dir)
                .env("RALPH_RUNSERVER_BACKEND", "fs")
                .current_dir(&dir)
                .output()
                .expect("ralph auth runs");
            assert!(
                out.status.success(),
                "ralph auth: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::read_to_string(dir.join("auth.json")).expect("ralph auth wrote auth.json")
    })
}

/// Ralph's app with its file-system backend appending (`scripts/ralph_fs_serve.py` says
/// why: Ralph 5.1.0's refuses every POST after the first).
const SERVE: &str = include_str!("../../scripts/ralph_fs_serve.py");

impl Ralph {
    fn start(bin: PathBuf, name: &str) -> Ralph {
        let dir = temp_dir(name);
        std::fs::write(dir.join("auth.json"), auth_file(&bin)).unwrap();
        let port = free_port();
        let mut ralph = Ralph {
            endpoint: format!("http://127.0.0.1:{port}/xAPI"),
            dir,
            port,
            bin,
            guard: None,
        };
        ralph.run();
        ralph
    }

    fn run(&mut self) {
        let log = std::fs::File::create(self.dir.join("ralph.log")).unwrap();
        std::fs::write(self.dir.join("serve.py"), SERVE).unwrap();
        let python = self.bin.with_file_name("python");
        let guard = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" serve.py "$1" & pid=$!; cat >/dev/null; kill $pid; wait $pid"#)
            .arg(python)
            .arg(self.port.to_string())
            .env("RALPH_APP_DIR", &self.dir)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .env(
                "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH",
                self.dir.join("data"),
            )
            .env("RALPH_LRS_RESTRICT_BY_SCOPES", "true")
            .env("RALPH_LRS_RESTRICT_BY_AUTHORITY", "true")
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("sh runs");
        self.guard = Some(guard);
        let reader = Client::new(&self.settings(READER, "ready")).unwrap();
        let deadline = Instant::now() + Duration::from_secs(90);
        while let Err(e) = reader.statements(Some("2999-01-01T00:00:00+00:00")) {
            assert!(
                Instant::now() < deadline,
                "Ralph did not start within 90 s: {e}\n{}",
                std::fs::read_to_string(self.dir.join("ralph.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Stops Ralph (its statements stay on disk).
    pub fn stop(&mut self) {
        if let Some(mut guard) = self.guard.take() {
            drop(guard.stdin.take());
            guard.wait().unwrap();
        }
    }

    /// Starts it again on the same port, with the statements it held.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    pub fn settings(&self, (user, password): (&str, &str), class: &str) -> LrsSettings {
        LrsSettings {
            endpoint: self.endpoint.clone(),
            user: user.into(),
            password: password.into(),
            class: class.into(),
            anonymise: false,
        }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A server that answers every request with `status` and `body`, and keeps the bodies
/// of the requests it was sent.
pub struct FakeLrs {
    pub endpoint: String,
    pub received: Arc<Mutex<Vec<String>>>,
}

impl FakeLrs {
    pub fn start(status: u16, body: &'static str) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let keep = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(request) = answer(stream, status, body) {
                    keep.lock().unwrap().push(request);
                }
            }
        });
        FakeLrs {
            endpoint: format!("http://127.0.0.1:{port}/xAPI"),
            received,
        }
    }
}

/// Reads one request (headers, then `Content-Length` bytes) and answers it.
fn answer(stream: TcpStream, status: u16, body: &str) -> Option<String> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let lower = line.to_ascii_lowercase();
        if let Some(n) = lower.strip_prefix("content-length:") {
            length = n.trim().parse().ok()?;
        }
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut content = vec![0; length];
    reader.read_exact(&mut content).ok()?;
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    Some(String::from_utf8_lossy(&content).into_owned())
}

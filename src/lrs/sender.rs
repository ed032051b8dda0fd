//! Empties the outbox into the LRS on a thread of its own: oldest first, in batches, each
//! statement removed only once the LRS has acknowledged it, and retried with backoff while
//! the LRS cannot be reached. The game and `tsunagu run` queue statements and wake it; they
//! read its status (link up or down, how many wait) without ever waiting on the network.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use super::client::{BATCH, Client};
use super::error::LrsError;
use crate::core::class::backoff;
use crate::core::class::outbox::{Outbox, OutboxError, Pending};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Link {
    /// Nothing has been tried yet.
    #[default]
    Unknown,
    /// The last request reached the LRS and was accepted.
    Up,
    /// The last request failed: see `LinkStatus::error`.
    Down,
}

/// What the play screen and the command line show of the class link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkStatus {
    pub link: Link,
    /// Statements in the outbox at the last look.
    pub waiting: usize,
    /// Statements the LRS acknowledged since the sender started.
    pub sent: usize,
    /// Statements the LRS refused for good, moved to `outbox/refused/`.
    pub refused: usize,
    /// The last failure, in words (never with the password).
    pub error: Option<String>,
    /// Times the sender found the outbox empty: `flush` waits for this to move on.
    emptied: u64,
}

enum Wake {
    /// Statements were queued, or someone waits: try now, whatever the backoff.
    Now,
    Stop,
}

struct Shared {
    status: Mutex<LinkStatus>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, LinkStatus> {
        // A panic on the sender thread leaves a status still worth reading.
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update(&self, f: impl FnOnce(&mut LinkStatus)) {
        f(&mut self.lock());
        self.changed.notify_all();
    }
}

/// The background sender. Dropping it stops the thread after its current request; what is
/// not yet acknowledged stays in the outbox for the next run.
pub struct Sender {
    shared: Arc<Shared>,
    wake: mpsc::Sender<Wake>,
}

impl Sender {
    pub fn start(client: Client, outbox: Outbox) -> Sender {
        let shared = Arc::new(Shared {
            status: Mutex::new(LinkStatus::default()),
            changed: Condvar::new(),
        });
        let (wake, rx) = mpsc::channel();
        let worker = Worker {
            client,
            outbox,
            shared: shared.clone(),
        };
        thread::Builder::new()
            .name("tsunagu-lrs".into())
            .spawn(move || worker.run(&rx))
            .expect("a thread can be started");
        Sender { shared, wake }
    }

    /// Statements were queued: send them now.
    pub fn wake(&self) {
        let _ = self.wake.send(Wake::Now);
    }

    pub fn status(&self) -> LinkStatus {
        self.shared.lock().clone()
    }

    /// Sends what waits now and waits until the outbox is empty or `within` has passed;
    /// the status then says how many still wait.
    pub fn flush(&self, within: Duration) -> LinkStatus {
        let deadline = Instant::now() + within;
        let mut status = self.shared.lock();
        let before = status.emptied;
        self.wake();
        while status.emptied == before {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            status = self
                .shared
                .changed
                .wait_timeout(status, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        status.clone()
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let _ = self.wake.send(Wake::Stop);
    }
}

struct Worker {
    client: Client,
    outbox: Outbox,
    shared: Arc<Shared>,
}

impl Worker {
    fn run(&self, rx: &mpsc::Receiver<Wake>) {
        let mut failures = 0u32;
        loop {
            let wait = match self.pass() {
                Ok(true) => None,
                Ok(false) => {
                    failures = 0;
                    Some(None)
                }
                Err(e) => {
                    failures += 1;
                    let message = e.to_string();
                    self.shared.update(|s| {
                        s.link = Link::Down;
                        s.error = Some(message);
                    });
                    Some(Some(backoff::delay(failures, jitter())))
                }
            };
            let message = match wait {
                // Everything sent: sleep until there is more.
                None => rx.recv().ok(),
                Some(None) => continue,
                Some(Some(delay)) => match rx.recv_timeout(delay) {
                    Ok(w) => Some(w),
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => None,
                },
            };
            match message {
                Some(Wake::Now) => {
                    // Several wakes in a row need one pass.
                    while let Ok(w) = rx.try_recv() {
                        if matches!(w, Wake::Stop) {
                            return;
                        }
                    }
                }
                Some(Wake::Stop) | None => return,
            }
        }
    }

    /// Sends everything waiting. Ok(true): the outbox was found empty; Ok(false): some was
    /// sent, look again; Err: the LRS could not take it now.
    fn pass(&self) -> Result<bool, SendError> {
        let (pending, problems) = self.outbox.pending()?;
        for problem in problems {
            if let OutboxError::NotAStatement { path, .. } = &problem {
                self.outbox.set_aside(path, &problem.to_string())?;
                self.shared.update(|s| s.refused += 1);
            }
        }
        self.shared.update(|s| {
            s.waiting = pending.len();
            if pending.is_empty() {
                s.emptied += 1;
            }
        });
        if pending.is_empty() {
            return Ok(true);
        }
        for batch in pending.chunks(BATCH) {
            let texts: Vec<&str> = batch.iter().map(|p| p.text.as_str()).collect();
            match self.client.post(&texts) {
                Ok(()) => self.acknowledged(batch)?,
                // One of them is refused: find which, one at a time.
                Err(e) if e.is_refusal() => {
                    for p in batch {
                        match self.client.put(&p.id, &p.text) {
                            Ok(()) => self.acknowledged(std::slice::from_ref(p))?,
                            Err(e) if e.is_refusal() => {
                                self.outbox.set_aside(&p.path, &e.to_string())?;
                                self.shared.update(|s| {
                                    s.refused += 1;
                                    s.waiting = s.waiting.saturating_sub(1);
                                    s.error = Some(e.to_string());
                                });
                            }
                            Err(e) => return Err(e.into()),
                        }
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(false)
    }

    fn acknowledged(&self, batch: &[Pending]) -> Result<(), OutboxError> {
        for p in batch {
            self.outbox.remove(p)?;
        }
        self.shared.update(|s| {
            s.link = Link::Up;
            s.error = None;
            s.sent += batch.len();
            s.waiting = s.waiting.saturating_sub(batch.len());
        });
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error(transparent)]
    Lrs(#[from] LrsError),
    #[error(transparent)]
    Outbox(#[from] OutboxError),
}

/// A fraction in 0..1 that differs between PCs and moments: enough to spread retries.
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    f64::from(nanos) / 1e9
}

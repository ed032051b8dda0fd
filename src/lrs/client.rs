//! An xAPI 1.0.3 client: POST statements, PUT one by id, GET a class's statements
//! following `more` pages. `ureq` with rustls (the `ring` provider) and the operating
//! system's certificate store, so a training centre's own CA works; the usual proxy
//! variables (`HTTPS_PROXY`, `NO_PROXY`, …) are honoured. Blocking: it runs on the
//! sender's thread or in the command line, never in a frame.

use std::time::Duration;

use base64::Engine;
use serde_json::Value;
use ureq::tls::{RootCerts, TlsConfig};

use super::error::LrsError;
use crate::core::class::settings::LrsSettings;

const VERSION: &str = "1.0.3";

/// Most statements in one POST: small enough that one request stays well under a second.
pub const BATCH: usize = 50;

/// Most pages read for one class (a page is up to a few hundred statements): a `more`
/// link that loops ends here rather than never.
const MAX_PAGES: usize = 10_000;

pub struct Client {
    agent: ureq::Agent,
    url: String,
    /// The endpoint's scheme and host, which `more` links are relative to.
    origin: String,
    auth: String,
    /// Kept only to take it out of anything the LRS echoes back.
    password: String,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("url", &self.url).finish()
    }
}

impl Client {
    pub fn new(settings: &LrsSettings) -> Result<Client, LrsError> {
        settings.check()?;
        let url = settings.statements_url();
        let origin = match url.split_once("://") {
            Some((scheme, rest)) => {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or_default())
            }
            None => url.clone(),
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A redirect would turn a POST into a GET: say where the LRS moved instead.
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_global(Some(Duration::from_secs(30)))
            .user_agent(concat!("tsunagu/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build();
        let credentials = format!("{}:{}", settings.user, settings.password);
        Ok(Client {
            agent: ureq::Agent::new_with_config(config),
            url,
            origin,
            auth: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(credentials)
            ),
            password: settings.password.clone(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stores statements (their JSON texts, sent byte for byte) in one request. An LRS
    /// takes a statement it already holds, identical, without complaint, so sending again
    /// after a lost answer is harmless.
    pub fn post(&self, statements: &[&str]) -> Result<(), LrsError> {
        let body = format!("[{}]", statements.join(","));
        let response = self
            .agent
            .post(&self.url)
            .header("Authorization", &self.auth)
            .header("X-Experience-API-Version", VERSION)
            .content_type("application/json")
            .send(body.as_str());
        let (status, text) = self.answer(response)?;
        match status {
            // The ids stored, as a JSON array.
            200 => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(_)) => Ok(()),
                _ => Err(self.garbage(&format!(
                    "expected the stored ids, got `{}`",
                    excerpt(&text)
                ))),
            },
            204 => Ok(()),
            _ => Err(self.status(status, &text)),
        }
    }

    /// Stores one statement under its id: 204 when stored or already there, identical.
    pub fn put(&self, id: &str, statement: &str) -> Result<(), LrsError> {
        let response = self
            .agent
            .put(&self.url)
            .query("statementId", id)
            .header("Authorization", &self.auth)
            .header("X-Experience-API-Version", VERSION)
            .content_type("application/json")
            .send(statement);
        match self.answer(response)? {
            (204 | 200, _) => Ok(()),
            (status, text) => Err(self.status(status, &text)),
        }
    }

    /// A class's statements: those with the class in `context.contextActivities.grouping`,
    /// stored since `since` (RFC 3339; all when `None`), following the LRS's `more` pages
    /// to the end. The class is picked out here rather than by the LRS: Ralph's production
    /// backends (Elasticsearch, ClickHouse, MongoDB) ignore `related_activities`, and
    /// `since` keeps the read to the class's day.
    pub fn class_statements(
        &self,
        class_activity: &str,
        since: Option<&str>,
    ) -> Result<Vec<Value>, LrsError> {
        let mut all = self.statements(since)?;
        all.retain(|st| in_grouping(st, class_activity));
        Ok(all)
    }

    /// Every statement the LRS gives this reader (since `since`), page after page.
    pub fn statements(&self, since: Option<&str>) -> Result<Vec<Value>, LrsError> {
        let mut statements = Vec::new();
        let mut request = self.agent.get(&self.url).query("ascending", "true");
        if let Some(since) = since {
            request = request.query("since", since);
        }
        for _ in 0..MAX_PAGES {
            let response = request
                .header("Authorization", &self.auth)
                .header("X-Experience-API-Version", VERSION)
                .call();
            let (status, text) = self.answer(response)?;
            if status != 200 {
                return Err(self.status(status, &text));
            }
            let page: Value = serde_json::from_str(&text)
                .map_err(|e| self.garbage(&format!("not JSON ({e}): `{}`", excerpt(&text))))?;
            let Some(Value::Array(found)) = page.get("statements") else {
                return Err(self.garbage("expected an object with `statements`"));
            };
            statements.extend(found.iter().cloned());
            match page.get("more").and_then(Value::as_str) {
                Some(more) if !more.is_empty() => {
                    let next = if more.starts_with("http://") || more.starts_with("https://") {
                        more.to_owned()
                    } else {
                        format!("{}{more}", self.origin)
                    };
                    request = self.agent.get(&next);
                }
                _ => return Ok(statements),
            }
        }
        Err(self.garbage("the `more` pages never end"))
    }

    /// The status and body of an answer, or why there was none.
    fn answer(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(u16, String), LrsError> {
        let mut response = response.map_err(|e| self.failure(e))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.failure(e))?;
        Ok((status, text))
    }

    fn failure(&self, e: ureq::Error) -> LrsError {
        let url = self.url.clone();
        let detail = self.redact(&e.to_string());
        match e {
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => {
                LrsError::Tls { url, detail }
            }
            ureq::Error::Protocol(_) | ureq::Error::BodyExceedsLimit(_) => {
                LrsError::Garbage { url, detail }
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                // rustls reports a server that does not speak TLS as bad data.
                LrsError::Tls { url, detail }
            }
            _ => LrsError::Unreachable { url, detail },
        }
    }

    fn status(&self, status: u16, body: &str) -> LrsError {
        let url = self.url.clone();
        let detail = self.redact(&excerpt(body));
        match status {
            401 | 403 => LrsError::Credentials { url, status },
            404 => LrsError::NotFound { url },
            400 | 409 | 413 => LrsError::Refused {
                url,
                status,
                detail,
            },
            _ => LrsError::Status {
                url,
                status,
                detail,
            },
        }
    }

    fn garbage(&self, detail: &str) -> LrsError {
        LrsError::Garbage {
            url: self.url.clone(),
            detail: self.redact(detail),
        }
    }

    /// Whatever the LRS or the network says, without the password in it.
    fn redact(&self, text: &str) -> String {
        if self.password.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.password, "***")
        }
    }
}

/// The start of an answer, on one line: enough to recognise it in a message.
fn excerpt(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// Whether the statement names `activity` among its context's grouping activities.
pub fn in_grouping(statement: &Value, activity: &str) -> bool {
    statement
        .pointer("/context/contextActivities/grouping")
        .and_then(Value::as_array)
        .is_some_and(|g| {
            g.iter()
                .any(|a| a.get("id").and_then(Value::as_str) == Some(activity))
        })
}

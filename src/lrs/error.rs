//! What went wrong with the LRS, in words an instructor can act on. Messages name the
//! endpoint, never the credentials.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LrsError {
    #[error("{0}")]
    Settings(#[from] crate::core::class::settings::SettingsError),
    #[error("{url}: the LRS cannot be reached ({detail}); the statements wait in the outbox")]
    Unreachable { url: String, detail: String },
    #[error(
        "{url}: the secure connection failed ({detail}): is the address https on a server that speaks plain http, or is its certificate not trusted by this PC?"
    )]
    Tls { url: String, detail: String },
    #[error(
        "{url}: the LRS refused the user name or password (HTTP {status}): check TSUNAGU_LRS_USER and TSUNAGU_LRS_PASSWORD or the settings"
    )]
    Credentials { url: String, status: u16 },
    #[error("{url}: no xAPI statements here (HTTP 404): the endpoint usually ends in /xAPI")]
    NotFound { url: String },
    #[error("{url}: the LRS refused a statement (HTTP {status}): {detail}")]
    Refused {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("{url}: the LRS answered HTTP {status}: {detail}")]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("{url}: the answer is not what an xAPI LRS sends: {detail}")]
    Garbage { url: String, detail: String },
}

impl LrsError {
    /// Whether sending these statements again can never succeed (the LRS refused them
    /// for what they are, not for the moment).
    pub fn is_refusal(&self) -> bool {
        matches!(self, LrsError::Refused { .. })
    }
}

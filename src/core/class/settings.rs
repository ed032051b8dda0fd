//! Where a class's statements go: the LRS endpoint, its credentials and the class code the
//! instructor hands out. Off unless an endpoint is set: with none, nothing goes on the
//! network. The password is never printed: `Debug` hides it, and error messages are built
//! from the endpoint alone.

use serde::{Deserialize, Serialize};

pub const USER_VAR: &str = "TSUNAGU_LRS_USER";
pub const PASSWORD_VAR: &str = "TSUNAGU_LRS_PASSWORD";

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LrsSettings {
    /// The xAPI endpoint, e.g. `https://lrs.example.jp/xAPI` (statements go to
    /// `<endpoint>/statements`). Empty: the class link is off.
    pub endpoint: String,
    pub user: String,
    pub password: String,
    /// The code the instructor hands out: it keeps one class apart from the others.
    pub class: String,
    /// The trainee's name never leaves the PC: statements carry the PC's pseudonym.
    pub anonymise: bool,
}

impl std::fmt::Debug for LrsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsSettings")
            .field("endpoint", &self.endpoint)
            .field("user", &self.user)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .field("class", &self.class)
            .field("anonymise", &self.anonymise)
            .finish()
    }
}

/// Settings that cannot be used, in words an instructor can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("LRS endpoint `{0}`: expected a URL starting with http:// or https://")]
    NotHttp(String),
    #[error(
        "LRS endpoint: put the user name and password in {USER_VAR} and {PASSWORD_VAR} (or the settings), not in the URL"
    )]
    CredentialsInUrl,
    #[error("class code `{0}`: expected 1 to 64 letters, digits, `-`, `_` or `.`")]
    BadClass(String),
    #[error("an LRS is set but no class code: the instructor hands one out (--class)")]
    NoClass,
}

impl LrsSettings {
    pub fn is_on(&self) -> bool {
        !self.endpoint.trim().is_empty()
    }

    /// Credentials from `TSUNAGU_LRS_USER` and `TSUNAGU_LRS_PASSWORD`, where set, over
    /// those given: they stay out of shell history and of files.
    pub fn with_env(mut self) -> Self {
        if let Ok(user) = std::env::var(USER_VAR) {
            self.user = user;
        }
        if let Ok(password) = std::env::var(PASSWORD_VAR) {
            self.password = password;
        }
        self
    }

    /// Whether the settings can be used; `Ok` too when the link is off.
    pub fn check(&self) -> Result<(), SettingsError> {
        if !self.is_on() {
            return Ok(());
        }
        let url = self.endpoint.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .filter(|rest| !rest.is_empty())
            .ok_or_else(|| SettingsError::NotHttp(url.to_owned()))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(SettingsError::CredentialsInUrl);
        }
        check_class(&self.class)
    }

    /// Where statements are sent and read.
    pub fn statements_url(&self) -> String {
        format!("{}/statements", self.endpoint.trim().trim_end_matches('/'))
    }
}

/// A class code: short, and safe in a URL and a file name.
pub fn check_class(code: &str) -> Result<(), SettingsError> {
    if code.is_empty() {
        return Err(SettingsError::NoClass);
    }
    let ok = code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(SettingsError::BadClass(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(endpoint: &str, class: &str) -> LrsSettings {
        LrsSettings {
            endpoint: endpoint.into(),
            class: class.into(),
            ..Default::default()
        }
    }

    #[test]
    fn off_by_default() {
        assert!(!LrsSettings::default().is_on());
        assert_eq!(LrsSettings::default().check(), Ok(()));
    }

    #[test]
    fn checks_the_url_and_the_class() {
        assert_eq!(on("http://127.0.0.1:8100/xAPI/", "day-1").check(), Ok(()));
        assert_eq!(
            on("ftp://x", "a").check(),
            Err(SettingsError::NotHttp("ftp://x".into()))
        );
        assert_eq!(
            on("https://u:p@lrs.example/xAPI", "a").check(),
            Err(SettingsError::CredentialsInUrl)
        );
        // An @ in the path is not a credential.
        assert_eq!(on("https://lrs.example/a@b", "a").check(), Ok(()));
        assert_eq!(on("https://x", "").check(), Err(SettingsError::NoClass));
        assert_eq!(
            on("https://x", "a b").check(),
            Err(SettingsError::BadClass("a b".into()))
        );
    }

    #[test]
    fn statements_url_whatever_the_slash() {
        let want = "http://h/xAPI/statements";
        assert_eq!(on("http://h/xAPI", "a").statements_url(), want);
        assert_eq!(on("http://h/xAPI/", "a").statements_url(), want);
    }

    #[test]
    fn debug_hides_the_password() {
        let s = LrsSettings {
            password: "hunter2-secret".into(),
            ..on("http://h", "a")
        };
        let shown = format!("{s:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("***"), "{shown}");
    }
}

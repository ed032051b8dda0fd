//! A pseudonym for a trainee: the same on every export and every statement sent from one
//! computer, and not the name. Keyed by the installation's random id (`core::data`), so
//! that names cannot be found by trying them, and two computers give two pseudonyms.

use sha2::{Digest, Sha256};

/// 12 hexadecimal digits (48 bits): collisions within a class are out of reach.
pub fn pseudonym(installation: &str, name: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"tsunagu pseudonym\0");
    h.update(installation.as_bytes());
    h.update([0]);
    h.update(name.as_bytes());
    h.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

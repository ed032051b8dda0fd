//! The IRIs statements name things by, and their ids.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use uuid::{Builder, Uuid};

pub const HOME: &str = "https://tsunagu.example";
pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

/// Everything but RFC 3986's unreserved characters is percent-encoded in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn segment(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

/// The id in the last segment of `iri` after `prefix`, decoded; none when it is not one.
fn id_after(iri: &str, prefix: &str) -> Option<String> {
    let rest = iri.strip_prefix(prefix)?;
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    percent_decode_str(rest)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

pub fn scenario_iri(id: &str) -> String {
    format!("{HOME}/scenarios/{}", segment(id))
}

pub fn node_iri(scenario: &str, node: &str) -> String {
    format!("{}/nodes/{}", scenario_iri(scenario), segment(node))
}

/// The node id of a decision point's IRI, when it is one of `scenario`.
pub fn node_of(iri: &str, scenario: &str) -> Option<String> {
    id_after(iri, &format!("{}/nodes/", scenario_iri(scenario)))
}

pub fn competency_iri(id: &str) -> String {
    format!("{HOME}/xapi/competencies/{}", segment(id))
}

/// The competency id of a points extension's key.
pub fn competency_of(iri: &str) -> Option<String> {
    id_after(iri, &format!("{HOME}/xapi/competencies/"))
}

pub fn class_iri(code: &str) -> String {
    format!("{HOME}/classes/{}", segment(code))
}

/// A UUID from a SHA-256 of the parts: the same parts give the same id on every export
/// and every computer. Version 8 (RFC 9562): custom bytes, not random ones.
pub fn stable_uuid(parts: &[&str]) -> Uuid {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let bytes: [u8; 16] = h.finalize()[..16].try_into().expect("16 of 32 bytes");
    Builder::from_custom_bytes(bytes).into_uuid()
}

//! xAPI 1.0.3 statements: `answered` for each decision, `completed` for a session that
//! reached an ending.

use sha2::{Digest, Sha256};

use tsunagu::core::analysis::UNBOUNDED;
use tsunagu::core::compile::Compiled;
use tsunagu::core::model::{Lang, Text};

use super::json::{Json, obj, s};
use super::{Report, seconds};

pub const HOME: &str = "https://tsunagu.example";
const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

/// A path segment of an IRI: everything but unreserved characters percent-encoded.
fn segment(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn scenario_iri(id: &str) -> String {
    format!("{HOME}/scenarios/{}", segment(id))
}

fn node_iri(scenario: &str, node: &str) -> String {
    format!("{}/nodes/{}", scenario_iri(scenario), segment(node))
}

fn extension(name: &str) -> String {
    format!("{HOME}/xapi/extensions/{}", segment(name))
}

pub fn competency_iri(id: &str) -> String {
    format!("{HOME}/xapi/competencies/{}", segment(id))
}

fn language_map(t: &Text) -> Json {
    obj([("ja-JP", s(t.get(Lang::Ja))), ("en-US", s(t.get(Lang::En)))])
}

/// A UUID (version 4 layout, RFC 9562) from a SHA-256 of the parts: the same log gives
/// the same ids on every export. (A name-based v5 would need SHA-1, which is not in the
/// dependencies; the v4 layout only asks for bits that look random, and these do.)
pub fn uuid(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 of 32 bytes");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Milliseconds since 1970 at `elapsed` seconds after `started`, kept within the years
/// RFC 3339 can write (a corrupt log must not overflow).
fn moment(started: u64, elapsed: f64) -> i64 {
    const LAST: f64 = 253_402_300_799_999.0; // 9999-12-31T23:59:59.999Z
    (started as f64 * 1000.0 + elapsed * 1000.0)
        .round()
        .clamp(0.0, LAST) as i64
}

/// RFC 3339 in UTC, with milliseconds, from milliseconds since 1970.
pub fn timestamp(ms: i64) -> String {
    let (secs, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{milli:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn duration(secs: f64) -> String {
    format!("PT{}S", seconds(secs as f32))
}

fn scenario_activity(c: &Compiled) -> Json {
    obj([
        ("objectType", s("Activity")),
        ("id", s(scenario_iri(&c.source.id))),
        (
            "definition",
            obj([
                ("name", language_map(&c.source.title)),
                ("description", language_map(&c.source.summary)),
                ("type", s(SIMULATION)),
            ]),
        ),
    ])
}

fn node_activity(c: &Compiled, node: u32) -> Json {
    let n = &c.source.nodes[node as usize];
    let name = Text {
        ja: format!("{} — {}", c.source.title.get(Lang::Ja), n.id),
        en: format!("{} — {}", c.source.title.get(Lang::En), n.id),
    };
    let choices = n
        .choices
        .iter()
        .map(|ch| obj([("id", s(&ch.id)), ("description", language_map(&ch.text))]))
        .collect();
    obj([
        ("objectType", s("Activity")),
        ("id", s(node_iri(&c.source.id, &n.id))),
        (
            "definition",
            obj([
                ("name", language_map(&name)),
                (
                    "description",
                    language_map(&n.text.first().cloned().unwrap_or_default()),
                ),
                ("type", s(INTERACTION)),
                ("interactionType", s("choice")),
                ("choices", Json::Arr(choices)),
            ]),
        ),
    ])
}

fn verb(id: &str, en: &str, ja: &str) -> Json {
    obj([
        ("id", s(id)),
        ("display", obj([("en-US", s(en)), ("ja-JP", s(ja))])),
    ])
}

fn points(c: &Compiled, values: &[i32]) -> Vec<(String, Json)> {
    c.competencies
        .iter()
        .zip(values)
        .map(|(k, &v)| (competency_iri(&k.id), Json::Int(v as i64)))
        .collect()
}

/// `raw` with `min` and `max` from the analysis (the sum of the worst, the best path's
/// total) and `scaled` = raw/max above zero, raw/|min| below it, so within -1..1.
fn score(raw: i64, min: Option<i64>, max: Option<i64>) -> Json {
    let mut fields = vec![("raw".to_owned(), Json::Int(raw))];
    if let (Some(min), Some(max)) = (min, max) {
        let (min, max) = (min.min(raw), max.max(raw));
        if min < max {
            let scaled = if raw >= 0 {
                if max > 0 {
                    raw as f64 / max as f64
                } else {
                    0.0
                }
            } else {
                raw as f64 / -(min as f64)
            };
            fields.push(("min".into(), Json::Int(min)));
            fields.push(("max".into(), Json::Int(max)));
            fields.push((
                "scaled".into(),
                Json::Num((scaled.clamp(-1.0, 1.0) * 10_000.0).round() / 10_000.0),
            ));
        }
    }
    Json::Obj(fields)
}

pub fn write(r: &Report) -> String {
    let d = r.debrief;
    let mut statements = Vec::new();
    for (i, p) in d.played.iter().enumerate() {
        let c = d.compiled(i);
        let replay = &r.replays[i];
        let log_text = p.log.to_ron();
        let (name, account) = if r.anonymise {
            (
                tsunagu::core::debrief::anonymous_name(p.trainee_number, r.lang),
                format!("trainee-{}", p.trainee_number),
            )
        } else if p.log.trainee.trim().is_empty() {
            (r.label(i), "trainee".to_owned())
        } else {
            (p.log.trainee.clone(), p.log.trainee.clone())
        };
        let actor = || {
            obj([
                ("objectType", s("Agent")),
                ("name", s(&name)),
                (
                    "account",
                    obj([("homePage", s(HOME)), ("name", s(&account))]),
                ),
            ])
        };
        let registration = uuid(&["registration", &log_text]);
        let language = match p.log.lang {
            Lang::Ja => "ja-JP",
            Lang::En => "en-US",
        };
        let context = |step: Option<usize>| {
            let mut ext = vec![
                // As text: a 64-bit seed does not fit a JSON number exactly.
                (extension("seed"), s(p.log.seed.to_string())),
                (extension("scenario-hash"), s(&p.log.scenario_hash)),
                (
                    extension("scenario-version"),
                    Json::Int(p.log.scenario_version as i64),
                ),
            ];
            if let Some(k) = step {
                ext.push((extension("step"), Json::Int(k as i64)));
            }
            let mut fields = vec![("registration".to_owned(), s(&registration))];
            // A decision's parent is its scenario (a completion's object is the scenario).
            if step.is_some() {
                fields.push((
                    "contextActivities".into(),
                    obj([("parent", Json::Arr(vec![scenario_activity(c)]))]),
                ));
            }
            fields.push(("platform".into(), s("tsunagu")));
            fields.push(("language".into(), s(language)));
            fields.push(("extensions".into(), Json::Obj(ext)));
            Json::Obj(fields)
        };
        let at = |elapsed: f64| timestamp(moment(p.log.started, elapsed));
        let mut elapsed = 0.0f64;
        for st in &replay.steps {
            let secs = if st.seconds.is_finite() {
                st.seconds.max(0.0) as f64
            } else {
                0.0
            };
            elapsed += secs;
            let mut ext = points(c, &st.points);
            if let Some(position) = st.position {
                // Where the option was shown (1 = first), among how many.
                ext.push((extension("position"), Json::Int(position as i64)));
                ext.push((extension("options"), Json::Int(st.options.len() as i64)));
            }
            if let Some(cmp) = &st.comparison {
                ext.push((extension("best-choice"), Json::Bool(cmp.taken_is_best())));
                if cmp.lost < UNBOUNDED {
                    ext.push((extension("points-given-up"), Json::Int(cmp.lost)));
                }
            }
            statements.push(obj([
                (
                    "id",
                    s(uuid(&[
                        &log_text,
                        &name,
                        "answered",
                        &st.number.to_string(),
                    ])),
                ),
                ("actor", actor()),
                ("verb", verb(ANSWERED, "answered", "回答した")),
                ("object", node_activity(c, st.node)),
                (
                    "result",
                    obj([
                        ("response", s(&st.taken_id)),
                        ("duration", s(duration(secs))),
                        ("extensions", Json::Obj(ext)),
                    ]),
                ),
                ("context", context(Some(st.number))),
                ("timestamp", s(at(elapsed))),
            ]));
        }
        let Some(ending) = &replay.ending else {
            continue;
        };
        let scores = p.session().scores();
        let raw: i64 = scores.iter().map(|&x| x as i64).sum();
        let analysis = d.scenarios[p.scenario].analysis.as_ref();
        let min = analysis
            .filter(|a| a.worst.iter().all(|&w| w > -UNBOUNDED))
            .map(|a| a.worst.iter().sum());
        let max = d
            .best_path_points(p.scenario)
            .filter(|_| analysis.is_some_and(|a| a.unbounded.is_empty()))
            .map(|b| b.iter().map(|&x| x as i64).sum());
        let mut ext = points(c, scores);
        ext.push((extension("ending"), s(&ending.node_id)));
        ext.push((extension("outcome"), s(format!("{:?}", ending.outcome))));
        statements.push(obj([
            ("id", s(uuid(&[&log_text, &name, "completed"]))),
            ("actor", actor()),
            ("verb", verb(COMPLETED, "completed", "完了した")),
            ("object", scenario_activity(c)),
            (
                "result",
                obj([
                    ("score", score(raw, min, max)),
                    ("completion", Json::Bool(true)),
                    ("duration", s(duration(elapsed))),
                    ("extensions", Json::Obj(ext)),
                ]),
            ),
            ("context", context(None)),
            ("timestamp", s(at(elapsed))),
        ]));
    }
    let mut out = String::new();
    Json::Arr(statements).write(&mut out, 0);
    out.push('\n');
    out
}

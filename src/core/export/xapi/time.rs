//! Statement times: RFC 3339 timestamps and ISO 8601 durations.

use crate::core::export::seconds;

/// Milliseconds since 1970 at `elapsed` seconds after `started`, kept within the years
/// RFC 3339 can write (a corrupt log must not overflow).
pub fn moment(started: u64, elapsed: f64) -> i64 {
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

/// `PT3.75S`: seconds to 0.01 s, the precision an LRS must keep.
pub fn duration(secs: f64) -> String {
    format!("PT{}S", seconds(secs as f32))
}

/// The seconds of a duration written by `duration` (`PT…S`, seconds only).
pub fn parse_duration(text: &str) -> Option<f32> {
    let inner = text.strip_prefix("PT")?.strip_suffix('S')?;
    if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    inner.parse().ok()
}

/// A decision's seconds as statements count them: anything not sensible is 0.
pub fn sane(secs: f32) -> f64 {
    if secs.is_finite() {
        secs.max(0.0) as f64
    } else {
        0.0
    }
}

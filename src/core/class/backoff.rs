//! How long to wait before trying the LRS again after a failure: doubling from half a
//! second up to a minute, so a PC retries quickly after a blip and gently during an
//! outage. A spread of ±25% (`jitter` in 0..1) keeps 60 PCs from retrying in step when the
//! LRS comes back.

use std::time::Duration;

pub const FIRST: Duration = Duration::from_millis(500);
pub const LONGEST: Duration = Duration::from_secs(60);

/// The wait after `failures` failures in a row (1 = the first failure).
pub fn delay(failures: u32, jitter: f64) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    let base = (FIRST * 2u32.pow(doublings)).min(LONGEST);
    base.mul_f64(0.75 + 0.5 * jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_then_stops_at_a_minute() {
        assert_eq!(delay(1, 0.5), FIRST);
        assert_eq!(delay(2, 0.5), FIRST * 2);
        assert_eq!(delay(4, 0.5), FIRST * 8);
        assert_eq!(delay(8, 0.5), LONGEST);
        assert_eq!(delay(u32::MAX, 0.5), LONGEST);
    }

    #[test]
    fn jitter_spreads_a_quarter_either_way() {
        assert_eq!(delay(3, 0.0), Duration::from_millis(1500));
        assert_eq!(delay(3, 1.0), Duration::from_millis(2500));
        // Out-of-range jitter is clamped rather than trusted.
        assert_eq!(delay(3, 7.0), Duration::from_millis(2500));
    }
}

//! Case 2: home or a facility (scenarios/home-or-facility.ron).

use crate::common::*;

#[test]
fn home_or_facility_probe() {
    let s = scenario("home-or-facility.ron");
    let a = analysis(&s);
    eprintln!("exact {} states {} best {:?}", a.exact, a.states, a.best);
}

//! Hubs, for drawing: the questions that stay on a node (every way the choice can go leads
//! back to it) and the short sub-exchanges that return (a node entered only from the hub,
//! whose every answer leads straight back). `to_dot` lists them inside the hub's box rather
//! than drawing a pile of self-loops and small detours.

use super::graph::Graph;

/// A row of a hub's list: the choice `choice` of node `node` (the hub, or a sub-exchange
/// folded into it, whose answers are `nested`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: u32,
    pub choice: u32,
    pub nested: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hubs {
    /// Per node: the rows listed inside its box (empty for a node that is no hub).
    pub rows: Vec<Vec<Row>>,
    /// Per edge of the graph: drawn as a row, not as an arrow.
    pub listed: Vec<bool>,
    /// Per node: folded into its hub's box, not drawn on its own.
    pub folded: Vec<bool>,
}

/// The hubs of a graph.
pub fn hubs(g: &Graph) -> Hubs {
    let n = g.nodes.len();
    // Per (node, choice): where its edges go.
    let targets = |node: u32, choice: u32| {
        g.edges
            .iter()
            .filter(move |e| e.from == node && e.choice == choice)
            .map(|e| e.to)
    };
    let choices = |node: u32| {
        let mut ids: Vec<u32> = g
            .edges
            .iter()
            .filter(|e| e.from == node)
            .map(|e| e.choice)
            .collect();
        ids.dedup();
        ids
    };
    // A sub-exchange of `hub`: entered only from it, and every answer goes straight back
    // (so it is no hub itself).
    let returns_to = |m: u32, hub: u32| {
        let node = &g.nodes[m as usize];
        m != hub
            && !node.start
            && node.ending.is_none()
            && g.edges.iter().any(|e| e.from == m)
            && g.edges.iter().filter(|e| e.from == m).all(|e| e.to == hub)
            && g.edges.iter().filter(|e| e.to == m).all(|e| e.from == hub)
    };
    let mut rows = vec![Vec::new(); n];
    let mut folded = vec![false; n];
    for hub in 0..n as u32 {
        for choice in choices(hub) {
            let to: Vec<u32> = targets(hub, choice).collect();
            if to.iter().all(|&t| t == hub) {
                rows[hub as usize].push(Row {
                    node: hub,
                    choice,
                    nested: false,
                });
            } else if let [m] = to.as_slice()
                && returns_to(*m, hub)
                && !folded[*m as usize]
            {
                folded[*m as usize] = true;
                rows[hub as usize].push(Row {
                    node: hub,
                    choice,
                    nested: false,
                });
                for answer in choices(*m) {
                    rows[hub as usize].push(Row {
                        node: *m,
                        choice: answer,
                        nested: true,
                    });
                }
            }
        }
    }
    let listed = g
        .edges
        .iter()
        .map(|e| {
            let hub = &rows[e.from as usize];
            (e.to == e.from && hub.iter().any(|r| r.choice == e.choice && r.node == e.from))
                || folded[e.to as usize]
                || folded[e.from as usize]
        })
        .collect();
    Hubs {
        rows,
        listed,
        folded,
    }
}

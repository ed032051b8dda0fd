//! Graphs in flat form (compressed rows) and their strongly connected components, as the
//! analysis and the debrief's guide solve them: component by component, from the sinks up.

/// A graph's successors in flat form: vertex `v`'s successors are
/// `targets[first[v]..first[v + 1]]`.
pub struct Adjacency {
    pub first: Vec<u32>,
    pub targets: Vec<u32>,
}

impl Adjacency {
    /// The successors of `v`.
    pub fn of(&self, v: usize) -> &[u32] {
        &self.targets[self.first[v] as usize..self.first[v + 1] as usize]
    }

    /// The strongly connected components of the graph: see [`components`].
    pub fn components(&self) -> Vec<u32> {
        components(&self.first, &self.targets)
    }
}

/// Strongly connected components (Tarjan, without recursion) of the graph whose vertex `v`
/// has the successors `targets[first[v]..first[v + 1]]`: the component of every vertex,
/// numbered sinks first (in reverse topological order), so that every edge leads to a
/// component numbered no higher than its own.
pub fn components(first: &[u32], targets: &[u32]) -> Vec<u32> {
    let n = first.len() - 1;
    let mut t = Tarjan {
        index: vec![Tarjan::NONE; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        comp: vec![Tarjan::NONE; n],
        stack: Vec::new(),
        call: Vec::new(),
        next_index: 0,
        next_comp: 0,
    };
    for root in 0..n as u32 {
        if t.index[root as usize] != Tarjan::NONE {
            continue;
        }
        t.enter(root, first);
        while let Some(&mut (v, ref mut edge)) = t.call.last_mut() {
            let v = v as usize;
            if *edge < first[v + 1] {
                let w = targets[*edge as usize];
                *edge += 1;
                if t.index[w as usize] == Tarjan::NONE {
                    t.enter(w, first);
                } else if t.on_stack[w as usize] {
                    t.low[v] = t.low[v].min(t.index[w as usize]);
                }
                continue;
            }
            t.call.pop();
            if let Some(&(parent, _)) = t.call.last() {
                t.low[parent as usize] = t.low[parent as usize].min(t.low[v]);
            }
            if t.low[v] == t.index[v] {
                while let Some(w) = t.stack.pop() {
                    t.on_stack[w as usize] = false;
                    t.comp[w as usize] = t.next_comp;
                    if w as usize == v {
                        break;
                    }
                }
                t.next_comp += 1;
            }
        }
    }
    t.comp
}

struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    comp: Vec<u32>,
    stack: Vec<u32>,
    /// The depth-first walk: a vertex and the next of its edges to follow.
    call: Vec<(u32, u32)>,
    next_index: u32,
    next_comp: u32,
}

impl Tarjan {
    const NONE: u32 = u32::MAX;

    fn enter(&mut self, v: u32, first: &[u32]) {
        self.index[v as usize] = self.next_index;
        self.low[v as usize] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
        self.call.push((v, first[v as usize]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_numbered_sinks_first() {
        // 0 -> 1 <-> 2 -> 3, and 4 alone.
        let g = Adjacency {
            first: vec![0, 1, 3, 4, 4, 4],
            targets: vec![1, 2, 3, 1],
        };
        assert_eq!(g.of(1), &[2, 3]);
        let comp = g.components();
        assert_eq!(comp[1], comp[2]);
        assert_eq!(comp, [2, 1, 1, 0, 3]);
        for v in 0..5 {
            for &w in g.of(v) {
                assert!(comp[w as usize] <= comp[v]);
            }
        }
    }
}

//! Strongly connected components of the guide's state graph.

/// Strongly connected components (Tarjan, without recursion), numbered sinks first: every
/// edge leads to a component numbered no higher than its own.
pub(super) fn components(offsets: &[u32], targets: &[u32]) -> Vec<u32> {
    let n = offsets.len() - 1;
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
        t.enter(root, offsets);
        while let Some(&mut (v, ref mut edge)) = t.call.last_mut() {
            let v = v as usize;
            if *edge < offsets[v + 1] {
                let w = targets[*edge as usize];
                *edge += 1;
                if t.index[w as usize] == Tarjan::NONE {
                    t.enter(w, offsets);
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

    fn enter(&mut self, v: u32, offsets: &[u32]) {
        self.index[v as usize] = self.next_index;
        self.low[v as usize] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
        self.call.push((v, offsets[v as usize]));
    }
}

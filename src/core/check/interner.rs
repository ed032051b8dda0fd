//! Numbers short sequences (the analysis's state keys, the points of its edges) in the
//! order they are first seen, and gives each back. All keys live in one flat vector and
//! the table holds only indices: no allocation per key, which is most of the cost of a
//! map of boxed slices when there are hundreds of thousands of states.

use std::hash::{BuildHasher, Hash};

use rustc_hash::FxBuildHasher;

#[derive(Debug, Default)]
pub struct Interner<T = u32> {
    /// Every key, one after another: key `i` is `keys[at[i]..at[i + 1]]`.
    keys: Vec<T>,
    at: Vec<usize>,
    /// The low half of each key's hash: where its probe starts (kept for growing).
    homes: Vec<u32>,
    /// Open addressing with linear probing: the high half of the key's hash beside
    /// `id + 1`, or 0 for an empty slot (the hash saves a look at the key most times).
    slots: Vec<u64>,
}

impl<T: Copy + Eq + Hash> Interner<T> {
    /// Room for about `capacity` keys before the table grows.
    pub fn with_capacity(capacity: usize) -> Self {
        Interner {
            keys: Vec::with_capacity(capacity * 4),
            at: {
                let mut at = Vec::with_capacity(capacity + 1);
                at.push(0);
                at
            },
            homes: Vec::with_capacity(capacity),
            slots: vec![0; (capacity * 2).next_power_of_two().max(16)],
        }
    }

    pub fn len(&self) -> usize {
        self.homes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.homes.is_empty()
    }

    pub fn get(&self, id: u32) -> &[T] {
        &self.keys[self.at[id as usize]..self.at[id as usize + 1]]
    }

    /// The key's id, if it has been interned.
    pub fn find(&self, key: &[T]) -> Option<u32> {
        let hash = FxBuildHasher.hash_one(key);
        let mask = self.slots.len() - 1;
        let tag = hash & !0xffff_ffff;
        let mut i = self.start(hash as u32);
        loop {
            match self.slots[i] {
                0 => return None,
                s => {
                    let id = s as u32 - 1;
                    if s & !0xffff_ffff == tag && self.get(id) == key {
                        return Some(id);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The key's id, and whether it was new.
    pub fn intern(&mut self, key: &[T]) -> (u32, bool) {
        let hash = FxBuildHasher.hash_one(key);
        self.intern_at(key, hash, hash as u32)
    }

    /// The first slot to look at.
    fn start(&self, home: u32) -> usize {
        home as usize & (self.slots.len() - 1)
    }

    fn intern_at(&mut self, key: &[T], hash: u64, home: u32) -> (u32, bool) {
        let mask = self.slots.len() - 1;
        let tag = hash & !0xffff_ffff;
        let mut i = self.start(home);
        loop {
            match self.slots[i] {
                0 => break,
                s => {
                    let id = s as u32 - 1;
                    if s & !0xffff_ffff == tag && self.get(id) == key {
                        return (id, false);
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.len() as u32;
        self.keys.extend_from_slice(key);
        self.at.push(self.keys.len());
        self.homes.push(home);
        self.slots[i] = tag | (id as u64 + 1);
        // Keep the table at most half full, so probes stay short.
        if self.len() * 2 > self.slots.len() {
            self.grow();
        }
        (id, true)
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![0u64; size]);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let id = (slot as u32 - 1) as usize;
            let mut i = self.start(self.homes[id]);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keys_in_order_and_finds_them_again_across_growth() {
        let mut interner: Interner = Interner::with_capacity(1);
        for n in 0..1000u32 {
            let key: Vec<u32> = (0..=n % 7).map(|i| n * 31 + i).collect();
            assert_eq!(interner.intern(&key), (n, true));
        }
        for n in 0..1000u32 {
            let key: Vec<u32> = (0..=n % 7).map(|i| n * 31 + i).collect();
            assert_eq!(interner.intern(&key), (n, false));
            assert_eq!(interner.get(n), key.as_slice());
        }
        assert_eq!(interner.len(), 1000);
    }
}

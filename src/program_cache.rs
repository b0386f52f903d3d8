//! A bounded cache of compiled templates, addressed by handle (the JS
//! `Template` class keeps its program here, see `js/bridge.js`).
//!
//! Why a cache and not one allocation per `Template`: a JS program that
//! creates templates in one synchronous loop and never calls `free()`
//! would otherwise hold every compiled program until the garbage collector
//! runs finalizers, which only happens when the loop yields: the wasm
//! memory (which never shrinks) grows with the number of templates. Here
//! the programs live in at most [`MAX_ENTRIES`] slots and about
//! [`MAX_BYTES`] of estimated size; the least recently used one is evicted
//! first. The JS object keeps its source and options, so an evicted
//! program is compiled again on its next use (same input, same program:
//! the output is identical).
//!
//! A handle is `serial << SLOT_BITS | slot`: the slot finds the entry in
//! O(1), the serial (never reused) tells a live entry from an evicted or
//! freed one whose slot was reused. Handles stay below 2^53, so they cross
//! to JS as exact `f64` numbers; 0 is never a handle.

/// Slots (live compiled programs) at most.
pub const MAX_ENTRIES: usize = 1 << SLOT_BITS;
/// Estimated bytes of live programs at most (one program is always kept,
/// however large: it is the one being used).
pub const MAX_BYTES: usize = 16 << 20;
const SLOT_BITS: u32 = 9;
const SLOT_MASK: u64 = (1 << SLOT_BITS) - 1;
/// Serials stay below this, so handles stay exact in an `f64`.
const MAX_SERIAL: u64 = 1 << (53 - SLOT_BITS);

struct Entry<V> {
    handle: u64,
    value: V,
    bytes: usize,
    /// Tick of the last use (LRU order).
    used: u64,
}

/// The cache (see the module docs).
pub struct ProgramCache<V> {
    slots: Vec<Option<Entry<V>>>,
    bytes: usize,
    tick: u64,
    serial: u64,
}

impl<V> Default for ProgramCache<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> ProgramCache<V> {
    /// An empty cache.
    pub const fn new() -> Self {
        ProgramCache { slots: Vec::new(), bytes: 0, tick: 0, serial: 0 }
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// No live entries?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Estimated bytes of the live entries.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Store `value` (about `bytes` large), evicting least recently used
    /// entries while the cache is over its limits; returns its handle.
    pub fn insert(&mut self, value: V, bytes: usize) -> u64 {
        while self.bytes.saturating_add(bytes) > MAX_BYTES && self.evict_lru() {}
        let slot = match self.slots.iter().position(Option::is_none) {
            Some(free) => free,
            None if self.slots.len() < MAX_ENTRIES => {
                self.slots.push(None);
                self.slots.len() - 1
            }
            None => {
                self.evict_lru();
                self.slots.iter().position(Option::is_none).unwrap_or(0)
            }
        };
        // Wrapping after 2^44 compiles could only alias a handle held that long.
        self.serial = if self.serial + 1 >= MAX_SERIAL { 1 } else { self.serial + 1 };
        self.tick += 1;
        let handle = self.serial << SLOT_BITS | slot as u64;
        self.bytes += bytes;
        if let Some(place) = self.slots.get_mut(slot) {
            if let Some(old) = place.replace(Entry { handle, value, bytes, used: self.tick }) {
                self.bytes -= old.bytes;
            }
        }
        handle
    }

    /// The entry of `handle` (marked as just used), or `None` once it was
    /// evicted or removed.
    #[inline]
    pub fn get(&mut self, handle: u64) -> Option<&V> {
        self.tick += 1;
        let tick = self.tick;
        match self.slots.get_mut((handle & SLOT_MASK) as usize) {
            Some(Some(e)) if e.handle == handle => {
                e.used = tick;
                Some(&e.value)
            }
            _ => None,
        }
    }

    /// Drop the entry of `handle` (nothing if it is already gone).
    pub fn remove(&mut self, handle: u64) -> Option<V> {
        let place = self.slots.get_mut((handle & SLOT_MASK) as usize)?;
        if place.as_ref().is_some_and(|e| e.handle == handle) {
            let e = place.take()?;
            self.bytes -= e.bytes;
            return Some(e.value);
        }
        None
    }

    /// Evict the least recently used entry; false when empty.
    fn evict_lru(&mut self) -> bool {
        let lru = self
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|e| (e.used, i)))
            .min()
            .map(|(_, i)| i);
        let Some(e) = lru.and_then(|i| self.slots.get_mut(i)).and_then(Option::take) else { return false };
        self.bytes -= e.bytes;
        true
    }
}

/// The size a compiled template is charged in the cache: its sources
/// (the template and every partial) times a factor for the parsed tree.
pub fn estimate(source_bytes: usize) -> usize {
    source_bytes.saturating_mul(8).saturating_add(1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_by_count_lru_first() {
        let mut c = ProgramCache::new();
        let first = c.insert(0usize, 1);
        let handles: Vec<u64> = (1..MAX_ENTRIES).map(|i| c.insert(i, 1)).collect();
        assert_eq!(c.len(), MAX_ENTRIES);
        // Touch the first: the second is now the least recently used.
        assert_eq!(c.get(first), Some(&0));
        let extra = c.insert(9999, 1);
        assert_eq!(c.len(), MAX_ENTRIES);
        assert_eq!(c.get(first), Some(&0));
        assert_eq!(c.get(handles[0]), None, "LRU entry evicted");
        assert_eq!(c.get(extra), Some(&9999));
        // An evicted handle stays dead even though its slot is reused.
        assert_ne!(extra, handles[0]);
        assert_eq!(extra & SLOT_MASK, handles[0] & SLOT_MASK);
    }

    #[test]
    fn bounded_by_bytes_and_keeps_the_newest() {
        let mut c = ProgramCache::new();
        let a = c.insert("a", MAX_BYTES / 2);
        let b = c.insert("b", MAX_BYTES / 2);
        assert_eq!(c.bytes(), MAX_BYTES);
        let big = c.insert("big", MAX_BYTES * 2);
        assert_eq!(c.get(a), None);
        assert_eq!(c.get(b), None);
        assert_eq!(c.get(big), Some(&"big"));
        assert_eq!(c.len(), 1);
        let small = c.insert("small", 10);
        assert_eq!(c.get(big), None);
        assert_eq!(c.get(small), Some(&"small"));
        assert_eq!(c.bytes(), 10);
    }

    #[test]
    fn remove_and_handles() {
        let mut c = ProgramCache::new();
        let a = c.insert(1, 5);
        assert_ne!(a, 0);
        assert_eq!(c.remove(a), Some(1));
        assert_eq!(c.remove(a), None);
        assert_eq!(c.get(a), None);
        assert!(c.is_empty());
        assert_eq!(c.bytes(), 0);
        let b = c.insert(2, 5);
        assert_ne!(a, b, "a freed handle is never handed out again");
        assert_eq!(c.remove(a), None, "a stale handle cannot free the new entry");
        assert_eq!(c.get(b), Some(&2));
        assert!(b < 1 << 53);
    }
}

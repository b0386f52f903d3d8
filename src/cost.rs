//! A work counter for tests that check cost grows linearly with input size
//! (by counted work, not wall time). Not part of the stable API.
//!
//! The lexer adds the bytes each closing-delimiter search walks, the
//! renderer its steps (nodes, iterations, helper calls, copied argument
//! sizes), `diff` the values it compares. One counter per thread; adding is
//! a plain increment, cheap enough to stay on in release builds.

use std::cell::Cell;

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Add `n` units of work.
#[inline]
pub(crate) fn add(n: u64) {
    WORK.with(|w| w.set(w.get().saturating_add(n)));
}

/// The work counted on this thread since the last call, and reset it.
#[doc(hidden)]
pub fn take() -> u64 {
    WORK.with(|w| w.replace(0))
}

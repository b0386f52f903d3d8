//! The wasm global allocator: power-of-two size classes with one free list
//! each, carved from memory the module grows with `memory.grow`.
//!
//! Why not the default (dlmalloc): this crate's work is many short-lived
//! small allocations (JSON keys, strings, maps), freed together when a call
//! returns. Size classes make `alloc` and `free` a couple of loads and
//! stores, `realloc` within a class (most `Vec`/`String` doubling) free, and
//! the allocator is ~1 KB of wasm instead of ~7 KB. The cost is up to 2×
//! rounding of block sizes, and freed blocks are reused only for their own
//! class — fine for a preview library whose heap is mostly transient.
//!
//! wasm32-unknown-unknown has no threads here, so the state lives in plain
//! cells; the `Sync` impl relies on that.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
/// Smallest block: room for the free-list link.
const MIN_SHIFT: u32 = 3;
/// Blocks are aligned to their size up to this; larger alignments are
/// served fresh from the bump region.
const BLOCK_ALIGN: usize = 16;
const CLASSES: usize = 32;

struct State {
    /// Head of the free list of each class (0 = empty).
    free: [usize; CLASSES],
    /// Next unused byte of the current region, and its end.
    bump: usize,
    end: usize,
}

/// The allocator (see the module docs).
pub struct SizeClassAlloc {
    state: UnsafeCell<State>,
}

// SAFETY: wasm32-unknown-unknown runs this module on one thread.
unsafe impl Sync for SizeClassAlloc {}

impl SizeClassAlloc {
    /// An allocator with no memory yet.
    pub const fn new() -> Self {
        SizeClassAlloc { state: UnsafeCell::new(State { free: [0; CLASSES], bump: 0, end: 0 }) }
    }
}

impl Default for SizeClassAlloc {
    fn default() -> Self {
        Self::new()
    }
}

/// Class index and block size for a layout: the smallest power of two
/// holding both size and alignment (at least 8). `leading_zeros` is one
/// wasm instruction; `next_power_of_two` would be an out-of-line call at
/// opt-level "z".
#[inline(always)]
fn class_of(layout: &Layout) -> Option<(usize, usize)> {
    let size = layout.size().max(layout.align());
    if size <= 1 << MIN_SHIFT {
        return Some((MIN_SHIFT as usize, 1 << MIN_SHIFT));
    }
    let class = (usize::BITS - (size - 1).leading_zeros()) as usize;
    (class < CLASSES).then(|| (class, 1usize << class))
}

/// Memory is grown at least this many pages at a time (1 MiB), so
/// `memory.grow` stays rare.
const GROW_PAGES: usize = 16;

impl State {
    /// A fresh block of `size` bytes aligned to `align` (a power of two)
    /// from the bump region, growing memory when it runs out.
    fn carve(&mut self, size: usize, align: usize) -> *mut u8 {
        let aligned = |p: usize| (p + align - 1) & !(align - 1);
        let mut start = aligned(self.bump);
        if start.checked_add(size).is_none_or(|e| e > self.end) {
            let pages = (size + align).div_ceil(PAGE).max(GROW_PAGES);
            let previous = core::arch::wasm32::memory_grow(0, pages);
            if previous == usize::MAX {
                return null_mut();
            }
            let region = previous * PAGE;
            if region != self.end {
                // Not contiguous with our region (first call, or someone
                // else grew memory): start over in the new pages.
                self.bump = region;
            }
            self.end = region + pages * PAGE;
            start = aligned(self.bump);
        }
        self.bump = start + size;
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for SizeClassAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some((class, size)) = class_of(&layout) else { return null_mut() };
        // SAFETY: single-threaded (see the Sync impl); no reentrancy.
        let state = unsafe { &mut *self.state.get() };
        let Some(head) = state.free.get_mut(class) else { return null_mut() };
        if layout.align() <= BLOCK_ALIGN && *head != 0 {
            let block = *head;
            // SAFETY: a free block stores the next free block's address.
            *head = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        state.carve(size, layout.align().max(size.min(BLOCK_ALIGN)))
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some((class, _)) = class_of(&layout) else { return };
        // SAFETY: single-threaded (see the Sync impl).
        let state = unsafe { &mut *self.state.get() };
        if let Some(head) = state.free.get_mut(class) {
            // SAFETY: the block is ours and at least 8 bytes, 8-aligned.
            unsafe { *(ptr as *mut usize) = *head };
            *head = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        if class_of(&layout).map(|c| c.0) == class_of(&new_layout).map(|c| c.0) {
            return ptr;
        }
        // SAFETY: GlobalAlloc contract, as the default realloc.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

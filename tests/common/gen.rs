//! A tiny deterministic JSON generator for property tests (xorshift, no
//! dependency), shared by the property and robustness tests.
#![allow(dead_code)]

use profile_preview::{Map, Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

/// xorshift64 random numbers.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub const KEYS: [&str; 7] = ["a", "b", "name", "a/b", "m~n", "", "0"];

/// A random JSON value nested at most `depth` deep.
pub fn value(rng: &mut Rng, depth: u32) -> Value {
    let pick = if depth == 0 { rng.below(5) } else { rng.below(8) };
    match pick {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.below(5)),
        3 => json!(["x", "y", "z"][rng.below(3) as usize]),
        4 => json!(rng.below(3) as f64 + 0.5),
        5 => Value::Array((0..rng.below(4)).map(|_| value(rng, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(5) {
                m.insert(KEYS[rng.below(KEYS.len() as u64) as usize].to_string(), value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}


//! Property test: for random documents a and b,
//! apply_patch(a, diff(a, b)) == b, and diff(a, a) is empty.
//! A small xorshift generator keeps it dependency-free and reproducible.

use profile_preview::{apply_patch, diff};
use serde_json::{json, Map, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const KEYS: [&str; 7] = ["a", "b", "name", "a/b", "m~n", "", "0"];

fn value(rng: &mut Rng, depth: u32) -> Value {
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

/// b derived from a by random edits, so pairs share structure (pure random
/// pairs would mostly differ at the root).
fn mutate(rng: &mut Rng, v: &Value, depth: u32) -> Value {
    if rng.below(6) == 0 {
        return value(rng, depth);
    }
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, child) in m {
                if rng.below(5) != 0 {
                    out.insert(k.clone(), mutate(rng, child, depth.saturating_sub(1)));
                }
            }
            if rng.below(3) == 0 {
                out.insert(KEYS[rng.below(KEYS.len() as u64) as usize].to_string(), value(rng, 2));
            }
            Value::Object(out)
        }
        Value::Array(a) => {
            let mut out = Vec::new();
            for c in a {
                if rng.below(5) != 0 {
                    out.push(mutate(rng, c, depth.saturating_sub(1)));
                }
            }
            if rng.below(3) == 0 {
                out.push(value(rng, 2));
            }
            Value::Array(out)
        }
        other => other.clone(),
    }
}

#[test]
fn diff_is_a_valid_patch() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..5000 {
        let a = value(&mut rng, 4);
        let b = if i % 2 == 0 { mutate(&mut rng, &a, 4) } else { value(&mut rng, 4) };
        let ops: Vec<Value> = diff(&a, &b).iter().map(|c| c.to_json()).collect();
        let got = apply_patch(&a, &ops).unwrap_or_else(|e| panic!("case {i}: {e}\na={a}\nb={b}\nops={ops:?}"));
        assert_eq!(got, b, "case {i}: a={a} ops={ops:?}");
        assert!(diff(&a, &a).is_empty(), "case {i}: diff(a, a) not empty for {a}");
    }
}

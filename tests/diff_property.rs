//! Property test: for random documents a and b,
//! apply_patch(a, diff(a, b)) == b, and diff(a, a) is empty.
//! A small xorshift generator keeps it dependency-free and reproducible.

use profile_preview::{apply_patch, diff};
use profile_preview::{Map, Value};

#[path = "common/gen.rs"]
mod gen;
use gen::{value, Rng, KEYS};

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

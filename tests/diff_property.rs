//! Property test: for random documents a and b,
//! apply_patch(a, diff(a, b)) == b, and diff(a, a) is empty; and the
//! changes of a deep merge worked out from the update alone equal the
//! diff of the whole result.
//! A small xorshift generator keeps it dependency-free and reproducible.

use profile_preview::json::diff::diff_merge;
use profile_preview::{apply_patch, diff, merge_deep};
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

/// A deep-merge update of `a`: some members set to `null` (deleted), some
/// replaced or merged into recursively, some new; sometimes not an object.
fn update_for(rng: &mut Rng, a: &Value, depth: u32) -> Value {
    let Value::Object(m) = a else {
        return if rng.below(2) == 0 { value(rng, 2) } else { update_for(rng, &Value::Object(Map::new()), depth) };
    };
    let mut out = Map::new();
    for (k, child) in m {
        match rng.below(6) {
            0 => {
                out.insert(k.clone(), Value::Null);
            }
            1 => {
                out.insert(k.clone(), mutate(rng, child, depth.saturating_sub(1)));
            }
            2 if depth > 0 => {
                out.insert(k.clone(), update_for(rng, child, depth - 1));
            }
            3 => {
                out.insert(k.clone(), child.clone());
            }
            _ => {}
        }
    }
    for _ in 0..rng.below(3) {
        let v = if rng.below(4) == 0 { Value::Null } else { value(rng, 2) };
        out.insert(KEYS[rng.below(KEYS.len() as u64) as usize].to_string(), v);
    }
    Value::Object(out)
}

#[test]
fn merge_changes_equal_the_diff_of_the_merge() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut nonempty = 0;
    for i in 0..5000 {
        let a = value(&mut rng, 4);
        let s = update_for(&mut rng, &a, 3);
        let merged = merge_deep(&a, &s);
        let want = diff(&a, &merged);
        nonempty += usize::from(!want.is_empty());
        assert_eq!(diff_merge(&a, &s), want, "case {i}: a={a}\ns={s}\nmerged={merged}");
    }
    assert!(nonempty > 2500, "the generator should mostly make changes: {nonempty}");
}

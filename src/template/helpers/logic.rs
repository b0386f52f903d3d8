//! Logic helpers: `and or not eq`, comparisons (`compare` with JavaScript's
//! loose `==`, Courier's `condition` where `==` is strict), `default`, and
//! Courier's `conditional`/`filter`/`contains`.

use super::{s, truthy, Args};
use crate::json::Value;

/// `and a b ...`: every argument truthy (true with no arguments).
pub fn and(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(a.vals.iter().all(|v| truthy(Some(v), false))))
}

/// `or a b ...`: some argument truthy (false with no arguments).
pub fn or(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(a.vals.iter().any(|v| truthy(Some(v), false))))
}

/// `not a`.
pub fn not(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(!truthy(Some(a.get(0)), false)))
}

/// `eq a b`: `===`.
pub fn eq(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(strict_eq(a.get(0), a.get(1))))
}

fn op_arg<'v>(a: &'v Args<'_>) -> Result<&'v str, String> {
    match a.get(1) {
        Value::String(op) => Ok(op),
        _ => Err(format!("{} expects an operator string as its second argument", a.name)),
    }
}

/// `compare a op b` with JavaScript semantics (`==` loose, `===` strict).
pub fn compare_loose(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(compare(a.get(0), op_arg(a)?, a.get(2), false)?))
}

/// Courier's `condition a op b`: `==` is `===` and `!=` is `!==` there.
pub fn condition(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(compare(a.get(0), op_arg(a)?, a.get(2), true)?))
}

/// SuprSend's `default value fallback`: the first argument that is not
/// `null`, missing or `""`.
pub fn default_empty(a: &Args<'_>) -> Result<Value, String> {
    Ok(a.vals
        .iter()
        .find(|v| !matches!(v.as_ref(), Value::Null) && v.as_ref() != &Value::String(String::new()))
        .map_or(Value::Null, |v| v.as_ref().clone()))
}

/// Courier's `default value fallback`: the value unless it is nullish.
pub fn default_nullish(a: &Args<'_>) -> Result<Value, String> {
    Ok(match a.get(0) {
        Value::Null => a.get(1).clone(),
        v => v.clone(),
    })
}

/// Courier's `conditional a b ... logicalOperator="and"|"or"`: whether the
/// conditions pass (as a block: see `Kind::Hide`).
pub fn conditional(a: &Args<'_>) -> Result<Value, String> {
    let or = match a.hash("logicalOperator") {
        None | Some(Value::Null) => false,
        Some(Value::String(op)) if op == "and" => false,
        Some(Value::String(op)) if op == "or" => true,
        Some(other) => return Err(format!("conditional: logicalOperator must be \"and\" or \"or\", got {}", s(other))),
    };
    let t = |v: &std::borrow::Cow<'_, Value>| truthy(Some(v), false);
    Ok(Value::Bool(if or { a.vals.iter().any(t) } else { a.vals.iter().all(t) }))
}

/// Courier's `filter source property OPERATOR [value]`: a predicate over
/// `source` (`"data"` or `"profile"`) at `property`.
pub fn filter(a: &Args<'_>) -> Result<Value, String> {
    let (Value::String(source), Value::String(prop), Value::String(op)) = (a.get(0), a.get(1), a.get(2)) else {
        return Err("filter expects (filter \"data\"|\"profile\" \"property\" \"OPERATOR\" [value])".into());
    };
    let path = match source.as_str() {
        "profile" => format!("profile.{prop}"),
        "data" => format!("data.{prop}"),
        other => return Err(format!("filter: source must be \"data\" or \"profile\", got \"{other}\"")),
    };
    let actual = (a.lookup)(&path).unwrap_or(Value::Null);
    filter_op(&actual, op, a.get(3)).map(Value::Bool)
}

fn filter_op(x: &Value, op: &str, want: &Value) -> Result<bool, String> {
    let n = |v: &Value| to_num_loose(v).unwrap_or(f64::NAN);
    Ok(match op {
        "EQUALS" => matches!(want, Value::String(w) if s(x) == *w),
        "NOT_EQUALS" => !matches!(want, Value::String(w) if s(x) == *w),
        "GREATER_THAN" => n(x) > n(want),
        "LESS_THAN" => n(x) < n(want),
        "GREATER_THAN_EQUALS" => n(x) >= n(want),
        "LESS_THAN_EQUALS" => n(x) <= n(want),
        "IS_EMPTY" => filter_empty(x),
        "NOT_EMPTY" => !filter_empty(x),
        "CONTAINS" | "NOT_CONTAINS" => {
            if x.is_null() {
                return Err(format!("{op} Eval Error: Left operand cannot be undefined or null."));
            }
            if want.is_null() {
                return Err(format!("{op} Eval Error: Right operand cannot be undefined or null."));
            }
            let has = match (x, want) {
                (Value::Array(items), w) => items.iter().any(|i| strict_eq(i, w)),
                (Value::String(h), Value::String(w)) => h.contains(w.as_str()),
                (Value::String(_), _) => {
                    return Err(format!("{op} Eval Error: Left operand is String, right operand must be String."))
                }
                _ => return Err(format!("{op} Eval Error: Left operand must be an Array or String.")),
            };
            has == (op == "CONTAINS")
        }
        other => return Err(format!("Invalid Operator: {other}")),
    })
}

fn filter_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        Value::String(t) => t.is_empty(),
        _ => false,
    }
}

/// Courier's `{{#contains text part}}…{{else}}…{{/contains}}`.
pub fn contains(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::Bool(match (a.get(0), a.get(1)) {
        (Value::String(h), n) if !h.is_empty() => h.contains(s(n).as_str()),
        _ => false,
    }))
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// `===`: same type and value (numbers compared numerically).
pub fn strict_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// JavaScript-like `==` for JSON values: null equals only null; a number,
/// string or boolean against another of those types compare as numbers;
/// otherwise `===`.
fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Number(_) | Value::String(_) | Value::Bool(_), Value::Number(_) | Value::Bool(_))
        | (Value::Number(_) | Value::Bool(_), Value::String(_)) => {
            matches!((to_num_loose(a), to_num_loose(b)), (Some(x), Some(y)) if x == y)
        }
        _ => strict_eq(a, b),
    }
}

/// `Number(v)` for scalars (`None` for NaN and containers).
pub fn to_num_loose(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(t) if t.trim().is_empty() => Some(0.0),
        Value::String(t) => crate::json::number::parse_f64(t),
        Value::Null => Some(0.0),
        _ => None,
    }
}

/// Compile-time check of a literal operator of `compare`/`condition`.
pub fn lint_operator(op: &str) -> Result<(), String> {
    match op {
        "==" | "===" | "!=" | "!==" | ">" | "<" | ">=" | "<=" => Ok(()),
        other => Err(format!("unknown comparison operator \"{other}\" (use == === != !== > < >= <=)")),
    }
}

/// `a op b`; `strict` makes `==`/`!=` mean `===`/`!==` (Courier).
pub fn compare(a: &Value, op: &str, b: &Value, strict: bool) -> Result<bool, String> {
    let eq = |a, b| if strict { strict_eq(a, b) } else { loose_eq(a, b) };
    Ok(match op {
        "==" => eq(a, b),
        "===" => strict_eq(a, b),
        "!=" => !eq(a, b),
        "!==" => !strict_eq(a, b),
        ">" | "<" | ">=" | "<=" => {
            let ord = match (a, b) {
                (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
                _ => match (as_f64(a).or_else(|| to_num_loose(a)), as_f64(b).or_else(|| to_num_loose(b))) {
                    (Some(x), Some(y)) => x.partial_cmp(&y),
                    _ => None,
                },
            };
            let Some(ord) = ord else { return Ok(false) };
            match op {
                ">" => ord.is_gt(),
                "<" => ord.is_lt(),
                ">=" => ord.is_ge(),
                _ => ord.is_le(),
            }
        }
        other => return Err(format!("unknown comparison operator \"{other}\" (use == === != !== > < >= <=)")),
    })
}

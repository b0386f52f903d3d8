//! Built-in helpers. Each takes its resolved positional arguments (a missing
//! variable arrives as `null`) and returns a JSON value, or an error message
//! that the renderer turns into a `helper_error` at the call's position.
//!
//! `var` and `path` need the variable itself, not only its value; the
//! renderer handles them (see `render.rs`).

use super::escape::to_string;
use crate::json::number::write_f64;
use serde_json::{Number, Value};
use std::borrow::Cow;

/// A helper known at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Helper {
    Lookup,
    And,
    Or,
    Not,
    Eq,
    Compare,
    Default,
    Var,
    Path,
    Capitalize,
    Uppercase,
    Lowercase,
    Trim,
    Truncate,
    Concat,
    Join,
    Length,
    ItemAt,
    JsonStringify,
    Add,
    Subtract,
    Multiply,
    Divide,
    Mod,
    Round,
    Floor,
    Ceil,
    Abs,
    DatetimeFormat,
}

const NAMES: [(&str, Helper); 30] = {
    use Helper::*;
    [
        ("lookup", Lookup),
        ("and", And),
        ("or", Or),
        ("not", Not),
        ("eq", Eq),
        ("compare", Compare),
        ("condition", Compare),
        ("default", Default),
        ("var", Var),
        ("path", Path),
        ("capitalize", Capitalize),
        ("uppercase", Uppercase),
        ("lowercase", Lowercase),
        ("trim", Trim),
        ("truncate", Truncate),
        ("concat", Concat),
        ("join", Join),
        ("length", Length),
        ("itemAt", ItemAt),
        ("jsonStringify", JsonStringify),
        ("add", Add),
        ("subtract", Subtract),
        ("multiply", Multiply),
        ("divide", Divide),
        ("mod", Mod),
        ("round", Round),
        ("floor", Floor),
        ("ceil", Ceil),
        ("abs", Abs),
        ("datetime-format", DatetimeFormat),
    ]
};

impl Helper {
    /// The helper's name.
    pub fn name(self) -> &'static str {
        NAMES.iter().find(|(_, h)| *h == self).map_or("helper", |(n, _)| n)
    }

    /// The helper called `name`, if any.
    pub fn from_name(name: &str) -> Option<Helper> {
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
    }
}

/// Handlebars truthiness: `false`, `null`, missing, `""`, `0` (unless
/// `include_zero`), `NaN` and `[]` are falsy; everything else (even `{}`) is truthy.
pub fn truthy(v: Option<&Value>, include_zero: bool) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => include_zero || n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(_)) => true,
    }
}

type Args<'a, 'v> = &'a [Cow<'v, Value>];

fn arg<'a>(a: Args<'a, '_>, i: usize) -> &'a Value {
    a.get(i).map_or(&Value::Null, |c| c.as_ref())
}

fn s(v: &Value) -> String {
    to_string(v)
}

/// Call a helper (other than `var`/`path`).
pub fn call(h: Helper, a: Args<'_, '_>, name: &str) -> Result<Value, String> {
    use Helper::*;
    let a0 = arg(a, 0);
    let a1 = arg(a, 1);
    Ok(match h {
        Lookup => lookup(a0, a1).cloned().unwrap_or(Value::Null),
        And => Value::Bool(!a.is_empty() && a.iter().all(|v| truthy(Some(v), false))),
        Or => Value::Bool(a.iter().any(|v| truthy(Some(v), false))),
        Not => Value::Bool(!truthy(Some(a0), false)),
        Eq => Value::Bool(strict_eq(a0, a1)),
        Compare => {
            let op = match arg(a, 1) {
                Value::String(op) => op.as_str(),
                _ => return Err(format!("{name} expects an operator string as its second argument")),
            };
            Value::Bool(compare(a0, op, arg(a, 2))?)
        }
        Default => a
            .iter()
            .find(|v| !matches!(v.as_ref(), Value::Null) && v.as_ref() != &Value::String(String::new()))
            .map_or(Value::Null, |v| v.as_ref().clone()),
        Var | Path => a0.clone(),
        Capitalize => {
            let text = s(a0);
            let mut c = text.chars();
            match c.next() {
                Some(f) => {
                    let mut out = crate::host::uppercase(f.encode_utf8(&mut [0; 4]));
                    out.push_str(c.as_str());
                    Value::String(out)
                }
                None => Value::String(String::new()),
            }
        }
        Uppercase => Value::String(crate::host::uppercase(&s(a0))),
        Lowercase => Value::String(crate::host::lowercase(&s(a0))),
        Trim => Value::String(s(a0).trim().to_string()),
        Truncate => {
            let text = s(a0);
            let limit = int_arg(a1, name)?.max(0) as usize;
            let suffix = match arg(a, 2) {
                Value::Null => String::new(),
                v => s(v),
            };
            if text.chars().count() <= limit {
                Value::String(text)
            } else {
                let keep = limit.saturating_sub(suffix.chars().count());
                let mut out: String = text.chars().take(keep).collect();
                out.push_str(&suffix);
                Value::String(out)
            }
        }
        Concat => Value::String(a.iter().map(|v| s(v)).collect()),
        Join => {
            let sep = match a1 {
                Value::Null => ", ".to_string(),
                v => s(v),
            };
            match a0 {
                Value::Array(items) => Value::String(items.iter().map(s).collect::<Vec<_>>().join(&sep)),
                v => Value::String(s(v)),
            }
        }
        Length => Value::from(match a0 {
            Value::Array(x) => x.len(),
            Value::Object(x) => x.len(),
            Value::String(x) => x.chars().count(),
            _ => 0,
        }),
        ItemAt => match a0 {
            Value::Array(items) => {
                let i = int_arg(a1, name)?;
                let idx = if i < 0 { items.len() as i64 + i } else { i };
                usize::try_from(idx).ok().and_then(|i| items.get(i)).cloned().unwrap_or(Value::Null)
            }
            Value::Null => Value::Null,
            _ => return Err(format!("{name} expects an array as its first argument")),
        },
        JsonStringify => match a0 {
            Value::Null if a.is_empty() => Value::Null,
            v => {
                let indent = match a1 {
                    Value::Number(n) => n.as_u64().unwrap_or(0).min(10) as usize,
                    Value::String(t) => return Ok(Value::String(pretty(v, t.as_bytes()))),
                    _ => 0,
                };
                Value::String(if indent > 0 {
                    pretty(v, " ".repeat(indent).as_bytes())
                } else {
                    serde_json::to_string(v).unwrap_or_default()
                })
            }
        },
        Add => num_out(a.iter().try_fold(0.0, |acc, v| Ok::<f64, String>(acc + num(v, name)?))?)?,
        Multiply => num_out(a.iter().try_fold(1.0, |acc, v| Ok::<f64, String>(acc * num(v, name)?))?)?,
        Subtract => num_out(num(a0, name)? - num(a1, name)?)?,
        Divide | Mod => {
            let (x, y) = (num(a0, name)?, num(a1, name)?);
            if y == 0.0 {
                return Err(format!("{name}: division by zero"));
            }
            num_out(if h == Divide { x / y } else { x % y })?
        }
        Round => {
            let x = num(a0, name)?;
            let d = match a1 {
                Value::Null => 0,
                v => num(v, name)?.clamp(0.0, 15.0) as i32,
            };
            let p = 10f64.powi(d);
            num_out((x * p + 0.5).floor() / p)?
        }
        Floor => num_out(num(a0, name)?.floor())?,
        Ceil => num_out(num(a0, name)?.ceil())?,
        Abs => num_out(num(a0, name)?.abs())?,
        DatetimeFormat => {
            let tz = match arg(a, 2) {
                Value::String(t) if !t.is_empty() => Some(t.as_str()),
                _ => None,
            };
            match a1 {
                Value::String(f) => super::datefmt::format(a0, f, tz)?,
                Value::Null => super::datefmt::format(a0, super::datefmt::DEFAULT_FORMAT, tz)?,
                _ => return Err(format!("{name} expects a format string as its second argument")),
            }
        }
    })
}

fn pretty(v: &Value, indent: &[u8]) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// `obj[key]` for objects (string key) and arrays (numeric index).
pub fn lookup<'v>(obj: &'v Value, key: &Value) -> Option<&'v Value> {
    match (obj, key) {
        (Value::Object(m), k) => m.get(&to_string(k)),
        (Value::Array(items), Value::Number(n)) => n.as_u64().and_then(|i| items.get(i as usize)),
        (Value::Array(items), Value::String(k)) => k.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

fn int_arg(v: &Value, name: &str) -> Result<i64, String> {
    let f = num(v, name)?;
    Ok(f.trunc() as i64)
}

/// A number argument: numbers, or strings holding a number.
fn num(v: &Value, name: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{name}: bad number")),
        Value::String(t) if !t.trim().is_empty() => {
            crate::json::number::parse_f64(t).ok_or_else(|| format!("{name} expects numbers, got \"{t}\""))
        }
        Value::Null => Err(format!("{name} expects numbers, got a missing value")),
        other => Err(format!("{name} expects numbers, got {}", type_name(other))),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An `f64` result as a JSON number (integral values as integers).
fn num_out(f: f64) -> Result<Value, String> {
    if !f.is_finite() {
        let mut t = String::new();
        write_f64(&mut t, f);
        return Err(format!("result is not a finite number ({t})"));
    }
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return Ok(Value::from(f as i64));
    }
    Ok(Number::from_f64(f).map_or(Value::Null, Value::Number))
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

/// JavaScript-like `==` for JSON values: null equals only null; a number
/// and a string or boolean compare as numbers; otherwise `===`.
fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Number(_), Value::String(_) | Value::Bool(_)) | (Value::String(_) | Value::Bool(_), Value::Number(_)) => {
            matches!((to_num_loose(a), to_num_loose(b)), (Some(x), Some(y)) if x == y)
        }
        (Value::Bool(_), Value::String(_)) | (Value::String(_), Value::Bool(_)) => {
            matches!((to_num_loose(a), to_num_loose(b)), (Some(x), Some(y)) if x == y)
        }
        _ => strict_eq(a, b),
    }
}

fn to_num_loose(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(t) if t.trim().is_empty() => Some(0.0),
        Value::String(t) => crate::json::number::parse_f64(t),
        Value::Null => Some(0.0),
        _ => None,
    }
}

/// `compare a op b`.
pub fn compare(a: &Value, op: &str, b: &Value) -> Result<bool, String> {
    Ok(match op {
        "==" => loose_eq(a, b),
        "===" => strict_eq(a, b),
        "!=" => !loose_eq(a, b),
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

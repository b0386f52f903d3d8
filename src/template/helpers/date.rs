//! Date helpers over the one formatter of [`crate::template::datefmt`]:
//! SuprSend's `datetime-format` (moment tokens, `"now"`), Courier's
//! `datetime-format`/`swu_datetimeformat` (strftime) and the `swu_*`
//! conversions.

use super::{s, text, Args};
use crate::template::datefmt::{self, Tokenizer};
use crate::json::Value;

/// Pattern used by the moment form when none is given.
pub const DEFAULT_MOMENT: &str = "YYYY-MM-DDTHH:mm:ssZ";

fn zone<'a>(a: &'a Args<'_>) -> Result<Option<&'a str>, String> {
    let z = match a.get(2) {
        Value::Null => a.hash("tz").or_else(|| a.hash("timezone")).unwrap_or(&Value::Null),
        v => v,
    };
    match z {
        Value::Null => Ok(None),
        Value::String(t) if t.is_empty() => Ok(None),
        Value::String(t) => Ok(Some(t.as_str())),
        other => Err(format!("{} expects a time zone name, got {}", a.name, s(other))),
    }
}

fn run(a: &Args<'_>, ms: i64, pattern: &str, tokenize: Tokenizer) -> Result<Value, String> {
    let z = zone(a)?;
    let offset = datefmt::offset_of(z, ms, a.name)?;
    let toks = tokenize(pattern)?;
    text(datefmt::format(&toks, ms, offset, z.unwrap_or("UTC")))
}

fn pattern<'v>(a: &'v Args<'_>, default: &'v str) -> Result<&'v str, String> {
    match a.get(1) {
        Value::String(p) => Ok(p),
        Value::Null => Ok(default),
        other => Err(format!("{} expects a format string as its second argument, got {}", a.name, s(other))),
    }
}

/// SuprSend's `datetime-format date "moment pattern" [zone]`; `"now"` is
/// the render time, an invalid date is an error, a missing one prints nothing.
pub fn moment_format(a: &Args<'_>) -> Result<Value, String> {
    let ms = match a.get(0) {
        Value::String(t) if t == "now" => crate::host::now_ms() as i64,
        v => match datefmt::epoch_ms(v, a.name)? {
            Some(ms) => ms,
            None => return text(""),
        },
    };
    run(a, ms, pattern(a, DEFAULT_MOMENT)?, datefmt::moment)
}

/// Courier's `datetime-format`/`swu_datetimeformat time "%strftime" [zone]`:
/// `time` is integral epoch milliseconds or an ISO 8601 string.
pub fn strftime_format(a: &Args<'_>) -> Result<Value, String> {
    let ms = match a.get(0) {
        Value::Number(n) if n.as_i64().is_none() && n.as_f64().is_some_and(|f| f.fract() != 0.0) => {
            return Err(format!("{} expects milliseconds since epoch as an input", a.name))
        }
        v @ Value::Number(_) => datefmt::epoch_ms(v, a.name)?.unwrap_or(0),
        // Courier keeps the wall-clock time written in the string: the
        // instant is shifted back by a `±HHMM` offset found in it.
        Value::String(t) => match crate::datetime::parse_iso8601(t) {
            Some(ms) if t.as_bytes().get(10).is_some_and(|c| *c == b'T' || *c == b't') => ms + written_offset_ms(t),
            _ => return Err(format!("{} expects string values to be ISO-8601 formatted", a.name)),
        },
        other => return Err(format!("{} expects milliseconds since epoch or an ISO-8601 string, got {}", a.name, super::type_name(other))),
    };
    let Value::String(p) = a.get(1) else {
        return Err(format!("{} expects a format string as its second argument", a.name));
    };
    run(a, ms, p, datefmt::strftime)
}

/// The first `±HHMM` (no colon) in `t`, in milliseconds, as Courier's
/// renderer finds it (`/([+-])(\d\d)(\d\d)/`).
fn written_offset_ms(t: &str) -> i64 {
    let b = t.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if matches!(c, b'+' | b'-') {
            if let Some(d) = b.get(i + 1..i + 5).filter(|d| d.iter().all(u8::is_ascii_digit)) {
                let n = |k: usize| d.get(k).map_or(0, |x| (x - b'0') as i64);
                let minutes = (n(0) * 10 + n(1)) * 60 + n(2) * 10 + n(3);
                return if *c == b'-' { -minutes } else { minutes } * 60_000;
            }
        }
    }
    0
}

/// `swu_iso8601_to_time "2020-06-24T19:17:47.010Z"` -> epoch milliseconds.
pub fn iso8601_to_time(a: &Args<'_>) -> Result<Value, String> {
    match a.get(0) {
        Value::String(t) => crate::datetime::parse_iso8601(t)
            .map(Value::from)
            .ok_or_else(|| format!("{} expects ISO-8601 formatted string", a.name)),
        _ => Err(format!("{} expects ISO-8601 formatted string", a.name)),
    }
}

/// `swu_timestamp_to_time 1593026267` (UNIX seconds) -> epoch milliseconds.
/// An integral numeric string counts too: Courier's page passes
/// `(var "some_timestamp")`, and `var` gives text.
pub fn timestamp_to_time(a: &Args<'_>) -> Result<Value, String> {
    let secs = match a.get(0) {
        Value::Number(n) => n.as_i64(),
        Value::String(t) => t.trim().parse::<i64>().ok(),
        _ => None,
    };
    match secs {
        Some(x) if x.unsigned_abs() <= 8_640_000_000_000 => Ok(Value::from(x * 1000)),
        _ => Err(format!("{} expects a valid UNIX epoch timestamp", a.name)),
    }
}

/// Compile-time check of a literal moment pattern.
pub fn lint_moment(p: &str) -> Result<(), String> {
    datefmt::moment(p).map(|_| ())
}

/// Compile-time check of a literal strftime pattern.
pub fn lint_strftime(p: &str) -> Result<(), String> {
    datefmt::strftime(p).map(|_| ())
}

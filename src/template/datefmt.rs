//! `datetime-format`: `{{datetime-format date "pattern" "Time/Zone"}}`.
//!
//! `date` is an ISO 8601 string (`2026-03-05`, `2026-03-05T14:07:09Z`,
//! `...+02:00`) or epoch milliseconds (number or numeric string); a missing,
//! null or empty date prints nothing. The zone is an IANA name (default UTC).
//!
//! Pattern tokens (moment/dayjs style, English names); text in `[...]` is
//! literal, any other character is copied:
//!
//! | token | output | token | output |
//! |-------|--------|-------|--------|
//! | `YYYY` | 2026 | `YY` | 26 |
//! | `MMMM` | March | `MMM` | Mar |
//! | `MM` | 03 | `M` | 3 |
//! | `DD` | 05 | `D` | 5 |
//! | `Do` | 5th | `dddd` | Thursday |
//! | `ddd` | Thu | `HH` / `H` | 14 / 14 (24 h) |
//! | `hh` / `h` | 02 / 2 (12 h) | `mm` / `m` | 07 / 7 |
//! | `ss` / `s` | 09 / 9 | `SSS` | milliseconds |
//! | `A` / `a` | PM / pm | `Z` / `ZZ` | +02:00 / +0200 |
//!
//! The default pattern is `YYYY-MM-DDTHH:mm:ssZ`.

use crate::datetime::{civil_from_ms, parse_iso8601};
use serde_json::Value;
use std::fmt::Write;

/// Pattern used when none is given.
pub const DEFAULT_FORMAT: &str = "YYYY-MM-DDTHH:mm:ssZ";

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const TOKENS: [&str; 25] = [
    "YYYY", "YY", "MMMM", "MMM", "MM", "M", "Do", "DD", "D", "dddd", "ddd", "HH", "H", "hh", "h", "mm", "m", "ss",
    "s", "SSS", "A", "a", "ZZ", "Z", "[",
];

fn epoch_ms(v: &Value) -> Result<Option<i64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n.as_f64().map(|f| Some(f as i64)).ok_or_else(|| "bad date number".to_string()),
        Value::String(t) if t.trim().is_empty() => Ok(None),
        Value::String(t) => {
            if let Some(ms) = parse_iso8601(t) {
                return Ok(Some(ms));
            }
            crate::json::number::parse_f64(t)
                .filter(|f| f.is_finite())
                .map(|f| Some(f as i64))
                .ok_or_else(|| format!("datetime-format: \"{t}\" is not an ISO 8601 date or epoch milliseconds"))
        }
        _ => Err("datetime-format expects a date string or epoch milliseconds".to_string()),
    }
}

/// Format `date` with `pattern` in zone `tz` (UTC when `None`).
pub fn format(date: &Value, pattern: &str, tz: Option<&str>) -> Result<Value, String> {
    let Some(ms) = epoch_ms(date)? else { return Ok(Value::String(String::new())) };
    // Keep within the years the civil conversion handles comfortably.
    if ms.unsigned_abs() > 8_640_000_000_000_000 {
        return Err("datetime-format: date out of range".to_string());
    }
    let offset = match tz {
        None => 0,
        Some("UTC" | "Etc/UTC" | "Z") => 0,
        Some(zone) => crate::host::utc_offset_minutes(zone, ms as f64)
            .ok_or_else(|| format!("datetime-format: unknown time zone \"{zone}\""))?,
    };
    let c = civil_from_ms(ms + offset as i64 * 60_000);
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut rest = pattern;
    while !rest.is_empty() {
        let Some(tok) = TOKENS.iter().find(|t| rest.starts_with(**t)) else {
            let mut chars = rest.chars();
            if let Some(ch) = chars.next() {
                out.push(ch);
            }
            rest = chars.as_str();
            continue;
        };
        rest = rest.get(tok.len()..).unwrap_or("");
        let h12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
        let month = MONTHS.get(c.month.saturating_sub(1) as usize).copied().unwrap_or("");
        let day = DAYS.get(c.weekday as usize).copied().unwrap_or("");
        let _ = match *tok {
            "[" => {
                let end = rest.find(']').unwrap_or(rest.len());
                out.push_str(rest.get(..end).unwrap_or(""));
                rest = rest.get(end + 1..).unwrap_or("");
                Ok(())
            }
            "YYYY" => write!(out, "{:04}", c.year),
            "YY" => write!(out, "{:02}", c.year.rem_euclid(100)),
            "MMMM" => write!(out, "{month}"),
            "MMM" => write!(out, "{}", month.get(..3).unwrap_or(month)),
            "MM" => write!(out, "{:02}", c.month),
            "M" => write!(out, "{}", c.month),
            "Do" => {
                let suffix = match (c.day % 10, c.day % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                write!(out, "{}{suffix}", c.day)
            }
            "DD" => write!(out, "{:02}", c.day),
            "D" => write!(out, "{}", c.day),
            "dddd" => write!(out, "{day}"),
            "ddd" => write!(out, "{}", day.get(..3).unwrap_or(day)),
            "HH" => write!(out, "{:02}", c.hour),
            "H" => write!(out, "{}", c.hour),
            "hh" => write!(out, "{h12:02}"),
            "h" => write!(out, "{h12}"),
            "mm" => write!(out, "{:02}", c.minute),
            "m" => write!(out, "{}", c.minute),
            "ss" => write!(out, "{:02}", c.second),
            "s" => write!(out, "{}", c.second),
            "SSS" => write!(out, "{:03}", c.millis),
            "A" => write!(out, "{}", if c.hour < 12 { "AM" } else { "PM" }),
            "a" => write!(out, "{}", if c.hour < 12 { "am" } else { "pm" }),
            "ZZ" | "Z" => {
                let sign = if offset < 0 { '-' } else { '+' };
                let o = offset.unsigned_abs();
                let sep = if *tok == "Z" { ":" } else { "" };
                write!(out, "{sign}{:02}{sep}{:02}", o / 60, o % 60)
            }
            _ => Ok(()),
        };
    }
    Ok(Value::String(out))
}

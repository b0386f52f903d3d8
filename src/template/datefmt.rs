//! One date formatter, two pattern syntaxes: SuprSend's `datetime-format`
//! takes moment.js tokens, Courier's takes strftime `%` directives. Each
//! syntax is a tokenizer into the same [`Tok`] list; [`fn@format`] prints the
//! list for an instant and a UTC offset (English names; zones come from
//! the host: `Intl` in wasm, the tz database natively).
//!
//! moment tokens (text in `[...]` is literal, other characters are copied):
//!
//! | token | output | token | output |
//! |-------|--------|-------|--------|
//! | `YYYY` | 2026 | `YY` | 26 |
//! | `Q` | 1..4 | `MMMM` / `MMM` | March / Mar |
//! | `MM` / `M` | 03 / 3 | `DDDD` / `DDD` | day of year 064 / 64 |
//! | `DD` / `D` / `Do` | 05 / 5 / 5th | `dddd` / `ddd` / `dd` / `d` | Thursday / Thu / Th / 4 |
//! | `HH` / `H` | 14 (24 h) | `hh` / `h` | 02 / 2 (12 h) |
//! | `mm` / `m` | 07 / 7 | `ss` / `s` | 09 / 9 |
//! | `SSS` | milliseconds | `A` / `a` | PM / pm |
//! | `Z` / `ZZ` | +02:00 / +0200 | `X` / `x` | epoch seconds / ms |
//! | `LT LTS L LL LLL LLLL` | `h:mm A`, `h:mm:ss A`, `MM/DD/YYYY`, `MMMM D, YYYY`, `MMMM D, YYYY h:mm A`, `dddd, MMMM D, YYYY h:mm A` | | |
//!
//! strftime directives (Courier): `%a %A %b %B %d %H %I %m %M %S %y %Y %p`
//! (the set Courier's renderer maps), plus `%e %j %f %w %u %Z %z %%`.
//! Courier converts only the first occurrence of each directive (a JS
//! `String.replace`), so a repeated directive is copied as written; an
//! unknown directive is an error.

use crate::datetime::{civil_from_ms, parse_iso8601, Civil};
use std::fmt::Write;

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// One piece of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'p> {
    /// Copied as is.
    Lit(&'p str),
    /// A number field, zero-padded to `width` (0: no padding).
    Num(Field, u8),
    /// Month name (`true`: three letters).
    MonthName(bool),
    /// Weekday name, cut to `n` letters (0: full).
    DayName(u8),
    /// Day of month with an English ordinal suffix.
    Ordinal,
    /// AM/PM (`true`: upper case).
    AmPm(bool),
    /// UTC offset (`true`: with a colon).
    Offset(bool),
    /// The zone's name as given (UTC when none).
    Zone,
}

/// A numeric field of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Full year.
    Year,
    /// Year modulo 100.
    Year2,
    /// Quarter 1..4.
    Quarter,
    /// Month 1..12.
    Month,
    /// Day of month.
    Day,
    /// Day of year 1..366.
    YearDay,
    /// Weekday 0 (Sunday) .. 6.
    Weekday,
    /// ISO weekday 1 (Monday) .. 7.
    IsoWeekday,
    /// Hour 0..23.
    Hour,
    /// Hour 1..12.
    Hour12,
    /// Minute.
    Minute,
    /// Second.
    Second,
    /// Millisecond.
    Millis,
    /// Microseconds (milliseconds * 1000).
    Micros,
    /// Epoch seconds.
    EpochSec,
    /// Epoch milliseconds.
    EpochMs,
}

/// A pattern tokenizer.
pub type Tokenizer = for<'p> fn(&'p str) -> Result<Vec<Tok<'p>>, String>;

/// Most tokens in one pattern (a guard against huge patterns).
const MAX_TOKENS: usize = 1000;

const MOMENT: [(&str, Tok<'static>); 40] = {
    use Field::*;
    use Tok::*;
    [
        ("YYYY", Num(Year, 4)),
        ("YY", Num(Year2, 2)),
        ("Q", Num(Quarter, 0)),
        ("MMMM", MonthName(false)),
        ("MMM", MonthName(true)),
        ("MM", Num(Field::Month, 2)),
        ("M", Num(Field::Month, 0)),
        ("DDDD", Num(YearDay, 3)),
        ("DDD", Num(YearDay, 0)),
        ("Do", Ordinal),
        ("DD", Num(Day, 2)),
        ("D", Num(Day, 0)),
        ("dddd", DayName(0)),
        ("ddd", DayName(3)),
        ("dd", DayName(2)),
        ("d", Num(Field::Weekday, 0)),
        ("E", Num(IsoWeekday, 0)),
        ("HH", Num(Hour, 2)),
        ("H", Num(Hour, 0)),
        ("hh", Num(Hour12, 2)),
        ("h", Num(Hour12, 0)),
        ("mm", Num(Minute, 2)),
        ("m", Num(Minute, 0)),
        ("ss", Num(Second, 2)),
        ("s", Num(Second, 0)),
        ("SSS", Num(Millis, 3)),
        ("SS", Num(Millis, 2)),
        ("S", Num(Millis, 1)),
        ("A", AmPm(true)),
        ("a", AmPm(false)),
        ("ZZ", Offset(false)),
        ("Z", Offset(true)),
        ("X", Num(EpochSec, 0)),
        ("x", Num(EpochMs, 0)),
        ("LTS", Lit("h:mm:ss A")),
        ("LT", Lit("h:mm A")),
        ("LLLL", Lit("dddd, MMMM D, YYYY h:mm A")),
        ("LLL", Lit("MMMM D, YYYY h:mm A")),
        ("LL", Lit("MMMM D, YYYY")),
        ("L", Lit("MM/DD/YYYY")),
    ]
};

/// Tokenize a moment.js pattern (`[text]` is literal).
pub fn moment(p: &str) -> Result<Vec<Tok<'_>>, String> {
    let mut out = Vec::new();
    moment_into(p, &mut out, true)?;
    Ok(out)
}

fn moment_into<'p>(p: &'p str, out: &mut Vec<Tok<'p>>, expand: bool) -> Result<(), String> {
    let mut rest = p;
    while !rest.is_empty() {
        if out.len() > MAX_TOKENS {
            return Err("datetime-format: the pattern is too long".into());
        }
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').ok_or_else(|| format!("datetime-format: unclosed '[' in pattern \"{p}\""))?;
            out.push(Tok::Lit(after.get(..end).unwrap_or("")));
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        match MOMENT.iter().find(|(t, _)| rest.starts_with(t)) {
            Some((t, tok)) => {
                rest = rest.get(t.len()..).unwrap_or("");
                match tok {
                    // Localized presets expand to tokens (English only).
                    Tok::Lit(preset) if expand => moment_into(preset, out, false)?,
                    tok => out.push(*tok),
                }
            }
            None => {
                let n = rest.chars().next().map_or(1, char::len_utf8);
                out.push(Tok::Lit(rest.get(..n).unwrap_or("")));
                rest = rest.get(n..).unwrap_or("");
            }
        }
    }
    Ok(())
}

const STRFTIME: [(u8, Tok<'static>); 20] = {
    use Field::*;
    use Tok::*;
    [
        (b'a', DayName(3)),
        (b'A', DayName(0)),
        (b'b', MonthName(true)),
        (b'B', MonthName(false)),
        (b'd', Num(Day, 2)),
        (b'e', Num(Day, 0)),
        (b'H', Num(Hour, 2)),
        (b'I', Num(Hour12, 2)),
        (b'j', Num(YearDay, 3)),
        (b'm', Num(Field::Month, 2)),
        (b'M', Num(Minute, 2)),
        (b'S', Num(Second, 2)),
        (b'f', Num(Micros, 6)),
        (b'y', Num(Year2, 2)),
        (b'Y', Num(Year, 4)),
        (b'p', AmPm(false)),
        (b'w', Num(Field::Weekday, 0)),
        (b'u', Num(IsoWeekday, 0)),
        (b'Z', Zone),
        (b'z', Zone),
    ]
};

/// Tokenize a strftime pattern as Courier's renderer reads it.
pub fn strftime(p: &str) -> Result<Vec<Tok<'_>>, String> {
    let mut out = Vec::new();
    let mut seen = [false; 128];
    let mut rest = p;
    while let Some(i) = rest.find('%') {
        if out.len() > MAX_TOKENS {
            return Err("datetime-format: the pattern is too long".into());
        }
        if i > 0 {
            out.push(Tok::Lit(rest.get(..i).unwrap_or("")));
        }
        let d = rest.as_bytes().get(i + 1).copied();
        let whole = rest.get(i..i + 2).unwrap_or("%");
        rest = rest.get(i + 2..).unwrap_or("");
        match d {
            Some(b'%') => out.push(Tok::Lit("%")),
            Some(c) => {
                let tok = STRFTIME
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map(|(_, t)| *t)
                    .ok_or_else(|| format!("datetime-format: unknown directive \"{whole}\" in pattern \"{p}\""))?;
                let slot = seen.get_mut(c as usize);
                match slot {
                    Some(s) if *s => out.push(Tok::Lit(whole)),
                    Some(s) => {
                        *s = true;
                        out.push(tok);
                    }
                    None => out.push(tok),
                }
            }
            None => return Err(format!("datetime-format: the pattern \"{p}\" ends with '%'")),
        }
    }
    if !rest.is_empty() {
        out.push(Tok::Lit(rest));
    }
    Ok(out)
}

fn day_of_year(c: &Civil) -> i64 {
    crate::datetime::days_from_civil(c.year, c.month, c.day) - crate::datetime::days_from_civil(c.year, 1, 1) + 1
}

/// Print `toks` for the instant `ms` (epoch milliseconds) shown at
/// `offset` minutes east of UTC; `zone` names the zone for [`Tok::Zone`].
pub fn format(toks: &[Tok<'_>], ms: i64, offset: i32, zone: &str) -> String {
    let c = civil_from_ms(ms + offset as i64 * 60_000);
    let mut out = String::new();
    for tok in toks {
        let _ = match *tok {
            Tok::Lit(t) => {
                out.push_str(t);
                Ok(())
            }
            Tok::Num(f, w) => {
                let h12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
                let v: i64 = match f {
                    Field::Year => c.year,
                    Field::Year2 => c.year.rem_euclid(100),
                    Field::Quarter => (c.month as i64 - 1) / 3 + 1,
                    Field::Month => c.month as i64,
                    Field::Day => c.day as i64,
                    Field::YearDay => day_of_year(&c),
                    Field::Weekday => c.weekday as i64,
                    Field::IsoWeekday => if c.weekday == 0 { 7 } else { c.weekday as i64 },
                    Field::Hour => c.hour as i64,
                    Field::Hour12 => h12 as i64,
                    Field::Minute => c.minute as i64,
                    Field::Second => c.second as i64,
                    Field::Millis if w == 1 => c.millis as i64 / 100,
                    Field::Millis if w == 2 => c.millis as i64 / 10,
                    Field::Millis => c.millis as i64,
                    Field::Micros => c.millis as i64 * 1000,
                    Field::EpochSec => ms.div_euclid(1000),
                    Field::EpochMs => ms,
                };
                write!(out, "{v:0w$}", w = w as usize)
            }
            Tok::MonthName(short) => {
                let m = MONTHS.get(c.month.saturating_sub(1) as usize).copied().unwrap_or("");
                out.push_str(if short { m.get(..3).unwrap_or(m) } else { m });
                Ok(())
            }
            Tok::DayName(n) => {
                let d = DAYS.get(c.weekday as usize).copied().unwrap_or("");
                out.push_str(if n == 0 { d } else { d.get(..n as usize).unwrap_or(d) });
                Ok(())
            }
            Tok::Ordinal => {
                let suffix = match (c.day % 10, c.day % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                write!(out, "{}{suffix}", c.day)
            }
            Tok::AmPm(upper) => {
                out.push_str(match (c.hour < 12, upper) {
                    (true, true) => "AM",
                    (false, true) => "PM",
                    (true, false) => "am",
                    (false, false) => "pm",
                });
                Ok(())
            }
            Tok::Offset(colon) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let o = offset.unsigned_abs();
                let sep = if colon { ":" } else { "" };
                write!(out, "{sign}{:02}{sep}{:02}", o / 60, o % 60)
            }
            Tok::Zone => {
                out.push_str(zone);
                Ok(())
            }
        };
    }
    out
}

/// Largest instant accepted (the range of JavaScript dates).
const MAX_MS: i64 = 8_640_000_000_000_000;

/// Epoch milliseconds of a date argument: ISO 8601 text or epoch
/// milliseconds (number or numeric string). `Ok(None)` for an empty date.
pub fn epoch_ms(v: &crate::json::Value, name: &str) -> Result<Option<i64>, String> {
    use crate::json::Value;
    let ms = match v {
        Value::Null => return Ok(None),
        Value::Number(n) => n.as_f64().map(|f| f as i64).ok_or_else(|| format!("{name}: bad date number"))?,
        Value::String(t) if t.trim().is_empty() => return Ok(None),
        Value::String(t) => match parse_iso8601(t) {
            Some(ms) => ms,
            None => crate::json::number::parse_f64(t)
                .filter(|f| f.is_finite())
                .map(|f| f as i64)
                .ok_or_else(|| format!("{name}: \"{t}\" is not an ISO 8601 date or epoch milliseconds"))?,
        },
        _ => return Err(format!("{name} expects a date string or epoch milliseconds")),
    };
    if ms.unsigned_abs() > MAX_MS as u64 {
        return Err(format!("{name}: date out of range"));
    }
    Ok(Some(ms))
}

/// The UTC offset of `zone` (IANA name; `None`: UTC) at `ms`, in minutes.
pub fn offset_of(zone: Option<&str>, ms: i64, name: &str) -> Result<i32, String> {
    match zone {
        None | Some("UTC" | "Etc/UTC" | "Z") => Ok(0),
        Some(z) => crate::host::utc_offset_minutes(z, ms as f64).ok_or_else(|| format!("{name}: unknown time zone \"{z}\"")),
    }
}

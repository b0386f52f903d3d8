//! handlebars-intl, which Courier's renderer registers globally:
//! `intl`, `formatMessage`, `formatHTMLMessage`, `formatNumber`,
//! `formatDate`, `formatTime`, `formatRelative` and `intlGet`, formatting
//! in English (`en-US`) and UTC as Courier's servers do without an
//! `{{#intl locales=…}}` the preview could honour.

use super::{s, text, Args};
use crate::json::Value;

/// `formatMessage "ICU message" name=value ...` (handlebars-intl): `{arg}`,
/// `{arg, number}`, `{arg, plural, =0 {…} one {…} other {…}}` with `#`,
/// and `{arg, select, a {…} other {…}}`; English plural rules.
pub fn format_message(a: &Args<'_>) -> Result<Value, String> {
    message(a, false)
}

/// `formatHTMLMessage "ICU message" name=value ...`: as `formatMessage`,
/// with the argument values HTML-escaped and the result written unescaped
/// (handlebars-intl returns a `SafeString`).
pub fn format_html_message(a: &Args<'_>) -> Result<Value, String> {
    message(a, true)
}

fn message(a: &Args<'_>, html: bool) -> Result<Value, String> {
    let Value::String(msg) = a.get(0) else {
        return Err(format!("{} expects a message string", a.name));
    };
    let mut out = String::new();
    icu(msg, a, None, &mut out, 0, html)?;
    text(out)
}

fn icu(msg: &str, a: &Args<'_>, hash_num: Option<f64>, out: &mut String, depth: u32, html: bool) -> Result<(), String> {
    if depth > 8 {
        return Err("formatMessage: message nested too deeply".into());
    }
    let bad = || format!("formatMessage: malformed message \"{msg}\"");
    let mut rest = msg;
    while let Some(i) = rest.find(['{', '#']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        if rest.as_bytes().get(i) == Some(&b'#') {
            match hash_num {
                Some(n) => out.push_str(&number_text(n)),
                None => out.push('#'),
            }
            rest = rest.get(i + 1..).unwrap_or("");
            continue;
        }
        let body_start = i + 1;
        let end = matching(rest, i).ok_or_else(bad)?;
        let inner = rest.get(body_start..end).unwrap_or("");
        rest = rest.get(end + 1..).unwrap_or("");
        let mut parts = inner.splitn(3, ',').map(str::trim);
        let name = parts.next().unwrap_or("");
        let v = a.hash(name).cloned().unwrap_or(Value::Null);
        match (parts.next(), parts.next()) {
            (None, _) if html => crate::template::escape::escape_into(out, &s(&v)),
            (None, _) => out.push_str(&s(&v)),
            (Some("number"), _) => out.push_str(&number_text(super::logic::to_num_loose(&v).unwrap_or(f64::NAN))),
            (Some(kind @ ("plural" | "select")), Some(options)) => {
                let n = super::logic::to_num_loose(&v).unwrap_or(f64::NAN);
                let key = s(&v);
                let mut chosen = None;
                let mut other = None;
                let mut o = options;
                while !o.trim().is_empty() {
                    let t = o.trim_start();
                    let open = t.find('{').ok_or_else(bad)?;
                    let sel = t.get(..open).unwrap_or("").trim();
                    let close = matching(t, open).ok_or_else(bad)?;
                    let body = t.get(open + 1..close).unwrap_or("");
                    o = t.get(close + 1..).unwrap_or("");
                    let hit = if kind == "plural" {
                        match sel.strip_prefix('=') {
                            Some(k) => crate::json::number::parse_f64(k) == Some(n),
                            None => sel == if n == 1.0 { "one" } else { "" },
                        }
                    } else {
                        sel == key
                    };
                    if sel == "other" {
                        other = Some(body);
                    }
                    if hit && chosen.is_none() {
                        chosen = Some(body);
                    }
                }
                let body = chosen.or(other).ok_or_else(bad)?;
                icu(body, a, if kind == "plural" { Some(n) } else { hash_num }, out, depth + 1, html)?;
            }
            (Some(kind @ ("date" | "time" | "selectordinal" | "duration" | "ordinal" | "spellout")), _) => {
                return Err(format!("{}: {{{name}, {kind}}} is not supported in previews", a.name));
            }
            _ => return Err(bad()),
        }
    }
    out.push_str(rest);
    Ok(())
}

/// `formatNumber n` (handlebars-intl, `en-US`): `1,234.5`.
pub fn format_number(a: &Args<'_>) -> Result<Value, String> {
    no_options(a)?;
    match super::logic::to_num_loose(a.get(0)) {
        Some(n) if !a.get(0).is_null() => text(number_text(n)),
        _ => Err(format!("formatNumber expects a number, got {}", super::type_name(a.get(0)))),
    }
}

/// `formatDate date` (handlebars-intl, `en-US`, UTC): `3/5/2026`. Also
/// `formatTime date`: without a named format handlebars-intl hands
/// `Intl.DateTimeFormat` no options, which prints the date alone.
pub fn format_date(a: &Args<'_>) -> Result<Value, String> {
    no_options(a)?;
    let ms = date_arg(a)?;
    let toks = crate::template::datefmt::moment("M/D/YYYY")?;
    text(crate::template::datefmt::format(&toks, ms, 0, "UTC"))
}

/// `{{#intl locales="…"}}…{{/intl}}` (handlebars-intl): renders its body;
/// messages are formatted in English.
pub fn intl(a: &Args<'_>) -> Result<Value, String> {
    match a.hash("locales") {
        None | Some(Value::Null) => {}
        Some(Value::String(l)) if l == "en" || l.starts_with("en-") => {}
        Some(l) => return Err(format!("intl: locales {l} are not supported in previews (handlebars-intl output is formatted in English, en-US)")),
    }
    Ok(a.get(0).clone())
}

/// `Intl` formatting options in the hash (`style="currency"` ...) would
/// change the output in ways the preview does not reproduce: an error
/// rather than a silently different text.
fn no_options(a: &Args<'_>) -> Result<(), String> {
    match a.hash.first() {
        Some((k, _)) => Err(format!("{}: the Intl option {k}=… is not supported in previews", a.name)),
        None => Ok(()),
    }
}

/// `intlGet "path"`: a value of the intl data. Courier's renderer passes
/// none, and handlebars-intl throws for a path it cannot find.
pub fn intl_get(a: &Args<'_>) -> Result<Value, String> {
    Err(format!("Could not find Intl object: {}", s(a.get(0))))
}

/// The date argument, as `new Date(x)` reads it (handlebars-intl asserts a
/// valid date).
fn date_arg(a: &Args<'_>) -> Result<i64, String> {
    crate::template::datefmt::epoch_ms(a.get(0), a.name)?
        .ok_or_else(|| format!("A date or timestamp must be provided to {{{{{}}}}}", a.name))
}

/// intl-relativeformat's units, with its thresholds for picking one.
const UNITS: [(&str, f64); 6] =
    [("second", 45.0), ("minute", 45.0), ("hour", 22.0), ("day", 26.0), ("month", 11.0), ("year", f64::INFINITY)];

/// `formatRelative date [now=date] [units="day"] [style="numeric"]`
/// (handlebars-intl over intl-relativeformat, English): `in 3 days`,
/// `2 hours ago`, `yesterday`, `now`. `now` defaults to the render time.
pub fn format_relative(a: &Args<'_>) -> Result<Value, String> {
    let date = date_arg(a)? as f64;
    let now = match a.hash("now") {
        Some(v) => crate::template::datefmt::epoch_ms(v, a.name)?
            .ok_or("The `now` option provided to IntlRelativeFormat#format() is not in valid range.")? as f64,
        None => crate::host::now_ms(),
    };
    // JavaScript's Math.round (halves round up, also below zero).
    let round = |x: f64| (x + 0.5).floor();
    let diff = |ms: f64| {
        let second = round(ms / 1000.0);
        let minute = round(second / 60.0);
        let hour = round(minute / 60.0);
        let day = round(hour / 24.0);
        let years = day * 400.0 / 146_097.0;
        [second, minute, hour, day, round(years * 12.0), round(years)]
    };
    let report = diff(round(date - now));
    let unit = match a.hash("units") {
        Some(Value::String(u)) => UNITS.iter().position(|(n, _)| n == u).ok_or_else(|| {
            format!("\"{u}\" is not a valid IntlRelativeFormat `units` value, it must be one of: \"second\", \"minute\", \"hour\", \"day\", \"month\", \"year\"")
        })?,
        Some(v) if !v.is_null() => return Err(format!("formatRelative: units must be a string, got {}", super::type_name(v))),
        _ => UNITS.iter().zip(report).position(|((_, t), v)| v.abs() < *t).unwrap_or(UNITS.len() - 1),
    };
    let (name, _) = UNITS.get(unit).copied().unwrap_or(("year", 0.0));
    let n = report.get(unit).copied().unwrap_or(0.0);
    let numeric = matches!(a.hash("style"), Some(Value::String(st)) if st == "numeric");
    if !numeric {
        // CLDR's English relative names (intl-relativeformat's locale data).
        let word = match (name, n as i64) {
            ("second", 0) => Some("now"),
            ("day", -1) => Some("yesterday"),
            ("day", 0) => Some("today"),
            ("day", 1) => Some("tomorrow"),
            ("month", -1) => Some("last month"),
            ("month", 0) => Some("this month"),
            ("month", 1) => Some("next month"),
            ("year", -1) => Some("last year"),
            ("year", 0) => Some("this year"),
            ("year", 1) => Some("next year"),
            _ => None,
        };
        if let Some(w) = word {
            return text(w);
        }
    }
    let count = n.abs();
    let plural = if count == 1.0 { "" } else { "s" };
    let amount = number_text(count);
    text(if n < 0.0 {
        format!("{amount} {name}{plural} ago")
    } else {
        format!("in {amount} {name}{plural}")
    })
}

/// The index of the `}` matching the `{` at `open`.
fn matching(t: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, b) in t.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// A number as `Intl.NumberFormat("en-US")` prints it (grouping, at most
/// three fraction digits).
fn number_text(n: f64) -> String {
    if !n.is_finite() {
        return if n.is_nan() { "NaN".into() } else if n > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let fixed = super::fixed(n.abs(), 3);
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if n < 0.0 && int.bytes().chain(frac.bytes()).any(|b| b != b'0') { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

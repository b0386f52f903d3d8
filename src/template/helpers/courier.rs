//! Courier's own helpers (`var`, `path`, `set`, handlebars-intl's
//! `intl`, `formatMessage`, `formatNumber`, `formatDate`) and the Courier helper table: the helpers listed on
//! Courier's "Handlebars Helpers" page and registered by its renderer.

use super::{collections as c, date, logic as l, math as m, s, string as st, text, Args, Kind, Row, ANY};
use super::{row, Kind::*};
use serde_json::Value;

/// The Courier table (Handlebars.js's `lookup`/`log` come from
/// [`super::BUILTINS`]).
pub static COURIER: [Row; 43] = [
    row("and", 0, ANY, Test, l::and),
    row("or", 0, ANY, Test, l::or),
    row("not", 1, 1, Test, l::not),
    row("condition", 3, 3, Test, l::condition).lint(l::lint_operator),
    row("conditional", 0, ANY, Kind::Hide, l::conditional),
    row("filter", 3, 4, Test, l::filter),
    row("contains", 2, 2, Test, l::contains),
    row("default", 1, 2, Inline, l::default_nullish),
    row("var", 1, 1, Inline, var),
    row("inline-var", 1, 1, Inline, var),
    row("path", 1, 1, Inline, path),
    row("get-list-items", 1, 1, Inline, list_items),
    row("set", 1, 2, Inline, set),
    row("capitalize", 1, 1, Inline, st::capitalize),
    row("concat", 0, ANY, Inline, st::concat),
    row("format", 1, ANY, Inline, st::format),
    row("trim", 0, 1, Body, st::trim),
    row("trim-left", 0, 1, Body, st::trim_left),
    row("trim-right", 0, 1, Body, st::trim_right),
    row("trim-one-char-right", 1, 1, Inline, st::trim_one_char_right),
    row("truncate", 2, 3, Inline, st::truncate),
    row("split", 1, 2, Inline, st::split),
    row("range", 1, 3, Inline, c::range),
    row("abs", 1, 1, Inline, m::abs),
    row("add", 2, 2, Inline, m::add),
    row("ceil", 1, 1, Inline, m::ceil),
    row("divide", 2, 2, Inline, m::divide),
    row("floor", 1, 1, Inline, m::floor),
    row("inc", 1, 1, Inline, m::inc),
    row("mod", 2, 2, Inline, m::modulo),
    row("multiply", 2, 2, Inline, m::multiply),
    row("product", 2, 2, Inline, m::multiply),
    row("round", 1, 1, Inline, m::round),
    row("subtract", 2, 2, Inline, m::subtract),
    row("sub", 2, 2, Inline, m::subtract),
    row("datetime-format", 2, 3, Inline, date::strftime_format).lint(date::lint_strftime),
    row("swu_datetimeformat", 2, 3, Inline, date::strftime_format).lint(date::lint_strftime),
    row("swu_iso8601_to_time", 1, 1, Inline, date::iso8601_to_time),
    row("swu_timestamp_to_time", 1, 1, Inline, date::timestamp_to_time),
    row("formatMessage", 1, 1, Inline, format_message),
    row("formatNumber", 1, 1, Inline, format_number),
    row("formatDate", 1, 1, Inline, format_date),
    row("intl", 0, 0, Body, intl),
];

/// The value `var`/`path` name: their first argument is a path (the
/// parser turns `var "a.b[0]"` into one), or a string computed at render.
fn resolved(a: &Args<'_>) -> (Option<Value>, String) {
    match (a.path, a.get(0)) {
        (Some(p), v) => ((!v.is_null()).then(|| v.clone()), p.to_string()),
        (None, Value::String(t)) => ((a.lookup)(t).filter(|v| !v.is_null()), t.clone()),
        (None, v) => ((!v.is_null()).then(|| v.clone()), s(v)),
    }
}

/// `var "path"`: the value as text (`String(value)`, an array joined with
/// `", "`), or the literal `{path}` when missing. Text, as in Courier's
/// renderer: `(condition (var "profile.hungry") "==" "true")` is how
/// Courier's page compares a boolean.
pub fn var(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::String(match resolved(a) {
        (Some(Value::Array(items)), _) => items.iter().map(s).collect::<Vec<_>>().join(", "),
        (Some(v), _) => s(&v),
        (None, t) => format!("{{{t}}}"),
    }))
}

/// `path "path"`: the value, or nothing when missing.
pub fn path(a: &Args<'_>) -> Result<Value, String> {
    Ok(resolved(a).0.unwrap_or(Value::Null))
}

/// `get-list-items "path"`: the list at the path (a lone object as a list
/// of one, anything else as an empty list).
pub fn list_items(a: &Args<'_>) -> Result<Value, String> {
    Ok(match resolved(a).0 {
        Some(Value::Array(items)) => Value::Array(items),
        Some(v @ Value::Object(_)) => Value::Array(vec![v]),
        _ => Value::Array(Vec::new()),
    })
}

/// Names `set` may not assign.
const RESERVED: [&str; 8] = ["", "__proto__", "brand", "data", "event", "profile", "recipient", "urls"];

/// `set "name" value`: later lookups of `name` find `value` (no value:
/// unset). Prints nothing.
pub fn set(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(name) = a.get(0) else {
        return Err("#set name must be a string".into());
    };
    if RESERVED.contains(&name.as_str()) {
        return Err(format!("#set cannot use reserved word [\"{name}\"]"));
    }
    let mut vars = a.vars.borrow_mut();
    vars.retain(|(k, _)| k != name);
    if a.len() > 1 && !a.get(1).is_null() {
        if vars.len() >= 1000 {
            return Err("set: more than 1000 variables".into());
        }
        vars.push((name.clone(), a.get(1).clone()));
    }
    text("")
}

/// `formatMessage "ICU message" name=value ...` (handlebars-intl): `{arg}`,
/// `{arg, number}`, `{arg, plural, =0 {…} one {…} other {…}}` with `#`,
/// and `{arg, select, a {…} other {…}}`; English plural rules.
pub fn format_message(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(msg) = a.get(0) else {
        return Err("formatMessage expects a message string".into());
    };
    let mut out = String::new();
    icu(msg, a, None, &mut out, 0)?;
    text(out)
}

fn icu(msg: &str, a: &Args<'_>, hash_num: Option<f64>, out: &mut String, depth: u32) -> Result<(), String> {
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
                icu(body, a, if kind == "plural" { Some(n) } else { hash_num }, out, depth + 1)?;
            }
            _ => return Err(bad()),
        }
    }
    out.push_str(rest);
    Ok(())
}

/// `formatNumber n` (handlebars-intl, `en-US`): `1,234.5`.
pub fn format_number(a: &Args<'_>) -> Result<Value, String> {
    match super::logic::to_num_loose(a.get(0)) {
        Some(n) if !a.get(0).is_null() => text(number_text(n)),
        _ => Err(format!("formatNumber expects a number, got {}", super::type_name(a.get(0)))),
    }
}

/// `formatDate date` (handlebars-intl, `en-US`, UTC): `3/5/2026`.
pub fn format_date(a: &Args<'_>) -> Result<Value, String> {
    let ms = crate::template::datefmt::epoch_ms(a.get(0), a.name)?.ok_or_else(|| "formatDate expects a date".to_string())?;
    let toks = crate::template::datefmt::moment("M/D/YYYY")?;
    text(crate::template::datefmt::format(&toks, ms, 0, "UTC"))
}

/// `{{#intl locales="…"}}…{{/intl}}` (handlebars-intl): renders its body;
/// messages are formatted in English.
pub fn intl(a: &Args<'_>) -> Result<Value, String> {
    Ok(a.get(0).clone())
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

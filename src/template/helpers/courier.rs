//! Courier's own data helpers (`var`, `path`, `set`, `json-parse`,
//! `parse-string`) and the Courier helper table: the helpers listed on
//! Courier's "Handlebars Helpers" page and registered by its renderer
//! (handlebars-intl's in [`super::intl`], those of its block, link and
//! channel machinery in [`super::courier_render`]).

use super::{collections as c, courier_render as cr, date, intl as i, logic as l, math as m, regex as re};
use super::{row, s, string as st, text, Args, Kind, Kind::*, Row, ANY};
use crate::json::Value;

/// The Courier table (Handlebars.js's `lookup`/`log` come from
/// [`super::BUILTINS`]).
pub static COURIER: [Row; 60] = [
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
    row("json-parse", 1, 1, Inline, json_parse),
    row("parse-string", 1, 1, Inline, parse_string),
    row("capitalize", 1, 1, Inline, st::capitalize),
    row("concat", 0, ANY, Inline, st::concat),
    row("format", 1, ANY, Inline, st::format),
    row("trim", 0, 1, Body, st::trim),
    row("trim-left", 0, 1, Body, st::trim_left),
    row("trim-right", 0, 1, Body, st::trim_right),
    row("trim-one-char-right", 1, 1, Inline, st::trim_one_char_right),
    row("truncate", 2, 3, Inline, st::truncate),
    row("split", 1, 2, Inline, st::split),
    row("replace-all", 2, 2, Block, re::replace_all),
    row("text-direction", 0, 1, Inline, cr::text_direction),
    row("line-break", 0, 0, Inline, cr::line_break),
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
    row("round", 1, 1, Inline, m::round_half_away),
    row("subtract", 2, 2, Inline, m::subtract),
    row("sub", 2, 2, Inline, m::subtract),
    row("datetime-format", 2, 3, Inline, date::strftime_format).lint(date::lint_strftime),
    row("swu_datetimeformat", 2, 3, Inline, date::strftime_format).lint(date::lint_strftime),
    row("swu_iso8601_to_time", 1, 1, Inline, date::iso8601_to_time),
    row("swu_timestamp_to_time", 1, 1, Inline, date::timestamp_to_time),
    row("courier-block", 1, 1, Block, cr::courier_block).safe(),
    row("courier-partial", 0, 0, Block, cr::content).safe(),
    row("link-context", 0, ANY, Block, cr::content).safe(),
    row("prerender", 0, 1, Block, cr::prerender),
    row("get-href", 1, 1, Inline, cr::get_href),
    row("params", 0, ANY, Inline, cr::params).unsupported(),
    row("t", 1, ANY, Inline, cr::translate).unsupported(),
    row("translate", 1, ANY, Inline, cr::translate).unsupported(),
    row("intl", 0, 0, Body, i::intl),
    row("intlGet", 1, 1, Inline, i::intl_get),
    row("formatMessage", 1, 1, Inline, i::format_message),
    row("formatHTMLMessage", 1, 1, Inline, i::format_html_message).safe(),
    row("formatNumber", 1, 1, Inline, i::format_number),
    row("formatDate", 1, 1, Inline, i::format_date),
    row("formatTime", 1, 1, Inline, i::format_date),
    row("formatRelative", 1, 1, Inline, i::format_relative),
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


/// `json-parse "{…}"`: the parsed value (Courier's renderer:
/// `JSON.parse`, an error for a non-string or malformed JSON).
pub fn json_parse(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(t) = a.get(0) else {
        return Err("#json-parse expects a string argument to parse".into());
    };
    crate::json::parse(t.as_bytes(), "json-parse argument")
        .map_err(|e| format!("#json-parse failed:{}", e.message))
}

/// `parse-string "a\nb"`: the text with its JSON escape sequences
/// (`\n`, `\t`, `\u00e9` ...) decoded, as Courier's renderer does by
/// quoting it and calling `JSON.parse`; an invalid sequence is an error.
pub fn parse_string(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(t) = a.get(0) else {
        return Err(format!("parse-string expects a string, got {}", super::type_name(a.get(0))));
    };
    let quoted = format!("\"{}\"", t.replace('"', "\\\""));
    crate::json::parse(quoted.as_bytes(), "parse-string argument")
        .map_err(|e| format!("parse-string failed: {}", e.message))
}

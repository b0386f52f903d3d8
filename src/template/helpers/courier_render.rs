//! Helpers of Courier's renderer that deal with its own machinery (blocks,
//! partials, link tracking, channels, translations) rather than with data.
//! A preview has none of that machinery: each helper does what Courier's
//! renderer does when the machinery has nothing to add (a block renders its
//! content, a link keeps its address), and a helper whose output only
//! Courier's backend can produce (`t`, `translate`) is an
//! `unsupported_helper` error rather than a guess.

use super::{s, text, truthy, Args};
use crate::json::Value;

/// `{{#courier-block "block-id"}}…{{/courier-block}}`: the block's content
/// (links in it would be tracked under the block id; a preview tracks
/// none). Courier separates consecutive blocks with the channel's block
/// separator, which a preview does not know: none is added.
pub fn courier_block(a: &Args<'_>) -> Result<Value, String> {
    if !truthy(Some(a.get(1)), false) {
        return Err("#courier-block: missing block id".into());
    }
    Ok(a.get(0).clone())
}

/// `{{#courier-partial}}…{{/courier-partial}}` and
/// `{{#link-context "ctx"}}…{{/link-context}}`: the content as rendered
/// (Courier's renderer only changes the link scope and the `params` data,
/// neither of which a preview has).
pub fn content(a: &Args<'_>) -> Result<Value, String> {
    Ok(a.get(0).clone())
}

/// `{{#prerender "prerenderedName"}}…{{/prerender}}`: renders the content
/// into `@prerenderedName` (`@prerendered` by default; `""` when it is only
/// whitespace) and prints nothing. Names not starting with `prerendered`
/// are ignored, as in Courier's renderer.
pub fn prerender(a: &Args<'_>) -> Result<Value, String> {
    let name = match a.get(1) {
        Value::Null => "prerendered".to_string(),
        v => s(v),
    };
    if name.starts_with("prerendered") {
        let body = s(a.get(0));
        let v = if body.trim().is_empty() { String::new() } else { body };
        let key = format!("@{name}");
        let mut vars = a.vars.borrow_mut();
        vars.retain(|(k, _)| *k != key);
        if vars.len() >= 1000 {
            return Err("prerender: more than 1000 variables".into());
        }
        vars.push((key, Value::String(v)));
    }
    text("")
}

/// `get-href "https://…" [context=… text=… disableLinkTracking=true]`: the
/// address to put in a link. Courier returns a click-tracking address when
/// link tracking is on; a preview has no tracking, so the address itself
/// (also what Courier returns with `disableLinkTracking`). Nothing for an
/// empty address.
pub fn get_href(a: &Args<'_>) -> Result<Value, String> {
    let href = a.get(0);
    if !truthy(Some(href), false) || a.hash("TODO_REMOVE_ME").is_some_and(|v| truthy(Some(v), false)) {
        return text("");
    }
    Ok(href.clone())
}

/// `{{line-break}}`: the channel's line return. A preview has no channel:
/// `"\n"`, Courier's line return for plain text, markdown, push, chat and
/// SMS (email uses `<br>`, Microsoft Teams a blank line, single-line
/// fields such as a subject a space).
pub fn line_break(_: &Args<'_>) -> Result<Value, String> {
    text("\n")
}

/// Strong right-to-left characters (the `direction` package Courier uses).
const RTL: [(char, char); 3] = [('\u{591}', '\u{7ff}'), ('\u{fb1d}', '\u{fdfd}'), ('\u{fe70}', '\u{fefc}')];
/// Strong left-to-right characters (`direction`'s list; astral characters
/// count as left-to-right, their UTF-16 lead surrogate being in it).
const LTR: [(char, char); 11] = [
    ('A', 'Z'),
    ('a', 'z'),
    ('\u{c0}', '\u{d6}'),
    ('\u{d8}', '\u{f6}'),
    ('\u{f8}', '\u{2b8}'),
    ('\u{300}', '\u{590}'),
    ('\u{800}', '\u{1fff}'),
    ('\u{200e}', '\u{200e}'),
    ('\u{2c00}', '\u{fb1c}'),
    ('\u{fe00}', '\u{fe6f}'),
    ('\u{fefd}', char::MAX),
];

/// `text-direction value`: `text-rtl` when the first strongly directional
/// character of the value is right-to-left, else nothing.
pub fn text_direction(a: &Args<'_>) -> Result<Value, String> {
    let v = a.get(0);
    let t = if truthy(Some(v), false) { s(v) } else { String::new() };
    let within = |c: char, set: &[(char, char)]| set.iter().any(|&(lo, hi)| lo <= c && c <= hi);
    let rtl = t.chars().find(|&c| within(c, &RTL) || within(c, &LTR)).is_some_and(|c| within(c, &RTL));
    text(if rtl { "text-rtl" } else { "" })
}

/// `(params)`: the current context, for a partial (positional arguments
/// are ignored, as in Courier's renderer). Values passed in its hash reach
/// a Courier partial's `@data` through the renderer's internal
/// `courier-partial`; previews do not support that. Alone in a tag,
/// `{{params}}` reads the variable `params` (see `Row::called_alone`).
pub fn params(a: &Args<'_>) -> Result<Value, String> {
    if !a.hash.is_empty() {
        return Err("'params' with hash values is not supported in previews: Courier hands them to its own partials' @data".into());
    }
    Ok((a.lookup)("this").unwrap_or(Value::Null))
}

/// `t "key" args…` / `translate "key" args…`: the translation of `key` for
/// the recipient's locale from the `.po` files uploaded to Courier. Only
/// Courier has them.
pub fn translate(a: &Args<'_>) -> Result<Value, String> {
    Err(format!(
        "'{}' is not supported in previews: it translates \"{}\" with the .po translations uploaded to Courier",
        a.name,
        s(a.get(0))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::cell::RefCell;

    fn dir(t: &str) -> Value {
        let vals = [Cow::Owned(Value::String(t.into()))];
        let vars = RefCell::new(Vec::new());
        let lookup = |_: &str| None;
        let a = Args { vals: &vals, hash: &[], path: None, lookup: &lookup, name: "text-direction", vars: &vars };
        text_direction(&a).unwrap_or(Value::Null)
    }

    #[test]
    fn first_strong_character_decides() {
        assert_eq!(dir("שלום world"), "text-rtl");
        assert_eq!(dir("123 مرحبا"), "text-rtl");
        assert_eq!(dir("hello שלום"), "");
        assert_eq!(dir("123 !?"), "");
        assert_eq!(dir("😀 مرحبا"), "");
    }
}

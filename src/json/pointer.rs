//! RFC 6901 JSON Pointer: parsing (`~0` = `~`, `~1` = `/`), escaping, and
//! lookup. The array index `-` (one past the end) is understood by the
//! callers that may append.

use crate::error::{ProfileError, Result};
use crate::json::Value;

/// Split a pointer into unescaped reference tokens. `""` is the whole
/// document (no tokens). Errors on a pointer not starting with `/` or on a
/// `~` not followed by `0` or `1`.
pub fn parse(pointer: &str) -> Result<Vec<String>> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(ProfileError::invalid(
            "invalid_pointer",
            format!("JSON Pointer \"{pointer}\" must be empty or start with '/'"),
        )
        .with_path(pointer));
    };
    rest.split('/').map(|token| unescape(token, pointer)).collect()
}

fn unescape(token: &str, pointer: &str) -> Result<String> {
    if !token.contains('~') {
        return Ok(token.to_string());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => {
                return Err(ProfileError::invalid(
                    "invalid_pointer",
                    format!("JSON Pointer \"{pointer}\" has '~' not followed by '0' or '1'"),
                )
                .with_path(pointer))
            }
        }
    }
    Ok(out)
}

/// Append `/` and the escaped `token` to `path` (no temporary string:
/// diff does this for every key it visits).
pub fn push_token(path: &mut String, token: &str) {
    path.push('/');
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        path.push_str(&escape(token));
    } else {
        path.push_str(token);
    }
}

/// Escape one reference token (`~` -> `~0`, `/` -> `~1`).
pub fn escape(token: &str) -> String {
    // A byte scan: char-pattern `contains` costs a UTF-8 decoding loop, and
    // diff calls this for every key it visits.
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_string()
    }
}

/// `base` + `/` + escaped `token`.
pub fn join(base: &str, token: &str) -> String {
    let mut s = String::with_capacity(base.len() + token.len() + 1);
    s.push_str(base);
    s.push('/');
    s.push_str(&escape(token));
    s
}

/// Parse an array index token: decimal digits without leading zeros.
/// `-` and anything else are `None`.
pub fn parse_index(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// The value at `tokens` inside `doc`, if any.
pub fn get_tokens<'a>(doc: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(doc, |v, t| match v {
        Value::Object(m) => m.get(t),
        Value::Array(a) => parse_index(t).and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Mutable twin of [`get_tokens`].
pub fn get_tokens_mut<'a>(doc: &'a mut Value, tokens: &[String]) -> Option<&'a mut Value> {
    tokens.iter().try_fold(doc, |v, t| match v {
        Value::Object(m) => m.get_mut(t),
        Value::Array(a) => parse_index(t).and_then(move |i| a.get_mut(i)),
        _ => None,
    })
}

/// The value at `pointer` inside `doc`: `Ok(None)` when absent, `Err` when
/// the pointer itself is malformed.
pub fn get<'a>(doc: &'a Value, pointer: &str) -> Result<Option<&'a Value>> {
    Ok(get_tokens(doc, &parse(pointer)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_json as json;

    #[test]
    fn rfc6901_examples() {
        let doc = json!({"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3,
            "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8});
        let cases = [("", doc.clone()), ("/foo", json!(["bar", "baz"])), ("/foo/0", json!("bar")),
            ("/", json!(0)), ("/a~1b", json!(1)), ("/c%d", json!(2)), ("/e^f", json!(3)),
            ("/g|h", json!(4)), ("/i\\j", json!(5)), ("/k\"l", json!(6)), ("/ ", json!(7)), ("/m~0n", json!(8))];
        for (p, want) in cases {
            assert_eq!(get(&doc, p).unwrap(), Some(&want), "{p}");
        }
        assert!(parse("a/b").is_err());
        assert!(parse("/~2").is_err());
        assert!(parse("/~").is_err());
        assert_eq!(get(&doc, "/foo/01").unwrap(), None);
        assert_eq!(get(&doc, "/foo/-").unwrap(), None);
        assert_eq!(escape("a/b~c"), "a~1b~0c");
    }
}

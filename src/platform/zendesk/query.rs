//! The identifier query of a Zendesk profile URL
//! (`?identifier=source:type:identifier_type:identifier_value`).

use super::error;
use crate::error::Result;
use crate::json::object;
use crate::json::Value;

/// A parsed Zendesk identifier query `source:type:identifier_type:identifier_value`.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentifierQuery {
    /// Profile source, e.g. `shopify`.
    pub source: String,
    /// Profile type, e.g. `customer` (`type` in JSON).
    pub kind: String,
    /// Identifier type, e.g. `email`.
    pub identifier_type: String,
    /// Identifier value (may contain ':').
    pub identifier_value: String,
}

impl IdentifierQuery {
    /// `{source, type, identifier_type, identifier_value}`.
    pub fn to_json(&self) -> Value {
        object([
            ("source", self.source.clone().into()),
            ("type", self.kind.clone().into()),
            ("identifier_type", self.identifier_type.clone().into()),
            ("identifier_value", self.identifier_value.clone().into()),
        ])
    }
}

/// Parse the `identifier` query parameter `source:type:identifier_type:value`,
/// given as it appears in the request URL.
///
/// It is decoded the way a server decodes a query string value, before it
/// is split: `%XX` escapes are decoded and `+` is a space. Zendesk's own
/// code samples send the query fully encoded
/// (`shoppingnow%3Acustomer%3Aemail%3Aexample%40example.com`, and Ruby's
/// `URI.encode_www_form`, which writes a space as `+` and a plus as `%2B`);
/// its curl samples send it raw (`company:contact:email:jane@example.com`):
/// both decode to the same four parts. A leading `?` and `identifier=` are
/// accepted too, so a query copied from a URL works.
///
/// The decoded text splits on its first three `:` only, so the value may
/// hold more (`...:external_id:urn:x:1`). A missing or empty part, a bad
/// `%` escape or an escape that does not decode to UTF-8 is a 400
/// `ClientError`, Zendesk's documented error for a bad request.
pub fn parse_identifier_query(q: &str) -> Result<IdentifierQuery> {
    let raw = q.strip_prefix('?').unwrap_or(q);
    let raw = raw.strip_prefix("identifier=").unwrap_or(raw);
    let text = decode_query_value(raw)
        .ok_or_else(|| error(400, "ClientError", format!("identifier query \"{q}\" has a malformed % escape")).with_path("/query"))?;
    let mut parts = text.splitn(4, ':');
    let (Some(source), Some(kind), Some(identifier_type), Some(identifier_value)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(error(400, "ClientError", format!(
            "identifier \"{q}\" must look like source:type:identifier_type:identifier_value"
        ))
        .with_path("/query"));
    };
    for (name, part) in [("source", source), ("type", kind), ("identifier_type", identifier_type), ("identifier_value", identifier_value)] {
        if part.is_empty() {
            return Err(error(400, "ClientError", format!("identifier {name} is empty in \"{q}\"")).with_path("/query"));
        }
    }
    Ok(IdentifierQuery {
        source: source.to_string(),
        kind: kind.to_string(),
        identifier_type: identifier_type.to_string(),
        identifier_value: identifier_value.to_string(),
    })
}

/// A query-string value decoded as servers do (`application/x-www-form-urlencoded`):
/// `+` is a space, `%XX` a byte. `None` on a bad escape or a non-UTF-8 result.
fn decode_query_value(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
                let (hi, lo) = (hex(i + 1)?, hex(i + 2)?);
                out.push(u8::try_from(hi * 16 + lo).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

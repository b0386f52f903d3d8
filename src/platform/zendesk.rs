//! Placeholder until the zendesk semantics land (issue 4).

use super::{Applied, Context, Issue, Method};
use crate::error::{ProfileError, Result};
use serde_json::Value;

/// Not implemented yet.
pub fn apply(_method: Method, _stored: Option<&Value>, _body: Option<&Value>, _ctx: &Context) -> Result<Applied> {
    Err(ProfileError::new(501, "not_implemented", "not_implemented", "zendesk is not implemented yet"))
}

/// Not implemented yet.
pub fn validate(_method: Method, _body: Option<&Value>) -> Vec<Issue> {
    vec![Issue::new("", "zendesk is not implemented yet")]
}

/// A parsed Zendesk identifier query `source:type:identifier_type:identifier_value`.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentifierQuery {
    /// Profile source.
    pub source: String,
    /// Profile type.
    pub kind: String,
    /// Identifier type, e.g. `email`.
    pub identifier_type: String,
    /// Identifier value (may contain ':').
    pub identifier_value: String,
}

/// Not implemented yet.
pub fn parse_identifier_query(_q: &str) -> Result<IdentifierQuery> {
    Err(ProfileError::new(501, "not_implemented", "not_implemented", "zendesk is not implemented yet"))
}

//! Placeholder until the suprsend semantics land (issue 4).

use super::{Applied, Context, Issue, Method};
use crate::error::{ProfileError, Result};
use serde_json::Value;

/// Not implemented yet.
pub fn apply(_method: Method, _stored: Option<&Value>, _body: Option<&Value>, _ctx: &Context) -> Result<Applied> {
    Err(ProfileError::new(501, "not_implemented", "not_implemented", "suprsend is not implemented yet"))
}

/// Not implemented yet.
pub fn validate(_method: Method, _body: Option<&Value>) -> Vec<Issue> {
    vec![Issue::new("", "suprsend is not implemented yet")]
}

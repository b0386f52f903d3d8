//! # profile-preview
//!
//! See what a notification platform will do to a stored user profile
//! **before** you send the update, and render the notification templates
//! that read it.
//!
//! * [`preview`] — Courier, SuprSend and Zendesk update semantics (merge,
//!   replace, patch, delete) with the resulting profile, a JSON Patch of the
//!   changes and warnings; errors carry the platform's own error body.
//! * [`merge_deep`], [`apply_patch`] (RFC 6902), [`apply_merge_patch`]
//!   (RFC 7396), [`diff`] — the platform-neutral JSON core.
//! * [`Template`] / [`render()`] — Handlebars/Mustache templates written with
//!   `{{ }}` or `<< >>`, compiled once and rendered many times.
//!
//! The same API is published to npm as `profile-preview` (WebAssembly, for
//! Node, browsers and Cloudflare Workers); `wasm.rs` holds those bindings.
//!
//! ```
//! use profile_preview::{preview, PreviewRequest, Platform, Method, Value};
//! use serde_json::json;
//!
//! // `Value` is the crate's JSON value: read it from text, or convert a
//! // `serde_json::Value`.
//! let stored: Value = r#"{"name": "Ada", "phone": "+15550100"}"#.parse().unwrap();
//! let req = PreviewRequest {
//!     platform: Platform::Courier,
//!     method: Method::Post,
//!     stored: Some(stored),
//!     body: Some(json!({"profile": {"phone": null, "email": "ada@example.com"}}).into()),
//!     user_id: None,
//!     now: Some("2026-01-01T00:00:00Z".into()),
//!     query: None,
//! };
//! let out = preview(&req).unwrap();
//! assert_eq!(out.profile, Some(json!({"name": "Ada", "email": "ada@example.com"}).into()));
//! assert_eq!(out.profile.unwrap().to_string(), r#"{"name":"Ada","email":"ada@example.com"}"#);
//! assert_eq!(out.warnings[0].code, "null_deletes");
//! ```
//!
//! Every fallible function returns [`ProfileError`]; nothing in the library
//! panics on bad input.

// A panic in wasm kills the instance for the whole page: library code must
// return errors instead, so the panicking shortcuts are denied outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::unreachable, clippy::todo)
)]
#![warn(missing_docs)]
// ProfileError is deliberately rich (status, code, path, position, body);
// errors are the rare path, so its size does not matter.
#![allow(clippy::result_large_err)]

#[doc(hidden)]
pub mod cost;
pub mod datetime;
pub mod error;
pub mod host;
pub mod json;
pub mod platform;
#[doc(hidden)]
pub mod program_cache;
pub mod template;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
pub mod wasm_alloc;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: wasm_alloc::SizeClassAlloc = wasm_alloc::SizeClassAlloc::new();

pub use error::{ProfileError, Result};
pub use json::diff::{diff, Change, ChangeOp};
pub use json::{Map, Value};
pub use json::merge::merge_deep;
pub use json::merge_patch::apply_merge_patch;
pub use json::patch::apply_patch;
pub use platform::courier::recipient;
pub use platform::zendesk::{parse_identifier_query, IdentifierQuery};
pub use platform::{preview, preview_owned, validate, Issue, Method, Platform, Preview, PreviewRequest, Warning};
pub use template::{render, Template, TemplateOptions, VariableRef};

/// `serde_json::json!` as the crate's [`Value`], for the unit tests.
#[cfg(test)]
macro_rules! test_json {
    ($($t:tt)+) => {
        $crate::json::Value::from(::serde_json::json!($($t)+))
    };
}
#[cfg(test)]
pub(crate) use test_json;

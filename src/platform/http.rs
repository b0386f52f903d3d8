//! `preview_http`: a request exactly as it would be sent (method, full URL,
//! body) is routed to the platform and operation its URL names, then
//! previewed. The routes are one table, `ROUTES`; an unknown host, path
//! or method is an error that lists them.

use super::courier_tokens::{self, TokenOp};
use super::{courier, finish, suprsend, zendesk, Context, Method, Platform, Preview, PreviewRequest};
use crate::error::{ProfileError, Result};
use serde::ser::{Serialize, SerializeMap, Serializer};
use crate::json::write::{ObjectWriter, WriteJson};
use crate::json::Value;

/// A request as the user would send it: `{method, url, body?, stored?, now?}`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    /// HTTP method, any case.
    pub method: String,
    /// Full URL with host (`https://api.courier.com/profiles/u1`); the scheme may be left out.
    pub url: String,
    /// The body: a JSON value, or JSON text (`Value::String`) as sent on the wire.
    pub body: Option<Value>,
    /// What the platform stores for the URL's resource before the request.
    pub stored: Option<Value>,
    /// ISO 8601 "now"; the host clock when absent.
    pub now: Option<String>,
}

/// The preview of an [`HttpRequest`]: the [`Preview`] plus the platform
/// and operation the URL named; [`HttpPreview::to_json`] gives `{profile,
/// changes, warnings, status, response, platform, operation}`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpPreview {
    /// The preview itself.
    pub preview: Preview,
    /// `courier`, `suprsend` or `zendesk`.
    pub platform: &'static str,
    /// The route, as `METHOD /path/{param}` (e.g. `PUT /users/{user_id}/tokens/{token}`).
    pub operation: String,
}

impl HttpPreview {
    /// The result as JSON.
    pub fn to_json(&self) -> Value {
        let mut out = self.preview.to_json();
        if let Some(m) = out.as_object_mut() {
            m.insert("platform".into(), self.platform.into());
            m.insert("operation".into(), self.operation.clone().into());
        }
        out
    }
}

/// Written by hand rather than `#[serde(flatten)]`, which would link
/// serde's buffering map serializer into the wasm.
impl Serialize for HttpPreview {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let p = &self.preview;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("profile", &p.profile)?;
        m.serialize_entry("changes", &p.changes)?;
        m.serialize_entry("warnings", &p.warnings)?;
        m.serialize_entry("status", &p.status)?;
        m.serialize_entry("response", &p.response)?;
        m.serialize_entry("platform", self.platform)?;
        m.serialize_entry("operation", &self.operation)?;
        m.end()
    }
}

/// The same text as the `Serialize` impl.
impl WriteJson for HttpPreview {
    fn write_json(&self, out: &mut String) {
        let p = &self.preview;
        p.write_members(p.profile.as_ref(), &mut ObjectWriter::new(out))
            .field("platform", &self.platform)
            .field("operation", &self.operation)
            .end();
    }
}

impl HttpRequest {
    /// Read `{method, url, body?, stored?, now?}`, taking ownership so a
    /// large `stored`/`body` is moved, not copied.
    pub fn from_value(mut req: Value) -> Result<Self> {
        let obj = req.as_object_mut().ok_or_else(|| {
            ProfileError::invalid("invalid_argument", "previewHttp() expects an object {method, url, body?, stored?, now?}")
        })?;
        let mut text = |key: &str, required: bool| -> Result<Option<String>> {
            match obj.swap_remove(key) {
                None | Some(Value::Null) if !required => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                _ => Err(ProfileError::invalid("invalid_argument", format!("{key} must be a string")).with_path(format!("/{key}"))),
            }
        };
        let method = text("method", true)?.unwrap_or_default();
        let url = text("url", true)?.unwrap_or_default();
        let now = text("now", false)?;
        Ok(HttpRequest {
            method,
            url,
            now,
            body: obj.swap_remove("body").filter(|v| !v.is_null()),
            stored: obj.swap_remove("stored").filter(|v| !v.is_null()),
        })
    }
}

/// What a route previews with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// `preview` of the platform, with the first path parameter as `userId`.
    Profile,
    /// Zendesk by identifier query (`?identifier=`).
    ZendeskQuery,
    /// Zendesk by profile id (the stored profile must have that `id`).
    ZendeskId,
    /// Courier Device Tokens, one token.
    TokenOne,
    /// Courier Device Tokens, the list.
    TokenMany,
}

/// One endpoint: host (`*.` = any subdomain), path pattern (`{x}` = a
/// parameter), methods, target.
struct Route {
    platform: Platform,
    host: &'static str,
    path: &'static str,
    methods: &'static [Method],
    target: Target,
}

const ALL: &[Method] = &[Method::Post, Method::Put, Method::Patch, Method::Delete];

/// Every endpoint previewHttp understands. Each platform module decides
/// what a method does (e.g. Zendesk answers POST 405), so profile routes
/// take all four methods.
const ROUTES: &[Route] = &[
    Route { platform: Platform::Courier, host: "api.courier.com", path: "/profiles/{user_id}", methods: ALL, target: Target::Profile },
    Route {
        platform: Platform::Courier,
        host: "api.courier.com",
        path: "/users/{user_id}/tokens/{token}",
        methods: &[Method::Put, Method::Patch, Method::Delete],
        target: Target::TokenOne,
    },
    Route {
        platform: Platform::Courier,
        host: "api.courier.com",
        path: "/users/{user_id}/tokens",
        methods: &[Method::Put],
        target: Target::TokenMany,
    },
    Route { platform: Platform::Suprsend, host: "hub.suprsend.com", path: "/v1/user/{distinct_id}/", methods: ALL, target: Target::Profile },
    Route {
        platform: Platform::Zendesk,
        host: "*.zendesk.com",
        path: "/api/v2/user_profiles",
        methods: ALL,
        target: Target::ZendeskQuery,
    },
    Route {
        platform: Platform::Zendesk,
        host: "*.zendesk.com",
        path: "/api/v2/user_profiles/{profile_id}",
        methods: ALL,
        target: Target::ZendeskId,
    },
];

/// A URL split into host, decoded path segments and raw query.
struct Url {
    host: String,
    segments: Vec<String>,
    query: String,
}

/// The list of endpoints for error messages.
fn supported() -> String {
    let mut out = Vec::new();
    for r in ROUTES {
        let methods: Vec<&str> = r.methods.iter().map(|m| m.name()).collect();
        let query = if r.target == Target::ZendeskQuery { "?identifier=..." } else { "" };
        out.push(format!("{} https://{}{}{query}", methods.join("|"), r.host.replace('*', "{subdomain}"), r.path));
    }
    format!("supported endpoints: {}", out.join("; "))
}

fn unsupported(platform: Option<Platform>, message: String) -> ProfileError {
    let message = format!("{message}; {}", supported());
    let e = match platform {
        Some(p) => platform_error(p, 400, "unsupported_endpoint", message),
        None => ProfileError::invalid("unsupported_endpoint", message),
    };
    e.with_path("/url")
}

/// An error in `platform`'s own body shape (Zendesk's generic client
/// error code is `ClientError`; SuprSend's documented refusal is a 400).
fn platform_error(platform: Platform, status: u16, code: &str, message: String) -> ProfileError {
    match platform {
        Platform::Courier => courier::error(status, code, message),
        // SuprSend documents one refusal: 400 {code: 400, message: "invalid_request_error"}.
        Platform::Suprsend => suprsend::error(code, message),
        Platform::Zendesk => zendesk::error(status, "ClientError", message),
    }
}

/// `%XX` decoding of one path segment or query value (`+` stays `+`).
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            out.push(hex.and_then(|h| u8::from_str_radix(h, 16).ok())?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn parse_url(url: &str) -> Result<Url> {
    let bad = |msg: String| unsupported(None, msg);
    let text = url.trim();
    let lower = text.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        text.get(8..)
    } else if lower.starts_with("http://") {
        text.get(7..)
    } else if lower.contains("://") {
        return Err(bad(format!("\"{text}\" is not an http(s) URL")));
    } else {
        Some(text)
    }
    .unwrap_or_default();
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    let authority = authority.rsplit('@').next().unwrap_or_default();
    let host = authority.split(':').next().unwrap_or_default().to_ascii_lowercase();
    if host.is_empty() {
        return Err(bad(format!("\"{text}\" has no host")));
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut segments = Vec::new();
    for raw in path.split('/').skip(1) {
        let seg = percent_decode(raw).ok_or_else(|| bad(format!("path segment \"{raw}\" has a malformed %-escape")))?;
        segments.push(seg);
    }
    Ok(Url { host, segments, query: query.to_string() })
}

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => host
            .strip_suffix(suffix)
            .and_then(|sub| sub.strip_suffix('.'))
            .is_some_and(|sub| !sub.is_empty() && !sub.contains('.')),
        None => pattern == host,
    }
}

/// Match `segments` against a route path; returns the parameters. A
/// trailing `/` in the pattern is optional in the URL and vice versa.
fn match_path(pattern: &str, segments: &[String]) -> Option<Vec<String>> {
    let want: Vec<&str> = pattern.trim_end_matches('/').split('/').skip(1).collect();
    let mut got: &[String] = segments;
    if let Some((last, init)) = got.split_last() {
        if last.is_empty() {
            got = init;
        }
    }
    if want.len() != got.len() {
        return None;
    }
    let mut params = Vec::new();
    for (w, g) in want.iter().zip(got) {
        if w.starts_with('{') {
            if g.is_empty() {
                return None;
            }
            params.push(g.clone());
        } else if *w != g {
            return None;
        }
    }
    Some(params)
}

/// The raw (still percent-encoded) value of `key` in a query string.
fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k).as_deref() == Some(key)).then_some(v)
    })
}

/// The body as a JSON value: JSON text is parsed, an empty text is no body.
fn body_value(platform: Platform, body: Option<&Value>) -> Result<Option<Value>> {
    match body {
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        // The crate's one JSON reader (serde_json's would add its parser to the wasm).
        Some(Value::String(text)) => crate::json::parse(text.as_bytes(), "body").map(Some).map_err(|e| {
            platform_error(platform, 400, "invalid_json", format!("the body is not valid JSON: {}", e.message)).with_path("/body")
        }),
        other => Ok(other.cloned()),
    }
}

/// Route `req` to its platform and operation and preview it.
pub fn preview_http(req: &HttpRequest) -> Result<HttpPreview> {
    let url = parse_url(&req.url)?;
    let method_name = req.method.trim().to_ascii_uppercase();
    let on_host: Vec<&Route> = ROUTES.iter().filter(|r| host_matches(r.host, &url.host)).collect();
    let Some(first) = on_host.first() else {
        return Err(unsupported(None, format!("no supported endpoint on host \"{}\"", url.host)));
    };
    let platform = first.platform;
    let path_text = format!("/{}", url.segments.join("/"));
    let Some((route, params)) = on_host.iter().find_map(|r| match_path(r.path, &url.segments).map(|p| (*r, p))) else {
        return Err(unsupported(Some(platform), format!("no supported endpoint at \"{path_text}\"")));
    };
    let method = match Method::parse(&method_name) {
        Ok(m) if route.methods.contains(&m) => m,
        _ => {
            let msg = format!("{method_name} is not previewed at {}", route.path);
            return Err(unsupported(Some(platform), msg).with_path("/method"));
        }
    };
    let body = body_value(platform, req.body.as_ref())?;
    let operation = format!("{} {}", method.name(), route.path.trim_end_matches('/'));
    let param = |i: usize| params.get(i).cloned().unwrap_or_default();
    let preview = match route.target {
        Target::Profile => profile(platform, method, req, body, Some(param(0)), None)?,
        Target::ZendeskQuery => {
            let Some(query) = query_param(&url.query, "identifier") else {
                return Err(zendesk::error(400, "ClientError", format!("{} needs ?identifier=source:type:identifier_type:value", route.path))
                    .with_path("/url"));
            };
            profile(platform, method, req, body, None, Some(query.to_string()))?
        }
        Target::ZendeskId => {
            let id = param(0);
            let stored_id = req.stored.as_ref().and_then(|s| s.get("id")).and_then(Value::as_str);
            if stored_id != Some(id.as_str()) {
                return Err(zendesk::error(404, "ClientError", format!("no profile with id \"{id}\" (the stored profile's id differs or nothing is stored)"))
                    .with_path("/url"));
            }
            profile(platform, method, req, body, None, None)?
        }
        Target::TokenOne | Target::TokenMany => {
            let token = param(1);
            let op = match (route.target, method) {
                (Target::TokenMany, _) => TokenOp::PutMany,
                (_, Method::Patch) => TokenOp::Patch { token },
                (_, Method::Delete) => TokenOp::Delete { token },
                _ => TokenOp::PutOne { token },
            };
            crate::json::check_depth(req.stored.as_ref(), "/stored")?;
            crate::json::check_depth(body.as_ref(), "/body")?;
            let ctx = Context { user_id: Some(param(0)), now: super::resolve_now(req.now.as_deref())?, ..Context::default() };
            let applied = courier_tokens::apply(&op, req.stored.as_ref(), body.as_ref(), &ctx)?;
            finish(req.stored.as_ref(), applied)
        }
    };
    Ok(HttpPreview { preview, platform: platform.name(), operation })
}

fn profile(
    platform: Platform,
    method: Method,
    req: &HttpRequest,
    body: Option<Value>,
    user_id: Option<String>,
    query: Option<String>,
) -> Result<Preview> {
    let request = PreviewRequest { platform, method, stored: req.stored.clone(), body, user_id, now: req.now.clone(), query };
    super::preview(&request)
}

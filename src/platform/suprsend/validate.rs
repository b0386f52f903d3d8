//! What SuprSend does with each key of a user request body, with the JSON
//! Pointer of each finding: the problems it refuses (email format, E.164
//! phone numbers, the `$slack` / `$ms_teams` shapes, IANA `$timezone`,
//! `$locale` shape, the `{operations}` structure) and what it accepts with
//! a warning (reserved keys it ignores, channel forms only some of its
//! pages document).

use super::{as_list, classify, Channel, KeyKind};
use crate::json::{pointer, type_name};
use crate::platform::{Issue, Method, Warning};
use crate::json::{Map, Value};

/// Where a key appears, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A POST body: channels append, the rest are properties.
    Upsert,
    /// `$set` / `$set_once`: properties only.
    Set,
    /// `$append` / `$remove`: channels or list properties.
    List,
    /// `$increment` / `$add`: numeric properties.
    Increment,
}

/// What inspecting a body found.
#[derive(Debug, Default)]
pub(super) struct Inspection {
    /// What SuprSend refuses the request for (`[]` = accepted).
    pub issues: Vec<Issue>,
    /// What it accepts but the user should know: `reserved_key_ignored`,
    /// `docs_disagree`.
    pub warnings: Vec<Warning>,
}

impl Inspection {
    #[inline]
    fn issue(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.issues.push(Issue::new(path.into(), message.into()));
    }

    fn warn(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning::at(code, path, message));
    }
}

/// Problems SuprSend would reject the body for (`[]` = accepted).
pub fn validate(method: Method, body: Option<&Value>) -> Vec<Issue> {
    inspect(method, body).issues
}

/// Every finding about `body`, in body order.
pub(super) fn inspect(method: Method, body: Option<&Value>) -> Inspection {
    let mut out = Inspection::default();
    match method {
        Method::Delete => {}
        Method::Put => out.issue("", "SuprSend has no PUT for users; use POST (upsert) or PATCH (operations)"),
        Method::Post => match body {
            Some(Value::Object(map)) => check_keys(map, "", Place::Upsert, &mut out),
            other => out.issues.push(not_object("", "request body", other)),
        },
        Method::Patch => match body {
            Some(Value::Object(map)) => check_operations(map, &mut out),
            other => out.issues.push(not_object("", "request body", other)),
        },
    }
    out
}

fn not_object(path: &str, what: &str, got: Option<&Value>) -> Issue {
    Issue::new(path, format!("{what} must be an object, got {}", got.map_or("nothing", type_name)))
}

fn check_operations(body: &Map, out: &mut Inspection) {
    let ops = match body.get("operations") {
        Some(Value::Array(ops)) => ops,
        None => return out.issue("/operations", "\"operations\" is required: an array like [{\"$set\": {...}}]"),
        Some(other) => return out.issue("/operations", format!("\"operations\" must be an array, got {}", type_name(other))),
    };
    for (i, op) in ops.iter().enumerate() {
        let at = format!("/operations/{i}");
        let Value::Object(op) = op else {
            out.issues.push(not_object(&at, &format!("operation {i}"), Some(op)));
            continue;
        };
        if op.is_empty() {
            out.issue(&at, format!("operation {i} is empty; expected $set, $set_once, $unset, $append, $remove, $increment or $add"));
        }
        for (name, arg) in op {
            let here = pointer::join(&at, name);
            let place = match name.as_str() {
                "$set" | "$set_once" => Place::Set,
                "$append" | "$remove" => Place::List,
                "$increment" | "$add" => Place::Increment,
                "$unset" => {
                    check_unset(arg, &here, out);
                    continue;
                }
                _ => {
                    out.issue(here, format!(
                        "unknown operation \"{name}\"; expected $set, $set_once, $unset, $append, $remove, $increment or $add"
                    ));
                    continue;
                }
            };
            match arg {
                Value::Object(map) => check_keys(map, &here, place, out),
                other => out.issues.push(not_object(&here, name, Some(other))),
            }
        }
    }
}

fn check_unset(arg: &Value, here: &str, out: &mut Inspection) {
    let Value::Array(keys) = arg else {
        return out.issue(here, format!("$unset must be an array of keys, got {}", type_name(arg)));
    };
    for (j, key) in keys.iter().enumerate() {
        let at = format!("{here}/{j}");
        match key {
            Value::String(k) if k.trim().is_empty() => out.issue(at, "$unset key must not be empty"),
            Value::String(k) if classify(k) == KeyKind::Reserved => out.warn("reserved_key_ignored", at, reserved(k)),
            Value::String(_) => {}
            other => out.issue(at, format!("$unset keys must be strings, got {}", type_name(other))),
        }
    }
}

/// SuprSend's SDK pages: "Keys starting with `ss_` or `$` are reserved and
/// will be ignored."
fn reserved(key: &str) -> String {
    format!("\"{key}\" is ignored: keys starting with $ or ss_ are reserved by SuprSend")
}

/// Whether a key may appear at `place`; `Err` is why SuprSend ignores it there.
fn allowed(kind: KeyKind, key: &str, place: Place) -> Result<(), String> {
    match (kind, place) {
        (KeyKind::Reserved, _) => Err(reserved(key)),
        (KeyKind::DistinctId | KeyKind::Custom, _) => Ok(()),
        (KeyKind::Channel(_) | KeyKind::IdProvider, Place::Upsert | Place::List) => Ok(()),
        (KeyKind::Channel(ch), _) => Err(format!("\"{}\" is a channel: it is ignored here (add and remove values with $append / $remove, drop it with $unset)", ch.key())),
        (KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage, Place::Upsert | Place::Set) => Ok(()),
        (_, _) => Err(format!("\"{key}\" is ignored here: set it with POST or $set")),
    }
}

fn check_keys(map: &Map, base: &str, place: Place, out: &mut Inspection) {
    for (key, value) in map {
        let at = pointer::join(base, key);
        if key.trim().is_empty() {
            out.issue(at, "property keys must not be empty");
            continue;
        }
        let kind = classify(key);
        if let Err(why) = allowed(kind, key, place) {
            out.warn("reserved_key_ignored", at, why);
            continue;
        }
        match kind {
            KeyKind::Channel(ch) => check_channel(ch, value, &at, out),
            KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage => check_property(kind, value, &at, out),
            // The Python SDK sends `null` when no provider is given.
            KeyKind::IdProvider => match value {
                Value::Null => {}
                Value::String(s) if !s.trim().is_empty() => {}
                _ => out.issue(at, "$id_provider must be a provider name like \"fcm\", \"apns\" or \"vapid\""),
            },
            KeyKind::Custom if place == Place::Increment && !value.is_number() => {
                out.issue(at, format!("the amount must be a number, got {}", type_name(value)))
            }
            _ => {}
        }
    }
}

fn check_property(kind: KeyKind, value: &Value, at: &str, out: &mut Inspection) {
    let Value::String(s) = value else {
        return out.issue(at, format!("must be a string, got {}", type_name(value)));
    };
    match kind {
        KeyKind::Timezone if !crate::host::is_iana_timezone(s) => {
            out.issue(at, format!("\"{s}\" is not an IANA time zone (e.g. \"America/New_York\")"))
        }
        KeyKind::Locale if !is_locale(s) => out.issue(at, format!("\"{s}\" is not a locale like \"en\", \"en_GB\" or \"zh-Hans-CN\"")),
        KeyKind::PreferredLanguage if !(s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase())) => {
            out.issue(at, format!("\"{s}\" is not an ISO 639-1 language code like \"en\""))
        }
        _ => {}
    }
}

/// `ll`, `lll`, optionally followed by a script (`Hans`) and/or a region
/// (`GB`, `419`), separated by `_` or `-`.
pub(crate) fn is_locale(s: &str) -> bool {
    let mut parts = s.split(['_', '-']);
    let lang_ok = parts.next().is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    let rest: Vec<&str> = parts.collect();
    let script = |p: &str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic());
    let region = |p: &str| (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic())) || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
    lang_ok
        && match rest.as_slice() {
            [] => true,
            [one] => script(one) || region(one),
            [s1, r] => script(s1) && region(r),
            _ => false,
        }
}

fn check_channel(ch: Channel, value: &Value, at: &str, out: &mut Inspection) {
    let many = value.is_array();
    for (j, item) in as_list(value).into_iter().enumerate() {
        let here = if many { format!("{at}/{j}") } else { at.to_string() };
        check_channel_value(ch, item, &here, out);
    }
}

fn check_channel_value(ch: Channel, v: &Value, at: &str, out: &mut Inspection) {
    match ch {
        Channel::Email => match v {
            Value::String(s) if is_email(s) => {}
            _ => out.issue(at, format!("{} is not an email address like user@example.com", super::show(v))),
        },
        Channel::Sms | Channel::Whatsapp => match v {
            Value::String(s) if is_e164(s) => {}
            _ => out.issue(at, format!(
                "{} is not an E.164 phone number: + then country code and number, 8 to 15 digits, e.g. +14155550100",
                super::show(v)
            )),
        },
        Channel::Inbox | Channel::Androidpush | Channel::Iospush => match v {
            Value::String(s) if !s.trim().is_empty() => {}
            _ => out.issue(at, format!("{} values must be non-empty strings, got {}", ch.key(), super::show(v))),
        },
        Channel::Webpush => match v {
            Value::Object(m) if !m.is_empty() => {}
            Value::String(s) if !s.trim().is_empty() => out.warn("docs_disagree", at, WEBPUSH_STRING),
            _ => out.issue(at, "$webpush values must be non-empty subscription objects ({endpoint, keys}) or token strings"),
        },
        Channel::Slack => check_object_channel(&SLACK, v, at, out),
        Channel::MsTeams => check_object_channel(&MS_TEAMS, v, at, out),
    }
}

/// `$webpush` as a string.
const WEBPUSH_STRING: &str = "$webpush as a token string: an earlier version of the Create / Update Users example sends one, the current example sends a subscription object \
{token, endpoint, keys}; both are accepted";

/// One documented form of an object-valued channel.
struct Shape {
    /// The key that selects this form.
    target: &'static str,
    /// What it needs with the target.
    needs: &'static [&'static str],
    /// What the schema requires but a documented example leaves out: a
    /// missing one is accepted with this `docs_disagree` message.
    lenient: Option<(&'static str, &'static str)>,
    /// Set when only some pages document this form: the disagreement.
    disagree: Option<&'static str>,
}

/// The documented forms of `$slack` or `$ms_teams`.
struct ObjectChannel {
    name: &'static str,
    shapes: &'static [Shape],
    /// Two targets one documented example sends together, and the disagreement.
    pair: Option<(&'static str, &'static str, &'static str)>,
    /// The disagreement a plain string value names.
    string_form: &'static str,
}

/// `$slack`: the API reference's schema documents `{email | user_id |
/// channel, access_token}` and `{incoming_webhook: {url}}`; its curl sample
/// and 201 response use `email_id`, the SDK pages `channel_id`.
const SLACK: ObjectChannel = ObjectChannel {
    name: "$slack",
    shapes: &[
        Shape { target: "email", needs: &["access_token"], lenient: None, disagree: None },
        Shape {
            target: "email_id",
            needs: &["access_token"],
            lenient: None,
            disagree: Some("$slack {email_id, access_token}: the Create / Update Users reference's curl sample and 201 response \
use email_id, its schema says email; both are accepted"),
        },
        Shape { target: "user_id", needs: &["access_token"], lenient: None, disagree: None },
        Shape { target: "channel", needs: &["access_token"], lenient: None, disagree: None },
        Shape {
            target: "channel_id",
            needs: &["access_token"],
            lenient: None,
            disagree: Some("$slack {channel_id, access_token}: the Node and Python SDK pages send channel_id, the API reference's schema says channel; both are accepted"),
        },
        Shape { target: "incoming_webhook", needs: &[], lenient: None, disagree: None },
    ],
    pair: None,
    string_form: "$slack as a plain string: an earlier version of the Create / Update Users example sends a Slack member ID string, the schema documents objects; both are accepted",
};

/// `service_url` of `$ms_teams`.
const TEAMS_SERVICE_URL: (&str, &str) = (
    "service_url",
    "$ms_teams without service_url: the Create / Update Users request example \
omits it, its schema and the SDK pages require it; accepted",
);

/// `$ms_teams` (SuprSend's "MS Teams using conversation ID / user ID /
/// incoming webhook"): `{tenant_id, service_url, conversation_id}` |
/// `{tenant_id, service_url, user_id}` | `{incoming_webhook: {url}}`.
const MS_TEAMS: ObjectChannel = ObjectChannel {
    name: "$ms_teams",
    shapes: &[
        Shape { target: "conversation_id", needs: &["tenant_id"], lenient: Some(TEAMS_SERVICE_URL), disagree: None },
        Shape { target: "user_id", needs: &["tenant_id"], lenient: Some(TEAMS_SERVICE_URL), disagree: None },
        Shape { target: "incoming_webhook", needs: &[], lenient: None, disagree: None },
    ],
    pair: Some((
        "conversation_id",
        "user_id",
        "$ms_teams with both conversation_id and user_id: the Create / Update Users request example sends both, its schema's forms take one; accepted",
    )),
    string_form: "$ms_teams as a plain string: an earlier version of the Create / Update Users example sends a Teams user ID string, the schema documents objects; both are accepted",
};

fn describe(shapes: &[Shape]) -> String {
    shapes
        .iter()
        .filter(|s| s.disagree.is_none())
        .map(|s| match s.target {
            "incoming_webhook" => "{incoming_webhook: {url}}".to_string(),
            t => {
                let keys = std::iter::once(t).chain(s.needs.iter().copied()).chain(s.lenient.map(|(k, _)| k));
                format!("{{{}}}", keys.collect::<Vec<_>>().join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Exactly one documented form must be selected, with what it needs.
fn check_object_channel(spec: &ObjectChannel, v: &Value, at: &str, out: &mut Inspection) {
    let name = spec.name;
    let m = match v {
        Value::Object(m) => m,
        Value::String(s) if !s.trim().is_empty() => return out.warn("docs_disagree", at, spec.string_form),
        _ => return out.issue(at, format!("{name} values must be objects: {}", describe(spec.shapes))),
    };
    let present: Vec<&Shape> = spec.shapes.iter().filter(|s| m.contains_key(s.target)).collect();
    let shape = match present.as_slice() {
        [one] => *one,
        [] => return out.issue(at, format!("{name} must match one of {}", describe(spec.shapes))),
        [a, b] if spec.pair.is_some_and(|(x, y, _)| a.target == x && b.target == y) => {
            if let Some((_, _, why)) = spec.pair {
                out.warn("docs_disagree", at, why);
            }
            *a
        }
        many => {
            let keys: Vec<&str> = many.iter().map(|s| s.target).collect();
            return out.issue(at, format!("{name} must match exactly one of {}; it has {}", describe(spec.shapes), keys.join(" and ")));
        }
    };
    if let Some(why) = shape.disagree {
        out.warn("docs_disagree", at, why);
    }
    if shape.target == "incoming_webhook" {
        let url_at = format!("{}/url", pointer::join(at, "incoming_webhook"));
        match m.get("incoming_webhook").and_then(|w| w.get("url")) {
            Some(Value::String(u)) if is_https_url(u) => {}
            _ => out.issue(url_at, "incoming_webhook.url must be an https:// URL"),
        }
        return;
    }
    if let Some((key, why)) = shape.lenient {
        if !m.contains_key(key) {
            out.warn("docs_disagree", pointer::join(at, key), why);
        }
    }
    let keys = std::iter::once(shape.target).chain(shape.needs.iter().copied()).chain(shape.lenient.map(|(k, _)| k));
    for key in keys {
        let key_at = pointer::join(at, key);
        match m.get(key) {
            None if shape.lenient.is_some_and(|(k, _)| k == key) => {}
            None => out.issue(key_at, format!("{name} with {} needs {key}", shape.target)),
            Some(Value::String(s)) if s.trim().is_empty() => out.issue(key_at, format!("{key} must not be empty")),
            Some(Value::String(s)) if key.starts_with("email") && !is_email(s) => {
                out.issue(key_at, format!("\"{s}\" is not an email address"))
            }
            Some(Value::String(s)) if key == "service_url" && !is_https_url(s) => {
                out.issue(key_at, "service_url must be an https:// URL like https://smba.trafficmanager.net/amer")
            }
            Some(Value::String(_)) => {}
            Some(other) => out.issue(key_at, format!("{key} must be a string, got {}", type_name(other))),
        }
    }
}

/// `local@domain.tld`: one `@`, no whitespace, a dot inside the domain,
/// at most 254 characters (the SMTP path limit).
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    s.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// E.164: `+`, then 8 to 15 digits, the first not 0.
pub(crate) fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else { return false };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

fn is_https_url(s: &str) -> bool {
    s.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace))
}

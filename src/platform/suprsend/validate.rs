//! What SuprSend rejects in a user request body, with the JSON Pointer of
//! each problem: email format, E.164 phone numbers, the `$slack` and
//! `$ms_teams` shapes, IANA `$timezone`, `$locale` shape, reserved keys
//! and the `{operations}` structure.

use super::{as_list, classify, Channel, KeyKind};
use crate::json::{pointer, type_name};
use crate::platform::{Issue, Method};
use serde_json::{Map, Value};

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

/// Problems SuprSend would reject the body for (`[]` = accepted).
pub fn validate(method: Method, body: Option<&Value>) -> Vec<Issue> {
    let mut issues = Vec::new();
    match method {
        Method::Delete => {}
        Method::Put => issues.push(Issue::new("", "SuprSend has no PUT for users; use POST (upsert) or PATCH (operations)")),
        Method::Post => match body {
            Some(Value::Object(map)) => check_keys(map, "", Place::Upsert, &mut issues),
            other => issues.push(not_object("", "request body", other)),
        },
        Method::Patch => match body {
            Some(Value::Object(map)) => check_operations(map, &mut issues),
            other => issues.push(not_object("", "request body", other)),
        },
    }
    issues
}

fn not_object(path: &str, what: &str, got: Option<&Value>) -> Issue {
    Issue::new(path, format!("{what} must be an object, got {}", got.map_or("nothing", type_name)))
}

fn check_operations(body: &Map<String, Value>, issues: &mut Vec<Issue>) {
    let ops = match body.get("operations") {
        Some(Value::Array(ops)) => ops,
        None => return issues.push(Issue::new("/operations", "\"operations\" is required: an array like [{\"$set\": {...}}]")),
        Some(other) => return issues.push(Issue::new("/operations", format!("\"operations\" must be an array, got {}", type_name(other)))),
    };
    for (i, op) in ops.iter().enumerate() {
        let at = format!("/operations/{i}");
        let Value::Object(op) = op else {
            issues.push(not_object(&at, &format!("operation {i}"), Some(op)));
            continue;
        };
        if op.is_empty() {
            issues.push(Issue::new(&at, format!("operation {i} is empty; expected $set, $set_once, $unset, $append, $remove, $increment or $add")));
        }
        for (name, arg) in op {
            let here = pointer::join(&at, name);
            let place = match name.as_str() {
                "$set" | "$set_once" => Place::Set,
                "$append" | "$remove" => Place::List,
                "$increment" | "$add" => Place::Increment,
                "$unset" => {
                    check_unset(arg, &here, issues);
                    continue;
                }
                _ => {
                    issues.push(Issue::new(here, format!(
                        "unknown operation \"{name}\"; expected $set, $set_once, $unset, $append, $remove, $increment or $add"
                    )));
                    continue;
                }
            };
            match arg {
                Value::Object(map) => check_keys(map, &here, place, issues),
                other => issues.push(not_object(&here, name, Some(other))),
            }
        }
    }
}

fn check_unset(arg: &Value, here: &str, issues: &mut Vec<Issue>) {
    let Value::Array(keys) = arg else {
        return issues.push(Issue::new(here, format!("$unset must be an array of keys, got {}", type_name(arg))));
    };
    for (j, key) in keys.iter().enumerate() {
        let at = format!("{here}/{j}");
        match key {
            Value::String(k) if k.trim().is_empty() => issues.push(Issue::new(at, "$unset key must not be empty")),
            Value::String(k) if classify(k) == KeyKind::Reserved => issues.push(reserved(&at, k)),
            Value::String(_) => {}
            other => issues.push(Issue::new(at, format!("$unset keys must be strings, got {}", type_name(other)))),
        }
    }
}

fn reserved(path: &str, key: &str) -> Issue {
    Issue::new(path, format!("\"{key}\" is reserved: keys starting with $ or ss_ belong to SuprSend"))
}

fn check_keys(map: &Map<String, Value>, base: &str, place: Place, issues: &mut Vec<Issue>) {
    for (key, value) in map {
        let at = pointer::join(base, key);
        if key.trim().is_empty() {
            issues.push(Issue::new(at, "property keys must not be empty"));
            continue;
        }
        match (classify(key), place) {
            (KeyKind::Reserved, _) => issues.push(reserved(&at, key)),
            (KeyKind::DistinctId, _) => {}
            (KeyKind::Channel(ch), Place::Upsert | Place::List) => check_channel(ch, value, &at, issues),
            (KeyKind::Channel(ch), _) => issues.push(Issue::new(at, format!(
                "{} is a channel: edit it with $append, $remove or $unset", ch.key()
            ))),
            (KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage, Place::Upsert | Place::Set) => {
                check_property(classify(key), value, &at, issues)
            }
            (KeyKind::IdProvider, Place::Upsert | Place::List) => match value {
                Value::String(s) if !s.trim().is_empty() => {}
                _ => issues.push(Issue::new(at, "$id_provider must be a provider name like \"fcm\", \"apns\" or \"vapid\"")),
            },
            (KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage | KeyKind::IdProvider, _) => {
                issues.push(Issue::new(at, format!("{key} cannot be used here; set it with POST or $set")))
            }
            (KeyKind::Custom, Place::Increment) => {
                if !value.is_number() {
                    issues.push(Issue::new(at, format!("the amount must be a number, got {}", type_name(value))));
                }
            }
            (KeyKind::Custom, _) => {}
        }
    }
}

fn check_property(kind: KeyKind, value: &Value, at: &str, issues: &mut Vec<Issue>) {
    let Value::String(s) = value else {
        return issues.push(Issue::new(at, format!("must be a string, got {}", type_name(value))));
    };
    match kind {
        KeyKind::Timezone if !crate::host::is_iana_timezone(s) => {
            issues.push(Issue::new(at, format!("\"{s}\" is not an IANA time zone (e.g. \"America/New_York\")")))
        }
        KeyKind::Locale if !is_locale(s) => {
            issues.push(Issue::new(at, format!("\"{s}\" is not a locale like \"en\", \"en_GB\" or \"zh-Hans-CN\"")))
        }
        KeyKind::PreferredLanguage if !(s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase())) => {
            issues.push(Issue::new(at, format!("\"{s}\" is not an ISO 639-1 language code like \"en\"")))
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

fn check_channel(ch: Channel, value: &Value, at: &str, issues: &mut Vec<Issue>) {
    let many = value.is_array();
    for (j, item) in as_list(value).into_iter().enumerate() {
        let here = if many { format!("{at}/{j}") } else { at.to_string() };
        check_channel_value(ch, item, &here, issues);
    }
}

fn check_channel_value(ch: Channel, v: &Value, at: &str, issues: &mut Vec<Issue>) {
    match ch {
        Channel::Email => match v {
            Value::String(s) if is_email(s) => {}
            _ => issues.push(Issue::new(at, format!("{} is not an email address like user@example.com", super::show(v)))),
        },
        Channel::Sms | Channel::Whatsapp => match v {
            Value::String(s) if is_e164(s) => {}
            _ => issues.push(Issue::new(at, format!(
                "{} is not an E.164 phone number: + then country code and number, 8 to 15 digits, e.g. +14155550100",
                super::show(v)
            ))),
        },
        Channel::Inbox | Channel::Androidpush | Channel::Iospush => match v {
            Value::String(s) if !s.trim().is_empty() => {}
            _ => issues.push(Issue::new(at, format!("{} values must be non-empty strings, got {}", ch.key(), super::show(v)))),
        },
        Channel::Webpush => match v {
            Value::Object(m) if !m.is_empty() => {}
            _ => issues.push(Issue::new(at, "$webpush values must be non-empty subscription objects ({endpoint, keys})")),
        },
        Channel::Slack => check_one_of(v, at, SLACK, issues),
        Channel::MsTeams => check_one_of(v, at, MS_TEAMS, issues),
    }
}

/// A oneOf alternative: the key that selects it and what it needs with it.
struct Shape {
    target: &'static str,
    needs: &'static [&'static str],
}

/// `$slack`: `{email, access_token}` | `{user_id, access_token}` |
/// `{channel, access_token}` | `{incoming_webhook: {url}}`.
const SLACK: (&str, &[Shape]) = (
    "$slack",
    &[
        Shape { target: "email", needs: &["access_token"] },
        Shape { target: "user_id", needs: &["access_token"] },
        Shape { target: "channel", needs: &["access_token"] },
        Shape { target: "incoming_webhook", needs: &[] },
    ],
);

/// `$ms_teams` (SuprSend's "MS Teams using conversation ID / user ID /
/// incoming webhook"): `{tenant_id, service_url, conversation_id}` |
/// `{tenant_id, service_url, user_id}` | `{incoming_webhook: {url}}`.
const MS_TEAMS: (&str, &[Shape]) = (
    "$ms_teams",
    &[
        Shape { target: "conversation_id", needs: &["tenant_id", "service_url"] },
        Shape { target: "user_id", needs: &["tenant_id", "service_url"] },
        Shape { target: "incoming_webhook", needs: &[] },
    ],
);

fn describe(shapes: &[Shape]) -> String {
    shapes
        .iter()
        .map(|s| match s.target {
            "incoming_webhook" => "{incoming_webhook: {url}}".to_string(),
            t => format!("{{{}}}", std::iter::once(t).chain(s.needs.iter().copied()).collect::<Vec<_>>().join(", ")),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Exactly one target key must be present, with what it needs.
fn check_one_of(v: &Value, at: &str, (name, shapes): (&str, &[Shape]), issues: &mut Vec<Issue>) {
    let Value::Object(m) = v else {
        return issues.push(Issue::new(at, format!("{name} values must be objects: {}", describe(shapes))));
    };
    let present: Vec<&Shape> = shapes.iter().filter(|s| m.contains_key(s.target)).collect();
    let shape = match present.as_slice() {
        [one] => *one,
        [] => return issues.push(Issue::new(at, format!("{name} must match one of {}", describe(shapes)))),
        many => {
            let keys: Vec<&str> = many.iter().map(|s| s.target).collect();
            return issues.push(Issue::new(at, format!("{name} must match exactly one of {}; it has {}", describe(shapes), keys.join(" and "))));
        }
    };
    if shape.target == "incoming_webhook" {
        let url_at = format!("{}/url", pointer::join(at, "incoming_webhook"));
        match m.get("incoming_webhook").and_then(|w| w.get("url")) {
            Some(Value::String(u)) if is_https_url(u) => {}
            _ => issues.push(Issue::new(url_at, "incoming_webhook.url must be an https:// URL")),
        }
        return;
    }
    for key in std::iter::once(shape.target).chain(shape.needs.iter().copied()) {
        let key_at = pointer::join(at, key);
        match m.get(key) {
            None => issues.push(Issue::new(key_at, format!("{name} with {} needs {key}", shape.target))),
            Some(Value::String(s)) if s.trim().is_empty() => issues.push(Issue::new(key_at, format!("{key} must not be empty"))),
            Some(Value::String(s)) if key == "email" && !is_email(s) => {
                issues.push(Issue::new(key_at, format!("\"{s}\" is not an email address")))
            }
            Some(Value::String(s)) if key == "service_url" && !is_https_url(s) => {
                issues.push(Issue::new(key_at, "service_url must be an https:// URL like https://smba.trafficmanager.net/amer"))
            }
            Some(Value::String(_)) => {}
            Some(other) => issues.push(Issue::new(key_at, format!("{key} must be a string, got {}", type_name(other)))),
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

//! A stored profile kept between previews: the Rust half of the JS
//! `ProfileSession`. A UI that previews every keystroke's body against one
//! stored profile parses (and depth-checks) that profile once, here, instead
//! of sending it across the JS/wasm boundary on every call.

use super::{apply_parts, finish, preview_parts, Context, Method, Platform, Preview};
use crate::error::Result;
use crate::json::Value;
use std::rc::Rc;

/// One user's stored profile on one platform, previewed against many bodies.
#[derive(Debug, Clone)]
pub struct Session {
    platform: Platform,
    /// Shared with the previews `apply` produced, so keeping a result's
    /// profile and making it the stored one costs no copy.
    stored: Option<Rc<Value>>,
    user_id: Option<String>,
    query: Option<String>,
}

impl Session {
    /// A session over `stored` (`None`: no profile yet). `user_id` and
    /// `query` are the request URL's user id and Zendesk identifier query,
    /// fixed for the session. Fails (`limit_exceeded`) when `stored` nests
    /// deeper than the preview limit, as [`super::preview`] would.
    pub fn new(platform: Platform, stored: Option<Value>, user_id: Option<String>, query: Option<String>) -> Result<Self> {
        crate::json::check_depth(stored.as_ref(), "/stored")?;
        Ok(Session { platform, stored: stored.map(Rc::new), user_id, query })
    }

    /// The platform this session previews.
    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// The stored profile (`None` when there is none).
    pub fn profile(&self) -> Option<&Value> {
        self.stored.as_deref()
    }

    /// What the platform would answer to `method` with `body`, against the
    /// stored profile; the session does not change.
    pub fn preview(&self, method: Method, body: Option<&Value>, now: Option<&str>) -> Result<Preview> {
        preview_parts(self.platform, method, self.stored.as_deref(), body, now, self.context(false))
    }

    /// [`Session::preview`] with the profile of a merge (Courier POST over
    /// the stored profile) left unbuilt: the preview's `profile` is `None`
    /// and the update comes back, so that the profile is built only if
    /// someone reads it ([`Session::merged`]). A UI previewing each
    /// keystroke and showing the changes skips copying the whole profile.
    pub fn preview_deferred(&self, method: Method, body: Option<&Value>, now: Option<&str>) -> Result<(Preview, Option<Value>)> {
        let stored = self.stored.as_deref();
        let mut applied = apply_parts(self.platform, method, stored, body, now, self.context(true))?;
        let deferred = applied.deferred.take();
        Ok((finish(stored, applied), deferred))
    }

    /// The profile [`Session::preview_deferred`] left unbuilt: `base` (the
    /// stored profile it previewed against) with `update` merged in.
    pub fn merged(base: &Value, update: &Value) -> Value {
        crate::json::merge::merge_deep(base, update)
    }

    fn context(&self, defer_merge: bool) -> Context {
        Context { user_id: self.user_id.clone(), now: String::new(), query: self.query.clone(), defer_merge }
    }

    /// [`Session::preview`], then the result becomes the stored profile.
    /// Returns the preview without its profile (now [`Session::profile`]),
    /// so nothing is copied. A failed request leaves the session unchanged.
    pub fn apply(&mut self, method: Method, body: Option<&Value>, now: Option<&str>) -> Result<Preview> {
        let mut out = self.preview(method, body, now)?;
        let profile = out.profile.take();
        // The next preview skips the depth check of a new session: check the
        // result here (a PATCH can nest a body value under a deep path).
        crate::json::check_depth(profile.as_ref(), "/stored")?;
        self.stored = profile.map(Rc::new);
        Ok(out)
    }

    /// The stored profile, shared (cheap to keep next to an applied result).
    pub fn shared_profile(&self) -> Option<Rc<Value>> {
        self.stored.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_json as json;

    #[test]
    fn preview_keeps_the_session_apply_moves_it() {
        let stored = json!({"name": "Ada", "phone": "+15550100"});
        let mut s = Session::new(Platform::Courier, Some(stored.clone()), Some("u1".into()), None).unwrap();
        let body = json!({"profile": {"phone": null, "city": "Paris"}});
        let now = Some("2026-01-01T00:00:00Z");
        let p = s.preview(Method::Post, Some(&body), now).unwrap();
        assert_eq!(p.profile, Some(json!({"name": "Ada", "city": "Paris"})));
        assert_eq!(s.profile(), Some(&stored));
        let a = s.apply(Method::Post, Some(&body), now).unwrap();
        assert_eq!(a.changes, p.changes);
        assert_eq!(s.profile(), Some(&json!({"name": "Ada", "city": "Paris"})));
        // An error leaves the session as it was.
        assert!(s.apply(Method::Patch, Some(&json!({"patch": [{"op": "remove", "path": "/nope"}]})), now).is_err());
        assert_eq!(s.profile(), Some(&json!({"name": "Ada", "city": "Paris"})));
        s.apply(Method::Delete, None, now).unwrap();
        assert_eq!(s.profile(), None);
    }

    /// A deferred preview is the same preview, its profile built later.
    #[test]
    fn deferred_merge_is_the_same_preview() {
        let stored = json!({"name": "Ada", "phone": "+15550100", "address": {"city": "Paris", "zip": "75001"}, "tags": [1, 2]});
        let s = Session::new(Platform::Courier, Some(stored.clone()), Some("u1".into()), None).unwrap();
        let now = Some("2026-01-01T00:00:00Z");
        let bodies = [
            (Method::Post, json!({"profile": {"phone": null, "city": "Paris", "address": {"zip": null, "line1": "1 Rue"}, "tags": [2]}})),
            (Method::Post, json!({"profile": {"address": "none", "new": {"a": null, "b": 1}}, "extra": 1})),
            (Method::Post, json!({"profile": {}})),
            (Method::Put, json!({"profile": {"name": "Ada"}})),
            (Method::Patch, json!({"patch": [{"op": "remove", "path": "/phone"}]})),
        ];
        for (method, body) in bodies {
            let full = s.preview(method, Some(&body), now).unwrap();
            let (mut deferred, update) = s.preview_deferred(method, Some(&body), now).unwrap();
            assert_eq!(update.is_some(), method == Method::Post, "{body}");
            if let Some(update) = update {
                assert_eq!(deferred.profile, None);
                deferred.profile = Some(Session::merged(&stored, &update));
            }
            assert_eq!(deferred, full, "{body}");
        }
        assert!(s.preview_deferred(Method::Post, Some(&json!({"profile": 1})), now).is_err());
    }

    #[test]
    fn matches_one_shot_preview() {
        let stored = json!({"a": {"b": 1}});
        let body = json!({"profile": {"a": {"c": 2}}});
        let s = Session::new(Platform::Courier, Some(stored.clone()), None, None).unwrap();
        let req = super::super::PreviewRequest {
            platform: Platform::Courier,
            method: Method::Post,
            stored: Some(stored),
            body: Some(body.clone()),
            user_id: None,
            now: Some("2026-01-01T00:00:00Z".into()),
            query: None,
        };
        assert_eq!(s.preview(Method::Post, Some(&body), req.now.as_deref()).unwrap(), super::super::preview(&req).unwrap());
    }
}

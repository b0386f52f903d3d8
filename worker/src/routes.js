// Which platform endpoint a request addresses. A table, not branches: each
// route names its platform, the methods it answers and how its path
// parameters become the Durable Object that owns the data.
//
// Platform selection is path-based: the three APIs' paths do not overlap
// (`/profiles`, `/users/:id/tokens` are Courier's, `/v1/user` SuprSend's,
// `/api/v2/user_profiles` Zendesk's), so an SDK whose base URL is the
// sandbox root works as is. An optional `/courier`, `/suprsend` or
// `/zendesk` prefix is accepted too (one base URL per platform); a prefix
// that names another platform than the path is an unknown route.

/** Route table: pattern segments (`:name` captures), platform, methods. */
export const ROUTES = [
  { platform: "courier", kind: "profile", pattern: ["profiles", ":user"], methods: ["GET", "POST", "PUT", "PATCH", "DELETE"] },
  { platform: "courier", kind: "tokens", pattern: ["users", ":user", "tokens", ":token"], methods: ["GET", "PUT", "PATCH", "DELETE"] },
  { platform: "courier", kind: "tokens", pattern: ["users", ":user", "tokens"], methods: ["GET", "PUT"] },
  { platform: "suprsend", kind: "profile", pattern: ["v1", "user", ":user"], methods: ["GET", "POST", "PATCH", "DELETE"] },
  { platform: "zendesk", kind: "profile", pattern: ["api", "v2", "user_profiles"], methods: ["GET", "PUT", "PATCH", "DELETE"], query: true },
  { platform: "zendesk", kind: "profile", pattern: ["api", "v2", "user_profiles", ":profileId"], methods: ["GET", "PUT", "PATCH", "DELETE"] },
];

/** The page at `GET /` and the docs list these, in this order. */
export const ROUTE_LIST = [
  ["courier", "GET POST PUT PATCH DELETE", "/profiles/:user_id"],
  ["courier", "PUT", "/users/:user_id/tokens/:token (also GET, PATCH, DELETE; GET/PUT /users/:user_id/tokens)"],
  ["suprsend", "GET POST PATCH DELETE", "/v1/user/:distinct_id/"],
  ["zendesk", "GET PUT PATCH DELETE", "/api/v2/user_profiles?identifier=source:type:identifier_type:value"],
  ["zendesk", "GET PUT PATCH DELETE", "/api/v2/user_profiles/:profile_id"],
  ["any", "POST", "/preview/render"],
];

const PLATFORMS = new Set(["courier", "suprsend", "zendesk"]);

/** Decode one path segment; `null` for a malformed `%` escape. */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Match a URL. Returns `{platform, prefix, route?, params?, methodAllowed}`;
 * `route` is absent for an unknown path (`platform` is then the prefix's,
 * or the best guess from the first segment, for the error's shape).
 */
export function match(method, url) {
  // A trailing slash is optional (SuprSend documents it, the others do not).
  let path = url.pathname;
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  let segments = path === "/" ? [] : path.split("/").slice(1);
  let prefix = null;
  if (segments.length && PLATFORMS.has(segments[0])) {
    prefix = segments[0];
    segments = segments.slice(1);
  }
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    if (prefix && prefix !== route.platform) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const want = route.pattern[i];
      if (want.startsWith(":")) {
        const value = decode(segments[i]);
        if (value === null || value === "") ok = false;
        else params[want.slice(1)] = value;
      } else ok = want === segments[i];
    }
    if (!ok) continue;
    return { platform: route.platform, prefix, route, params, methodAllowed: route.methods.includes(method) };
  }
  return { platform: prefix ?? guess(segments), prefix, route: null };
}

/** The platform an unknown path most resembles, for its error's shape. */
function guess(segments) {
  if (segments[0] === "v1") return "suprsend";
  if (segments[0] === "api") return "zendesk";
  if (segments[0] === "profiles" || segments[0] === "users") return "courier";
  return null;
}

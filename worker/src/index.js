// Profile sandbox: the Courier, SuprSend and Zendesk profile endpoints,
// answered with the statuses and bodies the platforms document (computed by
// profile-preview), each user stored in its own Durable Object.
//
// Order of checks: route (for the platform's error shape) -> bearer token
// -> body size -> the user's Durable Object. Nothing here logs a request
// or profile content.
import { match } from "./routes.js";
import { checkToken, checkSuprsendSignature, isSuprsendSigned } from "./auth.js";
import { readBody, MAX_BODY_BYTES } from "./body.js";
import { json, platformError, fromThrown } from "./errors.js";
import { indexPage } from "./page.js";
import { renderRequest } from "./render.js";

import { storeFor } from "./store.js";

export { ProfileStore } from "./store.js";

/** Methods some endpoint takes; anything else is refused before storage is touched. */
const KNOWN_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (url.pathname === "/" && (method === "GET" || method === "HEAD")) {
      return new Response(method === "HEAD" ? null : indexPage(), {
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    const isRender = url.pathname === "/preview/render";
    const m = isRender ? { platform: null, route: null } : match(method, url);
    // SuprSend's SDK signs each request (body included) instead of sending
    // a bearer token: its body is read (capped) before the check.
    let read;
    if (m.platform === "suprsend" && isSuprsendSigned(request)) {
      read = await readBody(request);
      if (read.tooLarge) return platformError(m.platform, 413, `request body over ${MAX_BODY_BYTES} bytes`);
      if (!(await checkSuprsendSignature(request, env, url, read.text))) {
        return platformError(m.platform, 401, "wrong request signature");
      }
    } else if (!(await checkToken(request, env))) {
      return platformError(m.platform, 401, "missing or wrong bearer token", { "www-authenticate": 'Bearer realm="profile-sandbox"' });
    }
    if (isRender) {
      if (method !== "POST") return platformError(null, 404, "POST /preview/render");
      read = await readBody(request);
      if (read.tooLarge) return platformError(null, 413, `request body over ${MAX_BODY_BYTES} bytes`);
      return renderRequest(env, read.text);
    }
    if (!m.route) return platformError(m.platform, 404, `no ${m.platform ?? "sandbox"} endpoint at ${url.pathname}; see GET /`);
    // A write method the endpoint does not take goes to the package, which
    // answers with the platform's documented error (e.g. SuprSend PUT: 400).
    if (!m.methodAllowed && !(KNOWN_METHODS.has(method) && method !== "GET")) {
      return platformError(m.platform, 400, `${method} is not supported on ${url.pathname}`);
    }
    read ??= await readBody(request);
    if (read.tooLarge) return platformError(m.platform, 413, `request body over ${MAX_BODY_BYTES} bytes`);

    const req = {
      platform: m.platform,
      kind: m.route.kind,
      method,
      // The path as the platform would receive it (without the optional prefix).
      path: m.prefix ? url.pathname.slice(m.prefix.length + 1) : url.pathname,
      search: url.search,
      params: m.params,
      bodyText: read.text,
    };
    try {
      const out = await storeFor(env, req).handle(req);
      return json(out.status, out.body);
    } catch (e) {
      return fromThrown(m.platform, e);
    }
  },
};

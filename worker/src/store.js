// One Durable Object per platform user (Courier user_id, SuprSend
// distinct_id) and one per Zendesk account (a Zendesk profile is found by
// any of its identifiers, so the identifier index must change in the same
// transaction as the profiles). Storage is the object's SQLite database.
//
// Every request is handled synchronously — read, preview, write with no
// `await` in between — so it runs in one turn of the object: concurrent
// updates to one user are applied one after another, never interleaved,
// and none is lost.
import { DurableObject } from "cloudflare:workers";
import * as pp from "profile-preview";

/** The platforms' real hosts: `previewHttp` routes by the URL as it would be sent. */
const HOSTS = {
  courier: "https://api.courier.com",
  suprsend: "https://hub.suprsend.com",
  zendesk: "https://sandbox.zendesk.com",
};

/** Courier `GET /profiles/:user_id` answers `{profile, preferences}` (API reference example). */
const COURIER_PREFERENCES = { categories: {}, notifications: {} };

/** Zendesk identifier types whose values are stored lower-cased or compared without case. */
const CASELESS_IDENTIFIERS = new Set(["email", "twitter", "external_id"]);

/** `{status, body}`: what the sandbox answers. */
const reply = (status, body) => ({ status, body: body ?? null });

/** A thrown ProfileError as a reply (anything else is rethrown: a bug, answered 500 by the caller). */
function errorReply(e) {
  if (e && e.name === "ProfileError" && typeof e.status === "number") return reply(e.status, e.body);
  throw e;
}

/**
 * The Durable Object that owns a request's data: one per Courier user, per
 * SuprSend distinct_id, and one per Zendesk account.
 */
export function storeFor(env, req) {
  const owner = req.platform === "zendesk" ? "account" : `user:${req.params.user}`;
  return env.PROFILES.get(env.PROFILES.idFromName(`${req.platform}:${owner}`));
}

export class ProfileStore extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS idents (profile_id TEXT NOT NULL, source TEXT NOT NULL, type TEXT NOT NULL, itype TEXT NOT NULL, ivalue TEXT NOT NULL)",
    );
    this.sql.exec("CREATE INDEX IF NOT EXISTS idents_lookup ON idents (source, type, itype, ivalue)");
  }

  /**
   * Handle one request for this object: `{platform, kind, method, path,
   * search, params, bodyText}`. Returns `{status, body}`. Synchronous on
   * purpose (see the file comment).
   */
  handle(req) {
    try {
      if (req.platform === "zendesk") return this.zendesk(req);
      if (req.kind === "tokens") return this.courierTokens(req);
      return this.userProfile(req);
    } catch (e) {
      return errorReply(e);
    }
  }

  /**
   * The stored profile a render reads: `{profile}` (`null` when there is
   * none) or `{error: {status, code, message}}` for a malformed Zendesk
   * identifier query (a ProfileError does not cross RPC with its fields).
   */
  read(req) {
    if (req.platform !== "zendesk") return { profile: this.get("profile") };
    try {
      const id = this.findByQuery(pp.parseIdentifierQuery(req.query));
      return { profile: id === null ? null : this.get(id) };
    } catch (e) {
      if (e && e.name === "ProfileError") return { error: { status: e.status, code: e.code, message: e.message } };
      throw e;
    }
  }

  get(key) {
    const rows = this.sql.exec("SELECT json FROM docs WHERE key = ?", key).toArray();
    return rows.length ? JSON.parse(rows[0].json) : null;
  }

  put(key, value) {
    if (value === null || value === undefined) this.sql.exec("DELETE FROM docs WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO docs (key, json) VALUES (?, ?)", key, JSON.stringify(value));
  }

  /** Courier profiles and SuprSend users: one document, key "profile". */
  userProfile(req) {
    const stored = this.get("profile");
    if (req.method === "GET") {
      if (stored === null) return this.notFound(req);
      if (req.platform === "courier") return reply(200, { profile: stored, preferences: COURIER_PREFERENCES });
      return reply(200, stored);
    }
    const result = runPreview(req, stored);
    this.put("profile", result.profile);
    return reply(result.status, result.response);
  }

  /** Courier device tokens: the token list as GET /users/:user_id/tokens shows it, key "tokens". */
  courierTokens(req) {
    const stored = this.get("tokens");
    const list = Array.isArray(stored?.tokens) ? stored.tokens : [];
    if (req.method === "GET") {
      if (req.params.token === undefined) return reply(200, { tokens: list });
      const found = list.find((t) => t && t.token === req.params.token);
      return found ? reply(200, found) : reply(404, { message: `token "${req.params.token}" not found`, type: "invalid_request_error" });
    }
    const result = runPreview(req, stored);
    this.put("tokens", result.profile);
    return reply(result.status, result.response);
  }

  /** Zendesk: profiles by id, found by identifier query or profile id. */
  zendesk(req) {
    let stored = null;
    if (req.params.profileId !== undefined) {
      stored = this.get(req.params.profileId);
    } else {
      const query = identifierParam(req.search);
      // Without `identifier=` the package answers Zendesk's 400 (GET included).
      if (query === null) return errorReply(catchError(() => runPreview({ ...req, method: "PATCH", bodyText: "{}" }, null)));
      // parseIdentifierQuery throws Zendesk's 400 for a malformed query.
      const id = this.findByQuery(pp.parseIdentifierQuery(query));
      stored = id === null ? null : this.get(id);
    }
    if (req.method === "GET") return stored === null ? this.notFound(req) : reply(200, { profile: stored });
    const result = runPreview(req, stored);
    const before = stored?.id;
    const after = result.profile?.id;
    // DELETE removes the stored profile. A PUT whose query does not select
    // the stored profile creates another one (201, `query_mismatch`): the
    // stored one stays, so only `after` is (re)written.
    if (result.profile === null) {
      if (typeof before === "string") this.removeZendesk(before);
    } else if (typeof after === "string") {
      this.removeZendesk(after);
      this.put(after, result.profile);
      this.index(result.profile);
    }
    return reply(result.status, result.response);
  }

  removeZendesk(id) {
    this.put(id, null);
    this.sql.exec("DELETE FROM idents WHERE profile_id = ?", id);
  }

  /** Index every identifier of a stored profile for identifier queries. */
  index(profile) {
    const ids = Array.isArray(profile.identifiers) ? profile.identifiers : [];
    for (const ident of ids) {
      if (!ident || typeof ident.type !== "string" || ident.value === undefined) continue;
      this.sql.exec(
        "INSERT INTO idents (profile_id, source, type, itype, ivalue) VALUES (?, ?, ?, ?, ?)",
        profile.id,
        String(profile.source),
        String(profile.type),
        ident.type,
        normalise(ident.type, String(ident.value)),
      );
    }
  }

  /** Id of the profile an identifier query selects, or `null`. */
  findByQuery(q) {
    const rows = this.sql
      .exec(
        "SELECT profile_id FROM idents WHERE source = ? AND type = ? AND itype = ? AND ivalue = ? LIMIT 1",
        q.source,
        q.type,
        q.identifier_type,
        normalise(q.identifier_type, q.identifier_value),
      )
      .toArray();
    return rows.length ? rows[0].profile_id : null;
  }

  /**
   * GET of something not stored: the error a DELETE of the same URL gets
   * from the package (SuprSend's documented 404 for an unknown user,
   * Zendesk's 404). Courier's DELETE of nothing succeeds, so its GET answers
   * 404 `invalid_request_error`, the type Courier's errors page gives 404.
   */
  notFound(req) {
    if (req.platform === "courier") {
      return reply(404, { message: `no profile for user "${req.params.user}"`, type: "invalid_request_error" });
    }
    const e = catchError(() => runPreview({ ...req, method: "DELETE", bodyText: "" }, null));
    return e.status === 404 ? reply(404, e.body) : errorReply(e);
  }
}

/** The error `fn` throws (a ProfileError is expected; its absence is a bug). */
function catchError(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the package to refuse the request");
}

/** Zendesk's `identifier` query parameter, still encoded (the package decodes it as a server would). */
function identifierParam(search) {
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (part.startsWith("identifier=")) return part.slice("identifier=".length);
  }
  return null;
}

function normalise(type, value) {
  return CASELESS_IDENTIFIERS.has(type) ? value.toLowerCase() : value;
}

/** Preview the request as the platform would receive it (its real host, the path and query as sent). */
function runPreview(req, stored) {
  const url = HOSTS[req.platform] + req.path + (req.search || "");
  return pp.previewHttp({ method: req.method, url, body: req.bodyText, stored });
}

// POST /preview/render: render one template (or several, one per channel)
// with the platform's template dialect against the stored profile plus the
// request's data. The sandbox's own endpoint, so its errors are neutral:
// {error: {status, code, message, line?, column?}}.
import { Template } from "profile-preview";
import { json } from "./errors.js";
import { storeFor } from "./store.js";

/**
 * Per platform: the `dialect` template option (older package builds ignore
 * it; `resolve` is their equivalent) and how profile + data form the context.
 * Courier templates see `profile.*` and `data.*`; SuprSend templates see the
 * data's own names plus `$recipient`; Zendesk (whose own templates are
 * Liquid) gets plain Handlebars over `{profile, data}`.
 */
const DIALECTS = {
  courier: { options: { dialect: "courier", resolve: "courier" }, context: (profile, data) => ({ profile, data }) },
  suprsend: { options: { dialect: "suprsend", resolve: "plain" }, context: (profile, data) => ({ ...data, $recipient: recipient(profile) }) },
  zendesk: { options: { dialect: "handlebars", resolve: "plain" }, context: (profile, data) => ({ profile, data }) },
};

/**
 * SuprSend templates read user properties as `$recipient.<property>`: the
 * stored user's `properties` are lifted next to `distinct_id` and the channels.
 */
function recipient(user) {
  if (!user || typeof user !== "object") return user;
  const { properties, ...rest } = user;
  return properties && typeof properties === "object" ? { ...properties, ...rest } : rest;
}

const bad = (message) => json(400, { error: { status: 400, code: "invalid_request", message } });

export async function renderRequest(env, text) {
  let req;
  try {
    req = JSON.parse(text);
  } catch {
    return bad("the body must be JSON");
  }
  if (!req || typeof req !== "object" || Array.isArray(req)) return bad("the body must be a JSON object");
  const dialect = DIALECTS[req.platform];
  if (!dialect) return bad('platform must be "courier", "suprsend" or "zendesk"');
  const single = typeof req.template === "string";
  const templates = single ? { template: req.template } : req.templates;
  if (!templates || typeof templates !== "object" || Array.isArray(templates) || !Object.values(templates).every((t) => typeof t === "string")) {
    return bad('give "template" (a string) or "templates" (an object of strings)');
  }
  const data = req.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) return bad('"data" must be an object');
  const options = { ...dialect.options };
  for (const k of ["missing", "escape", "delimiters"]) if (req.options?.[k] !== undefined) options[k] = req.options[k];

  let stored;
  if (req.platform === "zendesk") {
    if (typeof req.identifier !== "string") return bad('zendesk needs "identifier" (source:type:identifier_type:value)');
    stored = await storeFor(env, { platform: "zendesk", params: {} }).read({ platform: "zendesk", query: req.identifier });
  } else {
    if (typeof req.user_id !== "string" || req.user_id === "") return bad('"user_id" must be a non-empty string');
    stored = await storeFor(env, { platform: req.platform, params: { user: req.user_id } }).read({ platform: req.platform });
  }
  if (stored.error) return json(stored.error.status, { error: { ...stored.error, path: "/identifier" } });
  const profile = stored.profile;

  const context = dialect.context(profile, data);
  const outputs = {};
  const missing = {};
  for (const [name, source] of Object.entries(templates)) {
    let t;
    try {
      t = new Template(source, options);
      outputs[name] = t.render(context);
      missing[name] = t.missing(context).map((v) => v.path);
    } catch (e) {
      return templateError(e, name);
    } finally {
      t?.free();
    }
  }
  const found = profile !== null;
  return single
    ? json(200, { output: outputs.template, missing: missing.template, profile_found: found })
    : json(200, { outputs, missing, profile_found: found });
}

function templateError(e, template) {
  if (!e || e.name !== "ProfileError") return json(500, { error: { status: 500, code: "internal", message: "internal error" } });
  const error = { status: e.status, code: e.code, message: e.message };
  if (template !== undefined) error.template = template;
  for (const k of ["line", "column", "path"]) if (e[k] !== undefined) error[k] = e[k];
  return json(e.status, { error });
}

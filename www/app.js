// Template-preview page: edit a stored profile and a request body, see the
// profile the platform would store (changes marked), and render a template
// against it live. All user data goes into the DOM as text; template output
// only goes into the sandboxed iframe's srcdoc.

import init, { preview, previewHttp, parseRequest, validate, Template } from "./pkg/web.js";
import { defaultState, sampleStored, sampleBody, sampleTemplate, sampleData, DIALECT_OF } from "./samples.js";
import { decodeFragment, loadStored, saveStored, shareUrl } from "./state.js";
import { Editor, jsonErrorPosition } from "./editor.js";
import { renderProfile } from "./render-profile.js";

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

const controls = { platform: $("platform"), dialect: $("dialect"), method: $("method"), userId: $("user-id"), missing: $("missing") };
const editors = {
  stored: new Editor($("stored"), $("stored-error")),
  body: new Editor($("body"), $("body-error")),
  template: new Editor($("template"), $("template-error")),
  data: new Editor($("data"), $("data-error")),
  paste: new Editor($("paste"), $("paste-error")),
};
const frame = $("output-frame");

/** Value used when a JSON editor is empty. */
const EMPTY = { stored: null, body: undefined, data: {} };
/** Last value each JSON editor parsed to ({value}), kept while it is invalid. */
const lastGood = {};
/** Which JSON editors currently hold invalid JSON. */
const invalid = new Set();

let template = null; // compiled Template, freed when replaced
let templateKey = null; // source + options it was compiled from
let templateError = null;
let profile = null; // the profile templates render against
let lastOutput = null;

// ---------------------------------------------------------------- state

function currentState() {
  return {
    platform: controls.platform.value,
    dialect: controls.dialect.value,
    method: controls.method.value,
    userId: controls.userId.value,
    missing: controls.missing.value,
    stored: editors.stored.value,
    body: editors.body.value,
    template: editors.template.value,
    data: editors.data.value,
    paste: editors.paste.value,
  };
}

function applyState(s) {
  controls.platform.value = s.platform;
  controls.dialect.value = s.dialect;
  controls.method.value = s.method;
  controls.userId.value = s.userId;
  controls.missing.value = s.missing;
  for (const k of Object.keys(editors)) editors[k].value = s[k] ?? "";
}

function withDefaults(partial) {
  return { ...defaultState(partial.platform, partial.method), ...partial };
}

let notifyTimer;
function notice(text, sticky = false) {
  const n = $("notice");
  n.textContent = text;
  clearTimeout(notifyTimer);
  if (!sticky) notifyTimer = setTimeout(() => (n.textContent = ""), 4000);
}

// ---------------------------------------------------------------- JSON editors

/** Parse a JSON editor; invalid JSON keeps (and returns) the last good value. */
function parseField(name) {
  const ed = editors[name];
  const text = ed.value;
  if (text.trim() === "") {
    lastGood[name] = { value: EMPTY[name] };
    invalid.delete(name);
    ed.clearError();
    return EMPTY[name];
  }
  try {
    const value = JSON.parse(text);
    lastGood[name] = { value };
    invalid.delete(name);
    ed.clearError();
    return value;
  } catch (e) {
    invalid.add(name);
    const { line, column } = jsonErrorPosition(e.message, text);
    const kept = lastGood[name] ? " — the last valid value is still used" : "";
    ed.setError(`Invalid JSON: ${e.message}${kept}`, line, column);
    return lastGood[name] ? lastGood[name].value : EMPTY[name];
  }
}

// ---------------------------------------------------------------- preview

function endpoint(platform, method, userId) {
  const id = encodeURIComponent(userId || ":id");
  if (platform === "courier") return `${method} /profiles/${id}`;
  if (platform === "suprsend") return `${method} /v1/user/${id}`;
  return `${method} /api/v2/user_profiles?identifier=…`;
}

function errorSummary(e) {
  if (e && e.name === "ProfileError") return `${e.status} ${e.type} (${e.code}): ${e.message}`;
  return String(e && e.message ? e.message : e);
}

/** The pasted curl/fetch text as a previewHttp() call, or null when the box is empty. */
function pastedRequest(stored) {
  const text = editors.paste.value;
  const info = $("paste-info");
  if (text.trim() === "") {
    editors.paste.clearError();
    info.hidden = true;
    return null;
  }
  try {
    const parsed = parseRequest(text);
    editors.paste.clearError();
    info.hidden = false;
    info.textContent = `${parsed.method} ${parsed.url}${parsed.body === null ? " (no body)" : ""}`;
    const req = { method: parsed.method, url: parsed.url, stored };
    if (parsed.body !== null) req.body = parsed.body;
    return () => previewHttp(req);
  } catch (e) {
    info.hidden = true;
    editors.paste.setError(errorSummary(e), e && e.line, e && e.column);
    return () => {
      throw e;
    };
  }
}

/** The HTTP status line and body the platform answers with. */
function showResponse(status, body, operation) {
  $("http-status").textContent = `HTTP ${status}${operation ? ` — ${operation}` : ""}`;
  $("response-body").textContent = body === null || body === undefined ? "(empty body)" : JSON.stringify(body, null, 2);
}

function runPreview() {
  const { platform, method, userId } = currentState();
  $("endpoint").textContent = endpoint(platform, method, userId);
  const stored = parseField("stored");
  const body = parseField("body");
  const req = { platform, method, stored };
  if (body !== undefined) req.body = body;
  if (userId.trim()) req.userId = userId.trim();
  const pasted = pastedRequest(stored);

  const status = $("result-status");
  const staleNote = invalid.has("stored") || invalid.has("body") ? " (invalid JSON above: showing the last valid request)" : "";
  const warnings = $("warnings");
  try {
    const res = pasted ? pasted() : preview(req);
    profile = res.profile;
    showResponse(res.status, res.response, res.operation ? `${res.platform} ${res.operation}` : "");
    const counts = renderProfile($("profile-view"), res.profile, res.changes, stored);
    const parts = [];
    if (counts.added) parts.push(`${counts.added} added`);
    if (counts.changed) parts.push(`${counts.changed} changed`);
    if (counts.removed) parts.push(`${counts.removed} removed`);
    status.className = "status ok";
    status.textContent = `Accepted: ${parts.length ? parts.join(", ") : "no changes"}${res.profile === null ? " (no profile stored afterwards)" : ""}${staleNote}`;
    $("request-error").hidden = true;
    fillList(warnings, res.warnings, (w) => [el("code", "code", w.code), w.path ? el("code", "path", w.path) : "", " ", w.message], "none");
  } catch (e) {
    profile = stored;
    renderProfile($("profile-view"), stored, [], stored);
    status.className = "status bad";
    status.textContent = `Rejected: ${errorSummary(e)} — the profile stays as stored${staleNote}`;
    $("error-body").textContent = e && e.body !== undefined ? JSON.stringify(e.body, null, 2) : String(e);
    showResponse(e && e.status ? e.status : 400, e && e.body !== undefined ? e.body : null, "");
    let issues = [];
    try {
      if (pasted) throw e;
      const vreq = { platform, method };
      if (body !== undefined) vreq.body = body;
      issues = validate(vreq);
    } catch (v) {
      issues = [{ path: v.path || "", message: errorSummary(v) }];
    }
    fillList($("issues"), issues, (i) => [el("code", "path", i.path || "/"), " ", i.message], "validate() finds no issue in the body itself (the error comes from applying it to the stored profile)");
    $("request-error").hidden = false;
    fillList(warnings, [], null, "none");
  }
}

function fillList(ul, items, build, emptyText) {
  ul.replaceChildren();
  if (!items.length) {
    ul.append(el("li", "empty", emptyText));
    return;
  }
  for (const item of items) {
    const li = el("li");
    li.append(...build(item));
    ul.append(li);
  }
}

// ---------------------------------------------------------------- template

const FRAME_HEAD =
  "<!doctype html><html><head><meta charset=\"utf-8\">" +
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data: https:\">" +
  "<style>body{font:14px/1.5 system-ui,sans-serif;margin:12px;color:#1f2328;background:#fff}</style></head><body>";

function setOutput(out) {
  if (out === lastOutput) return;
  lastOutput = out;
  frame.srcdoc = FRAME_HEAD + out + "</body></html>";
  $("output-text").textContent = out;
}

function compile(source, missing) {
  const dialect = controls.dialect.value;
  const key = dialect + "\u0000" + missing + "\u0000" + source;
  if (key === templateKey) return;
  templateKey = key;
  if (template) {
    template.free();
    template = null;
  }
  try {
    template = new Template(source, { delimiters: "auto", missing, escape: "html", dialect });
    templateError = null;
  } catch (e) {
    templateError = e;
  }
}

function showTemplateError(e, what) {
  const ed = editors.template;
  // The engine's message ends with its own "at line L, column C:" and a
  // code frame; the editor shows both itself, so keep the first sentence.
  const text = String(e && e.message ? e.message : e);
  const first = e && e.line ? text.split("\n")[0].replace(/\s*at line \d+, column \d+:?\s*$/, "") : text;
  const msg = e && e.name === "ProfileError" ? `${first} (${e.code})` : first;
  ed.setError(`${what}: ${msg}`, e && e.line, e && e.column);
}

function runTemplate() {
  const { template: source, missing } = currentState();
  compile(source, missing);
  const data = parseField("data");
  const status = $("render-status");
  const stale = lastOutput === null ? "" : " — showing the last good render";
  if (templateError) {
    showTemplateError(templateError, templateError.code === "template_syntax" ? "Syntax error" : "Template error");
    status.className = "status bad";
    status.textContent = `Template does not compile${stale}`;
    return;
  }
  const ctx = { profile, data };
  let rendered = false;
  try {
    setOutput(template.render(ctx));
    editors.template.clearError();
    rendered = true;
  } catch (e) {
    showTemplateError(e, "Render error");
    status.className = "status bad";
    status.textContent = `Render failed${stale}`;
  }
  if (rendered) {
    status.className = "status ok";
    status.textContent = invalid.has("data") ? "Rendered with the last valid data (the data JSON is invalid)" : "Rendered live against the resulting profile and data";
  }
  showVariables(ctx);
}

function showVariables(ctx) {
  let vars = [];
  let missing = [];
  try {
    vars = template.variables();
    missing = template.missing(ctx);
  } catch (e) {
    vars = [];
    missing = [];
  }
  const missingPaths = new Set(missing.map((v) => v.path));
  const byPath = new Map();
  for (const v of vars) {
    if (!byPath.has(v.path)) byPath.set(v.path, []);
    byPath.get(v.path).push(`${v.line}:${v.column}`);
  }
  fillList($("variables"), [...byPath], ([path, where]) => {
    const parts = [el("code", "var", path), " ", el("span", "where", where.join(", "))];
    if (missingPaths.has(path)) parts.push(" ", el("span", "badge missing", "missing"));
    return parts;
  }, "no variables");
  const items = $("variables").children;
  for (const li of items) if (li.querySelector(".missing")) li.classList.add("is-missing");
}

// ---------------------------------------------------------------- wiring

function save() {
  saveStored(currentState());
}

function updateAll() {
  runPreview();
  runTemplate();
  save();
}

function updateTemplate() {
  runTemplate();
  save();
}

/** Replace an editor's text with a new sample when it still holds the old sample (or nothing). */
function followSample(name, oldSample, newSample) {
  const text = editors[name].value;
  if (text.trim() === "" || text === oldSample) editors[name].value = newSample;
}

let prev = { platform: "courier", method: "POST" };

controls.platform.addEventListener("change", () => {
  const p = controls.platform.value;
  const m = controls.method.value;
  followSample("stored", sampleStored(prev.platform), sampleStored(p));
  followSample("body", sampleBody(prev.platform, prev.method), sampleBody(p, m));
  followSample("template", sampleTemplate(prev.platform), sampleTemplate(p));
  // The dialect follows the platform unless it was changed by hand.
  if (controls.dialect.value === DIALECT_OF[prev.platform]) controls.dialect.value = DIALECT_OF[p];
  prev = { platform: p, method: m };
  updateAll();
});

controls.method.addEventListener("change", () => {
  const p = controls.platform.value;
  const m = controls.method.value;
  followSample("body", sampleBody(prev.platform, prev.method), sampleBody(p, m));
  prev = { platform: p, method: m };
  updateAll();
});

controls.userId.addEventListener("input", updateAll);
controls.missing.addEventListener("change", updateTemplate);
controls.dialect.addEventListener("change", updateTemplate);
editors.stored.textarea.addEventListener("input", updateAll);
editors.body.textarea.addEventListener("input", updateAll);
editors.paste.textarea.addEventListener("input", updateAll);
$("paste-clear").addEventListener("click", () => {
  editors.paste.value = "";
  updateAll();
});
editors.template.textarea.addEventListener("input", updateTemplate);
editors.data.textarea.addEventListener("input", updateTemplate);

for (const button of document.querySelectorAll("[data-sample]")) {
  button.addEventListener("click", () => {
    const { platform, method } = currentState();
    const name = button.dataset.sample;
    const text = { stored: sampleStored(platform), body: sampleBody(platform, method), template: sampleTemplate(platform), data: sampleData() }[name];
    editors[name].value = text;
    updateAll();
  });
}

$("reset").addEventListener("click", () => {
  const { platform, method, userId } = currentState();
  applyState({ ...defaultState(platform, method), userId });
  updateAll();
  notice("Samples loaded");
});

$("copy-link").addEventListener("click", async () => {
  const url = shareUrl(currentState());
  const input = $("share-url");
  input.value = url;
  input.hidden = false;
  input.select();
  try {
    await navigator.clipboard.writeText(url);
    notice(`Link copied (${url.length} characters)`);
  } catch {
    notice("Copy the link from the box");
  }
});

function restoreFromFragment() {
  const frag = decodeFragment(location.hash);
  if (!frag) return false;
  history.replaceState(null, "", location.pathname + location.search);
  if (frag.error) {
    notice(`Could not restore the link: ${frag.error}`, true);
    return false;
  }
  applyState(withDefaults(frag.state));
  prev = { platform: controls.platform.value, method: controls.method.value };
  notice("State restored from the link");
  return true;
}

window.addEventListener("hashchange", () => {
  if (restoreFromFragment()) updateAll();
});

// ---------------------------------------------------------------- start

async function start() {
  if (!restoreFromFragment()) {
    const saved = loadStored();
    applyState(saved ? withDefaults(saved) : defaultState());
  }
  prev = { platform: controls.platform.value, method: controls.method.value };
  try {
    await init();
  } catch (e) {
    notice(`Could not load the WebAssembly module: ${e.message}`, true);
    return;
  }
  updateAll();
  document.body.dataset.ready = "true";
}

start();

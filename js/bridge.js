// JS half of the wasm bindings (imported by src/wasm.rs). Kept tiny: it
// turns JS values into JSON text for Rust (rejecting what JSON cannot hold),
// turns Rust's JSON text back into fresh objects, builds ProfileError
// instances, and exposes the host's Intl time zone database.

/** Error thrown by every profile-preview function. */
export class ProfileError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "ProfileError";
    this.status = fields.status;
    this.type = fields.type;
    this.code = fields.code;
    if (fields.path !== undefined) this.path = fields.path;
    if (fields.line !== undefined) this.line = fields.line;
    if (fields.column !== undefined) this.column = fields.column;
    this.body = fields.body;
  }
}

const MAX_DEPTH = 128;

function escapeToken(key) {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function reject(what, path, message, code) {
  return new ProfileError({
    status: 400,
    type: "invalid_request_error",
    code: code || "invalid_json",
    message: `${what}${path ? " at " + path : ""}: ${message}`,
    path,
    body: { type: "invalid_request_error", code: code || "invalid_json", message: `${what}${path ? " at " + path : ""}: ${message}`, path },
  });
}

// Walk the value the way JSON.stringify will, failing on what JSON cannot
// represent instead of silently dropping or nulling it. `undefined` object
// members are skipped (JSON.stringify drops them, so they are never sent);
// everywhere else undefined is an error. The path is kept as a stack of raw
// keys and only turned into a JSON Pointer when something is wrong.
function pointerOf(keys) {
  return keys.map((k) => "/" + escapeToken(String(k))).join("");
}

function fail(what, keys, message, code) {
  const path = pointerOf(keys);
  const e = reject(what, keys.length > 8 ? "" : path, message, code);
  e.path = e.body.path = path;
  return e;
}

function badScalar(value) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? null : `${value} is not a JSON number`;
    case "undefined":
      return "undefined is not JSON";
    case "bigint":
      return "BigInt is not JSON (convert it to a number or string)";
    case "function":
      return "a function is not JSON";
    case "symbol":
      return "a Symbol is not JSON";
  }
  return null;
}

// While converting a render context: the functions met (they are called
// like Handlebars.js does instead of being rejected), else null.
let collect = null;

function check(value, what, keys) {
  if (value === null || typeof value !== "object") {
    if (collect !== null && typeof value === "function") {
      collect.push(value);
      return;
    }
    const problem = badScalar(value);
    if (problem) throw fail(what, keys, problem);
    return;
  }
  if (keys.length >= MAX_DEPTH) throw fail(what, keys, `nests deeper than ${MAX_DEPTH} levels`, "limit_exceeded");
  if (typeof value.toJSON === "function") return check(value.toJSON(), what, keys);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const t = typeof item;
      if (t === "string" || t === "boolean" || item === null) continue;
      keys.push(i);
      check(item, what, keys);
      keys.pop();
    }
    return;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const member = value[key];
    const t = typeof member;
    if (t === "string" || t === "boolean" || member === null || member === undefined) continue;
    keys.push(key);
    check(member, what, keys);
    keys.pop();
  }
}

const encoder = new TextEncoder();
const NULL_BYTES = encoder.encode("null");

/**
 * JSON text of `value` as UTF-8 bytes, or throws a ProfileError naming the
 * bad path. Bytes, not a string: the native encoder plus one memory copy is
 * several times cheaper than the glue's per-character string transfer.
 */
export function toJsonBytes(value, what) {
  check(value, what, []);
  return utf8(JSON.stringify(value));
}

// Encoding into a reused buffer saves allocating a fresh ArrayBuffer per
// call (the glue copies the bytes into wasm memory right away). Worst case
// is 3 bytes per UTF-16 unit; big inputs get their own buffer so the
// scratch one stays small.
let scratch = new Uint8Array(8192);
function utf8(text) {
  const need = text.length * 3;
  if (need > 1 << 20) return encoder.encode(text);
  if (need > scratch.length) scratch = new Uint8Array(need);
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

/** Like toJsonBytes, but `undefined` (an omitted argument) gives `null`. */
export function toJsonBytesOrNull(value, what) {
  return value === undefined ? NULL_BYTES : toJsonBytes(value, what);
}

/** A string as UTF-8 bytes (see utf8), or undefined for anything else. */
export function stringBytes(value) {
  return typeof value === "string" ? utf8(value) : undefined;
}

/** A fresh value from JSON text: `__proto__` keys stay own data properties. */
export function fromJsonText(text) {
  return JSON.parse(text);
}

/** A ProfileError from the JSON Rust produced. */
export function makeError(text) {
  const e = new ProfileError(JSON.parse(text));
  // A helper_error from a JS helper that threw carries the thrown value.
  if (e.code === "helper_error" && pendingCause !== undefined) e.cause = pendingCause.value;
  return e;
}

/** Unicode case mapping (keeps case tables out of the wasm). */
export function lowerCase(s) {
  return s.toLowerCase();
}

/** Unicode case mapping (keeps case tables out of the wasm). */
export function upperCase(s) {
  return s.toUpperCase();
}

/** Whether the host knows the IANA zone `name`. */
export function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Offset of zone `tz` from UTC in minutes at epoch `ms`, or null. */
export function tzOffsetMinutes(tz, ms) {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(ms));
    const get = (t) => Number(parts.find((p) => p.type === t).value);
    const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
    const whole = Math.floor(ms / 1000) * 1000;
    return Math.round((asUtc - whole) / 60000);
  } catch {
    return null;
  }
}

// ---- JS helpers (TemplateOptions.helpers) ----------------------------------

/**
 * A string a helper returns that is written unescaped, as Handlebars.js's
 * `Handlebars.SafeString`.
 */
export class SafeString {
  constructor(string) {
    this.string = string;
  }
  toString() {
    return "" + this.string;
  }
  toHTML() {
    return "" + this.string;
  }
}

/**
 * Split `helpers` off template options: `[optionsWithNames, fns]`. The
 * returned options carry `helpers` as the array of names (what Rust reads);
 * `fns` are the functions in the same order.
 */
export function splitHelpers(opts) {
  if (opts === null || typeof opts !== "object" || opts.helpers === undefined || opts.helpers === null) return [opts, []];
  const helpers = opts.helpers;
  if (typeof helpers !== "object") throw optionError("/helpers", "helpers must be an object of name -> function");
  const names = [];
  const fns = [];
  for (const name of Object.keys(helpers)) {
    const fn = helpers[name];
    // As Handlebars.js, an undefined (or null) entry is no helper at all,
    // and any other value that is not a function is the helper's value
    // (`{{name}}` prints it).
    if (fn === undefined || fn === null) continue;
    names.push(name);
    fns.push(typeof fn === "function" ? fn : () => fn);
  }
  return [{ ...opts, helpers: names }, fns];
}

function optionError(path, message) {
  const body = { type: "invalid_request_error", code: "invalid_option", message, path };
  return new ProfileError({ status: 400, ...body, body });
}

// The thrown value of the last helper that threw: attached as `cause` to the
// helper_error ProfileError Rust builds from it (see makeError).
let pendingCause;
// The last error an options.fn/inverse threw: if the helper lets it
// propagate, Rust returns its own copy of it unchanged.
let innerError = null;

const own = Object.prototype.hasOwnProperty;
function lookupProperty(obj, name) {
  return obj != null && own.call(obj, name) ? obj[name] : undefined;
}

// ---- data frames (options.data, @name) ----
// One state per render with JS helpers (a helper may render another
// template: a stack). `frames[0]` is the root data (Handlebars.js's
// initData); each `data` a helper passes to options.fn is pushed for the
// time of that call, and Rust refers to frames by number.
const renders = [];

function revive(fns, v) {
  if (v !== null && typeof v === "object" && own.call(v, FN) && typeof v[FN] === "number") {
    const f = fns[v[FN]];
    if (f !== undefined && Object.keys(v).length === 1) return f;
  }
  return v;
}

/**
 * Template#render's second argument (Handlebars.js's runtime options):
 * only `data` is known; false/null/undefined mean none.
 */
export function renderData(opts) {
  if (opts === undefined || opts === null) return undefined;
  if (typeof opts !== "object") throw optionError("", "render options must be an object {data}");
  for (const k of Object.keys(opts)) {
    if (k !== "data") throw optionError("/" + escapeToken(k), `unknown render option '${k}' (render takes {data}; helpers and partials are template options)`);
  }
  const d = opts.data;
  if (d === undefined || d === null || d === false) return undefined;
  if (typeof d !== "object") throw optionError("/data", "data must be an object");
  return d;
}

// Handlebars.js's createFrame: the parent's own enumerable members, then
// `_parent`. Spread defines members (a `__proto__` key stays data).
function childFrame(parent) {
  return parent !== null && typeof parent === "object" ? { ...parent, _parent: parent } : { _parent: parent };
}

/** A render with JS helpers starts: the root data frame (Handlebars.js's initData). */
export function beginRender(context, data) {
  pendingCause = undefined;
  innerError = null;
  // The functions of this render's context (renderAll renders several
  // templates over one conversion: shared, never reset here).
  const state = { context, frames: [], fns: pendingFns };
  let root;
  if (data !== undefined && own.call(data, "root")) root = data;
  else {
    root = data === undefined ? {} : childFrame(data);
    // The context object itself, as `this` at the root (see callHelper).
    root.root = context;
  }
  state.frames.push(root);
  renders.push(state);
}

/** The render begun last ended. */
export function endRender() {
  renders.pop();
}

// options.data for `[frame, loops]` (see HostCall::json in host_helper.rs).
function loopFrames(d, loops) {
  for (let i = 0; i < loops.length; i++) {
    const lp = loops[i];
    d = childFrame(d);
    d.key = lp[1];
    d.index = lp[0];
    d.first = lp[2];
    d.last = lp[3];
  }
  return d;
}

const dataProp = (v) => ({ value: v, writable: true, enumerable: true, configurable: true });

// A helper's `options`. `data` and `loc` are getters on the prototype, built
// on first read (a helper called in a loop gets data frames built only if it
// reads them); reading or setting `data` makes it an own property.
class HelperOptions {
  #state;
  #desc;
  #line;
  #column;
  constructor(name, hash, state, desc, line, column) {
    this.name = name;
    this.hash = hash;
    this.lookupProperty = lookupProperty;
    this.#state = state;
    this.#desc = desc;
    this.#line = line;
    this.#column = column;
  }
  get data() {
    const state = this.#state;
    const d = loopFrames(state === undefined ? {} : state.frames[this.#desc[0]], this.#desc[1]);
    Object.defineProperty(this, "data", dataProp(d));
    return d;
  }
  set data(v) {
    Object.defineProperty(this, "data", dataProp(v));
  }
  /** Position of the helper name (column 0-based, as Handlebars.js). */
  get loc() {
    const at = { line: this.#line, column: this.#column - 1 };
    return { start: at, end: { ...at } };
  }
}

/**
 * `@name.rest...` in data frame `id` after `depth` steps up `_parent`:
 * `j` + JSON, `b` + why it is not JSON-like, or undefined.
 */
export function dataLookup(id, depth, name, rest) {
  const state = renders[renders.length - 1];
  let d = state === undefined ? undefined : state.frames[id];
  for (let i = 0; i < depth && d != null; i++) d = d._parent;
  d = lookupProperty(d, name);
  if (rest) for (const seg of JSON.parse(rest)) d = lookupProperty(d, seg);
  if (d === undefined) return undefined;
  // A function is called by the renderer, as one in the context.
  if (typeof d === "function" && state !== undefined) return "j" + JSON.stringify({ [FN]: state.fns.push(d) - 1 });
  try {
    check(d, `@${name}`, []);
  } catch (e) {
    return "b" + e.message;
  }
  return "j" + JSON.stringify(d);
}

/**
 * Call helper `fn` with Handlebars.js's signature. `json` is Rust's
 * `[this, [args...], {hash}, [frame, loops], [undefined...], types?,
 * hashTypes?]` (see HostCall::json), parsed once (fresh plain values, so
 * `__proto__` is data and mutations stay in the helper's copy). The
 * answer is a string whose first character says what it is: `u` nothing,
 * `t` text, `s` SafeString, `j` JSON, `b` not JSON-like, `e` threw, `r`
 * an options.fn error propagated.
 */
export function callHelper(fn, name, json, line, column, block, blockParams, root, reenter) {
  const state = renders[renders.length - 1];
  // Function markers back to the functions (the helper sees what the context held).
  const fns = state === undefined ? [] : state.fns;
  const parts = fns.length === 0 ? JSON.parse(json) : JSON.parse(json, (k, v) => revive(fns, v));
  const ctx0 = parts[0];
  const args = parts[1];
  const undef = parts[4];
  const types = parts[5];
  if (typeof fn === "number") fn = fns[fn];
  if (undef) for (const i of undef) args[i] = undefined;
  // At the root, `this` is the context object given to render (as in
  // Handlebars.js; Rust renders its own parsed copy, so changes a helper
  // makes to it never reach this render). As Handlebars.js, a null or
  // undefined context is an empty object for helpers.
  const ctx1 = root && state !== undefined ? state.context : ctx0;
  const self = ctx1 === null || ctx1 === undefined ? {} : ctx1;
  const options = new HelperOptions(name, parts[2], state, parts[3], line, column);
  if (types) {
    // stringParams (Handlebars.js's compile option): path arguments are their names.
    options.types = types;
    options.hashTypes = parts[6];
    options.contexts = types.map(() => self);
    options.hashContexts = Object.fromEntries(Object.keys(parts[6]).map((k) => [k, self]));
  }
  let live = true;
  if (block) {
    const program = (which) => (ctx, opts) => {
      if (!live) {
        const body = { type: "template_error", code: "helper_error", message: `options.${which ? "inverse" : "fn"} of helper '${name}' called after the helper returned` };
        throw new ProfileError({ status: 400, ...body, body });
      }
      // `options.fn(this)`: the context the helper was given, used as is
      // (its copy is not read back: mutations never reach the render).
      const ctxText = ctx === undefined ? undefined
        : ctx === self && typeof self === "object" ? "@this"
        : JSON.stringify((check(ctx, `options.fn context of helper '${name}'`, []), ctx));
      let optText;
      let frame;
      if (opts && typeof opts === "object") {
        if (opts.blockParams !== undefined) {
          const o = { blockParams: opts.blockParams };
          check(o, `options.fn options of helper '${name}'`, []);
          optText = JSON.stringify(o);
        }
        // As Handlebars.js (`options.data || data`): a falsy data inherits.
        if (opts.data && state !== undefined) {
          frame = state.frames.length;
          state.frames.push(opts.data);
        }
      }
      let out;
      try {
        out = reenter(which, ctxText, optText, frame);
      } finally {
        if (frame !== undefined) state.frames.length = frame;
      }
      if (out.charCodeAt(0) === 111 /* o */) return out.slice(1);
      const err = makeError(out.slice(1));
      innerError = err;
      throw err;
    };
    options.fn = program(0);
    options.inverse = program(1);
    // Handlebars.js: the number of block params the block declares.
    options.fn.blockParams = blockParams;
    options.inverse.blockParams = 0;
    options.blockParams = blockParams;
  }
  let out;
  try {
    out = args.length === 0 ? fn.call(self, options) : fn.call(self, ...args, options);
  } catch (e) {
    if (e !== null && e === innerError) {
      innerError = null;
      return "r";
    }
    pendingCause = { value: e };
    return "e" + (e instanceof Error ? e.message : String(e));
  } finally {
    live = false;
  }
  if (out === undefined || out === null) return "u";
  if (typeof out === "string") return "t" + out;
  // Any object with toHTML (this SafeString, Handlebars.SafeString), as
  // Handlebars.js's escapeExpression does.
  if (typeof out === "object" && typeof out.toHTML === "function") return "s" + out.toHTML();
  try {
    check(out, "a value that is not JSON-like", []);
  } catch (e) {
    return "b" + e.message;
  }
  return "j" + JSON.stringify(out);
}

// Whether a helper's source mentions `this` (cached per function). Arrow
// functions and functions that never say `this` cannot read the context,
// so it is not converted for them. Function.prototype.toString is no eval;
// native or bound code ("[native code]") counts as using it.
const usesThis = new WeakMap();
const fnText = Function.prototype.toString;
export function helperUsesThis(fn) {
  let v = usesThis.get(fn);
  if (v === undefined) {
    let text;
    try {
      text = fnText.call(fn);
    } catch {
      text = "[native code]";
    }
    v = /\bthis\b|\[native code\]/.test(text);
    usesThis.set(fn, v);
  }
  return v;
}


/**
 * A ProfileSession preview: `text` is the Preview with `"profile": null`;
 * `handle` (a wasm PreviewProfile) holds the real profile, read into JS
 * only when `profile` is first read (a keystroke preview that only shows
 * the changes never pays for it). Reading frees the handle; an unread one
 * is freed with the result by the glue's FinalizationRegistry.
 */
export function sessionPreview(text, handle) {
  const out = JSON.parse(text);
  let value = null;
  let pending = handle;
  // Redefining the existing "profile" key keeps it first, as in preview().
  Object.defineProperty(out, "profile", {
    enumerable: true,
    configurable: true,
    get() {
      if (pending) {
        value = JSON.parse(pending.json());
        pending.free();
        pending = null;
      }
      return value;
    },
    set(v) {
      if (pending) pending.free();
      pending = null;
      value = v;
    },
  });
  return out;
}

/**
 * renderAll's record as JSON bytes `[[name, source | handle], ...]`: a
 * string is a source to compile, a Template is its program's handle.
 */
export function templateEntries(templates) {
  allPlan = undefined;
  if (templates === null || typeof templates !== "object" || Array.isArray(templates)) {
    throw reject("templates", "", "renderAll expects an object {name: Template | source}", "invalid_argument");
  }
  const entries = [];
  const compiled = [];
  for (const name of Object.keys(templates)) {
    const t = templates[name];
    if (typeof t === "string") entries.push([name, t]);
    else if (t instanceof Template) {
      const cell = t.__cell;
      if (cell.h === 0) throw fail("templates", [name], "this Template was freed", "invalid_argument");
      entries.push([name, cell.h]);
      compiled.push(t);
    } else throw fail("templates", [name], "must be a Template or a template source string", "invalid_argument");
  }
  if (compiled.length === entries.length) allPlan = unionPlan(templates, compiled);
  return utf8(JSON.stringify(entries));
}

// renderAll's plan: `{plan, trie}` of the templates read last by
// templateEntries, when every one is a Template with a plan (sources are
// compiled in wasm, after the context crossed); read once by
// renderAllContextBytes, right after (no user code runs in between).
let allPlan;
// The union plan of a templates record, kept while it holds the same
// Templates (a notification's record is usually built once).
const unions = new WeakMap();

function unionPlan(record, compiled) {
  const cached = unions.get(record);
  if (cached !== undefined && cached.ts.length === compiled.length && cached.ts.every((t, i) => t === compiled[i])) return cached.plan;
  let plan = [];
  for (const t of compiled) {
    const p = t.__plan;
    if (p === undefined) {
      plan = undefined;
      break;
    }
    plan = plan.concat(p);
  }
  const trie = plan === undefined ? undefined : compilePlan(plan);
  const out = trie === undefined ? undefined : { plan, trie };
  unions.set(record, { ts: compiled, plan: out });
  return out;
}

/** renderAll's context as JSON bytes: projected when templateEntries found a plan. */
export function renderAllContextBytes(value) {
  const p = allPlan;
  allPlan = undefined;
  return p === undefined ? contextBytes(value, undefined, undefined) : contextBytes(value, p.plan, p.trie);
}

/**
 * renderAll's result from `text`, the names and outputs end to end, and
 * `lens`, their UTF-16 lengths (name, output, name, output...). Members
 * are defined, as JSON.parse does (a `__proto__` name stays data; setters
 * on Object.prototype are never called).
 */
export function renderAllRecord(text, lens) {
  const pairs = [];
  let at = 0;
  for (let i = 0; i + 1 < lens.length; i += 2) {
    const name = text.slice(at, (at += lens[i]));
    pairs.push([name, text.slice(at, (at += lens[i + 1]))]);
  }
  // fromEntries defines members (CreateDataProperty), as JSON.parse does.
  return Object.fromEntries(pairs);
}

/** renderAll: the program of `templates[name]` was evicted; compile it again and return its handle. */
export function reviveTemplate(templates, name) {
  const t = templates[name];
  if (!(t instanceof Template) || t.__cell.h === 0) throw fail("templates", [name], "this Template was freed", "invalid_argument");
  t.__recompile();
  return t.__cell.h;
}

// Context projection for Template#render: for a template whose every tag is
// a plain root path (src/template/project.rs), only the paths it reads are
// stringified, not the whole context. The plans (the paths it reads) are
// kept on each Template (read once, when it is compiled).
const isEnumerableOwn = Object.prototype.propertyIsEnumerable;

function projectable(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.toJSON !== "function";
}

// The context restricted to `plan`: along each path, plain objects are
// rebuilt key by key; the value where a path ends (or stops being a plain
// object) is kept whole, so every lookup the template makes sees exactly
// what it would see in the full context. Plain objects (JSON.stringify's
// fast path; null-prototype ones measured ~40% slower) with a `__proto__`
// key defined as an own data property, never assigned.
function put(d, k, v) {
  if (k === "__proto__") Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
  else d[k] = v;
  return v;
}

function project(src, plan) {
  const out = {};
  for (const path of plan) {
    let s = src;
    let d = out;
    for (let i = 0; i < path.length; i++) {
      const k = path[i];
      if (!isEnumerableOwn.call(s, k)) break;
      const v = s[k];
      if (i === path.length - 1 || !projectable(v)) {
        put(d, k, v);
        break;
      }
      const have = Object.hasOwn(d, k) ? d[k] : undefined;
      if (have === v) break; // already kept whole by a shorter path
      d = have === undefined ? put(d, k, {}) : have;
      s = v;
    }
  }
  return out;
}

// The functions of the context converted last (see contextBytes), taken
// over by beginRender: marker `{"\u0000fn": n}` is function n.
let pendingFns = [];
const FN = "\u0000fn";

// JSON bytes of a render context; functions become markers.
function contextJson(value) {
  collect = [];
  try {
    check(value, "context", []);
  } finally {
    pendingFns = collect;
    collect = null;
  }
  if (pendingFns.length === 0) return utf8(JSON.stringify(value));
  const ids = new Map();
  const fns = [];
  const text = JSON.stringify(value, (k, v) => {
    if (typeof v !== "function") return v;
    let n = ids.get(v);
    if (n === undefined) {
      n = fns.push(v) - 1;
      ids.set(v, n);
    }
    return { [FN]: n };
  });
  pendingFns = fns;
  return utf8(text);
}

// ---- the projected context's JSON text, written straight from a plan ----
//
// `JSON.stringify(project(ctx, plan))` costs an object per level plus the
// stringify's fixed cost (~0.3 µs even for one string), most of a small
// template's render. A plan is compiled once into a trie of its paths whose
// nodes carry their quoted keys; each render walks the context along it and
// concatenates the same JSON text (tests/js/projection.test.mjs checks the
// two agree byte for byte). Anything unusual on the way (a function, a
// number JSON cannot hold, a toJSON, a BigInt, a Symbol...) gives up and the
// render takes the general path above, so errors and function handling stay
// exactly what they were.

/** Nesting past which a plan is not compiled (check()'s limit is 128). */
const MAX_PLAN_DEPTH = 64;
const GIVE_UP = null;
// Characters JSON.stringify escapes in a string (a lone surrogate too).
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
// An array index key: V8 orders those first, ascending, in any object.
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

function isIndexKey(k) {
  return INDEX_KEY.test(k) && Number(k) < 4294967295;
}

/**
 * The trie of `plan` (`{kids}`; a kid is `{key, head, end, kids, ids}`), or
 * undefined when too deep. Kids are in the order `project` creates the
 * keys of the object it builds, which is the order JSON.stringify writes.
 */
export function compilePlan(plan) {
  const root = { kids: [] };
  for (let id = 0; id < plan.length; id++) {
    const path = plan[id];
    if (path.length > MAX_PLAN_DEPTH) return undefined;
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      let kid = node.kids.find((n) => n.key === key);
      if (kid === undefined) {
        // `ids`: the plan paths that end here (see flatRender).
        kid = { key, head: JSON.stringify(key) + ":", end: false, kids: [], ids: [] };
        node.kids.push(kid);
      }
      if (i === path.length - 1) {
        kid.end = true;
        kid.ids.push(id);
      }
      node = kid;
    }
  }
  const order = (node) => {
    // Stable: string keys keep insertion order after the index keys.
    node.kids.sort((a, b) => {
      const ia = isIndexKey(a.key);
      const ib = isIndexKey(b.key);
      return ia && ib ? Number(a.key) - Number(b.key) : ia ? -1 : ib ? 1 : 0;
    });
    node.kids.forEach(order);
  };
  order(root);
  return root;
}

// JSON text of a value kept whole (member `key` of the object at key path
// `at`), or GIVE_UP.
function leafJson(v, key, at) {
  switch (typeof v) {
    case "string":
      return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"';
    case "number":
      return Number.isFinite(v) ? "" + v : GIVE_UP;
    case "boolean":
      return v ? "true" : "false";
    case "object": {
      if (v === null) return "null";
      if (typeof v.toJSON === "function") return GIVE_UP;
      // check() as the general path runs it (its depth limit counts from
      // the root); a problem or a function: that path decides.
      collect = [];
      try {
        check(v, "context", pathKeys({ key, up: at }));
        if (collect.length !== 0) return GIVE_UP;
      } catch {
        return GIVE_UP;
      } finally {
        collect = null;
      }
      return JSON.stringify(v);
    }
  }
  return GIVE_UP;
}

// The JSON text `project` + `JSON.stringify` make of the plain object
// `src` under trie `node` (at key path `at`: a linked list, innermost
// first, turned into keys only when a leaf object is checked), or GIVE_UP.
function emit(src, node, at) {
  let out = "{";
  const kids = node.kids;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    if (!isEnumerableOwn.call(src, kid.key)) continue;
    const v = src[kid.key];
    let text;
    if (kid.end || !projectable(v)) {
      if (v === undefined) continue;
      text = leafJson(v, kid.key, at);
    } else text = emit(v, kid, { key: kid.key, up: at });
    if (text === GIVE_UP) return GIVE_UP;
    out += out.length === 1 ? kid.head + text : "," + kid.head + text;
  }
  return out + "}";
}

// The keys from the root to `at`.
function pathKeys(at) {
  const keys = [];
  for (; at !== null; at = at.up) keys.push(at.key);
  return keys.reverse();
}

// ---- flat templates rendered in JS --------------------------------------
//
// A template that is only text and plain root paths (`Template::flat_ops`
// in Rust: `{{profile.first_name}}`, no blocks, helpers or partials) prints
// each tag's value as is: its flat program is rendered here from the
// values its plan reads, without entering wasm (the crossing costs more
// than such a render). Only values printed exactly as the renderer prints
// them are handled (strings, booleans, safe integers, missing ones); the
// walk gives up, and the wasm render runs, on anything else, and on
// whatever the general path would reject (NaN, functions, a lone
// surrogate...), so output and errors stay what they were. Behaviour is
// pinned by tests/js/flat.test.mjs against the wasm render.

const MISSING = Symbol("missing");
const SURROGATE = /[\ud800-\udfff]/;
const wellFormed = typeof String.prototype.isWellFormed === "function" ? (s) => s.isWellFormed() : (s) => !SURROGATE.test(s);
const HTML_CHARS = /[&<>"'`=]/;
const HTML_ALL = /[&<>"'`=]/g;
const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "`": "&#x60;", "=": "&#x3D;" };
const escapeChar = (c) => HTML_ESCAPES[c];

/**
 * The flat program of `info` (templateReadPaths' `[paths, ops, max]`) over
 * `trie`, or undefined. An op is a string (text) or `{escape, raw, first,
 * count}` (plan paths first..first+count-1, the first present and not null wins).
 */
export function compileFlat(info, trie) {
  const ops = info[1];
  if (ops === null || trie === undefined) return undefined;
  return {
    trie,
    paths: info[0].length,
    max: info[2],
    ops: ops.map((op) => (typeof op === "string" ? op : { escape: op[0], raw: op[1], first: op[2], count: op[3] })),
  };
}

// Fill `vals[id]` with the value each plan path reads; GIVE_UP on anything
// the general path would reject or the flat render does not print.
function flatWalk(src, node, vals) {
  const kids = node.kids;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    if (!isEnumerableOwn.call(src, kid.key)) continue;
    const v = src[kid.key];
    // Dropped by JSON.stringify: absent, as are the paths below it.
    if (v === undefined) continue;
    if (!kid.end && projectable(v)) {
      if (flatWalk(v, kid, vals) === GIVE_UP) return GIVE_UP;
      continue;
    }
    switch (typeof v) {
      case "string":
        // A longer path through a string reads `length` or an index.
        if (kid.kids.length !== 0 || !wellFormed(v)) return GIVE_UP;
        break;
      case "number":
        if (!Number.isFinite(v)) return GIVE_UP;
        break;
      case "boolean":
        break;
      case "object":
        if (v === null) break;
        return GIVE_UP;
      default:
        return GIVE_UP;
    }
    // Paths below a null, boolean or number are missing (vals stay MISSING).
    for (let j = 0; j < kid.ids.length; j++) vals[kid.ids[j]] = v;
  }
  return undefined;
}

/** `flat` rendered over `context`, or GIVE_UP (the wasm render decides). */
function flatRender(flat, context) {
  if (!projectable(context)) return GIVE_UP;
  const vals = new Array(flat.paths).fill(MISSING);
  if (flatWalk(context, flat.trie, vals) === GIVE_UP) return GIVE_UP;
  let out = "";
  const ops = flat.ops;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (typeof op === "string") {
      out += op;
      continue;
    }
    let v = MISSING;
    for (let k = op.first; k < op.first + op.count; k++) {
      const c = vals[k];
      if (c !== MISSING && c !== null) {
        v = c;
        break;
      }
    }
    switch (typeof v) {
      case "string":
        out += op.escape && HTML_CHARS.test(v) ? v.replace(HTML_ALL, escapeChar) : v;
        break;
      case "boolean":
        out += v ? "true" : "false";
        break;
      case "number":
        if (!Number.isSafeInteger(v)) return GIVE_UP;
        out += "" + v;
        break;
      default:
        // Missing (or null): nothing, or the tag as written.
        if (op.raw !== null) out += op.raw;
    }
  }
  // Over maxOutputBytes (in UTF-8 bytes, at most 3 per UTF-16 unit)
  // possibly: the wasm render checks it exactly.
  return out.length * 3 > flat.max ? GIVE_UP : out;
}

/** Internal (tests): `source` rendered over `context` by its flat program; null when it has none or gives up. */
export function flatRenderText(t, context) {
  const flat = t.__flat;
  if (flat === undefined) return null;
  const out = flatRender(flat, context);
  return out === GIVE_UP ? null : out;
}

/**
 * Internal (tests): the projected context's JSON text both ways, `[fast,
 * general]`; null where the fast path gives up, or the general path sends no
 * projection (an error, or a function in it).
 */
export function projectionTexts(value, plan) {
  const trie = compilePlan(plan);
  const fast = trie === undefined ? null : emit(value, trie, null);
  let general = null;
  try {
    const bytes = contextJson(project(value, plan));
    if (pendingFns.length === 0) general = new TextDecoder().decode(bytes);
  } catch {
    general = null;
  }
  return [fast, general];
}

/**
 * The context of a render as JSON bytes: projected when the template has a
 * plan (and the projection holds no function: a function's `this` may read
 * anything). Functions in it become markers (see contextFunctions).
 */
function contextBytes(value, plan, trie) {
  if (trie !== undefined && projectable(value)) {
    const text = emit(value, trie, null);
    if (text !== GIVE_UP) {
      pendingFns = [];
      return utf8(text);
    }
  }
  if (plan !== undefined && projectable(value)) {
    const bytes = contextJson(project(value, plan));
    if (pendingFns.length === 0) return bytes;
  }
  if (value === undefined) {
    pendingFns = [];
    return NULL_BYTES;
  }
  return contextJson(value);
}

/** The context of render/renderAll as JSON bytes (functions become markers). */
export function renderContextBytes(value) {
  return contextBytes(value, undefined, undefined);
}

/** How many functions the context converted last holds. */
export function contextFunctions() {
  return pendingFns.length;
}

// ---- Template ----------------------------------------------------------------
//
// The compiled program of a Template lives in wasm, in a bounded cache
// (src/program_cache.rs) addressed by a handle; this object keeps what it
// needs to compile it again (the source and a snapshot of the options: later
// changes to the caller's options object change nothing), all of it plain JS
// data the garbage collector reclaims. So templates created in a loop that
// never yields and never calls free() cost bounded wasm memory: an evicted
// program is compiled again, transparently, when its Template is next used.
// free() drops the program at once; a FinalizationRegistry drops the
// program of a collected Template (between tasks) so dead templates do not
// push live ones out of the cache.

let api; // the wasm exports: set by the package entry (installTemplateApi)

/** Called once by the package entry when the wasm is ready. */
export function installTemplateApi(wasm) {
  api = wasm;
}

const templates = typeof FinalizationRegistry === "undefined" ? null : new FinalizationRegistry((cell) => {
  if (cell.h !== 0) api.templateFree(cell.h);
});

function notInitialized(name) {
  const message = `profile-preview: ${name} was used before the wasm was loaded; await init() (from "profile-preview/web") once first, or import "profile-preview", which is ready on import`;
  const body = { type: "usage_error", code: "not_initialized", message };
  return new ProfileError({ status: 500, ...body, body });
}

function freedError() {
  const body = { type: "invalid_request_error", code: "invalid_argument", message: "this Template was freed" };
  return new ProfileError({ status: 400, ...body, body });
}

/** A compiled template: compile once, render many times. */
export class Template {
  #source;
  #opts;
  #fns;
  #plan;
  #trie;
  #flat;
  #cell;

  /**
   * Compile `source`; throws `ProfileError` (code `template_syntax`, with
   * line and column) on a syntax error.
   */
  constructor(source, options) {
    if (api === undefined) throw notInitialized("Template");
    const [opts, fns] = splitHelpers(options);
    // A copy: utf8() hands out a reused buffer.
    this.#opts = toJsonBytesOrNull(opts, "options").slice();
    this.#source = source;
    this.#fns = fns;
    this.#cell = { h: 0 };
    this.#cell.h = api.templateCompile(source, this.#opts, fns);
    const info = api.templateReadPaths(this.#cell.h);
    const parsed = info === undefined ? undefined : JSON.parse(info);
    this.#plan = parsed === undefined ? undefined : parsed[0];
    this.#trie = this.#plan === undefined ? undefined : compilePlan(this.#plan);
    this.#flat = parsed === undefined ? undefined : compileFlat(parsed, this.#trie);
    if (templates) templates.register(this, this.#cell, this);
  }

  /**
   * Render against `context` (`{profile, data, tenant, brand}` in the default
   * Courier resolution). `options` is Handlebars.js's runtime options:
   * `{data}` (`@name`, `options.data` of JS helpers).
   */
  render(context, options) {
    return this.__render(context, options, true);
  }

  /** Internal: render, by the flat program when `flat` and there is one (tests compare both ways). */
  __render(context, options, flat) {
    const h = this.#live();
    const data = renderData(options);
    if (flat && this.#flat !== undefined) {
      const out = flatRender(this.#flat, context);
      if (out !== GIVE_UP) return out;
    }
    // The bytes are converted again after a recompile: compiling reuses
    // utf8()'s buffer.
    const out = api.templateRender(h, contextBytes(context, this.#plan, this.#trie), context, data);
    return out !== undefined ? out : api.templateRender(this.__recompile(), contextBytes(context, this.#plan, this.#trie), context, data);
  }

  /** Every variable the template reads: `{path, line, column}[]`. */
  variables() {
    const out = api.templateVariables(this.#live());
    return out !== undefined ? out : api.templateVariables(this.__recompile());
  }

  /** The variables `context` lacks: `{path, line, column}[]`. */
  missing(context) {
    const out = api.templateMissing(this.#live(), toJsonBytesOrNull(context, "context"));
    return out !== undefined ? out : api.templateMissing(this.__recompile(), toJsonBytesOrNull(context, "context"));
  }

  /** Release the wasm memory now (otherwise the cache or a FinalizationRegistry does it). */
  free() {
    const cell = this.#cell;
    if (cell.h === 0) return;
    if (templates) templates.unregister(this);
    api.templateFree(cell.h);
    cell.h = 0;
  }

  #live() {
    const h = this.#cell.h;
    if (h === 0) throw freedError();
    return h;
  }

  /** Internal (tests): the flat program (undefined: none). */
  get __flat() {
    return this.#flat;
  }

  /** Internal (renderAll): the paths the template reads (undefined: any). */
  get __plan() {
    return this.#plan;
  }

  /** Internal (renderAll): the handle holder. */
  get __cell() {
    return this.#cell;
  }

  /** Internal: compile again after the program was evicted; returns the new handle. */
  __recompile() {
    this.#live();
    this.#cell.h = api.templateCompile(this.#source, this.#opts, this.#fns);
    return this.#cell.h;
  }
}
if (typeof Symbol.dispose === "symbol") Template.prototype[Symbol.dispose] = Template.prototype.free;

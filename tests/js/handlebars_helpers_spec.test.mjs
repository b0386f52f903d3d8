// Handlebars.js's own spec files (v4.7.8, tests/js/handlebars_spec/, MIT)
// run against our JS helpers: every `expectTemplate(...).withHelper(...)
// .toCompileTo(expected)` (and the older `shouldCompileTo` with helpers)
// is rendered by profile-preview with the same helpers and compared byte for
// byte. Cases without JS helpers are covered by the data cases
// (tests/cases/template/handlebars_spec_*.json) and skipped here.
// Known failures are listed with a reason in known_failures.json; any other
// failure, or a listed case that now passes, fails this test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Template } from "profile-preview";

const require = createRequire(import.meta.url);
const FILES = ["basic", "blocks", "builtins", "data", "helpers", "partials", "regressions", "subexpressions"];
const known = JSON.parse(readFileSync(new URL("./handlebars_spec/known_failures.json", import.meta.url), "utf8"));

const results = [];
let file = "";
let names = [];
let befores = [];

function isPlain(o) {
  return o && typeof o === "object" && Object.keys(o).length > 0;
}

const seen = new Map();
// `file: describe > it`, with `#2`, `#3` for further expectations in one `it`.
function caseId() {
  const base = `${file}: ${names.join(" > ")}`;
  const n = (seen.get(base) || 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base} #${n}`;
}

function run(template, input, helpers, partials, compileOptions, expected, runtimeOptions) {
  if (!isPlain(helpers)) return;
  const id = caseId();
  let got;
  let error;
  try {
    const opts = { dialect: "handlebars", helpers };
    if (isPlain(partials)) opts.partials = partials;
    if (compileOptions && compileOptions.strict) opts.missing = "error";
    if (compileOptions && compileOptions.noEscape) opts.escape = "none";
    if (compileOptions && compileOptions.stringParams) opts.stringParams = true;
    const t = new Template(template, opts);
    const context = input === undefined ? {} : input;
    got = runtimeOptions ? t.render(context, runtimeOptions) : t.render(context);
  } catch (e) {
    error = `${e.code || e.name}: ${String(e.message).split("\n")[0]}`;
  }
  results.push({ id, pass: error === undefined && got === expected, got, expected, error });
}

class Bench {
  constructor(t) {
    Object.assign(this, { t, input: {}, helpers: {}, partials: {}, compileOptions: {} });
  }
  withInput(i) { this.input = i; return this; }
  withHelper(n, f) { this.helpers[n] = f; return this; }
  withHelpers(h) { Object.assign(this.helpers, h); return this; }
  withPartial(n, p) { this.partials[n] = p; return this; }
  withPartials(p) { Object.assign(this.partials, p); return this; }
  withDecorator() { this.decorators = true; return this; }
  withDecorators() { this.decorators = true; return this; }
  withCompileOptions(o) { this.compileOptions = o; return this; }
  withRuntimeOptions(o) { this.runtimeOptions = o; return this; }
  withMessage() { return this; }
  toCompileTo(expected) {
    const runtime = this.runtimeOptions || {};
    if (this.decorators || Object.keys(runtime).some((k) => k !== "data")) {
      // Decorators and runtime helpers/partials are not part of our API: counted as failures.
      if (isPlain(this.helpers)) results.push({ id: caseId(), pass: false, error: "uses decorators or runtime helpers/partials" });
      return;
    }
    // Runtime `data` is Template#render's second argument.
    run(this.t, this.input, this.helpers, this.partials, this.compileOptions, expected, "data" in runtime ? { data: runtime.data } : undefined);
  }
  toThrow() {}
}

const Handlebars = require("handlebars");
Object.assign(globalThis, {
  Handlebars,
  handlebarsEnv: Handlebars.create(),
  CompilerContext: { compile: (t, o) => Handlebars.compile(t, o), compileWithPartial: (t, o) => Handlebars.compile(t, o) },
  describe(name, fn) {
    names.push(name);
    const saved = befores.length;
    try {
      fn();
    } finally {
      befores.length = saved;
      names.pop();
    }
  },
  it(name, fn) {
    names.push(name);
    try {
      for (const b of befores) b();
      fn();
    } catch {
      // Assertions of Handlebars.js itself (sinon, expect) are not ours.
    } finally {
      names.pop();
    }
  },
  beforeEach(fn) { befores.push(fn); },
  afterEach() {},
  before() {},
  after() {},
  xit() {},
  xdescribe() {},
  expectTemplate: (t) => new Bench(t),
  shouldCompileTo(t, hashOrArray, expected) {
    const [input, helpers, partials] = Array.isArray(hashOrArray) ? hashOrArray : [hashOrArray];
    run(t, input, helpers, partials, {}, expected);
  },
  shouldCompileToWithPartials(t, hashOrArray, partials, expected) {
    const [input, helpers, ps] = Array.isArray(hashOrArray) ? hashOrArray : [hashOrArray];
    run(t, input, helpers, ps, {}, expected);
  },
  shouldThrow() {},
  equals() {},
  equal() {},
  expect: () => new Proxy(() => {}, { get: (t, k, r) => r, apply: () => undefined }),
  sinon: { spy: () => () => {} },
});

for (const f of FILES) {
  file = f;
  require(`./handlebars_spec/${f}.js`);
}

test("Handlebars.js spec cases with JS helpers render byte-identically", (t) => {
  const passed = results.filter((r) => r.pass).length;
  const rate = ((100 * passed) / results.length).toFixed(1);
  t.diagnostic(`Handlebars.js helper spec cases: ${passed}/${results.length} pass (${rate}%)`);
  const unexpected = results.filter((r) => !r.pass && !(r.id in known)).map((r) => `${r.id}: got ${JSON.stringify(r.got)} want ${JSON.stringify(r.expected)} ${r.error || ""}`);
  const fixed = results.filter((r) => r.pass && r.id in known).map((r) => r.id);
  if (process.env.WRITE_KNOWN) {
    const out = {};
    for (const r of results) if (!r.pass) out[r.id] = known[r.id] || r.error || `got ${JSON.stringify(r.got)} want ${JSON.stringify(r.expected)}`;
    require("node:fs").writeFileSync(new URL("./handlebars_spec/known_failures.json", import.meta.url), JSON.stringify(out, null, 2) + "\n");
    return;
  }
  assert.deepEqual(unexpected, [], "cases failing that are not in known_failures.json");
  assert.deepEqual(fixed, [], "cases in known_failures.json that pass now: remove them");
  assert.ok(results.length > 100, `only ${results.length} helper cases found`);
});

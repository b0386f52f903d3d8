// Dev tool: ports Handlebars.js's own spec (spec/*.js of
// handlebars-lang/handlebars.js, MIT, see tests/cases/template/HANDLEBARS_LICENSE)
// into data cases tests/cases/template/handlebars_spec_<file>.json.
//
//   node tests/handlebars_parity/port_spec.mjs <dir with basic.js, blocks.js ...> [tag]
//
// Each `expectTemplate(...)` (and the older `shouldCompileTo`) of an `it` is
// recorded. Kept: cases that need no JS-defined helpers or decorators,
// whose data survives JSON (no functions, holes or `undefined` that change
// the result: checked by rendering the JSON copy with Handlebars.js and
// comparing with the spec's expectation). The expected output is what
// Handlebars.js renders; tests/handlebars_parity/check.mjs re-checks it.
// Existing "skip" reasons in the output files are kept (matched by name).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { runHandlebars } from "./check.mjs";

const require = createRequire(import.meta.url);
const Handlebars = require("handlebars");
const [specDir, tag = "v4.7.9"] = process.argv.slice(2);
const FILES = ["basic", "blocks", "builtins", "partials", "whitespace-control", "data", "regressions", "subexpressions", "strict"];
// Compile options the port maps onto ours (they still go to Handlebars.js
// as `hbsCompileOptions`); any other makes the case a skip.
const MAPPED = {
  noEscape: (o) => (o.escape = "none"),
  // Handlebars.js's options of the same name (template options here).
  compat: (o) => (o.compat = true),
  explicitPartialContext: (o) => (o.explicitPartialContext = true),
  preventIndent: (o) => (o.preventIndent = true),
  ignoreStandalone: (o) => (o.ignoreStandalone = true),
  assumeObjects: (o) => (o.assumeObjects = true),
  strict: (o) => (o.missing = "error"),
  // Only restricts helper calls: no effect on cases without JS helpers.
  knownHelpersOnly: () => {},
};

function jsonSafe(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

function port(file) {
  const src = readFileSync(`${specDir}/${file}.js`, "utf8");
  const benches = [];
  const names = [];
  let current = null;
  function Bench(template) {
    this.template = template;
    this.input = {};
    this.helpers = {};
    this.partials = {};
    this.decorators = {};
    this.compileOptions = {};
    this.runtimeOptions = {};
    this.it = current;
    benches.push(this);
  }
  Bench.prototype.withInput = function (i) { this.input = i; return this; };
  Bench.prototype.withHelper = function (n, f) { this.helpers[n] = f; return this; };
  Bench.prototype.withHelpers = function (h) { Object.assign(this.helpers, h); return this; };
  Bench.prototype.withPartial = function (n, p) { this.partials[n] = p; return this; };
  Bench.prototype.withPartials = function (p) { Object.assign(this.partials, p); return this; };
  Bench.prototype.withDecorator = function (n, f) { this.decorators[n] = f; return this; };
  Bench.prototype.withDecorators = function (d) { Object.assign(this.decorators, d); return this; };
  Bench.prototype.withCompileOptions = function (o) { this.compileOptions = o; return this; };
  Bench.prototype.withRuntimeOptions = function (o) { this.runtimeOptions = o; return this; };
  Bench.prototype.withMessage = function () { return this; };
  Bench.prototype.toCompileTo = function (out) { this.expect = { output: out }; };
  Bench.prototype.toThrow = function (_type, msg) { this.expect = { error: typeof msg === "string" ? msg : msg instanceof RegExp ? msg.source : true }; };
  function legacy(string, hashOrArray, partials, expected) {
    const b = new Bench(string);
    if (Array.isArray(hashOrArray)) {
      b.input = hashOrArray[0];
      if (hashOrArray[1]) b.helpers = hashOrArray[1];
      if (hashOrArray[2]) b.partials = hashOrArray[2];
      if (hashOrArray[3] !== undefined) b.compileOptions = typeof hashOrArray[3] === "object" ? hashOrArray[3] : { compat: hashOrArray[3] };
    } else b.input = hashOrArray;
    b.expect = { output: expected };
  }
  const chain = () => new Proxy(function () {}, { get: () => chain(), apply: () => chain() });
  const sandbox = {
    global: {},
    console: Object.create(console),
    Handlebars,
    handlebarsEnv: Handlebars.create(),
    CompilerContext: { compile: Handlebars.compile, compileWithPartial: Handlebars.compile },
    sinon: chain(),
    expect: chain,
    equals() {},
    equal() {},
    shouldThrow(fn, _type, msg) {
      const before = benches.length;
      try { fn(); } catch (e) { /* recorded below */ }
      for (const b of benches.slice(before)) b.expect ??= { error: msg ?? true };
    },
    expectTemplate: (t) => new Bench(t),
    shouldCompileTo: (s, h, e) => legacy(s, h, false, e),
    shouldCompileToWithPartials: (s, h, p, e) => legacy(s, h, p, e),
    beforeEach() {},
    afterEach() {},
    describe(name, fn) { names.push(name); try { fn(); } finally { names.pop(); } },
    it(name, fn) {
      current = [...names, name].join(" > ");
      try { fn(); } catch (e) { /* helpers, spies ... */ }
    },
  };
  sandbox.global = sandbox;
  sandbox.describe.skip = () => {};
  sandbox.it.skip = () => {};
  vm.runInNewContext(src, sandbox, { filename: `${file}.js` });
  return benches;
}

const totals = { ported: 0, skipped: 0, excluded: 0 };
const reasons = {};
// Why a case was not ported (printed as a summary).
function why(reason, b) {
  (reasons[reason] ??= []).push(b.it);
}
for (const file of FILES) {
  const outPath = new URL(`../cases/template/handlebars_spec_${file.replace("-", "_")}.json`, import.meta.url);
  const old = existsSync(outPath) ? JSON.parse(readFileSync(outPath, "utf8")) : [];
  const oldSkip = new Map(old.filter((c) => c.skip).map((c) => [c.name, c.skip]));
  const seen = new Map();
  const cases = [];
  for (const b of port(file)) {
    if (!b.expect || typeof b.template !== "string") { totals.excluded++; why("no expectation", b); continue; }
    if (Object.keys(b.helpers).length || Object.keys(b.decorators).length) { totals.excluded++; why("JS helpers", b); continue; }
    const runtime = Object.keys(b.runtimeOptions).filter((k) => k !== "data");
    if (runtime.length || b.compileOptions.data === false || b.runtimeOptions.data === false) { totals.excluded++; why("runtime options or data: false", b); continue; }
    const n = (seen.get(b.it) ?? 0) + 1;
    seen.set(b.it, n);
    const name = n === 1 ? b.it : `${b.it} (${n})`;
    const options = { dialect: "handlebars", delimiters: "handlebars" };
    if (Object.keys(b.partials).length) options.partials = b.partials;
    // `data: true` is the default; a false option is the default for the others.
    const given = Object.keys(b.compileOptions).filter((k) => k !== "data" && b.compileOptions[k] !== false);
    const unmapped = given.filter((k) => !MAPPED[k]);
    for (const k of given) MAPPED[k]?.(options);
    const c = {
      name,
      source: `https://github.com/handlebars-lang/handlebars.js/blob/${tag}/spec/${file}.js: ${b.it}`,
      template: b.template,
      context: jsonSafe(b.input) ?? {},
      options,
    };
    if (given.length) c.hbsCompileOptions = Object.fromEntries(given.map((k) => [k, b.compileOptions[k]]));
    // What Handlebars.js does with the JSON copy of the data.
    const got = runHandlebars(c);
    if (b.expect.error !== undefined) {
      if (got.error === undefined) { totals.excluded++; why("no error with JSON data", b); continue; }
      c.error = {};
      if (typeof b.expect.error === "string") c.hbsError = b.expect.error;
    } else {
      if (got.error !== undefined || got.output !== b.expect.output) { totals.excluded++; why("data not representable in JSON", b); continue; }
      c.output = got.output;
    }
    if (unmapped.length) c.skip = `compile option ${unmapped.join(", ")} is not supported`;
    if (oldSkip.has(name)) c.skip = oldSkip.get(name);
    if (c.skip) totals.skipped++;
    totals.ported++;
    cases.push(c);
  }
  if (cases.length) writeFileSync(outPath, JSON.stringify(cases, null, 1) + "\n");
  console.log(`${file}: ${cases.length} cases`);
}
console.log(totals);
for (const [r, its] of Object.entries(reasons)) console.log(`not ported (${r}): ${its.length}`);
if (process.env.VERBOSE) console.log(reasons);

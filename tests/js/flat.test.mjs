// Flat templates (only text and plain root paths) are rendered by
// Template#render in JS, from the values their plan reads, without entering
// wasm (js/bridge.js flatRender). Everything they print must be what the
// wasm renderer prints over the projected context: here every template case
// with a flat program, and many generated contexts, are rendered both ways
// (`__render(ctx, undefined, false)`: the wasm render), outputs and errors
// compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { Template } from "profile-preview";
import { flatRenderText } from "../../pkg/bridge.js";

const outcome = (fn) => {
  try {
    return `ok ${JSON.stringify(fn())}`;
  } catch (e) {
    return `error ${e.code} ${e.message} ${e.path} ${e.line}:${e.column}`;
  }
};

function same(source, options, context, label) {
  const t = new Template(source, options);
  try {
    const flat = t.__flat !== undefined;
    const got = outcome(() => t.render(context));
    const want = outcome(() => t.__render(context, undefined, false));
    assert.equal(got, want, `${label}: ${source}`);
    return flat && flatRenderText(t, context) !== null;
  } finally {
    t.free();
  }
}

test("every template case with a flat program renders as in wasm", () => {
  const dir = new URL("../cases/template/", import.meta.url);
  let flat = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const text = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    for (const c of Array.isArray(text) ? text : [text]) {
      if (c.skip || typeof c.template !== "string") continue;
      let t;
      try {
        t = new Template(c.template, c.options ?? {});
      } catch {
        continue;
      }
      const isFlat = t.__flat !== undefined;
      t.free();
      if (!isFlat) continue;
      if (same(c.template, c.options ?? {}, c.context ?? {}, `${f} / ${c.name}`)) flat++;
    }
  }
  assert.ok(flat > 100, `only ${flat} cases rendered flat`);
});

test("flat programs: which templates get one", () => {
  const has = (src, opts) => {
    const t = new Template(src, opts);
    const f = t.__flat !== undefined;
    t.free();
    return f;
  };
  assert.ok(has("Hi {{profile.name}}, {{{data.url}}} {{name}}"));
  assert.ok(has("{{a}}", { missing: "keep", escape: "none", dialect: "handlebars" }));
  assert.ok(!has("{{a}}", { missing: "error" }));
  assert.ok(!has("{{a}}", { dialect: "handlebars", assumeObjects: true }));
  assert.ok(!has("{{#if a}}x{{/if}}"));
  assert.ok(!has("{{capitalize a}}"));
  assert.ok(!has("{{this}}"));
  assert.ok(!has("{{@root.a}}"));
  assert.ok(!has("{{a}}", { helpers: { x: () => 1 } }));
});

test("generated contexts render as in wasm", () => {
  let seed = 0x2545f491;
  const rnd = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const keys = ["a", "b", "name", "data", "profile", "0", "length", "__proto__"];
  const scalars = [
    null, undefined, true, false, 0, -0, 7, -12, 2 ** 53, 2 ** 53 + 2, 1.5, 0.1, 1e21, -1e-7, NaN, Infinity,
    "", "x", "<a href='x'>&\"`=</a>", "é😀", "lone \ud800", "\udc00x", "nl\n\u0000", "{{a}}",
    () => "fn", 10n, [1, "b", null], { toJSON: () => "json" }, new Date(0), Symbol("s"),
  ];
  const value = (depth) => {
    const r = rnd(10);
    if (depth > 2 || r < 6) return scalars[rnd(scalars.length)];
    const o = {};
    for (let i = rnd(4); i >= 0; i--) Object.defineProperty(o, keys[rnd(keys.length)], { value: value(depth + 1), enumerable: rnd(8) > 0, writable: true, configurable: true });
    return o;
  };
  const sources = [
    "{{a}}", "{{a.b}} {{b}}", "{{{name}}}|{{name}}", "{{data.a}}{{profile.a}}{{a}}", "x{{profile.name}}y{{data.b.a}}z",
    "{{a.length}}", "{{a.0}}", "{{__proto__.a}}", "{{name.a.b}}",
  ];
  const optionSets = [{}, { dialect: "handlebars" }, { missing: "keep" }, { escape: "none" }, { dialect: "suprsend", missing: "keep" }, { maxOutputBytes: 8 }];
  let flat = 0;
  let n = 0;
  for (let i = 0; i < 4000; i++) {
    const ctx = {};
    for (let k = rnd(5); k >= 0; k--) Object.defineProperty(ctx, keys[rnd(keys.length)], { value: value(0), enumerable: true, writable: true, configurable: true });
    const src = sources[rnd(sources.length)];
    const opts = optionSets[rnd(optionSets.length)];
    if (same(src, opts, ctx, `case ${i}`)) flat++;
    n++;
  }
  // Enough of them take the JS path to mean something.
  assert.ok(flat > n / 5, `${flat} of ${n} rendered flat`);
});

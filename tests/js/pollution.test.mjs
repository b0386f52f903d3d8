// Prototype-pollution payloads (proto_pollution.json: JSON Patch paths,
// merge patches, SuprSend operations, Zendesk attributes, template contexts
// and `lookup`) through the npm package in Node and in workerd: `__proto__`,
// `constructor` and `prototype` are plain data, no built-in prototype
// changes, and each result is exactly the expected one.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import * as api from "profile-preview";
import { Miniflare } from "miniflare";
import { runPayload } from "./pollution.mjs";

// JSON.parse keeps `__proto__` keys as own properties (an object literal would not).
const text = fs.readFileSync(new URL("./proto_pollution.json", import.meta.url), "utf8");
const payloads = JSON.parse(text);

test("at least 20 payloads, each named once", () => {
  assert.ok(payloads.length >= 20, `${payloads.length} payloads`);
  assert.equal(new Set(payloads.map((p) => p.name)).size, payloads.length);
});

for (const p of payloads) {
  test(`Node: ${p.name}`, () => {
    assert.deepEqual(runPayload(api, p), []);
  });
}

let mf;
after(async () => {
  await mf?.dispose();
});

test("workerd: every payload", async () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  mf = new Miniflare({
    modules: true,
    scriptPath: "tests/workerd/pollution_worker.js",
    modulesRoot: root,
    rootPath: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    host: "127.0.0.1",
    cf: false,
  });
  const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: text });
  assert.equal(res.status, 200);
  const results = await res.json();
  assert.equal(results.length, payloads.length);
  for (const r of results) assert.deepEqual(r.problems, [], r.name);
});

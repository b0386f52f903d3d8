// Workers smoke test: the package's workerd entry running in real workerd
// through Miniflare (in-process, loopback only).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
let mf;

before(async () => {
  mf = new Miniflare({
    modules: true,
    scriptPath: "tests/workerd/worker.js",
    modulesRoot: root,
    rootPath: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    host: "127.0.0.1",
    cf: false,
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
});

test("preview runs inside workerd", async () => {
  const res = await mf.dispatchFetch("http://localhost/preview", {
    method: "POST",
    body: JSON.stringify({
      platform: "courier",
      method: "POST",
      stored: { name: "Ada", phone: "+15550100" },
      body: { profile: { phone: null, email: "ada@example.com" } },
    }),
  });
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.profile, { name: "Ada", email: "ada@example.com" });
  assert.deepEqual(out.warnings.map((w) => w.code), ["null_deletes"]);
});

test("ProfileError crosses into worker code", async () => {
  const res = await mf.dispatchFetch("http://localhost/error");
  assert.equal(res.status, 400);
  const out = await res.json();
  assert.deepEqual(out, { isProfileError: true, code: "path_not_found", body: out.body });
  assert.equal(out.body.code, "path_not_found");
});

test("ProfileSession and renderAll run inside workerd", async () => {
  const res = await mf.dispatchFetch("http://localhost/session", {
    method: "POST",
    body: JSON.stringify({ stored: { name: "Ada" }, bodies: [{ profile: { name: "Bo" } }, { profile: { email: "a@b.co" } }] }),
  });
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.previews.map((p) => p.profile), [{ name: "Bo" }, { name: "Ada", email: "a@b.co" }]);
  assert.deepEqual(out.previews[0].changes, [{ op: "replace", path: "/name", value: "Bo", old: "Ada" }]);
  assert.deepEqual(out.profile, { name: "Ada", email: "a@b.co" });
  assert.deepEqual(out.rendered, { subject: "Hi Ada", sms: "a@b.co" });
});

// The built npm package in Node through CommonJS (require + exports map).
const { test } = require("node:test");
const assert = require("node:assert/strict");
const pp = require("profile-preview");

test("require() is ready on load", () => {
  assert.deepEqual(pp.mergeDeep({ a: 1 }, { b: 2 }), { a: 1, b: 2 });
  const out = pp.preview({ platform: "courier", method: "PATCH", stored: { n: 1 }, body: { patch: [{ op: "replace", path: "/n", value: 2 }] } });
  assert.deepEqual(out.profile, { n: 2 });
  assert.deepEqual(out.changes, [{ op: "replace", path: "/n", value: 2, old: 1 }]);
});

test("errors are ProfileError instances", () => {
  assert.throws(() => pp.applyPatch({}, [{ op: "move", from: "/a", path: "/b" }]), (e) => {
    return e instanceof pp.ProfileError && e.code === "path_not_found" && e.status === 400 && e.type === "invalid_request_error";
  });
});

test("package.json is exported and the exports map has every condition", () => {
  const manifest = require("profile-preview/package.json");
  const root = manifest.exports["."];
  for (const key of ["types", "workerd", "node", "browser", "default"]) assert.ok(root[key], key);
  // "module" (bundlers building for Node) before Node's own import/require.
  assert.deepEqual(Object.keys(root.node), ["module", "import", "require"]);
  assert.equal(manifest.exports["./web"].default, "./web.js");
});

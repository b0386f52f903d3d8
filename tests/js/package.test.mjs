// The built npm package (pkg/) in Node through ES modules, resolved by name
// through its exports map (tests/js/node_modules/profile-preview -> pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  mergeDeep, applyPatch, applyMergePatch, diff, preview, validate, recipient,
  parseIdentifierQuery, render, Template, ProfileError,
} from "profile-preview";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function throwsProfileError(fn, code) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ProfileError, `expected ProfileError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, "ProfileError");
  assert.equal(caught.code, code, caught.message);
  assert.equal(typeof caught.status, "number");
  assert.equal(typeof caught.type, "string");
  return caught;
}

test("exports every documented function", () => {
  for (const f of [mergeDeep, applyPatch, applyMergePatch, diff, preview, validate, recipient, parseIdentifierQuery, render]) {
    assert.equal(typeof f, "function");
  }
  assert.equal(typeof Template, "function");
});

test("mergeDeep: objects recurse, null deletes, arrays replace, inputs untouched", () => {
  const target = { a: { b: 1, c: 2 }, tags: [1, 2] };
  const source = { a: { c: null, d: 3 }, tags: [9] };
  assert.deepEqual(mergeDeep(target, source), { a: { b: 1, d: 3 }, tags: [9] });
  assert.deepEqual(target, { a: { b: 1, c: 2 }, tags: [1, 2] });
});

test("applyPatch is atomic and names the failing operation", () => {
  const doc = { a: 1 };
  assert.deepEqual(applyPatch(doc, [{ op: "add", path: "/b", value: 2 }]), { a: 1, b: 2 });
  const e = throwsProfileError(() => applyPatch(doc, [{ op: "add", path: "/b", value: 2 }, { op: "remove", path: "/zzz" }]), "path_not_found");
  assert.match(e.message, /operation 1/);
  assert.equal(e.path, "/zzz");
  assert.deepEqual(doc, { a: 1 });
  throwsProfileError(() => applyPatch(doc, [{ op: "test", path: "/a", value: 2 }]), "test_failed");
  throwsProfileError(() => applyPatch(doc, [{ op: "add", path: "a/b", value: 2 }]), "invalid_pointer");
  throwsProfileError(() => applyPatch(doc, [{ op: "add", path: "/~2", value: 2 }]), "invalid_pointer");
  throwsProfileError(() => applyPatch({ a: [] }, [{ op: "add", path: "/a/5", value: 2 }]), "index_out_of_range");
});

test("applyMergePatch follows RFC 7396", () => {
  assert.deepEqual(applyMergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } }), { a: "z", c: { d: "e" } });
  assert.deepEqual(applyMergePatch({ a: 1 }, null), null);
});

test("diff output is a valid JSON Patch", () => {
  const before = { name: "Ada", tags: ["a", "b", "c"], address: { city: "Paris" } };
  const after = { name: "Ada L.", tags: ["a"], address: { city: "Paris", zip: "75001" }, vip: true };
  const changes = diff(before, after);
  assert.deepEqual(applyPatch(before, changes), after);
  assert.deepEqual(changes[0], { op: "replace", path: "/name", value: "Ada L.", old: "Ada" });
});

test("Courier preview: POST merge, PUT replace with warnings, PATCH, DELETE", () => {
  const stored = { name: "Ada", phone: "+15550100", prefs: { lang: "en", tz: "UTC" } };
  const post = preview({ platform: "courier", method: "POST", stored, body: { profile: { phone: null, prefs: { lang: "fr" } } } });
  assert.deepEqual(post.profile, { name: "Ada", prefs: { lang: "fr", tz: "UTC" } });
  assert.deepEqual(post.warnings.map((w) => w.code), ["null_deletes"]);
  const put = preview({ platform: "courier", method: "PUT", stored, body: { profile: { name: "Ada" } } });
  assert.deepEqual(put.profile, { name: "Ada" });
  assert.deepEqual(put.warnings.map((w) => w.path), ["/phone", "/prefs"]);
  assert.deepEqual(applyPatch(stored, put.changes), put.profile);
  const patch = preview({ platform: "courier", method: "PATCH", stored: null, body: { patch: [{ op: "add", path: "/email", value: "a@b.co" }] } });
  assert.deepEqual(patch.profile, { email: "a@b.co" });
  const del = preview({ platform: "courier", method: "DELETE", stored });
  assert.equal(del.profile, null);
  const e = throwsProfileError(() => preview({ platform: "courier", method: "POST", stored, body: { name: "no profile key" } }), "invalid_body");
  assert.equal(e.status, 400);
  assert.deepEqual(Object.keys(e.body).sort(), ["message", "type"]);
  assert.equal(e.body.type, "invalid_request_error");
});

test("validate returns issues with paths; [] when valid", () => {
  assert.deepEqual(validate({ platform: "courier", method: "POST", body: { profile: {} } }), []);
  const issues = validate({ platform: "courier", method: "PATCH", body: { patch: [{ op: "add", path: "x", value: 1 }] } });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, "/patch/0/path");
  throwsProfileError(() => validate({ platform: "mailchimp", method: "POST", body: {} }), "invalid_platform");
});

test("recipient: inline message.to wins, stored untouched", () => {
  const stored = { email: "old@x.io", custom: { a: 1, b: 2 } };
  assert.deepEqual(recipient(stored, { email: "new@x.io", custom: { b: 3 } }), { email: "new@x.io", custom: { a: 1, b: 3 } });
  assert.deepEqual(stored, { email: "old@x.io", custom: { a: 1, b: 2 } });
  assert.deepEqual(recipient(null, { email: "a@b.co" }), { email: "a@b.co" });
  throwsProfileError(() => recipient(stored, "a@b.co"), "invalid_body");
});

test("values JSON cannot hold are ProfileErrors naming the path", () => {
  for (const bad of [() => 1, 10n, NaN, Infinity, Symbol("s")]) {
    const e = throwsProfileError(() => mergeDeep({}, { a: { b: bad } }), "invalid_json");
    assert.equal(e.path, "/a/b");
  }
  throwsProfileError(() => mergeDeep(undefined, {}), "invalid_json");
  throwsProfileError(() => applyPatch({}, [undefined]), "invalid_json");
  // Members set to undefined are dropped, as JSON.stringify (what is sent) drops them.
  assert.deepEqual(mergeDeep({}, { a: undefined, b: 1 }), { b: 1 });
  // Dates serialise through toJSON, as they would on the wire.
  assert.deepEqual(mergeDeep({}, { at: new Date(0) }), { at: "1970-01-01T00:00:00.000Z" });
});

test("10,000-deep input is an error and the instance survives", () => {
  let deep = {};
  for (let i = 0; i < 10000; i++) deep = { x: deep };
  throwsProfileError(() => mergeDeep(deep, {}), "limit_exceeded");
  throwsProfileError(() => preview({ platform: "courier", method: "PUT", stored: deep, body: { profile: {} } }), "limit_exceeded");
  assert.deepEqual(mergeDeep({ a: 1 }, { b: 2 }), { a: 1, b: 2 });
});

test("__proto__ keys stay own data; Object.prototype untouched", () => {
  const payload = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
  for (const out of [
    mergeDeep({}, payload),
    applyMergePatch({}, payload),
    applyPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]),
    preview({ platform: "courier", method: "POST", stored: {}, body: { profile: payload } }).profile,
  ]) {
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out, "__proto__"));
    assert.deepEqual(out.__proto__, { polluted: true });
  }
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test("ESM and CJS share one instance and one ProfileError class", () => {
  const cjs = require("profile-preview");
  assert.equal(cjs.ProfileError, ProfileError);
  assert.equal(cjs.mergeDeep, mergeDeep);
  try {
    cjs.applyPatch({}, [{ op: "remove", path: "/x" }]);
    assert.fail("should throw");
  } catch (e) {
    assert.ok(e instanceof ProfileError);
  }
});

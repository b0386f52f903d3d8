// The data-driven cases of tests/cases/ (platform and template) run again
// through the built npm package in Node, so the JS marshalling of every
// case is exercised, not only the Rust core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { preview, previewHttp, previewJson, parseRequest, validate, parseIdentifierQuery, recipient, Template, ProfileError } from "profile-preview";

const casesDir = new URL("../cases/", import.meta.url);
const NOW = "2026-01-01T00:00:00Z";

function files(dir) {
  const url = new URL(`${dir}/`, casesDir);
  if (!existsSync(url)) return [];
  return readdirSync(url).filter((f) => f.endsWith(".json")).map((f) => [`${dir}/${f}`, new URL(f, url)]);
}

function load(url) {
  const v = JSON.parse(readFileSync(url, "utf8"));
  return Array.isArray(v) ? v : [v];
}

function catchError(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    return { error: e };
  }
}

function checkError(e, want) {
  assert.ok(e, `expected an error ${JSON.stringify(want)}`);
  for (const key of ["status", "code", "type", "path", "line", "column"]) {
    if (want[key] !== undefined) assert.equal(e[key], want[key], `${key}: ${e.message}`);
  }
  if (want.body !== undefined) assert.deepEqual(e.body, want.body);
  if (want.message !== undefined) assert.ok(e.message.includes(want.message), `message ${e.message} lacks ${want.message}`);
}

for (const platform of ["courier", "suprsend", "zendesk"]) {
  for (const [name, url] of files(platform)) {
    test(`${name} through the package`, () => {
      for (const c of load(url)) {
        const label = `${name} / ${c.name}`;
        const p = c.platform ?? platform;
        if (c.recipient !== undefined) {
          const got = catchError(() => recipient(c.recipient.stored ?? null, c.recipient.to));
          if (c.expect.error) checkError(got.error, c.expect.error);
          else assert.deepEqual(got.value, c.expect.result, label);
        } else if (c.query !== undefined && c.method === undefined) {
          const got = catchError(() => parseIdentifierQuery(c.query));
          if (c.expect.error) checkError(got.error, c.expect.error);
          else assert.deepEqual(got.value, c.expect.result, label);
        } else if (c.validate === true) {
          const issues = validate({ platform: p, method: c.method, body: c.body });
          assert.deepEqual(issues.map((i) => i.path), c.issues.map((i) => i.path), label);
        } else {
          const req = { platform: p, method: c.method, stored: c.stored ?? null, body: c.body, now: c.now ?? NOW };
          if (c.userId !== undefined) req.userId = c.userId;
          if (c.query !== undefined) req.query = c.query;
          const got = catchError(() => preview(req));
          if (c.expect.error) {
            checkError(got.error, c.expect.error);
            continue;
          }
          assert.ok(!got.error, `${label}: ${got.error?.message}`);
          assert.deepEqual(got.value.profile, c.expect.profile, label);
          assert.deepEqual(got.value.warnings.map((w) => w.code), c.expect.warnings ?? [], label);
          if (c.expect.changes) assert.deepEqual(got.value.changes, c.expect.changes, label);
          if (c.expect.status !== undefined) assert.equal(got.value.status, c.expect.status, label);
          if (c.expect.response !== undefined) assert.deepEqual(got.value.response, c.expect.response, label);
        }
      }
    });
  }
}

// tests/cases/http: the request as sent (method, URL, body) through previewHttp.
for (const [name, url] of files("http")) {
  test(`${name} through the package`, () => {
    for (const c of load(url)) {
      const label = `${name} / ${c.name}`;
      const req = { method: c.method, url: c.url, now: c.now ?? NOW };
      if (c.body !== undefined) req.body = c.body;
      if (c.text !== undefined) {
        // A curl command or fetch() call: parse it, then preview what it sends.
        const parsed = catchError(() => parseRequest(c.text));
        if (!c.expect.request) {
          checkError(parsed.error, c.expect.error);
          continue;
        }
        assert.ok(!parsed.error, `${label}: ${parsed.error?.message}`);
        assert.deepEqual(parsed.value, c.expect.request, label);
        if (Object.keys(c.expect).length === 1) continue;
        Object.assign(req, parsed.value);
      }
      if (c.stored !== undefined) req.stored = c.stored;
      const got = catchError(() => previewHttp(req));
      if (c.expect.error) {
        checkError(got.error, c.expect.error);
        continue;
      }
      assert.ok(!got.error, `${label}: ${got.error?.message}`);
      for (const key of ["platform", "operation", "profile", "status", "response", "changes"]) {
        if (c.expect[key] !== undefined) assert.deepEqual(got.value[key], c.expect[key], `${label}: ${key}`);
      }
      if (c.expect.warnings) assert.deepEqual(got.value.warnings.map((w) => w.code), c.expect.warnings, label);
    }
  });
}

// previewJson is preview() with JSON text on both sides: same result for every courier case.
test("previewJson answers what preview answers (courier cases)", () => {
  let n = 0;
  for (const [, url] of files("courier")) {
    for (const c of load(url)) {
      if (c.method === undefined || c.validate || c.recipient) continue;
      const req = { platform: "courier", method: c.method, stored: c.stored ?? null, body: c.body, now: c.now ?? NOW };
      const viaObject = catchError(() => preview(req));
      const viaText = catchError(() => JSON.parse(previewJson(JSON.stringify(req))));
      if (viaObject.error) {
        assert.ok(viaText.error, c.name);
        assert.deepEqual(viaText.error.body, viaObject.error.body, c.name);
      } else {
        assert.deepEqual(viaText.value, viaObject.value, c.name);
      }
      n++;
    }
  }
  assert.ok(n > 20);
  assert.throws(() => previewJson("{oops"), (e) => e instanceof ProfileError && e.code === "invalid_json");
  assert.throws(() => previewJson({}), (e) => e instanceof ProfileError && e.code === "invalid_argument");
});

function varPaths(want) {
  return want.map((w) => (typeof w === "string" ? w : w.path));
}

for (const [name, url] of files("template")) {
  test(`${name} through the package`, () => {
    for (const c of load(url)) {
      // Documented divergences (e.g. Handlebars.js spec cases we do not support).
      if (c.skip) continue;
      const label = `${name} / ${c.name}`;
      const compiled = catchError(() => new Template(c.template, c.options ?? {}));
      if (compiled.error) {
        assert.ok(c.error, `${label}: unexpected ${compiled.error.message}`);
        checkError(compiled.error, c.error);
        continue;
      }
      const t = compiled.value;
      try {
        if (c.variables) {
          const got = t.variables();
          const full = c.variables.some((v) => typeof v === "object");
          if (full) assert.deepEqual(got, c.variables, label);
          else assert.deepEqual(got.map((v) => v.path), varPaths(c.variables), label);
        }
        if (c.missing) {
          assert.deepEqual(t.missing(c.context ?? {}).map((v) => v.path), varPaths(c.missing), label);
        }
        if (c.output !== undefined || c.error) {
          const got = catchError(() => t.render(c.context ?? {}));
          if (c.error) checkError(got.error, c.error);
          else {
            assert.ok(!got.error, `${label}: ${got.error?.message}`);
            assert.equal(got.value, c.output, label);
          }
        }
      } finally {
        t.free();
      }
    }
  });
}

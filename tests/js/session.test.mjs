// ProfileSession (a stored profile kept in wasm) and renderAll (several
// templates over one context), through the built package. Both are checked
// against the one-shot functions on every data case of tests/cases/, so
// they cannot drift from preview() and Template#render.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { preview, ProfileSession, Template, render, renderAll, ProfileError } from "profile-preview";

const casesDir = new URL("../cases/", import.meta.url);
const NOW = "2026-01-01T00:00:00Z";

function load(dir) {
  const url = new URL(`${dir}/`, casesDir);
  if (!existsSync(url)) return [];
  return readdirSync(url)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => [].concat(JSON.parse(readFileSync(new URL(f, url), "utf8"))).map((c) => [`${dir}/${f}`, c]));
}

function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    return { error: e };
  }
}

for (const platform of ["courier", "suprsend", "zendesk"]) {
  test(`ProfileSession previews and applies like preview() (${platform} cases)`, () => {
    let n = 0;
    for (const [file, c] of load(platform)) {
      if (c.method === undefined || c.validate || c.recipient !== undefined) continue;
      const label = `${file} / ${c.name}`;
      const p = c.platform ?? platform;
      const req = { platform: p, method: c.method, stored: c.stored ?? null, body: c.body, now: c.now ?? NOW };
      const options = {};
      if (c.userId !== undefined) req.userId = options.userId = c.userId;
      if (c.query !== undefined) req.query = options.query = c.query;
      const want = outcome(() => preview(req));
      const session = outcome(() => new ProfileSession(p, req.stored, options));
      if (session.error) {
        // Only a stored profile preview() rejects too may fail the session.
        assert.ok(want.error, `${label}: ${session.error.message}`);
        assert.deepEqual(session.error.body, want.error.body, label);
        continue;
      }
      const s = session.value;
      const got = outcome(() => s.preview(c.method, c.body, req.now));
      if (want.error) {
        assert.ok(got.error, label);
        assert.deepEqual(got.error.body, want.error.body, label);
        assert.ok(outcome(() => s.apply(c.method, c.body, req.now)).error, label);
        assert.deepEqual(s.profile, req.stored, `${label}: a failed apply keeps the session`);
      } else {
        assert.ok(!got.error, `${label}: ${got.error?.message}`);
        assert.deepEqual(got.value, want.value, label);
        assert.deepEqual(s.profile, req.stored, `${label}: preview keeps the session`);
        const applied = s.apply(c.method, c.body, req.now);
        assert.deepEqual(applied, want.value, label);
        assert.deepEqual(s.profile, want.value.profile, `${label}: apply stores the result`);
      }
      s.free();
      n++;
    }
    assert.ok(n > 10, `only ${n} cases`);
  });
}

test("ProfileSession: a result's profile is read lazily, once, and is a fresh object", () => {
  const s = new ProfileSession("courier", { name: "Ada", prefs: { lang: "en" } }, { userId: "u1" });
  const r = s.preview("POST", { profile: { prefs: { lang: "fr" } } }, NOW);
  assert.deepEqual(Object.keys(r), ["profile", "changes", "warnings", "status", "response"]);
  assert.deepEqual(r.changes, [{ op: "replace", path: "/prefs/lang", value: "fr", old: "en" }]);
  const first = r.profile;
  assert.deepEqual(first, { name: "Ada", prefs: { lang: "fr" } });
  assert.equal(r.profile, first, "read once, then kept");
  r.profile = null;
  assert.equal(r.profile, null, "assignable like a plain property");
  // An unread result of a later call does not disturb an earlier one.
  const a = s.preview("POST", { profile: { x: 1 } }, NOW);
  const b = s.preview("POST", { profile: { y: 2 } }, NOW);
  assert.deepEqual(b.profile, { name: "Ada", prefs: { lang: "en" }, y: 2 });
  assert.deepEqual(a.profile, { name: "Ada", prefs: { lang: "en" }, x: 1 });
  assert.deepEqual(JSON.parse(JSON.stringify(s.preview("DELETE", undefined, NOW))).profile, null);
  s.free();
});

test("ProfileSession: apply chains, DELETE empties, errors keep the stored profile", () => {
  const s = new ProfileSession("courier", null);
  assert.equal(s.profile, null);
  s.apply("POST", { profile: { email: "a@b.co" } }, NOW);
  s.apply("PATCH", { patch: [{ op: "add", path: "/phone", value: "+15550100" }] }, NOW);
  assert.deepEqual(s.profile, { email: "a@b.co", phone: "+15550100" });
  const copy = s.profile;
  copy.email = "changed";
  assert.equal(s.profile.email, "a@b.co", "profile is a fresh copy");
  assert.throws(() => s.apply("PATCH", { patch: [{ op: "remove", path: "/nope" }] }, NOW), ProfileError);
  assert.deepEqual(s.profile, { email: "a@b.co", phone: "+15550100" });
  const del = s.apply("DELETE", undefined, NOW);
  assert.equal(del.profile, null);
  assert.equal(s.profile, null);
  s.free();
});

test("ProfileSession: bad arguments are ProfileErrors; __proto__ stays data", () => {
  assert.throws(() => new ProfileSession("mailchimp", {}), (e) => e instanceof ProfileError && e.code === "invalid_platform");
  assert.throws(() => new ProfileSession("courier", { f: () => 1 }), (e) => e instanceof ProfileError && e.path === "/f");
  assert.throws(() => new ProfileSession("courier", {}, { userId: 5 }), (e) => e instanceof ProfileError && e.code === "invalid_argument");
  const s = new ProfileSession("courier", JSON.parse('{"__proto__": {"polluted": true}}'));
  assert.throws(() => s.preview("FETCH", {}), (e) => e instanceof ProfileError && e.code === "invalid_method");
  assert.throws(() => s.preview("POST", { profile: {} }, 5), (e) => e instanceof ProfileError && e.code === "invalid_argument");
  const r = s.apply("POST", JSON.parse('{"profile": {"__proto__": {"x": 1}}}'), NOW);
  assert.ok(Object.hasOwn(r.profile, "__proto__"));
  assert.equal({}.polluted, undefined);
  assert.equal({}.x, undefined);
  assert.deepEqual(Object.keys(s.profile), ["__proto__"]);
  s.free();
});

test("renderAll equals render for every template case (sources and Templates mixed)", () => {
  let n = 0;
  for (const [file, c] of load("template")) {
    if (c.skip || c.output === undefined) continue;
    const label = `${file} / ${c.name}`;
    const options = c.options ?? {};
    const context = c.context ?? {};
    const want = outcome(() => render(c.template, context, options));
    const t = outcome(() => new Template(c.template, options));
    if (t.error) continue;
    const got = outcome(() => renderAll({ source: c.template, compiled: t.value, again: c.template }, context, options));
    if (want.error) {
      assert.ok(got.error, label);
      assert.equal(got.error.code, want.error.code, label);
    } else {
      assert.ok(!got.error, `${label}: ${got.error?.message}`);
      assert.deepEqual(got.value, { source: want.value, compiled: want.value, again: want.value }, label);
    }
    t.value.free();
    n++;
  }
  assert.ok(n > 100, `only ${n} cases`);
});

test("renderAll: one notification, errors name the template, freed or bad entries rejected", () => {
  const subject = new Template("Order {{data.order.id}}");
  const ctx = { profile: { first_name: "Ada" }, data: { order: { id: "A-1", total: "9.90" }, note: "<ok>" } };
  const out = renderAll(
    { subject, text: "Hi {{profile.first_name}}, total {{data.order.total}}", sms: "{{data.order.id}} {{data.note}}", ["__proto__"]: "p" },
    ctx,
  );
  assert.deepEqual(Object.keys(out), ["subject", "text", "sms", "__proto__"]);
  assert.equal(out.subject, "Order A-1");
  assert.equal(out.text, "Hi Ada, total 9.90");
  assert.equal(out.sms, "A-1 &lt;ok&gt;");
  assert.equal(out.__proto__, "p");
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(renderAll({}, ctx), {});
  assert.deepEqual(renderAll({ t: "{{x}}" }, { x: "<b>" }, { escape: "none" }), { t: "<b>" });
  const e = outcome(() => renderAll({ ok: "fine", "bad/one": "{{#if}}" }, ctx)).error;
  assert.equal(e.code, "template_syntax");
  assert.equal(e.path, "/bad~1one");
  assert.throws(() => renderAll({ n: 5 }, ctx), (err) => err instanceof ProfileError && err.path === "/n");
  assert.throws(() => renderAll("{{x}}", ctx), (err) => err instanceof ProfileError && err.code === "invalid_argument");
  subject.free();
  assert.throws(() => renderAll({ subject }, ctx), (err) => err instanceof ProfileError && err.code === "invalid_argument");
});

test("renderAll: names and outputs of any characters come back whole, in object key order", () => {
  // The outputs cross as one string sliced by UTF-16 lengths: astral
  // characters, NUL, index-like names and a __proto__ name must survive.
  const templates = JSON.parse('{"__proto__": "a{{x}}", "\u{1F600}é": "{{x}}\u{1F600}", "2": "z", "b": "", "1": "{{y}}", "n\\u0000": "{{{x}}}"}');
  const ctx = { x: "é😀<\u0000", y: 12.5 };
  const out = renderAll(templates, ctx);
  assert.deepEqual(Object.keys(out), ["1", "2", "__proto__", "😀é", "b", "n\u0000"]);
  for (const [name, source] of Object.entries(templates)) assert.equal(out[name], render(source, ctx), name);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(out.__proto__, "aé😀&lt;\u0000");
});

test("Template#render sends only the paths a plain template reads, with the same output", () => {
  const ctx = {
    profile: { name: "Ada", tags: ["a", "b"], when: new Date(0), nested: { a: { b: "deep" } }, __proto__x: 1 },
    data: { name: null, n: 0, url: "https://x.test/?a=1&b=<2>" },
    ["__proto__"]: "root proto",
    other: { big: Array.from({ length: 100 }, (_, i) => i) },
  };
  Object.defineProperty(ctx.profile, "hidden", { value: "not enumerable", enumerable: false });
  const sources = [
    "{{profile.name}} {{profile.tags}} {{profile.when}} {{profile.nested.a.b}} {{profile.nested.a}} {{profile.nested}}",
    "{{name}} {{n}} {{{data.url}}} {{data.url}} {{profile.hidden}} {{profile.name.length}} {{__proto__}}",
    "{{profile.nested.a.b}}{{profile.nested}}{{profile.nested.a.c}}",
    "{{nope.nope}} {{profile.tags.1}} {{profile.tags.length}}",
  ];
  for (const dialect of ["courier", "handlebars"]) {
    for (const missing of ["empty", "keep", "error"]) {
      for (const src of sources) {
        const options = { dialect, missing };
        const t = new Template(src, options);
        const want = outcome(() => render(src, ctx, options));
        const got = outcome(() => t.render(ctx));
        if (want.error) assert.deepEqual(got.error?.body, want.error.body, `${dialect} ${missing} ${src}`);
        else assert.equal(got.value, want.value, `${dialect} ${missing} ${src}`);
        t.free();
      }
    }
  }
  // Non-object contexts and bad values on a read path still behave as before.
  const t = new Template("{{profile.name}}");
  assert.equal(t.render(undefined), "");
  assert.equal(t.render(null), "");
  assert.equal(t.render([]), "");
  assert.throws(() => t.render({ profile: { name: 10n } }), (e) => e instanceof ProfileError && e.path === "/profile/name");
  // A function on a read path is called, as Handlebars.js does (see the JS helpers README section).
  assert.equal(t.render({ profile: { name: () => "F" } }), "F");
  t.free();
});

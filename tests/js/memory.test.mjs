// Memory stays bounded through the npm package: the programs of un-freed
// Templates live in a bounded cache (evicted ones are compiled again when
// used), and output that cannot be allocated is a ProfileError, not a trap
// that kills the instance.
// Each test file runs in its own Node process, so the wasm memory grown
// here (it never shrinks) does not affect the other files.
import { test } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";

// The package's wasm memory, caught as the package instantiates its module
// (this file runs in its own Node process, so the patch touches nothing else).
let memory;
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  memory = instance.exports.memory;
  return instance;
};
const { Template, preview, render, renderAll, ProfileError } = await import("profile-preview");
WebAssembly.Instance = Instance;
const __memoryBytes = () => memory.buffer.byteLength;

const MiB = 1 << 20;

// The ceiling over the memory at the start of the loop. Measured: the
// loop grows it by ~1-2 MiB with the bounded program cache (src/program_cache.rs);
// it grew by ~400 MiB when every un-freed Template held its program until the
// loop yielded.
const CEILING = 16 * MiB;

test("200k Templates never freed and 200k previews, in one synchronous loop, stay under a fixed wasm memory ceiling", () => {
  const start = __memoryBytes();
  let peak = start;
  for (let i = 0; i < 200_000; i++) {
    // Distinct sources: nothing can be shared between the templates. No
    // free() and no yield: finalizers never run during this loop.
    const t = new Template(`Hi {{profile.name}} #${i}: {{#each data.items}}<b>{{this}}</b>{{/each}}`);
    assert.equal(t.render({ profile: { name: "Ada" }, data: { items: [i] } }), `Hi Ada #${i}: <b>${i}</b>`);
    const p = preview({
      platform: "courier", method: "POST", stored: { name: "Ada", n: i },
      body: { profile: { n: i + 1 } }, now: "2026-01-01T00:00:00Z",
    });
    assert.equal(p.profile.n, i + 1);
    if (i % 1000 === 999) peak = Math.max(peak, __memoryBytes());
  }
  peak = Math.max(peak, __memoryBytes());
  console.log(`wasm memory: ${(start / MiB).toFixed(1)} MiB before, ${(peak / MiB).toFixed(1)} MiB peak`);
  assert.ok(peak - start <= CEILING, `wasm memory grew from ${start / MiB} MiB to ${peak / MiB} MiB (ceiling: +${CEILING / MiB} MiB)`);
});

test("un-freed Templates whose programs were evicted still render, with the same output", () => {
  const first = Array.from({ length: 50 }, (_, i) => new Template(`{{#if a}}<<b>> ${i}{{else}}none{{/if}}`, { partials: { p: "x" } }));
  // Enough other templates to push the first ones out of the cache.
  for (let i = 0; i < 2000; i++) new Template(`{{x}} ${i}`).render({ x: i });
  first.forEach((t, i) => {
    assert.equal(t.render({ data: { a: 1, b: "<i>" } }), `&lt;i&gt; ${i}`);
    assert.deepEqual(t.variables().map((v) => v.path), ["a", "b"]);
    assert.deepEqual(t.missing({}).map((v) => v.path), ["a", "b"]);
  });
  // renderAll with more Templates than the cache holds.
  const many = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`t${i}`, new Template(`<<n>>-${i}`)]));
  const out = renderAll(many, { data: { n: 7 } });
  assert.equal(Object.keys(out).length, 1500);
  assert.equal(out.t0, "7-0");
  assert.equal(out.t1499, "7-1499");
  // A freed Template stays freed.
  const t = first[0];
  t.free();
  t.free();
  assert.throws(() => t.render({}), (e) => e instanceof ProfileError && e.code === "invalid_argument");
  assert.throws(() => renderAll({ t }, {}), (e) => e instanceof ProfileError && e.code === "invalid_argument");
});

test("a Template keeps a snapshot of its options: later changes to the options object change nothing", () => {
  const options = { missing: "keep", helpers: { up: (s) => String(s).toUpperCase() }, partials: { p: "[{{x}}]" } };
  const t = new Template("{{up x}} {{y}} {{> p}}", options);
  options.missing = "empty";
  options.helpers.up = () => "changed";
  options.partials.p = "changed";
  for (let i = 0; i < 2000; i++) new Template(`{{x}} ${i}`);
  assert.equal(t.render({ x: "a" }), "A {{y}} [a]");
});

// Grows the wasm memory to its 4 GiB maximum on the way: needs the RAM.
const enoughRam = os.totalmem() >= 8 * 2 ** 30;
test("output too large for the wasm memory is a ProfileError (out_of_memory), and the instance lives on", { skip: !enoughRam && "needs 8 GiB of RAM" }, () => {
  const big = "x".repeat(4 * MiB);
  const items = Array.from({ length: 40 }, (_, i) => i);
  let caught;
  try {
    // 40 × 40 × 4 MiB = 6.4 GB of output: more than a 32-bit wasm memory holds.
    render("{{#each data.a}}{{#each ../data.a}}{{../../data.s}}{{/each}}{{/each}}", { data: { a: items, s: big } }, {
      maxOutputBytes: 2 ** 32 - 1,
    });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ProfileError, `expected a ProfileError, got ${caught}`);
  assert.equal(caught.code, "out_of_memory");
  // The same instance still works.
  assert.equal(render("{{a}}", { a: "still alive" }), "still alive");
  assert.equal(new Template("<<b>>").render({ b: 1 }), "1");
});

test("maxOutputBytes is checked before the write that would pass it", () => {
  let caught;
  try {
    render("{{s}}", { s: "x".repeat(100) }, { maxOutputBytes: 99 });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ProfileError);
  assert.equal(caught.code, "limit_exceeded");
  assert.equal(render("{{s}}", { s: "x".repeat(99) }, { maxOutputBytes: 99 }), "x".repeat(99));
});

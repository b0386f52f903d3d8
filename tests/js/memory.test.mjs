// Memory stays bounded through the npm package: un-freed Templates are
// reclaimed (wasm-bindgen's FinalizationRegistry frees their wasm side once
// the wrappers are collected), and output that cannot be allocated is a
// ProfileError, not a trap that kills the instance.
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
const { Template, preview, render, ProfileError } = await import("profile-preview");
WebAssembly.Instance = Instance;
const __memoryBytes = () => memory.buffer.byteLength;

const MiB = 1 << 20;

test("200k Templates never freed and 200k previews stay under a fixed wasm memory ceiling", async () => {
  const start = __memoryBytes();
  const ceiling = start + 48 * MiB;
  let peak = start;
  for (let i = 0; i < 200_000; i++) {
    // Distinct sources: nothing can be shared between the templates.
    const t = new Template(`Hi {{profile.name}} #${i}: {{#each data.items}}<b>{{this}}</b>{{/each}}`);
    assert.equal(t.render({ profile: { name: "Ada" }, data: { items: [i] } }), `Hi Ada #${i}: <b>${i}</b>`);
    const p = preview({
      platform: "courier", method: "POST", stored: { name: "Ada", n: i },
      body: { profile: { n: i + 1 } }, now: "2026-01-01T00:00:00Z",
    });
    assert.equal(p.profile.n, i + 1);
    // Finalizers run between tasks: a program that keeps creating
    // templates across requests/events yields like this.
    if (i % 1000 === 999) {
      await new Promise((r) => setImmediate(r));
      peak = Math.max(peak, __memoryBytes());
    }
  }
  peak = Math.max(peak, __memoryBytes());
  assert.ok(peak <= ceiling, `wasm memory grew from ${start / MiB} MiB to ${peak / MiB} MiB (ceiling ${ceiling / MiB} MiB)`);
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

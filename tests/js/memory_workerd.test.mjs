// The memory ceiling of tests/js/memory.test.mjs inside workerd: un-freed
// Templates created in one synchronous loop (one request) keep the wasm
// memory bounded (the package's bounded program cache; workerd runs no
// finalizer during a request either).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { fileURLToPath } from "node:url";

const MiB = 1 << 20;
const CEILING = 16 * MiB;
let mf;

after(async () => {
  await mf?.dispose();
});

test("workerd: 50k Templates never freed and 50k previews in one request stay under a fixed wasm memory ceiling", async () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  mf = new Miniflare({
    modules: true,
    scriptPath: "tests/workerd/memory_worker.js",
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
  const n = 50_000;
  const res = await mf.dispatchFetch(`http://localhost/?n=${n}`);
  assert.equal(res.status, 200);
  const { start, peak, ok } = await res.json();
  assert.equal(ok, n);
  console.log(`workerd wasm memory: ${(start / MiB).toFixed(1)} MiB before, ${(peak / MiB).toFixed(1)} MiB peak`);
  assert.ok(peak - start <= CEILING, `wasm memory grew from ${start / MiB} MiB to ${peak / MiB} MiB (ceiling: +${CEILING / MiB} MiB)`);
});

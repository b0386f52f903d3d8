// Rows: Cloudflare Workers through wrangler 4.86 (the repo's dev dependency):
// `wrangler deploy --dry-run` bundles the worker with the wasm as a module,
// and `wrangler dev --local` (workerd on loopback) answers a request — with
// and without the nodejs_compat flag. No configuration beyond wrangler.toml.
import { test } from "node:test";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import assert from "node:assert/strict";
import { project, sh, bin, start, waitForUrl, EXPECTED, APP_BODY, APP_IMPORTS } from "./harness.mjs";

const WORKER = `import ${APP_IMPORTS} from "profile-preview";
${APP_BODY}
export default {
  async fetch() {
    return Response.json(out());
  },
};
`;
const ENV = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

const toml = (flags) =>
  `name = "pp-worker"\nmain = "src/index.js"\ncompatibility_date = "2026-04-01"\n${flags ? `compatibility_flags = ${JSON.stringify(flags)}\n` : ""}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

for (const flags of [null, ["nodejs_compat"]]) {
  const label = flags ? " (nodejs_compat)" : "";

  test(`wrangler deploy --dry-run${label}: the wasm is bundled as a module`, async () => {
    const dir = await project(`wrangler-dry${flags ? "-compat" : ""}`, { "src/index.js": WORKER, "wrangler.toml": toml(flags) });
    const { stdout, stderr } = await sh(bin("wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, env: ENV });
    assert.match(stdout + stderr, /--dry-run: exiting now/);
    const files = readdirSync(join(dir, "dist"));
    assert.ok(files.some((f) => f.endsWith(".wasm")), `no .wasm module in ${files}`);
  });

  test(`wrangler dev --local${label}: the worker answers a request`, async () => {
    const dir = await project(`wrangler-dev${flags ? "-compat" : ""}`, { "src/index.js": WORKER, "wrangler.toml": toml(flags) });
    const [port, inspector] = [await freePort(), await freePort()];
    const dev = start(bin("wrangler"), ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector)], { cwd: dir, env: ENV });
    try {
      const res = await waitForUrl(`http://127.0.0.1:${port}/`, 60_000, dev);
      const text = await res.text();
      assert.equal(res.status, 200, `${text}\n${dev.output()}`);
      assert.deepEqual(JSON.parse(text), EXPECTED);
    } finally {
      dev.stop();
    }
  });
}

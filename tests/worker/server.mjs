// Start the profile sandbox with `wrangler dev --local` on 127.0.0.1 (free
// ports, throwaway storage and a random SANDBOX_TOKEN in a generated
// .dev.vars-style env file), and stop it by process group: wrangler spawns
// esbuild and workerd, which must not outlive the test.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `{base, token, stop()}` once GET / answers. */
export async function startSandbox({ timeoutMs = 90_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "profile-sandbox-"));
  const token = randomBytes(24).toString("hex");
  const envFile = join(dir, ".dev.vars");
  writeFileSync(envFile, `SANDBOX_TOKEN=${token}\n`);
  const port = await freePort();
  const inspector = await freePort();
  const args = [
    "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector),
    "--env-file", envFile, "--persist-to", join(dir, "state"), "--show-interactive-dev-session=false", "--log-level", "warn",
  ];
  const child = spawn(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: join(root, "worker"),
    detached: true, // its own process group, so stop() reaches esbuild and workerd too
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const deadline = Date.now() + 5000;
      while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!exited) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`wrangler dev exited:\n${output}`);
    }
    try {
      const res = await fetch(base + "/");
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, token, stop, output: () => output };
}

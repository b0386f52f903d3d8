// Run once before the packaging tests (scripts/test.sh does): installs the
// pinned tools of tests/packaging/tools/ into target/packaging/tools/ (npm
// install from the committed lockfile — not `npm ci`, which rejects a lock
// whose other-platform optional packages the registry mirror lacks; skipped
// while the lockfile is unchanged; the npm cache makes a reinstall offline) and packs pkg/ with `npm pack` into target/packaging/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync, copyFileSync, rmSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root, work, toolsDir } from "./harness.mjs";

const started = Date.now();
mkdirSync(work, { recursive: true });
const source = join(root, "tests", "packaging", "tools");
const lock = readFileSync(join(source, "package-lock.json"), "utf8");
const stamp = join(toolsDir, "installed-lock.json");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lock) {
  rmSync(toolsDir, { recursive: true, force: true });
  mkdirSync(toolsDir, { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(source, f), join(toolsDir, f));
  // Install scripts only link binaries these packages also ship through
  // optional platform packages (esbuild, deno); npm 11 skips them unless allowed.
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: toolsDir, stdio: "inherit" });
  writeFileSync(stamp, lock);
}

for (const f of readdirSync(work)) if (f.endsWith(".tgz")) rmSync(join(work, f));
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", work, join(root, "pkg")], { encoding: "utf8" }).trim().split("\n").pop();
writeFileSync(join(work, "tarball.txt"), join(work, name) + "\n");
console.log(`packaging: tools ready, ${name} packed (${((Date.now() - started) / 1000).toFixed(1)} s)`);

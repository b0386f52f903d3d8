// Rows: bundlers building for Node (webpack target "node", esbuild
// --platform=node as ESM and CJS). Each bundle is copied to a directory
// without node_modules and run there, as a deployed bundle would be.
import { test } from "node:test";
import { cpSync, mkdtempSync, readdirSync, rmSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { project, sh, tools, assertResult, ESM_APP, CJS_APP } from "./harness.mjs";

/** Copy `dist` out of the project and run `file` there with node. */
async function runDeployed(dist, file) {
  const away = mkdtempSync(join(tmpdir(), "pp-deployed-"));
  try {
    cpSync(dist, away, { recursive: true });
    return (await sh("node", [join(away, file)], { cwd: away })).stdout;
  } finally {
    rmSync(away, { recursive: true, force: true });
  }
}

test("webpack 5, target node: the wasm is emitted, no configuration", async () => {
  const { default: webpack } = await import(join(tools, "webpack", "lib", "index.js"));
  for (const [name, app] of [["esm", ESM_APP], ["cjs", CJS_APP]]) {
    const dir = await project(`webpack-node-${name}`, { "src/app.js": app });
    const stats = await new Promise((resolve, reject) =>
      webpack({ mode: "production", context: dir, entry: "./src/app.js", target: "node", output: { path: join(dir, "dist") } }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    assert.ok(!stats.hasErrors() && !stats.hasWarnings(), stats.toString({ colors: false }));
    assert.ok(readdirSync(join(dir, "dist")).some((f) => f.endsWith(".wasm")), "wasm emitted");
    assertResult(await runDeployed(join(dir, "dist"), "main.js"));
  }
});

for (const format of ["esm", "cjs"]) {
  test(`esbuild --platform=node --format=${format}: bundle + the wasm copied next to it (README)`, async () => {
    const { build } = await import(join(tools, "esbuild", "lib", "main.js"));
    const dir = await project(`esbuild-node-${format}`, { "src/app.js": format === "esm" ? ESM_APP : CJS_APP });
    const out = `app.${format === "esm" ? "mjs" : "cjs"}`;
    const result = await build({ absWorkingDir: dir, entryPoints: ["src/app.js"], bundle: true, platform: "node", format, outfile: `dist/${out}`, logLevel: "silent" });
    assert.deepEqual([...result.errors, ...result.warnings], []);
    // What the README tells esbuild users to do (esbuild does not follow new URL(…, import.meta.url)).
    copyFileSync(join(dir, "node_modules", "profile-preview", "profile_preview_bg.wasm"), join(dir, "dist", "profile_preview_bg.wasm"));
    assertResult(await runDeployed(join(dir, "dist"), out));
  });
}

test("esbuild --platform=node --packages=external: Node loads the package at run time", async () => {
  const { build } = await import(join(tools, "esbuild", "lib", "main.js"));
  const dir = await project("esbuild-node-external", { "src/app.js": ESM_APP });
  await build({ absWorkingDir: dir, entryPoints: ["src/app.js"], bundle: true, platform: "node", format: "esm", packages: "external", outfile: "dist/app.mjs", logLevel: "silent" });
  assertResult((await sh("node", ["dist/app.mjs"], { cwd: dir })).stdout);
});

test("esbuild --platform=node without the wasm: a ProfileError that says what to do", async () => {
  const { build } = await import(join(tools, "esbuild", "lib", "main.js"));
  const dir = await project("esbuild-node-missing", { "src/app.js": ESM_APP });
  await build({ absWorkingDir: dir, entryPoints: ["src/app.js"], bundle: true, platform: "node", format: "esm", outfile: "dist/app.mjs", logLevel: "silent" });
  const failed = await runDeployed(join(dir, "dist"), "app.mjs").then(() => null, (e) => e.message);
  assert.match(failed ?? "", /ProfileError: profile-preview: cannot read .*profile_preview_bg\.wasm.*copy node_modules\/profile-preview\/profile_preview_bg\.wasm next to the bundle/);
  assert.match(failed, /code: 'wasm_not_found'/);
});

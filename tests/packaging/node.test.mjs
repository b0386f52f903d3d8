// Rows: Node ESM, Node CJS, Deno (from its npm package) — the tarball
// installed into a fresh project, the app run as a user would run it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { project, sh, bin, assertResult, ESM_APP, CJS_APP } from "./harness.mjs";

test("Node ESM: import from a .mjs file", async () => {
  const dir = await project("node-esm", { "app.mjs": ESM_APP });
  assertResult((await sh("node", ["app.mjs"], { cwd: dir })).stdout);
});

test("Node CJS: require from a .cjs file", async () => {
  const dir = await project("node-cjs", { "app.cjs": CJS_APP });
  assertResult((await sh("node", ["app.cjs"], { cwd: dir })).stdout);
});

test("Node ESM + CJS in one process share one ProfileError class", async () => {
  const dir = await project("node-dual", {
    "app.mjs": `import { createRequire } from "node:module";
import { ProfileError, applyPatch } from "profile-preview";
const cjs = createRequire(import.meta.url)("profile-preview");
try { cjs.applyPatch({}, [{ op: "remove", path: "/x" }]); } catch (e) { console.log(JSON.stringify([cjs.ProfileError === ProfileError, e instanceof ProfileError, cjs.applyPatch === applyPatch])); }
`,
  });
  const { stdout } = await sh("node", ["app.mjs"], { cwd: dir });
  if (stdout.trim() !== "[true,true,true]") throw new Error(stdout);
});

test("Deno (deno npm package) runs the app from node_modules", async () => {
  const dir = await project("deno", { "app.mjs": ESM_APP }, { type: "module" });
  const { stdout } = await sh(bin("deno"), ["run", "--allow-read", "app.mjs"], {
    cwd: dir,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: join(dir, ".deno") },
  });
  assertResult(stdout);
});

test("every entry exports what index.d.ts declares, no more, no less", async () => {
  const dir = await project("exports", {
    "app.mjs": `import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const keys = (m) => Object.keys(m).filter((k) => k !== "default" && k !== "initSync").sort();
const declared = [...readFileSync("node_modules/profile-preview/index.d.ts", "utf8").matchAll(/^export declare (?:function|class) (\\w+)/gm)].map((m) => m[1]).sort();
console.log(JSON.stringify({
  declared,
  import: keys(await import("profile-preview")),
  require: keys(createRequire(import.meta.url)("profile-preview")),
  web: keys(await import("profile-preview/web")),
  "node.mjs (bundlers)": keys(await import("./node_modules/profile-preview/node.mjs")),
}));
`,
  });
  const { declared, ...entries } = JSON.parse((await sh("node", ["app.mjs"], { cwd: dir })).stdout);
  assert.ok(declared.includes("preview") && declared.includes("ProfileError"), declared.join());
  for (const [entry, names] of Object.entries(entries)) assert.deepEqual(names, declared, entry);
});

test("profile-preview/web: a ProfileError (not_initialized) before init(), the real function after", async () => {
  const dir = await project("web-before-init", {
    "app.mjs": `import init, { render, Template, ProfileError } from "profile-preview/web";
import { readFileSync } from "node:fs";
const early = render;
const errors = [];
for (const call of [() => render("x", {}), () => new Template("x")]) {
  try { call(); } catch (e) { errors.push([e instanceof ProfileError, e.code, e.status, /init\\(\\)/.test(e.message)]); }
}
await init(readFileSync("node_modules/profile-preview/profile_preview_bg.wasm"));
console.log(JSON.stringify({ errors, after: render("{{x}}", { x: 1 }), early: early("{{x}}", { x: 2 }), template: new Template("{{x}}").render({ x: 3 }) }));
`,
  });
  const out = JSON.parse((await sh("node", ["app.mjs"], { cwd: dir })).stdout);
  assert.deepEqual(out, {
    errors: [[true, "not_initialized", 500, true], [true, "not_initialized", 500, true]],
    after: "1",
    early: "2",
    template: "3",
  });
});

test("the npm README's example runs as written", async () => {
  const dir = await project("readme", {});
  const readme = readFileSync(join(dir, "node_modules", "profile-preview", "README.md"), "utf8");
  const example = /## Example\s+```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, "README has an Example section with a js block");
  writeFileSync(join(dir, "example.mjs"), example + '\nconsole.log(JSON.stringify([profile, t.render({ profile, data: { order: { id: "A-1" } } })]));\n');
  const { stdout } = await sh("node", ["example.mjs"], { cwd: dir });
  assert.deepEqual(JSON.parse(stdout), [{ name: "Ada Lovelace" }, "Hi Ada Lovelace, order A-1 shipped."]);
});

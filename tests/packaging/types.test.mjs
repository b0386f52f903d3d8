// Rows: TypeScript (5.9 and 7.0) with moduleResolution bundler / node16 /
// nodenext, from an ES module and from a CommonJS file, with `lib: ES2022`
// only (no DOM, no @types/node): the package's types must stand alone.
// Plus publint and @arethetypeswrong/cli against the tarball.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { project, sh, bin, tools, tarball, root } from "./harness.mjs";

const USE = `
const s: string = render("Hi {{name}}", { name: "Ada" });
const p: Json | null = preview({ platform: "courier", method: "POST", stored: null, body: { profile: {} } }).profile;
const t = new Template("{{x}}", { missing: "keep" });
const v: number = t.variables().length;
try { applyPatch({}, []); } catch (e) { if (e instanceof ProfileError) { const c: string = e.code; void c; } }
// @ts-expect-error unknown platform
preview({ platform: "mailchimp", method: "POST" });
void [s, p, v];
`;
const IMPORT = `import { render, preview, applyPatch, Template, ProfileError, type Json } from "profile-preview";\n`;
// The explicit-init entry, from ES modules only (it is ESM, as in Node).
const WEB = `import init, { initSync, render as webRender } from "profile-preview/web";
export async function load(bytes: Uint8Array): Promise<string> {
  await init();
  await init("/assets/profile_preview_bg.wasm");
  initSync({ module: bytes });
  return webRender("x", {});
}
`;

const ROWS = [
  ["bundler", "ESM", { module: "preserve", moduleResolution: "bundler" }, "app.ts", IMPORT + USE + WEB, { type: "module" }],
  ["bundler", "CJS", { module: "preserve", moduleResolution: "bundler" }, "app.cts", IMPORT + USE, {}],
  ["node16", "ESM", { module: "node16", moduleResolution: "node16" }, "app.mts", IMPORT + USE + WEB, {}],
  ["node16", "CJS", { module: "node16", moduleResolution: "node16" }, "app.cts", IMPORT + USE, {}],
  ["nodenext", "ESM", { module: "nodenext", moduleResolution: "nodenext" }, "app.ts", IMPORT + USE + WEB, { type: "module" }],
  ["nodenext", "CJS", { module: "nodenext", moduleResolution: "nodenext" }, "app.ts", IMPORT + USE, { type: "commonjs" }],
];

const COMPILERS = [
  ["TypeScript 5.9", join(tools, "typescript", "bin", "tsc")],
  ["TypeScript 7.0", join(tools, "typescript7", "bin", "tsc")],
];

for (const [resolution, format, options, file, source, manifest] of ROWS) {
  test(`tsc ${resolution}, from ${format} (${file})`, async () => {
    const tsconfig = {
      compilerOptions: { ...options, target: "ES2022", lib: ["ES2022"], types: [], strict: true, noEmit: true, skipLibCheck: false },
      files: [file],
    };
    const dir = await project(`tsc-${resolution}-${format}`, { [file]: source, "tsconfig.json": JSON.stringify(tsconfig, null, 2) }, manifest);
    for (const [name, tsc] of COMPILERS) {
      await sh("node", [tsc, "-p", "tsconfig.json"], { cwd: dir }).catch((e) => {
        e.message = `${name}: ${e.message}`;
        throw e;
      });
    }
  });
}

test("publint: no errors, warnings or suggestions", async () => {
  const { stdout } = await sh(bin("publint"), ["run", "--strict", "--level", "suggestion", tarball()], { cwd: root });
  assert.match(stdout, /All good!/, stdout);
});

test("arethetypeswrong: types resolve in every mode (/web is ESM-only, as at run time)", async () => {
  // attw exits non-zero on any problem. (Its JSON output is cut at 64 KiB
  // when piped, so the exit status is the check.)
  await sh(bin("attw"), [tarball(), "--entrypoints", ".", "--no-color"], { cwd: root });
  // `require("profile-preview/web")` under node16 is an ES module, exactly as
  // it is for Node itself (web.js is ESM; CommonJS users have the root
  // entry), so that one rule is allowed for the other entry points.
  await sh(bin("attw"), [tarball(), "--exclude-entrypoints", "./profile_preview_bg.wasm", "--ignore-rules", "cjs-resolves-to-esm", "--no-color"], { cwd: root });
});

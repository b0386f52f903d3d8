// Assemble pkg/ (the npm package) from the two wasm-bindgen outputs in
// target/bindgen/{web,nodejs}/ and pkg-template/, and print the wasm size.
//
// Layout (flat, so every loader finds profile_preview_bg.wasm next to the
// code that loads it, also after a bundler has concatenated that code):
//   profile_preview_bg.wasm   the one wasm file every entry shares
//   profile_preview.js        web-target glue (ESM): browsers, workerd, bundlers
//   bridge.js                 js/bridge.js (ESM), imported by that glue
//   profile_preview.cjs       nodejs-target glue (CJS), patched below
//   bridge.cjs                js/bridge.js turned into CommonJS
//   index.cjs index.mjs web.js  generated here from the export list
//   node.mjs browser.js workerd.js load-wasm.cjs index.d.ts web.d.ts ...  from pkg-template/
//
// The export list has one source: the functions and classes the wasm
// exports (the `#[wasm_bindgen]` items in src/wasm.rs, read from the glue)
// plus the public names of js/bridge.js listed in BRIDGE_PUBLIC. Adding a
// `#[wasm_bindgen] pub fn` adds it to every entry; only index.d.ts needs a
// hand-written declaration (tests/packaging checks the two agree).
import { readFileSync, writeFileSync, readdirSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

/** Names js/bridge.js exports for users (the rest are glue helpers). */
const BRIDGE_PUBLIC = ["ProfileError", "SafeString", "Template"];
/** wasm exports only js/bridge.js uses (the Template class's program cache, the
 *  lazy profile of a session preview): not exported. */
const WASM_INTERNAL = [
  "PreviewProfile", "templateCompile", "templateReadPaths", "templateRender", "templateVariables", "templateMissing", "templateFree",
];

const root = new URL("..", import.meta.url).pathname;
const bindgen = join(root, "target", "bindgen");
const pkg = join(root, "pkg");
const template = join(root, "pkg-template");
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const field = (name) => new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, "m").exec(cargo)[1];

/** `text` with `from` replaced once; the build fails if wasm-bindgen's output changed shape. */
function patch(text, from, to, what) {
  const at = typeof from === "string" ? text.indexOf(from) : text.search(from);
  if (at < 0) throw new Error(`package.mjs: cannot patch ${what}: pattern ${from} not found (wasm-bindgen output changed?)`);
  return text.replace(from, to);
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);

// --- the ESM glue (web target) and its bridge, imported as ./bridge.js
const snippet = (dir) => {
  const snippets = join(dir, "snippets");
  const name = readdirSync(snippets)[0];
  return { rel: `./snippets/${name}/js/bridge.js`, file: join(snippets, name, "js", "bridge.js") };
};
const web = snippet(join(bindgen, "web"));
let webGlue = readFileSync(join(bindgen, "web", "profile_preview.js"), "utf8");
webGlue = patch(webGlue, `from '${web.rel}'`, `from './bridge.js'`, "the web glue's bridge import");
// Imports wasm-bindgen calls without a shim (e.g. resetHelperState) come
// through a namespace import of the same snippet, when there are any.
webGlue = webGlue.replaceAll(`from "${web.rel}"`, `from "./bridge.js"`);
writeFileSync(join(pkg, "profile_preview.js"), webGlue);
const bridge = readFileSync(web.file, "utf8");
writeFileSync(join(pkg, "bridge.js"), bridge);
copyFileSync(join(bindgen, "web", "profile_preview_bg.wasm"), join(pkg, "profile_preview_bg.wasm"));

// --- the CommonJS glue (nodejs target): a static require of the bridge and
// the wasm read through load-wasm.cjs (one shared file, clear error if absent)
// instead of `require(String.raw`…`)` and `${__dirname}/…`, which bundlers
// cannot follow.
const node = snippet(join(bindgen, "nodejs"));
let nodeGlue = readFileSync(join(bindgen, "nodejs", "profile_preview.js"), "utf8");
nodeGlue = patch(nodeGlue, `require(String.raw\`${node.rel}\`)`, `require("./bridge.cjs")`, "the node glue's bridge require");
nodeGlue = nodeGlue.replaceAll(`require("${node.rel}")`, `require("./bridge.cjs")`);
nodeGlue = patch(
  nodeGlue,
  /const wasmPath = `\$\{__dirname\}\/profile_preview_bg\.wasm`;\nconst wasmBytes = require\('fs'\)\.readFileSync\(wasmPath\);/,
  `const wasmBytes = require("./load-wasm.cjs")();`,
  "the node glue's wasm read",
);
writeFileSync(join(pkg, "profile_preview.cjs"), nodeGlue);

// js/bridge.js as CommonJS: drop `export` from its top-level declarations
// and list them in module.exports.
const declared = [...bridge.matchAll(/^export (?:class|function|const|let) (\w+)/gm)].map((m) => m[1]);
const bridgeCjs = `"use strict";\n${bridge.replace(/^export (class|function|const|let) /gm, "$1 ")}\nmodule.exports = { ${declared.join(", ")} };\n`;
if (/^\s*(import|export)\b/m.test(bridgeCjs)) throw new Error("package.mjs: js/bridge.js has an import/export form bridge.cjs cannot convert");
writeFileSync(join(pkg, "bridge.cjs"), bridgeCjs);

// --- the export list
const wasmNames = [...webGlue.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
const nodeNames = [...nodeGlue.matchAll(/^exports\.(\w+) = /gm)].map((m) => m[1]);
if (wasmNames.join() !== nodeNames.join()) {
  throw new Error(`package.mjs: web and nodejs glue export different names:\n  ${wasmNames}\n  ${nodeNames}`);
}
for (const name of BRIDGE_PUBLIC) {
  if (!declared.includes(name)) throw new Error(`package.mjs: js/bridge.js does not export ${name}`);
}
const names = [...wasmNames.filter((n) => !WASM_INTERNAL.includes(n)), ...BRIDGE_PUBLIC].sort();
const list = (indent) => names.map((n) => `${indent}${n},`).join("\n");
const header = "// Generated by scripts/package.mjs from the wasm's exports and js/bridge.js; do not edit.\n";

// Node, require: the CommonJS glue instantiates the wasm synchronously.
writeFileSync(
  join(pkg, "index.cjs"),
  `${header}// Node, CommonJS: the wasm is compiled and instantiated synchronously on require.
"use strict";
const wasm = require("./profile_preview.cjs");
const bridge = require("./bridge.cjs");

bridge.installTemplateApi(wasm);

module.exports = {
${names.map((n) => `  ${n}: ${BRIDGE_PUBLIC.includes(n) ? "bridge" : "wasm"}.${n},`).join("\n")}
};
`,
);

// Node, import: a thin wrapper over the CommonJS build, so `import` and
// `require` in one process share one wasm instance and one ProfileError
// class (no dual-package hazard for `instanceof`).
writeFileSync(
  join(pkg, "index.mjs"),
  `${header}// Node, ES modules: the CommonJS build re-exported, so import and require share
// one wasm instance and one ProfileError class.
import api from "./index.cjs";

export const {
${list("  ")}
} = api;
`,
);

// The explicit-init ESM entry. Each export is a live binding: a stub until
// init()/initSync() has run (calling it throws a ProfileError that says so),
// then the wasm function itself (no per-call cost). A stub taken before init
// forwards once the wasm is ready.
const wasmOnly = names.filter((n) => !BRIDGE_PUBLIC.includes(n));
writeFileSync(
  join(pkg, "web.js"),
  `${header}// Any ESM host with fetch (browsers, Deno, bundlers): \`await init()\` once
// before use. init(input?) takes a URL, Response, bytes or WebAssembly.Module;
// by default it fetches profile_preview_bg.wasm next to profile_preview.js.
import initGlue, { initSync as initGlueSync } from "./profile_preview.js";
import * as wasm from "./profile_preview.js";
import { ${BRIDGE_PUBLIC.join(", ")}, installTemplateApi } from "./bridge.js";

export { ${BRIDGE_PUBLIC.join(", ")} };

let ready = false;

function notReady(name) {
  const message = \`profile-preview: \${name} was used before the wasm was loaded; await init() (from "profile-preview/web") once first, or import "profile-preview", which is ready on import\`;
  const body = { type: "usage_error", code: "not_initialized", message };
  return new ProfileError({ status: 500, ...body, body });
}

function stub(name) {
  return function (...args) {
    if (!ready) throw notReady(name);
    return new.target ? new wasm[name](...args) : wasm[name](...args);
  };
}

${wasmOnly.map((n) => `export let ${n} = stub("${n}");`).join("\n")}

function bind() {
${wasmOnly.map((n) => `  ${n} = wasm.${n};`).join("\n")}
  installTemplateApi(wasm);
  ready = true;
}

/** Load and instantiate the wasm once; later calls return at once. */
export default async function init(input) {
  await initGlue(input === undefined ? undefined : { module_or_path: input });
  bind();
}

/** Instantiate synchronously from \`{ module }\`: the wasm bytes or a compiled WebAssembly.Module. */
export function initSync(options) {
  initGlueSync(options);
  bind();
}
`,
);

// --- hand-written files, with the version and repository filled in
const repository = field("repository");
for (const name of readdirSync(template)) {
  const text = readFileSync(join(template, name), "utf8")
    .replaceAll("__VERSION__", field("version"))
    .replaceAll("__REPOSITORY__", repository);
  writeFileSync(join(pkg, name), text);
}
// Types for `require` (node16/nodenext): the same declarations in a .d.cts,
// so TypeScript sees a CommonJS module there instead of ESM types.
copyFileSync(join(pkg, "index.d.ts"), join(pkg, "index.d.cts"));

const wasmBytes = readFileSync(join(pkg, "profile_preview_bg.wasm"));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wasm size: ${kb(wasmBytes.length)} raw, ${kb(gzipSync(wasmBytes, { level: 9 }).length)} gzip (${wasmBytes.length} bytes)`);

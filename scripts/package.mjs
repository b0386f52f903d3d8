// Assemble pkg/ from the wasm-bindgen outputs and pkg-template/: fill in the
// bridge snippet path and version, make the Node build CommonJS, and print
// the wasm size (raw and gzip).
import { readFileSync, writeFileSync, readdirSync, copyFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const template = join(root, "pkg-template");

const snippetDir = readdirSync(join(pkg, "web", "snippets"))[0];
const bridge = `snippets/${snippetDir}/js/bridge.js`;
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];

for (const name of readdirSync(template)) {
  let text = readFileSync(join(template, name), "utf8");
  text = text.replaceAll("__BRIDGE__", bridge).replaceAll("__VERSION__", version);
  writeFileSync(join(pkg, name), text);
}
const readme = join(template, "README.md");
if (!existsSync(readme) && existsSync(join(root, "README.md"))) copyFileSync(join(root, "README.md"), join(pkg, "README.md"));

// The nodejs target is CommonJS but the bridge snippet is an ES module;
// rewrite that one file to CommonJS and mark the folder as CommonJS (the
// package root is "type": "module").
const nodeBridge = join(pkg, "node", bridge);
const source = readFileSync(nodeBridge, "utf8");
const names = [...source.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
writeFileSync(
  nodeBridge,
  `"use strict";\n${source.replace(/^export (class|function) /gm, "$1 ")}\nmodule.exports = { ${names.join(", ")} };\n`,
);
writeFileSync(join(pkg, "node", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");

const wasm = readFileSync(join(pkg, "web", "profile_preview_bg.wasm"));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wasm size: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip (${wasm.length} bytes)`);

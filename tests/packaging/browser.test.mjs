// Rows loaded in headless Chromium: webpack 5 (target web), esbuild
// (browser; ESM format + the wasm copied, and IIFE with the /web entry and
// esbuild's file loader), Vite 8 build, and a plain HTML page with an
// import map (no bundler). Each page must show EXPECTED with no console
// error and no failed request.
import { test, before, after } from "node:test";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import { project, tools, serve, launchBrowser, assertPage, html, ESM_APP, APP_BODY, APP_IMPORTS } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Serve `dir` and check `page` (relative URL) in Chromium. */
async function check(dir, page) {
  const server = await serve(dir);
  try {
    await assertPage(browser, server.url + page);
  } finally {
    server.close();
  }
}

test("webpack 5, target web: no configuration", async () => {
  const { default: webpack } = await import(join(tools, "webpack", "lib", "index.js"));
  const dir = await project("webpack-web", { "src/app.js": ESM_APP, "dist/index.html": html("main.js") });
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: dir, entry: "./src/app.js", target: "web", output: { path: join(dir, "dist") } }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString({ colors: false }));
  await check(join(dir, "dist"), "index.html");
});

test("esbuild browser, --format=esm + the wasm copied next to the bundle (README)", async () => {
  const { build } = await import(join(tools, "esbuild", "lib", "main.js"));
  const dir = await project("esbuild-web-esm", { "src/app.js": ESM_APP, "dist/index.html": html("app.js") });
  const result = await build({ absWorkingDir: dir, entryPoints: ["src/app.js"], bundle: true, format: "esm", outdir: "dist", logLevel: "silent" });
  assert.deepEqual([...result.errors, ...result.warnings], []);
  copyFileSync(join(dir, "node_modules", "profile-preview", "profile_preview_bg.wasm"), join(dir, "dist", "profile_preview_bg.wasm"));
  await check(join(dir, "dist"), "index.html");
});

test("esbuild browser, default (iife) format: profile-preview/web + --loader:.wasm=file (README)", async () => {
  const { build } = await import(join(tools, "esbuild", "lib", "main.js"));
  const app = `import init, ${APP_IMPORTS} from "profile-preview/web";
import wasmUrl from "profile-preview/profile_preview_bg.wasm";
${APP_BODY}
init(wasmUrl).then(() => { document.body.dataset.result = JSON.stringify(out()); });
`;
  const dir = await project("esbuild-web-iife", { "src/app.js": app, "dist/index.html": html("app.js").replace(' type="module"', "") });
  const result = await build({ absWorkingDir: dir, entryPoints: ["src/app.js"], bundle: true, outdir: "dist", loader: { ".wasm": "file" }, logLevel: "silent" });
  assert.deepEqual([...result.errors, ...result.warnings], []);
  assert.ok(readdirSync(join(dir, "dist")).some((f) => f.endsWith(".wasm")), "esbuild emitted the wasm");
  await check(join(dir, "dist"), "index.html");
});

test("Vite 8 build: no configuration", async () => {
  const { build } = await import(join(tools, "vite", "dist", "node", "index.js"));
  const dir = await project("vite8-build", { "index.html": html("/src/app.js"), "src/app.js": ESM_APP }, { type: "module" });
  await build({ root: dir, configFile: false, logLevel: "silent" });
  await check(join(dir, "dist"), "index.html");
});

test("plain HTML + import map, no bundler", async () => {
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>
<script type="importmap">{ "imports": { "profile-preview": "./node_modules/profile-preview/browser.js" } }</script></head>
<body><script type="module" src="app.js"></script></body></html>\n`;
  const dir = await project("importmap", { "index.html": page, "app.js": ESM_APP });
  await check(dir, "index.html");
});

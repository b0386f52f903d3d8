// Rows: Vite dev servers serving an app that imports the package, loaded in
// headless Chromium, with no configuration. (Vite 7's dependency
// pre-bundling moves the code away from the wasm; browser.js finds the
// installed copy, and the README's optimizeDeps.exclude line covers layouts
// where it cannot.)
import { test, before, after } from "node:test";
import { join } from "node:path";
import { project, tools, launchBrowser, assertPage, html, ESM_APP } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function devServer(vite, name, config = {}) {
  const { createServer } = await import(join(tools, vite, "dist", "node", "index.js"));
  const dir = await project(name, { "index.html": html("/src/app.js"), "src/app.js": ESM_APP }, { type: "module" });
  const server = await createServer({ root: dir, configFile: false, logLevel: "silent", server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false }, ...config });
  await server.listen();
  const { port } = server.httpServer.address();
  try {
    await assertPage(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await server.close();
  }
}

test("Vite 8 dev: no configuration", () => devServer("vite", "vite8-dev"));

test("Vite 7 dev: no configuration", () => devServer("vite7", "vite7-dev"));

test("Vite 7 dev: optimizeDeps.exclude (README, hoisted node_modules)", () =>
  devServer("vite7", "vite7-dev-exclude", { optimizeDeps: { exclude: ["profile-preview"] } }));

// Shared by the packaging tests: the `npm pack` tarball and the pinned tools
// (both prepared once per run by prepare.mjs), a fresh temp project per row
// with the tarball installed as a user would, a static server, Chromium.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import assert from "node:assert/strict";

export const root = fileURLToPath(new URL("../..", import.meta.url));
/** Where prepare.mjs puts the tarball and installs the tools (gitignored). */
export const work = join(root, "target", "packaging");
export const toolsDir = join(work, "tools");
export const tools = join(toolsDir, "node_modules");
/** A binary of the tools cache (or of the repo's own dev tools: wrangler). */
export const bin = (name) => (existsSync(join(tools, ".bin", name)) ? join(tools, ".bin", name) : join(root, "node_modules", ".bin", name));

/** The tarball prepare.mjs packed (PP_TARBALL=… tests another one, e.g. an older release). */
export function tarball() {
  const path = process.env.PP_TARBALL || readFileSync(join(work, "tarball.txt"), "utf8").trim();
  assert.ok(existsSync(path), `${path} missing: run node tests/packaging/prepare.mjs first`);
  return path;
}

const run = promisify(execFile);

/** Run a command; resolves {stdout, stderr}, rejects with both in the message. */
export async function sh(cmd, args, opts = {}) {
  try {
    return await run(cmd, args, { maxBuffer: 64 << 20, timeout: 180_000, ...opts, env: { ...process.env, ...opts.env } });
  } catch (e) {
    e.message = `${cmd} ${args.join(" ")} failed (${e.code}):\n${e.stdout}\n${e.stderr}`;
    throw e;
  }
}

const temps = [];
process.on("exit", () => {
  if (process.env.KEEP_PACKAGING_PROJECTS) return;
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh project in a temp dir: `files` (path -> text) written, then the
 * tarball installed with npm (shared npm cache, no network needed once cached).
 */
export async function project(name, files, manifest = {}) {
  const dir = mkdtempSync(join(tmpdir(), `pp-${name}-`));
  temps.push(dir);
  const all = {
    "package.json": JSON.stringify({ name: `pp-${name}`, private: true, version: "1.0.0", ...manifest }, null, 2),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  await sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock", tarball()], { cwd: dir });
  return dir;
}

/**
 * The app every row runs: the three kinds of call (template, profile preview,
 * error) through the package's root entry. `EXPECTED` is its result.
 */
export const APP_BODY = `
function out() {
  let error;
  try {
    applyPatch({}, [{ op: "remove", path: "/x" }]);
  } catch (e) {
    error = [e instanceof ProfileError, e.code, e.status];
  }
  return {
    render: render("Hi {{profile.name}}, <<data.n>>", { profile: { name: "Ada" }, data: { n: 2 } }),
    profile: preview({ platform: "courier", method: "POST", stored: { a: 1 }, body: { profile: { b: 2 } } }).profile,
    template: new Template("{{x}}").render({ x: "<b>" }),
    error,
  };
}`;
export const APP_IMPORTS = `{ render, preview, applyPatch, Template, ProfileError }`;
/** An ES module app printing (Node) or publishing (browser: body[data-result]) the result. */
export const ESM_APP = `import ${APP_IMPORTS} from "profile-preview";\n${APP_BODY}\nconst result = JSON.stringify(out());\n` +
  `if (typeof document === "object") document.body.dataset.result = result; else console.log(result);\n`;
export const CJS_APP = `const ${APP_IMPORTS} = require("profile-preview");\n${APP_BODY}\nconsole.log(JSON.stringify(out()));\n`;
export const EXPECTED = {
  render: "Hi Ada, 2",
  profile: { a: 1, b: 2 },
  template: "&lt;b&gt;",
  error: [true, "path_not_found", 400],
};

/** Parse the app's printed result (last line of stdout) and compare. */
export function assertResult(stdout) {
  const lines = stdout.trim().split("\n");
  assert.deepEqual(JSON.parse(lines[lines.length - 1]), EXPECTED);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

/** Serve `dir` statically on 127.0.0.1 (unknown paths are 404). */
export async function serve(dir) {
  const server = createServer((req, res) => {
    const path = resolve(dir, "." + decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    if (!file.startsWith(resolve(dir)) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Headless Debian chromium (flags from TOOLCHAIN.md). */
export async function launchBrowser() {
  const { chromium } = await import(join(root, "node_modules", "playwright-core", "index.mjs"));
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Open `url` in a fresh context, wait for body[data-result], compare it with
 * EXPECTED, and fail on any console error or failed request.
 */
export async function assertPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => (m.type() === "error" || process.env.PP_SHOW_CONSOLE) && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  try {
    await page.goto(url);
    await page.waitForSelector("body[data-result]", { state: "attached", timeout: 20_000 }).catch((e) => {
      throw new Error(`${url}: no result (${problems.join("; ") || e.message})`);
    });
    const result = JSON.parse(await page.getAttribute("body", "data-result"));
    assert.deepEqual(problems, []);
    assert.deepEqual(result, EXPECTED);
  } finally {
    await context.close();
  }
}

/** An HTML page loading `script` as a module. */
export const html = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head>` +
  `<body><script type="module" src="${script}"></script></body></html>\n`;

/** Start a long-running command in its own process group; stop() kills the group. */
export function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, env: { ...process.env, ...opts.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return {
    child,
    output: () => output,
    stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** Poll `url` until it answers (any status) or `ms` passes. */
export async function waitForUrl(url, ms, proc) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fetch(url);
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not answer in ${ms} ms: ${e.message}\n${proc?.output() ?? ""}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

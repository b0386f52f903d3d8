// The preview page in headless Chromium, served on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, launchBrowser } from "./server.mjs";

let site, browser, page;
const consoleErrors = [];

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(site.url);
});

after(async () => {
  await browser?.close();
  site?.close();
});

test("the page loads the wasm and shows a preview", async () => {
  await page.waitForFunction(() => document.getElementById("out").textContent.includes("profile"));
  const out = JSON.parse(await page.textContent("#out"));
  assert.deepEqual(out.profile, { name: "Ada", email: "ada@example.com" });
  assert.deepEqual(consoleErrors, []);
});

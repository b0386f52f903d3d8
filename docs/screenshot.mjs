// Save docs/screenshot.png: the preview page with its sample data (Courier
// POST: added, changed and removed fields, and the rendered template).
// Run after `bash scripts/build.sh`: node docs/screenshot.mjs
import { fileURLToPath } from "node:url";
import { startSite, launchBrowser } from "../tests/e2e/server.mjs";

const out = fileURLToPath(new URL("./screenshot.png", import.meta.url));
const site = await startSite();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(site.url);
  await page.waitForSelector("body[data-ready]", { timeout: 15000 });
  await page.frameLocator("#output-frame").locator("h2").waitFor();
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  site.close();
}

// Browsers and bundlers importing the package root: ready on import (the
// top-level await fetches and instantiates profile_preview_bg.wasm, located
// with `new URL(..., import.meta.url)` in profile_preview.js, once).
import init, { ProfileError } from "./web.js";

// Vite dev servers pre-bundle dependencies into node_modules/.vite/deps/;
// Vite 7 and older copy this code there without the wasm (the default URL
// then answers the HTML page). In the default layout the installed package
// sits next to .vite, so its wasm is loaded from there.
const PREBUNDLED = /\/node_modules\/\.vite\/deps\/[^/?#]*([?#].*)?$/;

if (PREBUNDLED.test(import.meta.url)) await initPrebundled();
else await init();

export * from "./web.js";

async function initPrebundled() {
  try {
    return await init(import.meta.url.replace(PREBUNDLED, "/node_modules/profile-preview/profile_preview_bg.wasm"));
  } catch {
    // not the default layout (e.g. a hoisted monorepo): try the bundler's own URL
  }
  try {
    return await init();
  } catch {
    const message =
      "profile-preview: the Vite dev server pre-bundled this package away from its wasm; " +
      'add optimizeDeps: { exclude: ["profile-preview"] } to vite.config (Vite 7 and older, when node_modules is not next to the app)';
    const body = { type: "usage_error", code: "wasm_not_found", message };
    throw new ProfileError({ status: 500, ...body, body });
  }
}

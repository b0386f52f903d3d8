// Browsers and bundlers importing the package root: ready on import (the
// top-level await fetches and instantiates profile_preview_bg.wasm, located
// with `new URL(..., import.meta.url)` in profile_preview.js, once).
import init from "./web.js";

await init();

export * from "./web.js";

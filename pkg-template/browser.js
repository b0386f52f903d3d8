// Bundlers and browsers importing the package root: ready on import
// (top-level await fetches and instantiates the wasm once).
import init from "./web.js";

await init();

export * from "./web.js";

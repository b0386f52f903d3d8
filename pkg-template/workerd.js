// Cloudflare Workers (workerd): the runtime forbids compiling wasm from bytes
// and `new Function`, so the wasm is imported as a compiled module and
// instantiated synchronously at load.
import wasm from "./web/profile_preview_bg.wasm";
import { initSync } from "./web/profile_preview.js";

initSync({ module: wasm });

export * from "./web.js";

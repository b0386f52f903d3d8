// Bundlers building for Node (the "module" condition under "node": webpack,
// esbuild, Rollup; Node itself never picks this file). ESM, so the wasm is
// located with `new URL(..., import.meta.url)`, which webpack and Rollup
// follow and emit; read synchronously, so the package is ready on import.
import { readFileSync } from "fs";
import { initSync, ProfileError } from "./web.js";

initSync({ module: read() });

export * from "./web.js";

function read() {
  let where;
  try {
    where = new URL("./profile_preview_bg.wasm", import.meta.url);
  } catch {
    // esbuild --format=cjs leaves import.meta empty: look next to the bundle.
    where = (typeof __dirname === "string" ? __dirname + "/" : "") + "profile_preview_bg.wasm";
  }
  try {
    return readFileSync(where);
  } catch (cause) {
    const message =
      `profile-preview: cannot read ${where} (${cause.code || cause.message}). ` +
      "This bundler did not emit the wasm: copy node_modules/profile-preview/profile_preview_bg.wasm next to the bundle, " +
      "or keep the package external (esbuild --packages=external); see the package README.";
    const body = { type: "usage_error", code: "wasm_not_found", message };
    throw new ProfileError({ status: 500, ...body, body });
  }
}

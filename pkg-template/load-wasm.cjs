// The bytes of profile_preview_bg.wasm, the one wasm every entry shares, for
// the CommonJS glue (profile_preview.cjs). Read next to this file, which is
// also next to the bundle when a bundler concatenated this file into one.
"use strict";
const { readFileSync } = require("fs");
const { join } = require("path");

module.exports = function wasmBytes() {
  const where = join(__dirname, "profile_preview_bg.wasm");
  try {
    return readFileSync(where);
  } catch (cause) {
    const { ProfileError } = require("./bridge.cjs");
    const message =
      `profile-preview: cannot read ${where} (${cause.code || cause.message}). ` +
      "A bundler moved this code without the wasm: copy node_modules/profile-preview/profile_preview_bg.wasm next to the bundle, " +
      "or keep the package external; see the package README.";
    const body = { type: "usage_error", code: "wasm_not_found", message };
    throw new ProfileError({ status: 500, ...body, body });
  }
};

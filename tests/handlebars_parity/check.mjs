// Dev-only parity check: every case of tests/cases/template/handlebars_*.json
// that is marked `"parity": true` (all handlebars_spec_* files are) runs
// through Handlebars.js 4.7 (the `handlebars` devDependency) and must give
// the same output, or throw where the case expects an error, so the
// expectations cannot drift from the reference implementation.
//
// Run: node tests/handlebars_parity/check.mjs   (exit status 1 on a mismatch)
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Handlebars = require("handlebars");
const dir = new URL("../cases/template/", import.meta.url);

/** Render one case with Handlebars.js: {output} or {error}. */
export function runHandlebars(c) {
  const hb = Handlebars.create();
  hb.log = () => {}; // {{log}} cases: keep the output quiet
  const opts = c.options ?? {};
  const compileOptions = { ...(c.hbsCompileOptions ?? {}) };
  if (opts.escape === "none") compileOptions.noEscape = true;
  if (opts.compat) compileOptions.compat = true;
  if (opts.explicitPartialContext) compileOptions.explicitPartialContext = true;
  for (const k of ["preventIndent", "ignoreStandalone", "assumeObjects"]) if (opts[k]) compileOptions[k] = true;
  try {
    const template = hb.compile(c.template, compileOptions);
    const output = template(c.context ?? {}, { partials: opts.partials ?? {} });
    return { output };
  } catch (e) {
    return { error: String(e && e.message) };
  }
}

export function caseFiles() {
  return readdirSync(dir)
    .filter((f) => /^handlebars_.*\.json$/.test(f))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8"))]);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  let checked = 0;
  let skipped = 0;
  const fails = [];
  for (const [file, cases] of caseFiles()) {
    const all = file.startsWith("handlebars_spec_");
    for (const [i, c] of (Array.isArray(cases) ? cases : [cases]).entries()) {
      if (!(all || c.parity)) continue;
      if (c.skip) {
        skipped++;
        continue;
      }
      checked++;
      const got = runHandlebars(c);
      const label = `${file} #${i} ${JSON.stringify(c.name)}`;
      if (c.error) {
        if (got.error === undefined) fails.push(`${label}: Handlebars.js rendered ${JSON.stringify(got.output)}, the case expects an error`);
        else if (c.hbsError && !got.error.includes(c.hbsError)) fails.push(`${label}: Handlebars.js error ${JSON.stringify(got.error)} lacks ${JSON.stringify(c.hbsError)}`);
      } else if (got.error !== undefined) {
        fails.push(`${label}: Handlebars.js threw ${JSON.stringify(got.error)}, the case expects ${JSON.stringify(c.output)}`);
      } else if (got.output !== c.output) {
        fails.push(`${label}:\n  handlebars.js: ${JSON.stringify(got.output)}\n  case:          ${JSON.stringify(c.output)}`);
      }
    }
  }
  console.log(`handlebars parity: ${checked} cases checked against Handlebars.js ${Handlebars.VERSION}, ${skipped} skipped, ${fails.length} mismatches`);
  for (const f of fails) console.log(f);
  process.exit(fails.length ? 1 : 0);
}

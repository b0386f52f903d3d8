// Benchmarks against the JS libraries users would otherwise use. Prints a
// table; numbers are per operation, median of several timed rounds.
//   node bench/run.mjs            (after bash scripts/build.sh)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const pp = require("../pkg/index.cjs");
const Handlebars = require("handlebars");
const lodashMerge = require("lodash.merge");
const jsonpatch = require("fast-json-patch");

// Batch size so one batch of `fn` takes ~minMs/10.
function batchFor(fn, minMs = 300) {
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t > minMs / 10) return batch;
    batch *= 2;
  }
}

function timeBatch(fn, batch) {
  const t = performance.now();
  for (let i = 0; i < batch; i++) fn();
  return ((performance.now() - t) * 1000) / batch;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const rows = [];
// Rounds of ours and the baseline alternate, so a slow moment of the
// machine hits both sides; the table shows the medians of 9 rounds.
function compare(task, oursName, ours, theirsName, theirs, target) {
  const bo = batchFor(ours);
  const bt = batchFor(theirs);
  const a = [];
  const b = [];
  for (let r = 0; r < 9; r++) {
    a.push(timeBatch(ours, bo));
    b.push(timeBatch(theirs, bt));
  }
  const ma = median(a);
  const mb = median(b);
  rows.push({ task, ours: oursName, "µs/op": ma.toFixed(2), baseline: theirsName, "baseline µs/op": mb.toFixed(2), speedup: `${(mb / ma).toFixed(1)}×`, target });
}

// --- templates -----------------------------------------------------------
const source = readFileSync(new URL("./order-confirmation.hbs", import.meta.url), "utf8");
const ctx = {
  profile: { first_name: "Ada", email: "ada@example.com", email_verified: false, vip: true, tier: "Gold",
    address: { line1: "1 Rue de Rivoli", city: "Paris", postal_code: "75001", country: "FR" } },
  data: {
    order: {
      id: "A-10023", placed_at: "2026-11-22", currency: "EUR", points: 120, subtotal: "212.00", shipping: "4.90", total: "216.90",
      items: Array.from({ length: 10 }, (_, i) => ({ name: `Item <${i}> & co`, variant: i % 2 ? "blue" : "", qty: i + 1, price: (9.5 * (i + 1)).toFixed(2) })),
    },
    unsubscribe_url: "https://example.com/u?x=1&y=2",
  },
  tenant: { support_phone: "+1 555 0100", address: "1 Main St" },
  brand: { name: "Acme", logo_url: "https://example.com/logo.png" },
};
let templateNote = "";
try {
  const ours = new pp.Template(source).render(ctx);
  const theirs = Handlebars.compile(source)(ctx);
  templateNote = ours === theirs ? "outputs identical" : "OUTPUTS DIFFER";
  const compiled = new pp.Template(source);
  const hbCompiled = Handlebars.compile(source);
  hbCompiled(ctx);
  compare(`template ${source.length} B: compile + render`, "new Template(src).render(ctx)",
    () => { const t = new pp.Template(source); t.render(ctx); t.free(); },
    "Handlebars.compile(src)(ctx)", () => Handlebars.compile(source)(ctx), "≥ 20×");
  compare("template: render a compiled template", "t.render(ctx)", () => compiled.render(ctx),
    "precompiled hb(ctx)", () => hbCompiled(ctx), "≥ 1×");
} catch (e) {
  templateNote = `template bench skipped: ${e.code ?? e.message}`;
}

// --- profile preview -----------------------------------------------------
const stored = {};
for (let i = 0; i < 90; i++) stored[`field_${i}`] = i % 3 === 0 ? { nested: i, tags: [i, i + 1] } : `value ${i}`;
const update = {};
for (let i = 0; i < 90; i += 4) update[`field_${i}`] = i % 8 === 0 ? null : `new ${i}`;
update.extra = { a: 1 };
compare("preview 90-field profile (merge + diff)", "preview({courier, POST})",
  () => pp.preview({ platform: "courier", method: "POST", stored, body: { profile: update }, now: "2026-01-01T00:00:00Z" }),
  "lodash.merge + jsonpatch.compare", () => {
    const merged = lodashMerge(structuredClone(stored), update);
    for (const k of Object.keys(update)) if (update[k] === null) delete merged[k];
    jsonpatch.compare(stored, merged);
  }, "> 1×");
const ops = Array.from({ length: 20 }, (_, i) => ({ op: "replace", path: `/field_${i * 4 + 1}`, value: i }));
compare("JSON Patch, 20 ops on the profile", "applyPatch", () => pp.applyPatch(stored, ops),
  "jsonpatch.applyPatch (clone)", () => jsonpatch.applyPatch(stored, ops, true, false), "—");

console.table(rows);
console.log(templateNote);
const wasm = readFileSync(new URL("../pkg/profile_preview_bg.wasm", import.meta.url));
console.log(`wasm: ${(wasm.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(wasm).length / 1024).toFixed(1)} KiB gzip (budget 150 / 60)`);

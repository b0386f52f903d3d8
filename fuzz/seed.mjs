// Writes seed inputs for each fuzz target into fuzz/corpus/<target>/ from
// the data cases in tests/cases (run by fuzz/seed.sh and scripts/fuzz.sh).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const cases = path.join(root, "tests/cases");
const corpus = path.join(root, "fuzz/corpus");
const seeds = { template_fixed_ctx: [], template_json_ctx: [], json_reader: [], patch: [], preview: [], preview_http: [], request_text: [] };

function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".json")) file(p);
  }
}

function file(p) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(p, "utf8"));
  } catch {
    return;
  }
  const list = Array.isArray(data) ? data : Array.isArray(data.cases) ? data.cases : [data];
  for (const c of list) {
    if (!c || typeof c !== "object") continue;
    const text = JSON.stringify(c);
    seeds.json_reader.push(Buffer.from(text));
    if (typeof c.template === "string") {
      const sel = Buffer.from([crypto.createHash("md5").update(c.template).digest()[0]]);
      seeds.template_fixed_ctx.push(Buffer.concat([sel, Buffer.from(c.template)]));
      seeds.template_json_ctx.push(Buffer.from(c.template + "\0" + JSON.stringify(c.context ?? c.data ?? {})));
    }
    if ("doc" in c) seeds.patch.push(Buffer.from(JSON.stringify([c.doc, c.patch ?? [], c.expected ?? c.after ?? null])));
    if ("before" in c || "after" in c) seeds.patch.push(Buffer.from(JSON.stringify([c.before ?? null, [], c.after ?? null])));
    if (typeof c.text === "string") seeds.request_text.push(Buffer.from(c.text));
    if (typeof c.url === "string") {
      const body = c.body === undefined ? "" : typeof c.body === "string" ? c.body : JSON.stringify(c.body);
      seeds.preview_http.push(Buffer.from(`${c.method ?? "POST"}\n${c.url}\n${body}`));
    }
    if ("stored" in c || "body" in c) {
      const req = {};
      for (const k of ["stored", "body", "userId", "now", "query"]) if (k in c) req[k] = c[k];
      seeds.preview.push(Buffer.from(JSON.stringify(req)));
    }
  }
}

walk(cases);
let total = 0;
for (const [target, list] of Object.entries(seeds)) {
  const dir = path.join(corpus, target);
  fs.mkdirSync(dir, { recursive: true });
  for (const buf of list) {
    const name = crypto.createHash("sha1").update(buf).digest("hex");
    fs.writeFileSync(path.join(dir, name), buf);
  }
  total += list.length;
  console.log(`${target}: ${list.length} seeds`);
}
console.log(`${total} seeds in ${corpus}`);

// Compile-only check of the published types (tsc --strict): the API is
// typed (no `any`), and misuse is a type error (@ts-expect-error lines).
import {
  mergeDeep, applyPatch, applyMergePatch, diff, preview, previewHttp, previewJson, parseRequest, validate, recipient,
  parseIdentifierQuery, render, Template, ProfileError,
  type Json, type Preview, type HttpPreview, type Platform, type Change, type TemplateVariable,
} from "profile-preview";
import init, { initSync } from "profile-preview/web";

const merged: Json = mergeDeep({ a: 1 }, { b: null });
const patched: Json = applyPatch(merged, [{ op: "add", path: "/c", value: [1, "x", null] }]);
const mp: Json = applyMergePatch(patched, { c: null });
const changes: Change[] = diff(merged, mp);
const ops: Array<"add" | "remove" | "replace"> = changes.map((c) => c.op);
const p: Preview = preview({ platform: "courier", method: "PUT", stored: null, body: { profile: {} }, now: "2026-01-01T00:00:00Z" });
const codes: string[] = p.warnings.map((w) => w.code);
const h: HttpPreview = previewHttp({ method: "PUT", url: "https://api.courier.com/users/u1/tokens/t1", body: '{"provider_key":"apn"}', stored: null });
const hp: Platform = h.platform;
const op: string = h.operation;
const hs: number = h.status;
const pr = parseRequest("curl -X PUT https://api.courier.com/profiles/u1 -d '{}'");
const prBody: string | null = pr.body;
const again: HttpPreview = previewHttp({ ...pr, body: pr.body ?? undefined, stored: null });
const asText: string = previewJson(JSON.stringify({ platform: "courier", method: "DELETE" }));
const issues: { path: string; message: string }[] = validate({ platform: "suprsend", method: "PATCH", body: {} });
const who: Json = recipient(null, { email: "a@b.co" });
const q = parseIdentifierQuery("support:customer:email:a@b.co");
const idType: string = q.identifier_type;
const t = new Template("Hi {{profile.name}}", { delimiters: "auto", missing: "keep", escape: "html", dialect: "courier", partials: { x: "y" }, maxOutputBytes: 1024 });
const text: string = t.render({ profile: { name: "Ada" } });
const withData: string = t.render({}, { data: { adjective: "happy" } });
// @ts-expect-error render data must be JSON-like
t.render({}, { data: 5 });
const vars: TemplateVariable[] = t.variables();
const line: number = t.missing({})[0]?.line ?? 0;
t.free();
const once: string = render("<<profile.name>>", { profile: { name: "Ada" } });

try {
  applyPatch({}, []);
} catch (e) {
  if (e instanceof ProfileError) {
    const status: number = e.status;
    const type: string = e.type;
    const col: number | undefined = e.column;
    const body: Json = e.body;
    void [status, type, col, body];
  }
}

async function web(): Promise<void> {
  await init();
  await init(new URL("https://example.invalid/profile_preview_bg.wasm"));
  initSync({ module: new Uint8Array(0) });
}

// @ts-expect-error previewHttp needs a url
previewHttp({ method: "PUT" });
// @ts-expect-error previewJson takes JSON text, not an object
previewJson({ platform: "courier", method: "POST" });
// @ts-expect-error unknown platform
preview({ platform: "mailchimp", method: "POST" });
// @ts-expect-error lower-case method
preview({ platform: "courier", method: "post" });
// @ts-expect-error functions are not JSON
mergeDeep({}, { f: () => 1 });
// @ts-expect-error bad option value
new Template("x", { missing: "ignore" });
// @ts-expect-error render returns a string
const notNumber: number = render("x", {});

void [ops, codes, issues, who, idType, text, vars, line, once, web, notNumber];

const sdt = new Template("{{datetime-format \"now\" \"YYYY\"}}", { dialect: "suprsend" });
const hbt = new Template("{{x}}", { dialect: "handlebars", resolve: "plain" });
void sdt; void hbt;
// @ts-expect-error: not a dialect
new Template("x", { dialect: "jinja" });

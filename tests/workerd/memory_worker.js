// Un-freed Templates in one synchronous loop inside workerd (see
// tests/js/memory.test.mjs): answers {start, peak, ok} in bytes of wasm memory.
import * as hook from "./memory_hook.js";
import { Template, preview } from "../../pkg/workerd.js";

export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n"));
    const start = hook.memory.buffer.byteLength;
    let peak = start;
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const t = new Template(`Hi {{profile.name}} #${i}: {{#each data.items}}<b>{{this}}</b>{{/each}}`);
      if (t.render({ profile: { name: "Ada" }, data: { items: [i] } }) === `Hi Ada #${i}: <b>${i}</b>`) ok++;
      const p = preview({
        platform: "courier", method: "POST", stored: { name: "Ada", n: i },
        body: { profile: { n: i + 1 } }, now: "2026-01-01T00:00:00Z",
      });
      if (p.profile.n !== i + 1) ok--;
      if (i % 1000 === 999) peak = Math.max(peak, hook.memory.buffer.byteLength);
    }
    peak = Math.max(peak, hook.memory.buffer.byteLength);
    return Response.json({ start, peak, ok });
  },
};

// GET /: a short HTML page listing the routes (no profile data, no auth).
import { ROUTE_LIST } from "./routes.js";

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export function indexPage() {
  const rows = ROUTE_LIST.map(
    ([platform, methods, path]) => `<tr><td>${esc(platform)}</td><td>${esc(methods)}</td><td><code>${esc(path)}</code></td></tr>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Profile sandbox</title><link rel="icon" href="data:,">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}td{padding:.2em 1em .2em 0;vertical-align:top}</style>
</head><body>
<h1>Profile sandbox</h1>
<p>The Courier, SuprSend and Zendesk profile endpoints, answered as the platforms document them by
<a href="https://www.npmjs.com/package/profile-preview">profile-preview</a>; each user is stored in its own Durable Object.
Every route needs <code>Authorization: Bearer &lt;SANDBOX_TOKEN&gt;</code>; bodies are limited to 1 MiB.
Paths may be prefixed with <code>/courier</code>, <code>/suprsend</code> or <code>/zendesk</code>.</p>
<table><thead><tr><th>platform</th><th>methods</th><th>path</th></tr></thead><tbody>
${rows}
</tbody></table>
<p><code>POST /preview/render</code> takes <code>{"platform", "user_id" | "identifier", "template" | "templates", "data"}</code>
and renders with the platform's template dialect against the stored profile.</p>
</body></html>
`;
}

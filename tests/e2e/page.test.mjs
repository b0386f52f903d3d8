// The template-preview page in headless Chromium, served on 127.0.0.1.
// Each test gets a fresh browser context (own localStorage).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, launchBrowser } from "./server.mjs";

let site, browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** A fresh context and page at `url`, ready (wasm loaded, first render done). */
async function open(url = site.url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 15000 });
  return { context, page, errors, dialogs };
}

/** Retry `check` until it passes or `ms` runs out. */
async function eventually(check, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const frameBody = (page) => page.frameLocator("#output-frame").locator("body");

async function frameText(page) {
  return (await frameBody(page).textContent()).trim();
}

/** Replace a textarea's content the way a paste does (one input event). */
async function setText(page, selector, text) {
  await page.fill(selector, text);
}

test("loads with samples, renders the template, no console errors", async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.inputValue("#platform"), "courier");
  assert.equal(await page.inputValue("#method"), "POST");
  assert.match(await page.textContent("#result-status"), /^Accepted/);
  await eventually(async () => assert.match(await frameText(page), /Hi Ada Lovelace,/));
  assert.match(await page.textContent("#output-text"), /<h2>Hi Ada Lovelace,<\/h2>/);
  // the sandbox has no allow-scripts
  assert.equal(await page.getAttribute("#output-frame", "sandbox"), "");
  assert.ok((await page.locator("#variables li").count()) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Courier PUT shows the fields it drops struck out", async () => {
  const { context, page } = await open();
  await page.selectOption("#platform", "courier");
  await page.selectOption("#method", "PUT");
  assert.match(await page.inputValue("#body"), /"profile"/);
  assert.match(await page.textContent("#result-status"), /3 removed/);
  for (const path of ["/phone_number", "/locale", "/custom"]) {
    const entry = page.locator(`#profile-view .entry.removed[data-path="${path}"]`);
    assert.equal(await entry.count(), 1, `removed entry ${path}`);
    const deco = await entry.evaluate((e) => getComputedStyle(e).textDecorationLine);
    assert.match(deco, /line-through/);
  }
  // the changed email shows its old value struck out before the new one
  const email = page.locator('#profile-view .entry.changed[data-path="/email"]');
  assert.equal(await email.locator("del.old").textContent(), '"ada@example.com"');
  assert.match(await email.textContent(), /"ada@lovelace\.dev"/);
  // and the warnings list the dropped fields
  assert.match(await page.textContent("#warnings"), /phone_number/);
  await context.close();
});

test("typing a template renders it live in the iframe", async () => {
  const { context, page } = await open();
  await page.fill("#template", "");
  await page.locator("#template").pressSequentially("Hello {{profile.name}} <b>{{data.signoff}}</b>!");
  await eventually(async () => assert.equal(await frameText(page), "Hello Ada Lovelace — The Analytical Engine team!"));
  assert.equal(await frameBody(page).locator("b").count(), 1);
  assert.equal(await page.textContent("#output-text"), "Hello Ada Lovelace <b>— The Analytical Engine team</b>!");
  const vars = await page.locator("#variables .var").allTextContents();
  assert.deepEqual(vars, ["profile.name", "data.signoff"]);
  // a missing variable is flagged
  await page.locator("#template").pressSequentially(" {{profile.nickname}}");
  await eventually(async () => {
    const missing = await page.locator("#variables li.is-missing .var").allTextContents();
    assert.deepEqual(missing, ["profile.nickname"]);
  });
  await context.close();
});

test("an XSS payload in a profile value renders as text and runs nothing", async () => {
  const { context, page, dialogs } = await open();
  const payload = `<img src=x onerror="alert(1);window.parent.__xss=1"><script>alert(2);window.parent.__xss=2</script>`;
  await setText(page, "#stored", JSON.stringify({ name: payload }, null, 2));
  await setText(page, "#body", JSON.stringify({ profile: {} }));
  await setText(page, "#template", `<p id="esc">{{profile.name}}</p><div id="raw">{{{profile.name}}}</div>`);
  const body = frameBody(page);
  await eventually(async () => assert.equal(await body.locator("#esc").textContent(), payload));
  // escaped: the tags are text, no element made from them
  assert.equal(await body.locator("#esc img, #esc script").count(), 0);
  // raw: the markup is there, but inert in the sandbox
  assert.equal(await body.locator("#raw img").count(), 1);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(dialogs, []);
  // the page itself shows the value as text only
  assert.match(await page.textContent("#profile-view"), /onerror/);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator("body script:not([src])").count(), 0);
  assert.match(await page.textContent("#output-text"), /^<p id="esc">&lt;img src/);
  await context.close();
});

test("a syntax error shows line and column and marks the line", async () => {
  const { context, page } = await open();
  await setText(page, "#template", "Hello {{profile.name}}");
  await eventually(async () => assert.equal(await frameText(page), "Hello Ada Lovelace"));

  await setText(page, "#template", "Hello {{profile.name}}\nand {{profile.email");
  const error = page.locator("#template-error");
  await error.waitFor({ state: "visible" });
  const text = await error.textContent();
  const m = /Line (\d+), column (\d+)/.exec(text);
  assert.ok(m, `line/column in ${JSON.stringify(text)}`);
  assert.equal(m[1], "2");
  assert.ok(Number(m[2]) >= 1);
  assert.equal(await page.locator(".editor:has(#template) .gutter .ln.err").textContent(), "2");
  assert.equal(await page.locator(".editor:has(#template) .line-mark").isVisible(), true);
  assert.match(await error.locator(".error-quote").textContent(), /and \{\{profile\.email/);
  assert.match(await page.textContent("#render-status"), /last good render/);
  // the last good render stays
  assert.equal(await frameText(page), "Hello Ada Lovelace");

  // an unclosed block is an error too, with a position
  await setText(page, "#template", "{{#if profile.name}}\nyes");
  await eventually(async () => assert.match(await error.textContent(), /Line \d+, column \d+/));

  // fixing it clears the error and the mark
  await setText(page, "#template", "Bye {{profile.name}}");
  await eventually(async () => assert.equal(await frameText(page), "Bye Ada Lovelace"));
  assert.equal(await error.isVisible(), false);
  assert.equal(await page.locator(".editor:has(#template) .gutter .ln.err").count(), 0);
  await context.close();
});

test("invalid JSON shows a message next to the editor and keeps the last render", async () => {
  const { context, page } = await open();
  await setText(page, "#template", "{{profile.name}} / {{data.signoff}}");
  await eventually(async () => assert.equal(await frameText(page), "Ada Lovelace / — The Analytical Engine team"));

  await setText(page, "#data", '{"signoff": ');
  await page.locator("#data-error").waitFor({ state: "visible" });
  assert.match(await page.textContent("#data-error"), /Invalid JSON/);
  assert.equal(await frameText(page), "Ada Lovelace / — The Analytical Engine team");

  const before = await page.textContent("#profile-view");
  await setText(page, "#stored", '{"name": "Grace",');
  await page.locator("#stored-error").waitFor({ state: "visible" });
  assert.match(await page.textContent("#stored-error"), /Invalid JSON/);
  assert.equal(await page.textContent("#profile-view"), before);
  assert.equal(await frameText(page), "Ada Lovelace / — The Analytical Engine team");

  // valid again: everything updates
  await setText(page, "#stored", '{"name": "Grace"}');
  await setText(page, "#data", '{"signoff": "bye"}');
  await eventually(async () => assert.equal(await frameText(page), "Grace / bye"));
  assert.equal(await page.locator("#stored-error").isVisible(), false);
  assert.equal(await page.locator("#data-error").isVisible(), false);
  await context.close();
});

test("an invalid request shows the platform's exact error body and validate() issues", async () => {
  const { context, page } = await open();
  await setText(page, "#body", JSON.stringify({ profil: { name: "x" } }));
  await page.locator("#request-error").waitFor({ state: "visible" });
  const errorBody = JSON.parse(await page.textContent("#error-body"));
  assert.equal(errorBody.type, "invalid_request_error");
  assert.equal(typeof errorBody.message, "string");
  assert.match(await page.textContent("#result-status"), /^Rejected: 400/);
  assert.ok((await page.locator("#issues li:not(.empty)").count()) >= 1);
  await context.close();
});

test("SuprSend and Zendesk samples preview (or show the platform's error)", async () => {
  const { context, page, errors } = await open();
  for (const [platform, method] of [["suprsend", "POST"], ["suprsend", "PATCH"], ["zendesk", "PUT"], ["zendesk", "PATCH"]]) {
    await page.selectOption("#platform", platform);
    await page.selectOption("#method", method);
    const status = await page.textContent("#result-status");
    assert.match(status, /^(Accepted|Rejected)/, `${platform} ${method}: ${status}`);
  }
  await page.selectOption("#platform", "zendesk");
  await page.selectOption("#method", "POST");
  assert.match(await page.textContent("#result-status"), /^Rejected: 400/);
  assert.ok(JSON.parse(await page.textContent("#error-body")).errors);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the dialect selector follows the platform and picks the helper set", async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.inputValue("#dialect"), "courier");
  await page.selectOption("#platform", "suprsend");
  assert.equal(await page.inputValue("#dialect"), "suprsend");
  await setText(page, "#data", '{"tags": ["a", "b", "a"]}');
  await setText(page, "#template", '{{uppercase "ada"}} {{join (unique data.tags) "+"}}');
  await eventually(async () => assert.equal(await frameText(page), "ADA a+b"));
  await page.selectOption("#platform", "zendesk");
  assert.equal(await page.inputValue("#dialect"), "handlebars");
  await eventually(async () => assert.match(await page.textContent("#template-error"), /Unknown helper 'uppercase'/));
  // Chosen by hand, the dialect stays when the platform changes.
  await page.selectOption("#dialect", "suprsend");
  await eventually(async () => assert.equal(await frameText(page), "ADA a+b"));
  await page.selectOption("#platform", "courier");
  assert.equal(await page.inputValue("#dialect"), "suprsend");
  assert.deepEqual(errors, []);
  await context.close();
});

test("state survives a reload", async () => {
  const { context, page } = await open();
  await page.selectOption("#platform", "zendesk");
  await page.selectOption("#method", "PATCH");
  await setText(page, "#template", "Z {{profile.name}}");
  await setText(page, "#data", '{"k": 1}');
  await page.fill("#user-id", "u-42");
  await eventually(async () => assert.equal(await frameText(page), "Z Ada King"));
  await page.reload();
  await page.waitForSelector("body[data-ready]");
  assert.equal(await page.inputValue("#platform"), "zendesk");
  assert.equal(await page.inputValue("#method"), "PATCH");
  assert.equal(await page.inputValue("#template"), "Z {{profile.name}}");
  assert.equal(await page.inputValue("#data"), '{"k": 1}');
  assert.equal(await page.inputValue("#user-id"), "u-42");
  await eventually(async () => assert.equal(await frameText(page), "Z Ada King"));
  await context.close();
});

test("a #state= link restores state, over localStorage", async () => {
  const state = {
    platform: "courier",
    method: "PATCH",
    userId: "ada",
    stored: JSON.stringify({ name: "Ada ✨" }),
    body: JSON.stringify({ patch: [{ op: "add", path: "/city", value: "Zürich" }] }),
    template: "<<profile.name>> in {{profile.city}}",
    data: "{}",
  };
  const fragment = "#state=" + Buffer.from(JSON.stringify(state)).toString("base64url");
  const { context, page } = await open(site.url + fragment);
  assert.equal(await page.inputValue("#method"), "PATCH");
  assert.equal(await page.inputValue("#template"), state.template);
  await eventually(async () => assert.equal(await frameText(page), "Ada ✨ in Zürich"));
  assert.equal(await page.locator('#profile-view .entry.added[data-path="/city"]').count(), 1);

  // Copy link gives a URL that restores the same state in another context
  await setText(page, "#template", "Link: {{profile.city}}");
  await page.click("#copy-link");
  const url = await page.inputValue("#share-url");
  assert.match(url, /#state=[A-Za-z0-9_-]+$/);
  const other = await open(url);
  assert.equal(await other.page.inputValue("#template"), "Link: {{profile.city}}");
  assert.equal(await other.page.inputValue("#stored"), state.stored);
  await eventually(async () => assert.equal(await frameText(other.page), "Link: Zürich"));
  // the fragment is consumed (the state now lives in localStorage)
  assert.equal(new URL(other.page.url()).hash, "");
  await other.context.close();

  // a fragment wins over what localStorage holds
  await page.goto(site.url + fragment);
  await page.waitForSelector("body[data-ready]");
  await eventually(async () => assert.equal(await page.inputValue("#template"), state.template));
  await eventually(async () => assert.equal(await frameText(page), "Ada ✨ in Zürich"));
  await context.close();
});

test("a pasted curl command or fetch() call previews with the HTTP status and response body", async () => {
  const { context, page, errors } = await open();
  // Plain preview shows Courier's documented success too.
  await eventually(async () => assert.match(await page.textContent("#http-status"), /^HTTP 200/));
  assert.deepEqual(JSON.parse(await page.textContent("#response-body")), { status: "SUCCESS" });

  // The Device Tokens reference's curl example, with continuations and quotes.
  const curl = [
    "curl --request PUT \\",
    "     --url https://api.courier.com/users/user-1234/tokens/ABW7HO9Y7XAQXZ7Y \\",
    "     --header 'Content-Type: application/json' \\",
    "     --data '{\"provider_key\": \"firebase-fcm\", \"expiry_date\": false, \"token\": \"ABW7HO9Y7XAQXZ7Y\"}'",
  ].join("\n");
  await setText(page, "#stored", "");
  await setText(page, "#paste", curl);
  await eventually(async () => assert.match(await page.textContent("#http-status"), /^HTTP 204 — courier PUT \/users\/\{user_id\}\/tokens\/\{token\}/));
  assert.equal(await page.textContent("#response-body"), "(empty body)");
  assert.match(await page.textContent("#paste-info"), /^PUT https:\/\/api\.courier\.com\/users\/user-1234\/tokens\/ABW7HO9Y7XAQXZ7Y$/);
  assert.match(await page.textContent("#profile-view"), /firebase-fcm/);
  assert.match(await page.textContent("#result-status"), /^Accepted/);

  // A fetch() call as the docs' Node.js samples write it; the stored profile is used.
  await setText(page, "#stored", JSON.stringify({ email: "old@example.com", name: "Ada" }));
  await setText(page, "#paste", "const options = {method: 'POST', body: JSON.stringify({profile: {email: 'new@example.com'}})};\nfetch('https://api.courier.com/profiles/ada', options)");
  await eventually(async () => assert.match(await page.textContent("#http-status"), /^HTTP 200 — courier POST \/profiles\/\{user_id\}/));
  assert.match(await page.textContent("#profile-view"), /new@example\.com/);
  assert.match(await page.textContent("#profile-view"), /Ada/);

  // A platform error: Courier's 400 body as the response.
  await setText(page, "#paste", "curl -X PATCH https://api.courier.com/profiles/ada -d '{\"patch\":[{\"op\":\"test\",\"path\":\"/name\",\"value\":\"Grace\"}]}'");
  await eventually(async () => assert.match(await page.textContent("#http-status"), /^HTTP 400/));
  assert.equal(JSON.parse(await page.textContent("#response-body")).type, "invalid_request_error");
  assert.match(await page.textContent("#result-status"), /^Rejected: 400/);

  // Unparseable text: the message next to the box, no exception on the page.
  await setText(page, "#paste", "curl -X PUT 'https://api.courier.com/profiles/ada");
  await page.locator("#paste-error").waitFor({ state: "visible" });
  assert.match(await page.textContent("#paste-error"), /unterminated quote/);

  // Clearing the box returns to the editors' request.
  await page.click("#paste-clear");
  await eventually(async () => assert.match(await page.textContent("#http-status"), /^HTTP 200$/));
  assert.deepEqual(errors, []);
  await context.close();
});

// Built-in sample data: a stored profile and a template per platform, a
// request body per platform and method, and template data. Everything is
// local; the page never touches the network.

export const PLATFORMS = ["courier", "suprsend", "zendesk"];
export const METHODS = ["POST", "PUT", "PATCH", "DELETE"];

const STORED = {
  courier: {
    name: "Ada Lovelace",
    email: "ada@example.com",
    phone_number: "+15550100",
    locale: "en-GB",
    custom: { plan: "pro", tags: ["beta", "vip"] },
  },
  suprsend: {
    distinct_id: "ada",
    properties: { name: "Ada Lovelace", plan: "pro", $timezone: "Europe/London", $locale: "en_GB" },
    $email: [{ value: "ada@example.com", status: "active", perma_status: "active" }],
    $sms: [{ value: "+447700900123", status: "active", perma_status: "active" }],
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-06-01T00:00:00Z",
  },
  zendesk: {
    id: "01HZX4Q6V0K9D2J3M5N7P8R1ST",
    user_id: "1234",
    source: "shop",
    type: "customer",
    name: "Ada Lovelace",
    identifiers: [
      { type: "email", value: "ada@example.com" },
      { type: "shop_id", value: "c-100" },
    ],
    attributes: { plan: "pro", city: "London" },
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-06-01T00:00:00Z",
  },
};

const SUPRSEND_UPSERT = { $email: "ada@lovelace.dev", $timezone: "America/New_York", name: "Ada King" };
const ZENDESK_PUT = {
  profile: {
    source: "shop",
    type: "customer",
    name: "Ada King",
    identifiers: [{ type: "email", value: "ada@example.com" }],
    attributes: { plan: "enterprise" },
  },
};

const BODIES = {
  courier: {
    POST: { profile: { email: "ada@lovelace.dev", phone_number: null, custom: { plan: "enterprise", seats: 12 } } },
    PUT: { profile: { name: "Ada Lovelace", email: "ada@lovelace.dev" } },
    PATCH: {
      patch: [
        { op: "replace", path: "/email", value: "ada@lovelace.dev" },
        { op: "add", path: "/custom/tags/-", value: "early-adopter" },
        { op: "remove", path: "/phone_number" },
      ],
    },
    DELETE: null,
  },
  suprsend: {
    POST: SUPRSEND_UPSERT,
    // SuprSend has no PUT for users: the preview shows the error it returns.
    PUT: SUPRSEND_UPSERT,
    PATCH: {
      operations: [
        { $set: { plan: "enterprise" } },
        { $append: { $email: "ada@lovelace.dev" } },
        { $unset: ["$sms"] },
      ],
    },
    DELETE: null,
  },
  zendesk: {
    // Zendesk has no POST for profiles: the preview shows the 400 ClientError it returns.
    POST: ZENDESK_PUT,
    PUT: ZENDESK_PUT,
    PATCH: {
      profile: {
        source: "shop",
        type: "customer",
        name: "Ada King",
        identifiers: [{ type: "phone_number", value: "+447700900123" }],
        attributes: { plan: "enterprise", city: null },
      },
    },
    DELETE: null,
  },
};

const TEMPLATES = {
  courier: `<h2>Hi {{default profile.given_name profile.name}},</h2>
<p>Your plan is now <b>{{profile.custom.plan}}</b>.</p>
{{#if profile.email}}
<p>Receipts go to {{profile.email}}.</p>
{{/if}}
<ul>
{{#each data.items}}
  <li>{{name}} &times; {{qty}}</li>
{{/each}}
</ul>
<p><<data.signoff>></p>
`,
  suprsend: `<h2>Hi {{profile.properties.name}},</h2>
<p>Your plan is now <b>{{profile.properties.plan}}</b>.</p>
<p>We write to:</p>
<ul>
{{#each profile.$email}}
  <li>{{value}} ({{status}})</li>
{{/each}}
</ul>
<p>Your order: {{#each data.items}}{{name}} &times; {{qty}}{{#unless @last}}, {{/unless}}{{/each}}</p>
<p><<data.signoff>></p>
`,
  zendesk: `<h2>Hi {{profile.name}},</h2>
<p>Plan: <b>{{profile.attributes.plan}}</b>, city: {{profile.attributes.city}}</p>
<ul>
{{#each profile.identifiers}}
  <li>{{type}}: {{value}}</li>
{{/each}}
</ul>
<p><<data.signoff>></p>
`,
};

const DATA = {
  items: [
    { name: "Notebook", qty: 2 },
    { name: "Fountain pen", qty: 1 },
  ],
  signoff: "— The Analytical Engine team",
};

const pretty = (v) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

/** Sample stored profile (JSON text) for a platform. */
export const sampleStored = (platform) => pretty(STORED[platform]);
/** Sample request body (JSON text; "" for none) for a platform and method. */
export const sampleBody = (platform, method) => pretty(BODIES[platform]?.[method]);
/** Sample template for a platform. */
export const sampleTemplate = (platform) => TEMPLATES[platform] ?? TEMPLATES.courier;
/** Sample template data. */
export const sampleData = () => pretty(DATA);

/** Template dialect a platform renders with (Zendesk: plain Handlebars.js). */
export const DIALECT_OF = { courier: "courier", suprsend: "suprsend", zendesk: "handlebars" };
/** Every template dialect. */
export const DIALECTS = ["courier", "suprsend", "handlebars"];

/** The whole default state. */
export function defaultState(platform = "courier", method = "POST") {
  return {
    platform,
    method,
    dialect: DIALECT_OF[platform] ?? "courier",
    userId: "ada",
    missing: "empty",
    stored: sampleStored(platform),
    body: sampleBody(platform, method),
    template: sampleTemplate(platform),
    data: sampleData(),
    paste: "",
  };
}

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Supported notification platforms. */
export type Platform = "courier" | "suprsend" | "zendesk";
/** HTTP method of a profile update. */
export type Method = "POST" | "PUT" | "PATCH" | "DELETE";

/** One change; a valid JSON Patch operation plus `old` for display. */
export interface Change {
  op: "add" | "remove" | "replace";
  /** RFC 6901 JSON Pointer. */
  path: string;
  value?: Json;
  old?: Json;
}

/** Something to show the user before the request is sent. */
export interface Warning {
  code: string;
  message: string;
  path?: string;
}

/** Result of {@link preview}. */
export interface Preview {
  /** The profile the platform would store; `null` when deleted. */
  profile: Json | null;
  /** JSON Patch from the stored profile to `profile`. */
  changes: Change[];
  warnings: Warning[];
  /** The HTTP status the platform documents for this success (e.g. Courier 200, SuprSend upsert 201). */
  status: number;
  /** The response body the platform documents; `null` for an empty body. */
  response: Json | null;
}

/** Argument of {@link preview}. */
export interface PreviewRequest {
  platform: Platform;
  method: Method;
  /** The profile as stored now; `null`/absent when there is none. */
  stored?: Json | null;
  /** The request body the platform would receive. */
  body?: Json;
  /** The user id of the request URL (SuprSend `distinct_id`). */
  userId?: string;
  /** ISO 8601 instant for `created_at` / `updated_at`; defaults to now. */
  now?: string;
  /** Zendesk identifier query `source:type:identifier_type:value` of the request URL (URL-encoded or not). */
  query?: string;
}

/** Argument of {@link validate}. */
export interface ValidateRequest {
  platform: Platform;
  method: Method;
  body?: Json;
}

/** One validation problem: JSON Pointer into the body and what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** A parsed Zendesk identifier query. */
export interface IdentifierQuery {
  source: string;
  type: string;
  identifier_type: string;
  identifier_value: string;
}

/** A variable a template reads, with its 1-based position. */
export interface TemplateVariable {
  path: string;
  line: number;
  column: number;
}

/** Options of {@link Template} and {@link render}. */
export interface TemplateOptions {
  /** `auto` (default): both `{{ }}` and `<< >>`; also Mustache `{{=<< >>=}}`. */
  delimiters?: "auto" | "handlebars" | "angle";
  /** `empty` (default) renders nothing, `keep` keeps the tag text, `error` throws with line/column. */
  missing?: "empty" | "keep" | "error";
  /** `html` (default) escapes `& < > " ' \` =` in `{{x}}`; `{{{x}}}` and `{{&x}}` are always raw. */
  escape?: "html" | "none";
  /**
   * Helper set and lookup rules. `courier` (default): bare names look in `data`, then `profile`, and
   * Courier's helpers; `suprsend`: names in the data given, SuprSend's helpers; `handlebars`:
   * Handlebars.js built-ins only. An unknown helper is a compile error with line/column.
   */
  dialect?: "courier" | "suprsend" | "handlebars";
  /**
   * Handlebars.js's `compat`: a name missing from the current context is looked up in the enclosing
   * ones (the Mustache context stack). Only the `handlebars` dialect needs it; the courier and
   * suprsend dialects always look outwards. Default `false`.
   */
  compat?: boolean;
  /** Handlebars.js's `explicitPartialContext`: `{{> p}}` without a context argument renders over `{}` (plus its hash). */
  explicitPartialContext?: boolean;
  /** Handlebars.js's `stringParams`: JS helpers get a path argument as its name (`"a.b"`), with `options.types` / `options.hashTypes`. */
  stringParams?: boolean;
  /** Handlebars.js's `preventIndent`: a standalone `{{> p}}` writes its indentation once instead of indenting each line of the partial. */
  preventIndent?: boolean;
  /** Handlebars.js's `ignoreStandalone`: block, partial and comment tags alone on a line keep the line's whitespace (only `~` trims). */
  ignoreStandalone?: boolean;
  /** Handlebars.js's `assumeObjects`: reading through a missing or null object (`{{a.b}}` without `a`) throws. */
  assumeObjects?: boolean;
  /** @deprecated use `dialect`: `courier` is `dialect: "courier"`, `plain` is `dialect: "handlebars"` with `compat: true`. */
  resolve?: "courier" | "plain";
  /** Partials by name, used by `{{> name}}`. */
  partials?: Record<string, string>;
  /** Output limit in bytes (default 1 MiB); exceeding it throws code `limit_exceeded`. */
  maxOutputBytes?: number;
  /**
   * JS helpers with Handlebars.js's signature (`this` = current context, positional args, last arg
   * {@link HelperOptions}), called synchronously without eval. They override built-ins of the same
   * name in this template. The result is HTML-escaped in `{{ }}` unless a {@link SafeString};
   * `undefined`/`null` print nothing; other results must be JSON-like. A helper that throws gives a
   * ProfileError `helper_error` (line/column, the thrown value as `cause`). Helpers get copies:
   * mutating `this` or an argument does not change the context being rendered. `helperMissing` and
   * `blockHelperMissing` are Handlebars.js's hooks for names that are no helper. A non-function entry
   * is a helper returning that value.
   */
  helpers?: Record<string, ((this: any, ...args: any[]) => unknown) | Json | undefined>;
}

/** Template#render's options (Handlebars.js's runtime options; helpers and partials are {@link TemplateOptions}). */
export interface RenderOptions {
  /** `@name` reads `data.name`; `@root` is `data.root` when given, else the context. JSON-like; `false`/`null`: none. */
  data?: { [k: string]: Json } | false | null;
}

/** What a JS helper gets as its last argument (Handlebars.js's `options`). */
export interface HelperOptions {
  /** The helper's name as written. */
  name: string;
  /** `key=value` arguments. */
  hash: Record<string, any>;
  /**
   * Handlebars.js's data frame: the render's `data` ({@link RenderOptions}) plus `root` (a copy of the
   * context, unless `data.root` was given), `index`/`key`/`first`/`last` and `_parent` in loops, or the
   * `data` a block helper passed to `options.fn`.
   */
  data: Record<string, any>;
  /** Position of the call (`column` 0-based, as Handlebars.js). */
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  /** Own-property lookup (Handlebars.js 4.6+). */
  lookupProperty(obj: any, name: string): any;
  /** Block helpers only: render the body with `context` (and `data`: the whole `@`-data inside, `blockParams`). */
  fn?: ((context?: any, options?: { data?: Record<string, any>; blockParams?: any[] }) => string) & { blockParams?: number };
  /** Block helpers only: render the `{{else}}` part. */
  inverse?: (context?: any, options?: { data?: Record<string, any>; blockParams?: any[] }) => string;
  /** Block helpers only: how many block params the block declares (`as |a b|`). */
  blockParams?: number;
}

/** A helper result written unescaped (Handlebars.js's `SafeString`). */
export declare class SafeString {
  constructor(string: string);
  string: string;
  toString(): string;
  toHTML(): string;
}

/** Thrown by every function of this package. */
export declare class ProfileError extends Error {
  readonly name: "ProfileError";
  /** HTTP status the platform would answer with. */
  status: number;
  /** Category: `invalid_request_error`, `not_found_error`, `template_error`, ... */
  type: string;
  /** Stable machine-readable code, e.g. `test_failed`, `template_syntax`. */
  code: string;
  /** JSON Pointer of the offending value. */
  path?: string;
  /** 1-based template line. */
  line?: number;
  /** 1-based template column. */
  column?: number;
  /** The error body the platform itself would return. */
  body: Json;
}

/** Deep merge (Courier POST): objects recurse, `null` deletes, arrays and scalars replace. */
export declare function mergeDeep(target: Json, source: Json): Json;
/** RFC 6902 JSON Patch, atomic; the input is never mutated. */
export declare function applyPatch(doc: Json, ops: Json[]): Json;
/** RFC 7396 JSON Merge Patch. */
export declare function applyMergePatch(doc: Json, patch: Json): Json;
/** Changes from `before` to `after`; `applyPatch(before, diff(before, after))` deep-equals `after`. */
export declare function diff(before: Json, after: Json): Change[];
/** What the platform would store after the request, the changes, and warnings. */
export declare function preview(req: PreviewRequest): Preview;
/** Argument of {@link previewHttp}: the request exactly as it would be sent. */
export interface HttpRequest {
  /** `POST`, `PUT`, `PATCH` or `DELETE` (any case). */
  method: string;
  /** Full URL with host and query string, e.g. `https://api.courier.com/users/u1/tokens/t1`
   *  or `https://acme.zendesk.com/api/v2/user_profiles?identifier=shop:customer:email:a@b.co`. */
  url: string;
  /** The body as a JSON value, or as the JSON text that would be sent. */
  body?: Json | string;
  /** What the platform stores for the URL's resource now (Courier tokens: `{tokens: [...]}`). */
  stored?: Json | null;
  /** ISO 8601 instant for `created_at` / `updated_at`; defaults to now. */
  now?: string;
}

/** Result of {@link previewHttp}. */
export interface HttpPreview extends Preview {
  platform: Platform;
  /** The endpoint, as `METHOD /path/{param}`, e.g. `PUT /users/{user_id}/tokens/{token}`. */
  operation: string;
}

/** Route a request by its URL (Courier profiles and device tokens, SuprSend users, Zendesk user profiles),
 *  then preview it. An unknown host, path or method throws a ProfileError listing the supported endpoints. */
export declare function previewHttp(req: HttpRequest): HttpPreview;
/** A request parsed from pasted text by {@link parseRequest}. */
export interface ParsedRequest {
  /** Upper-case method (curl: `-X`, else POST with a body, GET without; fetch: `method`, else GET). */
  method: string;
  url: string;
  /** The body text that would be sent, `null` without one. */
  body: string | null;
}

/** Parse a curl command (`--request/-X`, `--url` or the bare URL, `-d/--data/--data-raw/--data-binary/--json`,
 *  `\` line continuations, shell quoting) or a `fetch(url, options)` call (literals, `JSON.stringify(literal)`,
 *  `const` options defined before the call) as the platforms' docs show them. Throws ProfileError
 *  (code `invalid_request_text`, path `/text`, line/column for fetch) on anything else. */
export declare function parseRequest(text: string): ParsedRequest;
/** Edge fast path: a {@link PreviewRequest} as JSON text in, the {@link Preview} as JSON text out. */
export declare function previewJson(requestJson: string): string;
/** Options of a {@link ProfileSession}: the request URL's user id and Zendesk identifier query, fixed for the session. */
export interface ProfileSessionOptions {
  userId?: string;
  query?: string;
}
/**
 * A stored profile kept inside wasm, for a UI that previews many bodies against one profile:
 * the profile is read once; each call sends only the body across. A result's `profile`
 * crosses into JS only when it is first read.
 */
export declare class ProfileSession {
  constructor(platform: Platform, stored: Json | null, options?: ProfileSessionOptions);
  /** What the platform would answer; the session does not change. */
  preview(method: Method, body?: Json, now?: string): Preview;
  /** {@link ProfileSession.preview}, then the result becomes the stored profile (unchanged on error). */
  apply(method: Method, body?: Json, now?: string): Preview;
  /** The stored profile (a fresh copy on every read). */
  readonly profile: Json | null;
  /** Release the wasm memory now (otherwise a FinalizationRegistry does it). */
  free(): void;
}
/** Validation problems of a request body; `[]` means valid. */
export declare function validate(req: ValidateRequest): ValidationIssue[];
/** Courier send-time recipient: stored profile with `message.to` inline fields on top. */
export declare function recipient(stored: Json | null, to: Json): Json;
/** Parse a Zendesk identifier query `source:type:identifier_type:identifier_value` as it appears in a URL: decoded as a server decodes a query string (`%XX`, `+` is a space), then split on its first three colons. */
export declare function parseIdentifierQuery(q: string): IdentifierQuery;

/** A compiled template: compile once, render many times. */
export declare class Template {
  /** Throws ProfileError (code `template_syntax`, with line and column). */
  constructor(source: string, options?: TemplateOptions);
  /** `options.data`: Handlebars.js's runtime option (`@name`, `options.data` of JS helpers). */
  render(context: Json, options?: RenderOptions): string;
  variables(): TemplateVariable[];
  missing(context: Json): TemplateVariable[];
  /** Release the compiled program now (otherwise a bounded cache or a FinalizationRegistry does it). */
  free(): void;
}
/** Compile and render once. */
export declare function render(source: string, context: Json, options?: TemplateOptions): string;
/** Several templates (a notification's subject, html, text, sms...) over one context crossing:
 *  `{name: Template | source}` -> `{name: output}`. Sources compile with `options`; a Template keeps its own.
 *  An error names the template in its `path` (`/name`). */
export declare function renderAll(templates: Record<string, Template | string>, context: Json, options?: TemplateOptions): Record<string, string>;

// Errors the sandbox itself answers (before the package sees a request):
// authentication, body size, unknown routes, methods no endpoint takes.
// Each is in the error shape the platform documents; every other error
// body comes from the package's ProfileError (`status`, `body`).

/** Error body shapes, by platform. */
const SHAPES = {
  // courier.com/docs/platform/sending/handling-responses-and-errors:
  // {message, type}; type authentication_error for 401, invalid_request_error
  // for 400, 404, 409 and 413.
  courier: (status, message) => ({ message, type: status === 401 ? "authentication_error" : "invalid_request_error" }),
  // The SuprSend API reference's error bodies are {code, message}.
  suprsend: (status, message) => ({ code: status, message }),
  // Zendesk answers an unauthenticated request {"error":"Couldn't authenticate you"};
  // the Profiles API reference's errors are {errors: [{code: "ClientError", title}]}.
  zendesk: (status, message) =>
    status === 401 ? { error: "Couldn't authenticate you" } : { errors: [{ code: "ClientError", title: message }] },
};

/** A JSON response. `body === null` is an empty body. */
export function json(status, body, headers = {}) {
  if (body === null || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** An error in `platform`'s shape (a neutral `{error: {status, message}}` when no platform is known). */
export function platformError(platform, status, message, headers = {}) {
  const shape = SHAPES[platform];
  return json(status, shape ? shape(status, message) : { error: { status, message } }, headers);
}

/** A ProfileError (or anything thrown) as a response; unexpected errors are 500 without details. */
export function fromThrown(platform, e) {
  if (e && e.name === "ProfileError" && typeof e.status === "number") return json(e.status, e.body ?? null);
  // Never echo the exception: it could quote profile contents.
  return platformError(platform, 500, "internal error");
}

// A Cloudflare Worker using the package's workerd entry: preview a Courier
// update and render a template inside workerd (no eval, no new Function).
import { preview, render, renderAll, applyPatch, ProfileSession, Template, ProfileError } from "../../pkg/workerd.js";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/preview") {
      const req = await request.json();
      return Response.json(preview(req));
    }
    if (url.pathname === "/render") {
      const { template, context } = await request.json();
      try {
        return new Response(render(template, context));
      } catch (e) {
        return Response.json({ error: e.code, line: e.line, column: e.column }, { status: e.status });
      }
    }
    if (url.pathname === "/session") {
      // Several bodies against one stored profile kept in wasm, then the
      // notification's templates over one context.
      const { stored, bodies } = await request.json();
      const session = new ProfileSession("courier", stored, { userId: "u1" });
      const previews = bodies.map((b) => session.preview("POST", b, "2026-01-01T00:00:00Z"));
      session.apply("POST", bodies[bodies.length - 1], "2026-01-01T00:00:00Z");
      const subject = new Template("Hi {{profile.name}}");
      const rendered = renderAll({ subject, sms: "{{profile.email}}" }, { profile: session.profile });
      const out = { previews, profile: session.profile, rendered };
      subject.free();
      session.free();
      return Response.json(out);
    }
    if (url.pathname === "/error") {
      try {
        applyPatch({}, [{ op: "remove", path: "/missing" }]);
        return new Response("no error", { status: 500 });
      } catch (e) {
        return Response.json({ isProfileError: e instanceof ProfileError, code: e.code, body: e.body }, { status: e.status });
      }
    }
    return new Response("not found", { status: 404 });
  },
};

// Runs the prototype-pollution payloads POSTed to it (tests/js/proto_pollution.json)
// against the package's workerd entry, inside workerd; answers
// [{name, problems}] (see tests/js/pollution.test.mjs).
import * as api from "../../pkg/workerd.js";
import { runPayload } from "../js/pollution.mjs";

export default {
  async fetch(request) {
    // request.json() is JSON.parse: `__proto__` keys arrive as own data.
    const payloads = await request.json();
    return Response.json(payloads.map((p) => ({ name: p.name, problems: runPayload(api, p) })));
  },
};

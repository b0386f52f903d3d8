// Load benchmark (not a test) of the profile sandbox: Courier POST merges
// against `wrangler dev --local` on 127.0.0.1, from a loopback load
// generator in this process. Bounded: COUNT requests or SECONDS, whichever
// comes first, CONCURRENCY in flight, spread over USERS Durable Objects
// (USERS=1: every request serialises on one object).
//   node bench/worker.mjs        (after bash scripts/build.sh and the worker/node_modules link)
//   COUNT=5000 CONCURRENCY=32 USERS=1 SECONDS=30 node bench/worker.mjs
import { startSandbox } from "../tests/worker/server.mjs";

const COUNT = Number(process.env.COUNT ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const USERS = Number(process.env.USERS ?? 16);
const SECONDS = Number(process.env.SECONDS ?? 30);

const sb = await startSandbox();
try {
  const headers = { authorization: `Bearer ${sb.token}`, "content-type": "application/json" };
  const send = (i) =>
    fetch(`${sb.base}/profiles/bench-${i % USERS}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ profile: { [`k${i % 50}`]: i, email: `u${i % USERS}@example.com`, address: { city: "London", n: i } } }),
    }).then(async (r) => {
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`status ${r.status}`);
    });
  // Warm-up: every object created, the wasm instantiated.
  for (let i = 0; i < USERS * 2; i++) await send(i);

  const latencies = [];
  let next = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT && performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await send(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(
    `POST /profiles/:id merges: ${latencies.length} requests, concurrency ${CONCURRENCY}, ${USERS} user(s): ` +
      `${(latencies.length / elapsed).toFixed(0)} req/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms`,
  );
} finally {
  await sb.stop();
}

// Shared by append.mjs and read.mjs: the S2 client from the environment, stdin as JSON, one JSON line out.
//
// Environment: S2_ACCOUNT_ENDPOINT, S2_BASIN_ENDPOINT (direct form: one host for all basins, the SDK then sends
// the s2-basin header), S2_ACCESS_TOKEN, S2_INTEROP_TRANSPORT ("fetch": SSE and unary appends over HTTP/1.1;
// "s2s": S2S sessions over HTTP/2), S2_INTEROP_COMPRESSION ("none", "gzip"; "zstd" needs Node.js 22.15+).
import { S2 } from "@s2-dev/streamstore";

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

export function openStream(basinName, streamName) {
  const transport = env("S2_INTEROP_TRANSPORT");
  if (transport !== "fetch" && transport !== "s2s") {
    throw new Error(`S2_INTEROP_TRANSPORT must be "fetch" or "s2s", got "${transport}"`);
  }
  const s2 = new S2({
    accessToken: env("S2_ACCESS_TOKEN"),
    endpoints: { account: env("S2_ACCOUNT_ENDPOINT"), basin: env("S2_BASIN_ENDPOINT") },
    compression: process.env.S2_INTEROP_COMPRESSION ?? "none",
    retry: { maxAttempts: 1 },
  });
  const stream = s2.basin(basinName).stream(streamName, { forceTransport: transport });
  return { s2, stream };
}

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export const fromBase64 = (text) => new Uint8Array(Buffer.from(text, "base64"));
export const toBase64 = (bytes) => Buffer.from(bytes).toString("base64");

// Runs main, prints its result as one JSON line, and exits: 0 on success, 1 with {"error": ...} otherwise.
export async function run(main) {
  try {
    const result = await main();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = 0;
  } catch (e) {
    const error = { name: e?.name, message: e?.message ?? String(e), status: e?.status, code: e?.code };
    process.stdout.write(`${JSON.stringify({ error })}\n`);
    process.exitCode = 1;
  }
}

// The TypeScript side of the Java SDK's record benchmarks (benchmarks/, BENCHMARKS.md): one long-lived process
// that runs a read session or a producer on command, so that the Java benchmark can alternate the two SDKs in one
// run without timing node's start-up. Environment as common.mjs (S2_INTEROP_TRANSPORT: "fetch" for SSE reads and
// unary appends).
//
// usage: node bench.mjs <basin>
// stdin, one JSON command a line, each answered by one JSON line on stdout:
//   {"op": "read", "stream": s, "seqNum": n, "count": n}
//     -> {"ms": elapsed, "records": n, "bodyBytes": n, "firstSeqNum": n, "lastSeqNum": n, "misplaced": n}
//   {"op": "append", "stream": s, "bodyBytes": n, "count": n, "bodies": n, "rate": n?}
//     -> {"ms": elapsed, "records": n, "firstSeqNum": n, "lastSeqNum": n, "misplaced": n, "p50Ms": x, "p99Ms": x,
//         "maxMs": x}
//     without "rate", records are submitted as fast as the producer accepts them; with it, at that many records
//     a second (each millisecond, the records due by then).
//   {"op": "quit"}
// A read session reads bytes (as: "bytes", so s2-format: base64, as the Java SDK reads). A producer is the SDK's
// Producer over a BatchTransform with its defaults (5 ms linger, 1000 records, 1 MiB) and an append session with
// its defaults, chained by match_seq_num from the tail checked first (as the Java producer does); each record is
// submitted with `await producer.submit(...)` (the SDK's backpressure) and its latency is the time from that call
// to its ack. "misplaced" counts records whose seq num is not the start's + their index (read, or acknowledged);
// the Java side checks it is 0, and the other figures.
import { createInterface } from "node:readline";
import { AppendRecord, BatchTransform, Producer } from "@s2-dev/streamstore";
import { openStream } from "./common.mjs";

const [basinName] = process.argv.slice(2);

function bodies(size, count) {
  // Random bytes, different for each record (the server does not look at them).
  const out = [];
  let x = size * 7 + count;
  for (let i = 0; i < count; i++) {
    const body = new Uint8Array(size);
    for (let j = 0; j < size; j++) {
      x = (x * 1103515245 + 12345) >>> 0;
      body[j] = x >>> 24;
    }
    out.push(body);
  }
  return out;
}

const bodyCache = new Map();
// One client and stream per stream name for the whole run (as the Java side keeps one S2Client).
const streams = new Map();
function streamOf(name) {
  if (!streams.has(name)) {
    streams.set(name, openStream(basinName, name).stream);
  }
  return streams.get(name);
}

async function read({ stream: streamName, seqNum, count }) {
  const stream = streamOf(streamName);
  const start = performance.now();
  const session = await stream.readSession(
    { start: { from: { seqNum } }, stop: { limits: { count } } },
    { as: "bytes" },
  );
  let records = 0;
  let bodyBytes = 0;
  let firstSeqNum = -1;
  let lastSeqNum = -1;
  let misplaced = 0;
  for await (const record of session) {
    if (firstSeqNum < 0) {
      firstSeqNum = record.seqNum;
    }
    if (record.seqNum !== seqNum + records) {
      misplaced++;
    }
    lastSeqNum = record.seqNum;
    bodyBytes += record.body.length;
    records++;
  }
  const ms = performance.now() - start;
  return { ms, records, bodyBytes, firstSeqNum, lastSeqNum, misplaced };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

async function append({ stream: streamName, bodyBytes, count, bodies: distinct, rate }) {
  const key = `${bodyBytes}/${distinct}`;
  if (!bodyCache.has(key)) {
    bodyCache.set(key, bodies(bodyBytes, distinct));
  }
  const payloads = bodyCache.get(key);
  const stream = streamOf(streamName);
  const start = performance.now();
  const { tail } = await stream.checkTail();
  const producer = new Producer(new BatchTransform({ matchSeqNum: tail.seqNum }), await stream.appendSession());
  const latencies = new Float64Array(count);
  const acks = new Array(count);
  let firstSeqNum = -1;
  let lastSeqNum = -1;
  let misplaced = 0;
  const paced = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate) {
      while (i >= Math.floor(((performance.now() - paced) * rate) / 1000) + 1) {
        await tick();
      }
    }
    const submitted = performance.now();
    const ticket = await producer.submit(AppendRecord.bytes({ body: payloads[i % payloads.length] }));
    acks[i] = ticket.ack().then((ack) => {
      latencies[i] = performance.now() - submitted;
      const seqNum = ack.seqNum();
      if (seqNum !== tail.seqNum + i) {
        misplaced++;
      }
      if (i === 0) {
        firstSeqNum = seqNum;
      }
      if (i === count - 1) {
        lastSeqNum = seqNum;
      }
    });
  }
  await producer.close();
  await Promise.all(acks);
  const ms = performance.now() - start;
  latencies.sort();
  const at = (p) => latencies[Math.min(count - 1, Math.round(p * (count - 1)))];
  return {
    ms, records: count, firstSeqNum, lastSeqNum, misplaced, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies[count - 1],
  };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) {
    continue;
  }
  const command = JSON.parse(line);
  if (command.op === "quit") {
    break;
  }
  try {
    let result;
    if (command.op === "read") {
      result = await read(command);
    } else if (command.op === "append") {
      result = await append(command);
    } else {
      throw new Error(`unknown op ${command.op}`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ error: { name: e?.name, message: e?.message ?? String(e), status: e?.status } })}\n`);
  }
}
process.exit(0);

// Reads records through a read session, as bytes, and prints them.
//
// usage: node read.mjs <basin> <stream>   (stdin: {"seqNum": n, "count": n})
// stdout: {"records": [{"seqNum": n, "timestamp": ms, "headers": [[b64, b64], ...], "body": b64}, ...]}
import { openStream, readStdinJson, run, toBase64 } from "./common.mjs";

await run(async () => {
  const [basinName, streamName] = process.argv.slice(2);
  const { seqNum, count } = await readStdinJson();
  const { stream } = openStream(basinName, streamName);
  try {
    const session = await stream.readSession(
      { start: { from: { seqNum } }, stop: { limits: { count } } },
      { as: "bytes" },
    );
    const records = [];
    for await (const record of session) {
      records.push({
        seqNum: record.seqNum,
        timestamp: record.timestamp.getTime(),
        headers: record.headers.map(([name, value]) => [toBase64(name), toBase64(value)]),
        body: toBase64(record.body),
      });
    }
    return { records };
  } finally {
    await stream.close();
  }
});

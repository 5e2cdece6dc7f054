// Appends batches through an append session and prints the acks.
//
// usage: node append.mjs <basin> <stream>   (stdin: {"batches": [{"records": [{"body": b64, "headers":
//   [[b64, b64], ...], "timestamp": ms?}, ...], "matchSeqNum": n?}, ...]})
// stdout: {"acks": [{"start": seq, "end": seq, "tail": seq}, ...]} in batch order
import { AppendInput, AppendRecord } from "@s2-dev/streamstore";
import { fromBase64, openStream, readStdinJson, run } from "./common.mjs";

await run(async () => {
  const [basinName, streamName] = process.argv.slice(2);
  const { batches } = await readStdinJson();
  const { stream } = openStream(basinName, streamName);
  try {
    const session = await stream.appendSession();
    const tickets = [];
    for (const batch of batches) {
      const records = batch.records.map((r) =>
        AppendRecord.bytes({
          body: fromBase64(r.body ?? ""),
          headers: (r.headers ?? []).map(([name, value]) => [fromBase64(name), fromBase64(value)]),
          ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
        }),
      );
      const options = batch.matchSeqNum !== undefined ? { matchSeqNum: batch.matchSeqNum } : undefined;
      tickets.push(await session.submit(AppendInput.create(records, options)));
    }
    const acks = [];
    for (const ticket of tickets) {
      const ack = await ticket.ack();
      acks.push({ start: ack.start.seqNum, end: ack.end.seqNum, tail: ack.tail.seqNum });
    }
    await session.close();
    return { acks };
  } finally {
    await stream.close();
  }
});

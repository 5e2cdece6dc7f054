package dev.s2.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.s2.model.AppendAck;
import dev.s2.model.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf messages of S2S sessions ({@code s2.proto}, compiled into {@code s2.v1} by the build) and the
 * SDK's own types: append inputs out, acknowledgements and read batches in. Bytes are carried as they are (no
 * text format is involved), so bodies and headers round-trip exactly.
 */
final class S2sMessages {
  private S2sMessages() {}

  /** An {@code AppendInput}: the records and the append's conditions, encoded. */
  static byte[] appendInput(List<AppendRecord> records, AppendOptions options) {
    s2.v1.AppendInput.Builder input = s2.v1.AppendInput.newBuilder();
    for (AppendRecord r : records) {
      s2.v1.AppendRecord.Builder record = s2.v1.AppendRecord.newBuilder().setBody(ByteString.copyFrom(r.bodyBytes()));
      for (RecordHeader h : r.headers()) {
        record.addHeaders(s2.v1.Header.newBuilder().setName(ByteString.copyFrom(h.nameBytes()))
            .setValue(ByteString.copyFrom(h.valueBytes())));
      }
      if (r.timestamp().isPresent()) {
        record.setTimestamp(r.timestamp().getAsLong());
      }
      input.addRecords(record);
    }
    if (options.matchSeqNum().isPresent()) {
      input.setMatchSeqNum(options.matchSeqNum().getAsLong());
    }
    options.fencingToken().ifPresent(input::setFencingToken);
    return input.build().toByteArray();
  }

  /**
   * An {@code AppendAck}, decoded and checked to have its {@code start} and {@code end}.
   *
   * @throws S2sFrames.Malformed when it is not an {@code AppendAck}
   */
  static AppendAck ack(byte[] message) throws S2sFrames.Malformed {
    s2.v1.AppendAck ack;
    try {
      ack = s2.v1.AppendAck.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new S2sFrames.Malformed("a frame is not an AppendAck: " + e.getMessage());
    }
    if (!ack.hasStart() || !ack.hasEnd()) {
      throw new S2sFrames.Malformed("an AppendAck without its " + (ack.hasStart() ? "end" : "start"));
    }
    return AppendAck.of(position(ack.getEnd()), position(ack.getStart()),
        ack.hasTail() ? position(ack.getTail()) : position(ack.getEnd()));
  }

  /**
   * A {@code ReadBatch}, decoded: its records (seq nums strictly increasing) and its tail when S2 sent it.
   *
   * @throws S2sFrames.Malformed when it is not a {@code ReadBatch}, or its seq nums do not increase
   */
  static RecordsJson.Batch readBatch(byte[] message) throws S2sFrames.Malformed {
    s2.v1.ReadBatch batch;
    try {
      batch = s2.v1.ReadBatch.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new S2sFrames.Malformed("a frame is not a ReadBatch: " + e.getMessage());
    }
    List<SequencedRecord> records = new ArrayList<>(batch.getRecordsCount());
    long previous = -1;
    for (s2.v1.SequencedRecord r : batch.getRecordsList()) {
      if (r.getSeqNum() < 0 || r.getSeqNum() <= previous) {
        throw new S2sFrames.Malformed("a ReadBatch whose seq nums do not increase (" + Long.toUnsignedString(
            r.getSeqNum()) + " after " + previous + ")");
      }
      previous = r.getSeqNum();
      List<RecordHeader> headers = new ArrayList<>(r.getHeadersCount());
      for (s2.v1.Header h : r.getHeadersList()) {
        headers.add(RecordHeader.wrap(h.getName().toByteArray(), h.getValue().toByteArray()));
      }
      records.add(new SequencedRecord(r.getSeqNum(), r.getTimestamp(), headers, r.getBody().toByteArray()));
    }
    return new RecordsJson.Batch(records, batch.hasTail() ? position(batch.getTail()) : null);
  }

  private static StreamPosition position(s2.v1.StreamPosition p) {
    return StreamPosition.of(p.getSeqNum(), p.getTimestamp());
  }
}

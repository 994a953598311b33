/**
 * What one TCP segment does to its connection once the table has found it: the SYN fixes the
 * stream's start, the bytes are reassembled and read, a RST closes the connection and the second
 * FIN (one from each side) does too. The same on this thread and in a reassembly worker.
 */
import type { RawFlow } from '../reader.js';
import type { TcpConnection } from './tcp-connection.js';

/** The parts of a TCP segment a connection reads (the table has used the ports and the ACK flag). */
export interface SegmentFields {
  syn: boolean;
  fin: boolean;
  rst: boolean;
  seq: number;
  payload: Uint8Array;
}

export function applySegment(connection: TcpConnection, fromClient: boolean, seg: SegmentFields, time: number, cut: number, out: RawFlow[]): void {
  const stream = fromClient ? connection.toServer : connection.toClient;
  if (seg.syn) stream.syn(seg.seq);
  if (connection.wants(fromClient)) {
    const events = stream.push(seg.syn ? (seg.seq + 1) % 2 ** 32 : seg.seq, seg.payload, time, cut);
    if (fromClient) connection.fromClient(events, out);
    else connection.fromServer(events, out);
  }
  if (seg.rst) {
    connection.close(out);
    return;
  }
  if (seg.fin) {
    if (fromClient) connection.endClient(out);
    else connection.endServer(out);
    if (connection.clientDone && connection.serverDone) connection.close(out);
  }
}

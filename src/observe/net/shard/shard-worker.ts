/**
 * A TCP reassembly worker: the connections the main thread's table assigned here, read exactly as
 * on the main thread (TcpConnection: reassembly, HTTP/1, h2c, TLS hellos, decryption). Records come
 * in batches, in the main thread's order; for each batch the flows its ops completed go back, each
 * with its op's number. A record that does not fit this worker's state is a bug: it throws, and the
 * main thread fails the read with that error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawFlow } from '../../reader.js';
import { TcpConnection, type ConnectionLimits } from '../tcp-connection.js';
import { applySegment } from '../connection-segment.js';
import { DnsNames } from '../dns-names.js';
import { addSecretsBlock, KeyLog } from '../../tls/keylog.js';
import { readBatch, type BatchHandler } from './segment-batch.js';
import { encodeFlows } from './flow-codec.js';
import type { ShardJob, ShardReply } from './shard-pool.js';

export interface ShardSetup {
  limits: ConnectionLimits & { maxDnsNames: number };
  /** The key log as the main thread had it when the workers started (KeyLog.entries()). */
  keylog: Array<[string, string, Uint8Array]>;
  /** DNS answers learnt before the workers started, least recent first. */
  names: Array<[string, string]>;
}

const setup = workerData as ShardSetup;
const names = new DnsNames(setup.limits.maxDnsNames);
for (const [ip, name] of setup.names) names.learn(ip, name);
const base = new KeyLog();
for (const [label, key, secret] of setup.keylog) base.add(label, key, secret);
// Secrets met later in the capture go over the ones known at the start, as on the main thread.
const keylog = new KeyLog(base);
const connections = new Map<number, TcpConnection>();

let out: RawFlow[] = [];
let ops: number[] = [];
/** Connections that stopped reading bytes since the last reply. */
let muted: number[] = [];
/** Numbers the flows the op just completed. */
const tag = (op: number) => {
  while (ops.length < out.length) ops.push(op);
};

function connection(id: number): TcpConnection {
  const c = connections.get(id);
  if (!c) throw new Error(`reassembly worker: no open connection ${id}`);
  return c;
}

const handler: BatchHandler = {
  open(id, ends, time) {
    connections.set(id, new TcpConnection(ends, time, names.get, setup.limits, keylog));
  },
  segment(id, op, fromClient, seg, time, cut) {
    const c = connection(id);
    const reading = c.wants(true) || c.wants(false);
    applySegment(c, fromClient, seg, time, cut, out);
    tag(op);
    if (seg.rst || (c.clientDone && c.serverDone)) connections.delete(id);
    // Neither side's bytes can change a flow any more (an unknown protocol, TLS past its hello
    // without keys): for good, as TcpConnection never goes back. The main thread stops sending them.
    else if (reading && !c.wants(true) && !c.wants(false)) muted.push(id);
  },
  close(id, op) {
    connection(id).close(out);
    tag(op);
    connections.delete(id);
  },
  name(ip, name) {
    names.learn(ip, name);
  },
  secrets(block) {
    addSecretsBlock(keylog, block);
  },
};

parentPort!.on('message', (job: ShardJob) => {
  readBatch(job.buffer, job.length, handler);
  const encoded = encodeFlows(out);
  const numbers = new Float64Array(ops);
  const reply: ShardReply = { id: job.id, ops: numbers, muted, ...encoded };
  out = [];
  ops = [];
  muted = [];
  parentPort!.postMessage(reply, [numbers.buffer as ArrayBuffer, encoded.bodies]);
});

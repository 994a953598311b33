/**
 * A TLS 1.3 connection with 0-RTT early data, built record by record with secrets of our choosing
 * (Node's TLS cannot send early data): ClientHello offering early_data, an HTTP request under the
 * client early traffic secret, EndOfEarlyData, the server's flight, and a request and responses under
 * the application secrets. Finished messages carry filler (nothing here verifies them).
 */
import { createCipheriv } from 'node:crypto';
import { keysFromTrafficSecret } from '../../src/observe/tls/key-schedule.js';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
const record = (type: number, body: Uint8Array) => Buffer.concat([Buffer.from([type, 3, 3]), u16(body.length), body]);
const handshake = (type: number, body: Uint8Array) => Buffer.concat([Buffer.from([type]), u24(body.length), body]);
const extension = (type: number, body: Uint8Array) => Buffer.concat([u16(type), u16(body.length), body]);

/** A TLS 1.3 record under a traffic secret (TLS_AES_128_GCM_SHA256): content, its real type, AEAD over the header. */
function seal(secret: Buffer, seq: number, type: number, content: Uint8Array): Buffer {
  const keys = keysFromTrafficSecret('sha256', secret, 16);
  const nonce = Buffer.from(keys.iv);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
  const inner = Buffer.concat([content, Buffer.from([type])]);
  const header = Buffer.concat([Buffer.from([23, 3, 3]), u16(inner.length + 16)]);
  const cipher = createCipheriv('aes-128-gcm', keys.key, nonce);
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
}

export interface EarlyDataConnection {
  client: Buffer[];
  server: Buffer[];
  keylog: string;
}

export function tls13EarlyData(host: string, earlyRequest: string, laterRequest: string): EarlyDataConnection {
  const random = Buffer.alloc(32, 0x5e);
  const secret = (label: number) => Buffer.alloc(32, label);
  const [early, ch, sh, c0, s0] = [secret(1), secret(2), secret(3), secret(4), secret(5)];
  const name = Buffer.from(host, 'ascii');
  const extensions = Buffer.concat([
    extension(0, Buffer.concat([u16(name.length + 3), Buffer.from([0]), u16(name.length), name])),
    extension(43, Buffer.from([2, 3, 4])),
    extension(42, Buffer.alloc(0)),
  ]);
  const clientHello = handshake(1, Buffer.concat([u16(0x0303), random, Buffer.from([0]), u16(2), u16(0x1301), Buffer.from([1, 0]), u16(extensions.length), extensions]));
  const serverExtensions = extension(43, u16(0x0304));
  const serverHello = handshake(2, Buffer.concat([u16(0x0303), Buffer.alloc(32, 0x7a), Buffer.from([0]), u16(0x1301), Buffer.from([0]), u16(serverExtensions.length), serverExtensions]));
  const finished = handshake(20, Buffer.alloc(32, 0xf1));
  const response = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 'latin1');
  const client = [
    Buffer.concat([record(22, clientHello), record(20, Buffer.from([1])), seal(early, 0, 23, Buffer.from(earlyRequest, 'latin1'))]),
    Buffer.concat([seal(early, 1, 22, handshake(5, Buffer.alloc(0))), seal(ch, 0, 22, finished), seal(c0, 0, 23, Buffer.from(laterRequest, 'latin1'))]),
  ];
  const server = [
    Buffer.concat([record(22, serverHello), record(20, Buffer.from([1])), seal(sh, 0, 22, handshake(8, Buffer.concat([u16(4), extension(42, Buffer.alloc(0))]))), seal(sh, 1, 22, finished)]),
    Buffer.concat([seal(s0, 0, 23, response), seal(s0, 1, 23, response)]),
  ];
  const hex = (b: Buffer) => b.toString('hex');
  const keylog = [
    `CLIENT_EARLY_TRAFFIC_SECRET ${hex(random)} ${hex(early)}`,
    `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${hex(random)} ${hex(ch)}`,
    `SERVER_HANDSHAKE_TRAFFIC_SECRET ${hex(random)} ${hex(sh)}`,
    `CLIENT_TRAFFIC_SECRET_0 ${hex(random)} ${hex(c0)}`,
    `SERVER_TRAFFIC_SECRET_0 ${hex(random)} ${hex(s0)}`,
  ].join('\n');
  return { client, server, keylog };
}

/**
 * One TLS connection followed from both directions' reassembled bytes (sans-IO): records are cut
 * out, the handshake is read (ClientHello random; ServerHello version, cipher suite and random;
 * TLS 1.3's encrypted handshake up to each side's Finished, KeyUpdate), keys are derived from the
 * key log's secrets, and the application data of each direction comes out as plaintext.
 */
import { u16 } from '../net/bytes.js';
import { isSslv2Hello } from '../net/tls-hello.js';
import type { StreamEvent } from '../net/tcp-stream.js';
import { cipherSuite, cipherSuiteName, type CipherSuite } from './cipher-suites.js';
import type { KeyLog } from './keylog.js';
import { keysFromMasterSecret, keysFromTrafficSecret, nextTrafficSecret, HASH_LENGTH } from './key-schedule.js';
import { RecordDecrypter } from './record-protection.js';
import { RecordInflater } from './record-compression.js';

export interface AppData {
  fromClient: boolean;
  data: Uint8Array;
  time: number;
}

const VERSION_NAMES: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: '1.0', 0x0302: '1.1', 0x0303: '1.2', 0x0304: '1.3' };
// SHA-256 of "HelloRetryRequest": the ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3).
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';
const MAX_RECORD = (1 << 14) + 2048 + 5;
const MAX_HANDSHAKE_MESSAGE = 1 << 20;

interface Direction {
  fromClient: boolean;
  buf: Uint8Array;
  handshake: Uint8Array;
  /** TLS 1.2: a ChangeCipherSpec was sent, later records are protected. */
  protected: boolean;
  decrypter?: RecordDecrypter;
  /** TLS 1.3: the application traffic secret waiting for this side's Finished. */
  nextSecret?: Uint8Array;
  secret?: Uint8Array;
  /** TLS 1.3 without handshake secrets: records that fail are the encrypted handshake, skipped until one opens. */
  skipHandshake?: boolean;
  /** TLS ≤ 1.2 with DEFLATE record compression (RFC 3749). */
  inflater?: RecordInflater;
  stopped: boolean;
}

export class TlsSession {
  clientRandom?: Uint8Array;
  /** Negotiated protocol version (0x0303 = TLS 1.2, 0x0304 = TLS 1.3), from the ServerHello. */
  version?: number;
  suiteId?: number;
  /** True once any protected record was opened. */
  decrypted = false;
  /** No secrets for this session in the key log. */
  keysMissing = false;
  /** Why decryption stopped or never started, when it did. */
  problem?: string;
  private suite?: CipherSuite;
  private serverHelloSeen = false;
  private encryptThenMac = false;
  private readonly client: Direction = direction(true);
  private readonly server: Direction = direction(false);

  constructor(private readonly keylog: KeyLog) {}

  get versionName(): string | undefined {
    return this.version === undefined ? undefined : VERSION_NAMES[this.version] ?? `0x${this.version.toString(16)}`;
  }

  get cipherName(): string | undefined {
    return this.suiteId === undefined ? undefined : cipherSuiteName(this.suiteId);
  }

  push(fromClient: boolean, event: StreamEvent): AppData[] {
    const dir = fromClient ? this.client : this.server;
    const out: AppData[] = [];
    if (dir.stopped) return out;
    if ('gap' in event) {
      this.stop(dir, `TCP gap of ${event.gap} bytes in the ${fromClient ? 'client' : 'server'} stream: decryption stopped there`);
      return out;
    }
    dir.buf = dir.buf.length === 0 ? event.data : Buffer.concat([dir.buf, event.data]);
    let at = 0;
    if (fromClient && !this.clientRandom && isSslv2Hello(dir.buf)) {
      const length = ((dir.buf[0]! & 0x7f) << 8) | dir.buf[1]!;
      if (dir.buf.length < 2 + length) return out;
      this.sslv2Hello(dir.buf.subarray(2, 2 + length));
      at = 2 + length;
    }
    while (!dir.stopped && at + 5 <= dir.buf.length) {
      const type = dir.buf[at]!;
      const version = u16(dir.buf, at + 1);
      const length = u16(dir.buf, at + 3);
      if (type < 20 || type > 24 || dir.buf[at + 1] !== 3 || length + 5 > MAX_RECORD) {
        this.stop(dir, `not a TLS record in the ${fromClient ? 'client' : 'server'} stream`);
        break;
      }
      if (at + 5 + length > dir.buf.length) break;
      this.record(dir, type, version, dir.buf.subarray(at + 5, at + 5 + length), event.time, out);
      at += 5 + length;
    }
    dir.buf = dir.stopped ? new Uint8Array(0) : Uint8Array.from(dir.buf.subarray(at));
    return out;
  }

  private stop(dir: Direction, problem: string): void {
    dir.stopped = true;
    this.problem ??= problem;
  }

  private record(dir: Direction, type: number, version: number, fragment: Uint8Array, time: number, out: AppData[]): void {
    const tls13 = this.version === 0x0304;
    if (type === 20) {
      if (!tls13) dir.protected = true; // TLS 1.3 sends it only for middlebox compatibility
      return;
    }
    const isProtected = tls13 ? this.serverHelloSeen && type === 23 : dir.protected;
    let plain: { type: number; data: Uint8Array } = { type, data: fragment };
    if (isProtected) {
      if (!dir.decrypter) {
        if (!this.keysMissing && !this.problem) this.problem = 'protected records before the keys were known';
        dir.stopped = this.keysMissing || this.suite === undefined;
        return;
      }
      let opened = dir.decrypter.open(type, version, fragment);
      if (typeof opened === 'string' && tls13 && dir.nextSecret) {
        // The Finished was missed: try the application keys.
        this.switchToApplication(dir);
        opened = dir.decrypter.open(type, version, fragment);
      }
      if (typeof opened === 'string' && dir.skipHandshake) return;
      dir.skipHandshake = false;
      if (typeof opened === 'string') {
        this.stop(dir, `${dir.fromClient ? 'client' : 'server'} ${opened}: the key log's secret does not fit this session`);
        return;
      }
      this.decrypted = true;
      plain = opened;
      if (dir.inflater) {
        const inflated = dir.inflater.inflate(plain.data);
        if (typeof inflated === 'string') return this.stop(dir, inflated);
        plain = { type: plain.type, data: inflated };
      }
    }
    if (plain.type === 22) this.handshakeBytes(dir, plain.data);
    else if (plain.type === 23 && isProtected && plain.data.length > 0) out.push({ fromClient: dir.fromClient, data: plain.data, time });
  }

  private handshakeBytes(dir: Direction, data: Uint8Array): void {
    dir.handshake = dir.handshake.length === 0 ? data : Buffer.concat([dir.handshake, data]);
    let at = 0;
    while (at + 4 <= dir.handshake.length) {
      const length = (dir.handshake[at + 1]! << 16) | u16(dir.handshake, at + 2);
      if (length > MAX_HANDSHAKE_MESSAGE) return this.stop(dir, 'handshake message too large');
      if (at + 4 + length > dir.handshake.length) break;
      this.handshakeMessage(dir, dir.handshake[at]!, dir.handshake.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    dir.handshake = Uint8Array.from(dir.handshake.subarray(at));
  }

  private handshakeMessage(dir: Direction, type: number, body: Uint8Array): void {
    if (type === 1 && dir.fromClient && body.length >= 34) this.clientRandom ??= Uint8Array.from(body.subarray(2, 34));
    else if (type === 2 && !dir.fromClient) this.serverHello(body);
    else if (type === 20 && this.version === 0x0304 && dir.nextSecret) this.switchToApplication(dir);
    else if (type === 24 && this.version === 0x0304 && dir.secret && this.suite) {
      dir.secret = nextTrafficSecret(this.suite.prfHash, dir.secret);
      dir.decrypter = new RecordDecrypter(this.suite, keysFromTrafficSecret(this.suite.prfHash, dir.secret, this.suite.keyLength), 0x0304);
    }
  }

  /** SSLv2-format ClientHello: the TLS client random is the challenge, right-aligned in 32 bytes. */
  private sslv2Hello(body: Uint8Array): void {
    if (body.length < 9) return this.stop(this.client, 'SSLv2 ClientHello truncated');
    const challengeLength = u16(body, 7);
    const challenge = body.subarray(body.length - challengeLength);
    if (challengeLength < 16 || challengeLength > 32 || 9 + u16(body, 3) + u16(body, 5) + challengeLength !== body.length) {
      return this.stop(this.client, 'SSLv2 ClientHello malformed');
    }
    const random = new Uint8Array(32);
    random.set(challenge, 32 - challengeLength);
    this.clientRandom = random;
  }

  private switchToApplication(dir: Direction): void {
    dir.secret = dir.nextSecret!;
    dir.nextSecret = undefined;
    dir.decrypter = new RecordDecrypter(this.suite!, keysFromTrafficSecret(this.suite!.prfHash, dir.secret, this.suite!.keyLength), 0x0304);
  }

  private serverHello(body: Uint8Array): void {
    if (body.length < 38) return this.stop(this.server, 'ServerHello truncated');
    const random = body.subarray(2, 34);
    if (Buffer.from(random).toString('hex') === HRR_RANDOM) return; // a second ServerHello follows
    let version = u16(body, 0);
    let at = 35 + body[34]!;
    if (at + 3 > body.length) return this.stop(this.server, 'ServerHello truncated');
    const suiteId = u16(body, at);
    const compression = body[at + 2];
    at += 3;
    if (at + 2 <= body.length) {
      const end = Math.min(body.length, at + 2 + u16(body, at));
      for (at += 2; at + 4 <= end; at += 4 + u16(body, at + 2)) {
        if (u16(body, at) === 43 && u16(body, at + 2) === 2) version = u16(body, at + 4);
        if (u16(body, at) === 22) this.encryptThenMac = true;
      }
    }
    this.serverHelloSeen = true;
    this.version = version;
    this.suiteId = suiteId;
    if (compression === 1 && version < 0x0304) {
      this.client.inflater = new RecordInflater();
      this.server.inflater = new RecordInflater();
    } else if (compression !== 0) {
      return this.stop(this.server, `unknown record compression method ${compression}`);
    }
    this.setUpKeys(Uint8Array.from(random));
  }

  private setUpKeys(serverRandom: Uint8Array): void {
    const suite = cipherSuite(this.suiteId!);
    if (!suite || (this.version === 0x0304) !== (suite.id >> 8 === 0x13)) {
      this.problem = `cipher suite ${cipherSuiteName(this.suiteId!)} cannot be decrypted here`;
      return;
    }
    if (!this.clientRandom) {
      this.problem = 'the ClientHello was not seen';
      return;
    }
    this.suite = suite;
    if (this.version === 0x0304) {
      const get = (label: Parameters<KeyLog['get']>[0]) => this.keylog.get(label, this.clientRandom!);
      const [ch, sh, c0, s0] = [get('CLIENT_HANDSHAKE_TRAFFIC_SECRET'), get('SERVER_HANDSHAKE_TRAFFIC_SECRET'), get('CLIENT_TRAFFIC_SECRET_0'), get('SERVER_TRAFFIC_SECRET_0')];
      if (!c0 && !s0) {
        this.keysMissing = true;
        this.problem = 'no TLS 1.3 traffic secrets for this session in the key log';
        return;
      }
      for (const [dir, handshake, application] of [[this.client, ch, c0], [this.server, sh, s0]] as const) {
        const first = handshake ?? application;
        if (!first) continue;
        if (first.length !== HASH_LENGTH[suite.prfHash]) {
          this.problem = `key log secret has ${first.length} bytes, ${suite.name} needs ${HASH_LENGTH[suite.prfHash]}`;
          return;
        }
        dir.secret = first;
        if (handshake && application) dir.nextSecret = application;
        dir.skipHandshake = !handshake;
        dir.decrypter = new RecordDecrypter(suite, keysFromTrafficSecret(suite.prfHash, first, suite.keyLength), 0x0304);
      }
      return;
    }
    const master = this.keylog.get('CLIENT_RANDOM', this.clientRandom);
    if (!master) {
      this.keysMissing = true;
      this.problem = 'no master secret for this session in the key log';
      return;
    }
    const sizes = { mac: suite.mac ? HASH_LENGTH[suite.mac] : 0, key: suite.keyLength, iv: suite.ivLength };
    const keys = keysFromMasterSecret(this.version! >= 0x0303 ? suite.prfHash : undefined, master, this.clientRandom, serverRandom, sizes);
    const etm = this.encryptThenMac && suite.mode === 'cbc';
    this.client.decrypter = new RecordDecrypter(suite, keys.client, this.version!, etm);
    this.server.decrypter = new RecordDecrypter(suite, keys.server, this.version!, etm);
  }
}

function direction(fromClient: boolean): Direction {
  return { fromClient, buf: new Uint8Array(0), handshake: new Uint8Array(0), protected: false, stopped: false };
}

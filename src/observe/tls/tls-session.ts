/**
 * One TLS connection followed from both directions' reassembled bytes (sans-IO): records are cut
 * out, the handshake is read (ClientHello; ServerHello version, cipher suite, random and session id;
 * ClientKeyExchange; TLS 1.3's encrypted handshake up to each side's Finished, KeyUpdate), keys are
 * derived from the key log's secrets, and the application data of each direction comes out as
 * plaintext — TLS 1.3 0-RTT early data included, and TLS ≤ 1.2 renegotiations, each new handshake's
 * keys taking over at its ChangeCipherSpec. What could not be decrypted is said in `undecrypted`.
 */
import { createHash } from 'node:crypto';
import type { TlsUndecrypted } from '../../model/flow.js';
import { u16 } from '../net/bytes.js';
import { isSslv2Hello } from '../net/tls-hello.js';
import type { StreamEvent } from '../net/tcp-stream.js';
import { cipherSuite, cipherSuiteName, type CipherSuite } from './cipher-suites.js';
import type { KeyLog, KeyLogLabel } from './keylog.js';
import { keysFromMasterSecret, keysFromTrafficSecret, nextTrafficSecret, prf, HASH_LENGTH } from './key-schedule.js';
import { RecordDecrypter } from './record-protection.js';
import { RecordInflater } from './record-compression.js';

export interface AppData {
  fromClient: boolean;
  data: Uint8Array;
  time: number;
  /** TLS 1.3 0-RTT data, sent before the handshake finished. */
  early?: boolean;
}

const VERSION_NAMES: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: '1.0', 0x0302: '1.1', 0x0303: '1.2', 0x0304: '1.3' };
// SHA-256 of "HelloRetryRequest": the ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3).
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';
const MAX_RECORD = (1 << 14) + 2048 + 5;
const MAX_HANDSHAKE_MESSAGE = 1 << 20;
/** Handshake bytes kept for the extended master secret's session hash (RFC 7627); certificates make most of it. */
const MAX_TRANSCRIPT = 1 << 20;
const HANDSHAKE = { CLIENT_HELLO: 1, SERVER_HELLO: 2, END_OF_EARLY_DATA: 5, CLIENT_KEY_EXCHANGE: 16, FINISHED: 20, KEY_UPDATE: 24 } as const;
const EXTENSION = { EXTENDED_MASTER_SECRET: 23, ENCRYPT_THEN_MAC: 22, EARLY_DATA: 42, SUPPORTED_VERSIONS: 43 } as const;

type Reason = TlsUndecrypted['reason'];

interface Direction {
  fromClient: boolean;
  buf: Uint8Array;
  handshake: Uint8Array;
  /** TLS ≤ 1.2: a ChangeCipherSpec was sent, later records are protected. */
  protected: boolean;
  decrypter?: RecordDecrypter;
  /** TLS ≤ 1.2: the keys of the handshake in progress, taking over at this side's next ChangeCipherSpec. */
  pending?: { decrypter?: RecordDecrypter; inflater?: RecordInflater };
  /** TLS 1.3: the application traffic secret waiting for this side's Finished. */
  nextSecret?: Uint8Array;
  secret?: Uint8Array;
  /** TLS 1.3 without handshake secrets: records that fail are the encrypted handshake, skipped until one opens. */
  skipHandshake?: boolean;
  /** TLS ≤ 1.2 with DEFLATE record compression (RFC 3749). */
  inflater?: RecordInflater;
  /** Protected records opened in this direction. */
  opened: number;
  stopped: boolean;
}

/** The handshake in progress (the first, or a renegotiation). */
interface Handshake {
  number: number;
  clientRandom?: Uint8Array;
  /** The session id the server chose (the client's offer when it resumes a session). */
  sessionId?: Uint8Array;
  serverRandom?: Uint8Array;
  suite?: CipherSuite;
  extendedMasterSecret: boolean;
  encryptThenMac: boolean;
  compression: number;
  master?: Uint8Array;
  /** Handshake messages so far, for the session hash; only kept when a pre-master secret may be needed. */
  transcript?: Uint8Array[];
  transcriptBytes: number;
}

/** TLS 1.3 0-RTT: the client's early data keys, or how many records went unread without them. */
interface EarlyData {
  secret?: Uint8Array;
  /** TLS 1.3 suites the ClientHello offered: the early data uses the resumed session's, found by trial. */
  candidates: CipherSuite[];
  decrypter?: RecordDecrypter;
  on: boolean;
  unread: number;
}

export class TlsSession {
  /** The first ClientHello's random (the one the key log is searched by). */
  clientRandom?: Uint8Array;
  /** Negotiated protocol version (0x0303 = TLS 1.2, 0x0304 = TLS 1.3), from the ServerHello. */
  version?: number;
  suiteId?: number;
  /** True once any protected record was opened. */
  decrypted = false;
  /** No secrets for this session in the key log. */
  keysMissing = false;
  /** TLS 1.3 early data records decrypted. */
  earlyRecords = 0;
  /** Handshakes seen on this connection (more than one: renegotiation). */
  handshakes = 0;
  private failure?: { reason: Reason; detail: string };
  private suite?: CipherSuite;
  private serverHelloSeen = false;
  private offered13 = false;
  private hs: Handshake = newHandshake(0);
  /** Master secrets of this connection's sessions by session id, for abbreviated renegotiations. */
  private readonly masters = new Map<string, Uint8Array>();
  private early?: EarlyData;
  private readonly client: Direction = direction(true);
  private readonly server: Direction = direction(false);

  constructor(private readonly keylog: KeyLog) {}

  get versionName(): string | undefined {
    return this.version === undefined ? undefined : VERSION_NAMES[this.version] ?? `0x${this.version.toString(16)}`;
  }

  get cipherName(): string | undefined {
    return this.suiteId === undefined ? undefined : cipherSuiteName(this.suiteId);
  }

  /** Why (part of) the connection was not decrypted, or undefined when all of it was. */
  get undecrypted(): TlsUndecrypted | undefined {
    const early = this.early && this.early.unread > 0 && !this.failure
      ? { reason: 'early_data' as const, detail: `${this.early.unread} record${this.early.unread === 1 ? '' : 's'} under the TLS 1.3 0-RTT early data keys (early data, EndOfEarlyData) not decrypted: the key log has no CLIENT_EARLY_TRAFFIC_SECRET for this session` }
      : undefined;
    const failure = this.failure ?? early;
    if (!failure) return undefined;
    return { ...failure, ...(this.decrypted ? { partial: true } : {}) };
  }

  /** The undecrypted detail, for notes. */
  get problem(): string | undefined {
    return this.undecrypted?.detail;
  }

  push(fromClient: boolean, event: StreamEvent): AppData[] {
    const dir = fromClient ? this.client : this.server;
    const out: AppData[] = [];
    if (dir.stopped) return out;
    if ('gap' in event) {
      this.stop(dir, 'capture_gap', `${event.gap} bytes of the ${side(dir)} stream were not captured; decryption of that direction stopped there`);
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
        this.stop(dir, 'protocol_error', `the ${side(dir)} stream holds bytes that are not a TLS record; decryption of that direction stopped there`);
        break;
      }
      if (at + 5 + length > dir.buf.length) break;
      this.record(dir, type, version, dir.buf.subarray(at + 5, at + 5 + length), event.time, out);
      at += 5 + length;
    }
    dir.buf = dir.stopped ? new Uint8Array(0) : Uint8Array.from(dir.buf.subarray(at));
    return out;
  }

  private fail(reason: Reason, detail: string): void {
    this.failure ??= { reason, detail };
  }

  private stop(dir: Direction, reason: Reason, detail: string): void {
    dir.stopped = true;
    this.fail(reason, detail);
  }

  private record(dir: Direction, type: number, version: number, fragment: Uint8Array, time: number, out: AppData[]): void {
    const tls13 = this.version === 0x0304;
    if (type === 20) {
      // A ChangeCipherSpec before the ServerHello is TLS 1.3's middlebox-compatibility one (before 0-RTT data).
      if (!tls13 && this.serverHelloSeen) this.changeCipherSpec(dir);
      return;
    }
    if (dir.fromClient && type === 23 && this.early?.on && !this.readEarly(fragment, type, version, time, out)) return;
    if (dir.fromClient && type === 23 && !this.serverHelloSeen && this.offered13) {
      // 0-RTT data whose keys are unknown: counted, and said in `undecrypted`.
      this.early ??= { candidates: [], on: false, unread: 0 };
      this.early.unread++;
      return;
    }
    const isProtected = tls13 ? this.serverHelloSeen && type === 23 : dir.protected;
    let plain: { type: number; data: Uint8Array } = { type, data: fragment };
    if (isProtected) {
      if (!dir.decrypter) {
        if (!this.failure) this.keysUnknown(dir);
        dir.stopped = true;
        return;
      }
      let opened = dir.decrypter.open(type, version, fragment);
      if (typeof opened === 'string' && dir.fromClient && this.early && !this.early.secret && dir.opened === 0 && !dir.skipHandshake) {
        this.early.unread++; // more 0-RTT data without its keys, before the client's handshake records
        return;
      }
      if (typeof opened === 'string' && tls13 && dir.nextSecret) {
        // The Finished was missed: try the application keys.
        this.switchToApplication(dir);
        opened = dir.decrypter.open(type, version, fragment);
      }
      if (typeof opened === 'string' && dir.skipHandshake) return;
      dir.skipHandshake = false;
      if (typeof opened === 'string') {
        if (dir.opened === 0) this.stop(dir, 'keys_mismatch', `${side(dir)}'s first protected record: ${opened}: the key log's secret does not fit this session`);
        else this.stop(dir, 'protocol_error', `${side(dir)} record ${dir.opened + 1}: ${opened} after ${dir.opened} records were decrypted; the rest of that direction is not decrypted`);
        return;
      }
      dir.opened++;
      this.decrypted = true;
      plain = opened;
      if (dir.inflater) {
        const inflated = dir.inflater.inflate(plain.data);
        if (typeof inflated === 'string') return this.stop(dir, 'protocol_error', inflated);
        plain = { type: plain.type, data: inflated };
      }
    }
    if (plain.type === 22) this.handshakeBytes(dir, plain.data);
    else if (plain.type === 23 && isProtected && plain.data.length > 0) out.push({ fromClient: dir.fromClient, data: plain.data, time });
  }

  /** Why a direction has protected records but no keys. */
  private keysUnknown(dir: Direction): void {
    if (this.hs.number > 1 && !this.hs.master) {
      const random = this.hs.clientRandom ? ` (client random ${hex(this.hs.clientRandom).slice(0, 16)}…)` : '';
      this.fail('renegotiation', `the connection renegotiated (handshake ${this.hs.number}) and the key log has no master secret for the new session${random}; the ${side(dir)}'s records after it are not decrypted`);
    } else if (!this.clientRandom) {
      this.fail('handshake_not_seen', 'the ClientHello was not captured, so the key log cannot be searched for this session');
    } else if (!this.serverHelloSeen) {
      this.fail('handshake_not_seen', 'the ServerHello was not captured, so the cipher suite and keys of this session are unknown');
    } else {
      this.keysMissing = true;
      this.fail('keys_missing', `the key log has no master secret for this session (client random ${hex(this.hs.clientRandom ?? this.clientRandom).slice(0, 16)}…)`);
    }
  }

  /** TLS 1.3 0-RTT record: false when it was consumed as early data, true when it belongs to the handshake that follows. */
  private readEarly(fragment: Uint8Array, type: number, version: number, time: number, out: AppData[]): boolean {
    const early = this.early!;
    let opened: ReturnType<RecordDecrypter['open']> = 'no early data keys';
    if (early.decrypter) opened = early.decrypter.open(type, version, fragment);
    else {
      for (const suite of early.candidates) {
        const decrypter = new RecordDecrypter(suite, keysFromTrafficSecret(suite.prfHash, early.secret!, suite.keyLength), 0x0304);
        opened = decrypter.open(type, version, fragment);
        if (typeof opened !== 'string') {
          early.decrypter = decrypter;
          break;
        }
      }
    }
    if (typeof opened === 'string') {
      // Not early data: the server refused it, or it is over and the handshake records follow.
      early.on = false;
      return true;
    }
    this.decrypted = true;
    this.earlyRecords++;
    if (opened.type === 23 && opened.data.length > 0) out.push({ fromClient: true, data: opened.data, time, early: true });
    else if (opened.type === 22) this.handshakeBytes(this.client, opened.data);
    return false;
  }

  private changeCipherSpec(dir: Direction): void {
    dir.protected = true;
    const pending = dir.pending;
    dir.pending = undefined;
    dir.decrypter = pending?.decrypter;
    dir.inflater = pending?.inflater;
    dir.opened = 0;
  }

  private handshakeBytes(dir: Direction, data: Uint8Array): void {
    dir.handshake = dir.handshake.length === 0 ? data : Buffer.concat([dir.handshake, data]);
    let at = 0;
    while (at + 4 <= dir.handshake.length) {
      const length = (dir.handshake[at + 1]! << 16) | u16(dir.handshake, at + 2);
      if (length > MAX_HANDSHAKE_MESSAGE) return this.stop(dir, 'protocol_error', `a ${side(dir)} handshake message claims ${length} bytes, more than any allowed`);
      if (at + 4 + length > dir.handshake.length) break;
      this.handshakeMessage(dir, dir.handshake[at]!, dir.handshake.subarray(at + 4, at + 4 + length), dir.handshake.subarray(at, at + 4 + length));
      at += 4 + length;
    }
    dir.handshake = Uint8Array.from(dir.handshake.subarray(at));
  }

  private handshakeMessage(dir: Direction, type: number, body: Uint8Array, whole: Uint8Array): void {
    if (type === HANDSHAKE.CLIENT_HELLO && dir.fromClient) this.clientHello(body);
    const hs = this.hs;
    if (hs.transcript && this.version !== 0x0304 && hs.transcriptBytes + whole.length <= MAX_TRANSCRIPT) {
      hs.transcript.push(Uint8Array.from(whole));
      hs.transcriptBytes += whole.length;
    }
    if (type === HANDSHAKE.SERVER_HELLO && !dir.fromClient) this.serverHello(body);
    else if (type === HANDSHAKE.CLIENT_KEY_EXCHANGE && dir.fromClient && this.version !== 0x0304) this.clientKeyExchange(body);
    else if (type === HANDSHAKE.END_OF_EARLY_DATA && dir.fromClient && this.early) this.early.on = false;
    else if (type === HANDSHAKE.FINISHED && this.version === 0x0304 && dir.nextSecret) this.switchToApplication(dir);
    else if (type === HANDSHAKE.KEY_UPDATE && this.version === 0x0304 && dir.secret && this.suite) {
      dir.secret = nextTrafficSecret(this.suite.prfHash, dir.secret);
      dir.decrypter = new RecordDecrypter(this.suite, keysFromTrafficSecret(this.suite.prfHash, dir.secret, this.suite.keyLength), 0x0304);
    }
  }

  /** A ClientHello: the first one names the session; a later one (TLS ≤ 1.2) starts a renegotiation. */
  private clientHello(body: Uint8Array): void {
    if (body.length < 35) return;
    const random = Uint8Array.from(body.subarray(2, 34));
    this.handshakes++;
    this.hs = newHandshake(this.handshakes);
    this.hs.clientRandom = random;
    this.clientRandom ??= random;
    let at = 34;
    at += 1 + body[at]!; // session id
    if (at + 2 > body.length) return;
    const suites: number[] = [];
    const suitesEnd = Math.min(body.length, at + 2 + u16(body, at));
    for (let i = at + 2; i + 2 <= suitesEnd; i += 2) suites.push(u16(body, i));
    at = suitesEnd;
    if (at + 1 > body.length) return;
    at += 1 + body[at]!;
    let earlyData = false;
    if (at + 2 <= body.length) {
      const end = Math.min(body.length, at + 2 + u16(body, at));
      for (at += 2; at + 4 <= end; at += 4 + u16(body, at + 2)) {
        const ext = u16(body, at);
        if (ext === EXTENSION.EARLY_DATA) earlyData = true;
        else if (ext === EXTENSION.SUPPORTED_VERSIONS) {
          for (let i = at + 5; i + 2 <= Math.min(end, at + 5 + body[at + 4]!); i += 2) if (u16(body, i) === 0x0304) this.offered13 = true;
        }
      }
    }
    // A pre-master secret needs the transcript only with the extended master secret; which one is known at the ServerHello.
    if (this.keylog.has('PMS_CLIENT_RANDOM') || this.keylog.has('RSA')) {
      this.hs.transcript = [];
    }
    if (earlyData && this.handshakes === 1) {
      const secret = this.keylog.get('CLIENT_EARLY_TRAFFIC_SECRET', random);
      const candidates = suites.map(cipherSuite).filter((s): s is CipherSuite => s !== undefined && s.id >> 8 === 0x13 && (!secret || HASH_LENGTH[s.prfHash] === secret.length));
      this.early = { ...(secret ? { secret } : {}), candidates, on: secret !== undefined && candidates.length > 0, unread: 0 };
    }
  }

  /** SSLv2-format ClientHello: the TLS client random is the challenge, right-aligned in 32 bytes. */
  private sslv2Hello(body: Uint8Array): void {
    if (body.length < 9) return this.stop(this.client, 'protocol_error', 'the SSLv2-format ClientHello is truncated');
    const challengeLength = u16(body, 7);
    const challenge = body.subarray(body.length - challengeLength);
    if (challengeLength < 16 || challengeLength > 32 || 9 + u16(body, 3) + u16(body, 5) + challengeLength !== body.length) {
      return this.stop(this.client, 'protocol_error', 'the SSLv2-format ClientHello is malformed');
    }
    const random = new Uint8Array(32);
    random.set(challenge, 32 - challengeLength);
    this.clientRandom = random;
    this.handshakes++;
    this.hs = newHandshake(this.handshakes);
    this.hs.clientRandom = random;
  }

  private switchToApplication(dir: Direction): void {
    dir.secret = dir.nextSecret!;
    dir.nextSecret = undefined;
    dir.decrypter = new RecordDecrypter(this.suite!, keysFromTrafficSecret(this.suite!.prfHash, dir.secret, this.suite!.keyLength), 0x0304);
  }

  private serverHello(body: Uint8Array): void {
    if (body.length < 38) return this.stop(this.server, 'protocol_error', 'the ServerHello is truncated');
    const random = body.subarray(2, 34);
    if (hex(random) === HRR_RANDOM) return; // a second ServerHello follows
    const hs = this.hs;
    let version = u16(body, 0);
    const sessionIdLength = body[34]!;
    if (sessionIdLength > 0 && 35 + sessionIdLength <= body.length) hs.sessionId = Uint8Array.from(body.subarray(35, 35 + sessionIdLength));
    let at = 35 + sessionIdLength;
    if (at + 3 > body.length) return this.stop(this.server, 'protocol_error', 'the ServerHello is truncated');
    const suiteId = u16(body, at);
    hs.compression = body[at + 2]!;
    at += 3;
    if (at + 2 <= body.length) {
      const end = Math.min(body.length, at + 2 + u16(body, at));
      for (at += 2; at + 4 <= end; at += 4 + u16(body, at + 2)) {
        const ext = u16(body, at);
        if (ext === EXTENSION.SUPPORTED_VERSIONS && u16(body, at + 2) === 2) version = u16(body, at + 4);
        else if (ext === EXTENSION.ENCRYPT_THEN_MAC) hs.encryptThenMac = true;
        else if (ext === EXTENSION.EXTENDED_MASTER_SECRET) hs.extendedMasterSecret = true;
      }
    }
    if (this.serverHelloSeen && (version !== this.version || version === 0x0304)) {
      return this.stop(this.server, 'protocol_error', 'a second ServerHello changed the protocol version; the rest is not decrypted');
    }
    this.serverHelloSeen = true;
    this.version = version;
    this.suiteId = suiteId;
    hs.serverRandom = Uint8Array.from(random);
    if (hs.compression !== 0 && (hs.compression !== 1 || version >= 0x0304)) {
      return this.stop(this.server, 'protocol_error', `the ServerHello chose record compression method ${hs.compression}, which privdiff cannot undo`);
    }
    const suite = cipherSuite(suiteId);
    if (version === 0x0300) return this.fail('unsupported_version', 'SSL 3.0 is not decrypted: its record MAC and key derivation differ from TLS (out of scope)');
    if (version < 0x0300 || version > 0x0304) return this.fail('unsupported_version', `the ServerHello chose protocol version 0x${version.toString(16)}, which privdiff cannot decrypt`);
    if (!suite) return this.fail('unsupported_cipher_suite', `cipher suite ${cipherSuiteName(suiteId)} cannot be decrypted here: privdiff has no implementation of its cipher`);
    if ((version === 0x0304) !== (suite.id >> 8 === 0x13)) return this.fail('protocol_error', `the ServerHello pairs TLS ${VERSION_NAMES[version]} with cipher suite ${suite.name}, which belongs to another version`);
    if (!hs.clientRandom) return this.fail('handshake_not_seen', 'the ClientHello was not captured, so the key log cannot be searched for this session');
    this.suite = suite;
    hs.suite = suite;
    if (version === 0x0304) this.setUp13(suite, hs.clientRandom);
    else this.setUp12(hs);
  }

  private setUp13(suite: CipherSuite, clientRandom: Uint8Array): void {
    const get = (label: KeyLogLabel) => this.keylog.get(label, clientRandom);
    const [ch, sh, c0, s0] = [get('CLIENT_HANDSHAKE_TRAFFIC_SECRET'), get('SERVER_HANDSHAKE_TRAFFIC_SECRET'), get('CLIENT_TRAFFIC_SECRET_0'), get('SERVER_TRAFFIC_SECRET_0')];
    if (!c0 && !s0) {
      this.keysMissing = true;
      return this.fail('keys_missing', `the key log has no TLS 1.3 traffic secrets for this session (client random ${hex(clientRandom).slice(0, 16)}…)`);
    }
    for (const [dir, handshake, application] of [[this.client, ch, c0], [this.server, sh, s0]] as const) {
      const first = handshake ?? application;
      if (!first) continue;
      if (first.length !== HASH_LENGTH[suite.prfHash]) {
        return this.fail('keys_mismatch', `the key log's secret for this session has ${first.length} bytes, ${suite.name} needs ${HASH_LENGTH[suite.prfHash]}`);
      }
      dir.secret = first;
      if (handshake && application) dir.nextSecret = application;
      dir.skipHandshake = !handshake;
      dir.decrypter = new RecordDecrypter(suite, keysFromTrafficSecret(suite.prfHash, first, suite.keyLength), 0x0304);
    }
  }

  /** TLS ≤ 1.2: the master secret by client random, by session id, or from this connection's earlier session. */
  private setUp12(hs: Handshake): void {
    // A resumed session (abbreviated handshake) has the session id the client offered; a new one, the id the server chose.
    const bySession = (id: Uint8Array | undefined) => (id ? this.keylog.get('SESSION_ID', id) ?? this.masters.get(hex(id)) : undefined);
    hs.master = this.keylog.get('CLIENT_RANDOM', hs.clientRandom!) ?? bySession(hs.sessionId);
    if (hs.master) this.installKeys(hs);
    else if (!hs.extendedMasterSecret) hs.transcript = undefined;
    // Without a master secret yet: a pre-master secret may come with the ClientKeyExchange.
  }

  private clientKeyExchange(body: Uint8Array): void {
    const hs = this.hs;
    if (hs.master || !hs.suite || !hs.clientRandom || !hs.serverRandom) return;
    let pms = this.keylog.get('PMS_CLIENT_RANDOM', hs.clientRandom);
    // RSA key exchange: Wireshark's `RSA` lines name the pre-master secret by its encrypted form's first 8 bytes.
    if (!pms && this.keylog.has('RSA') && body.length >= 10) pms = this.keylog.get('RSA', body.subarray(this.version === 0x0300 ? 0 : 2, (this.version === 0x0300 ? 0 : 2) + 8));
    if (!pms) return;
    const hash = this.version! >= 0x0303 ? hs.suite.prfHash : undefined;
    if (hs.extendedMasterSecret) {
      if (!hs.transcript) return;
      const sessionHash = hash ? createHash(hash).update(Buffer.concat(hs.transcript)).digest() : Buffer.concat([createHash('md5').update(Buffer.concat(hs.transcript)).digest(), createHash('sha1').update(Buffer.concat(hs.transcript)).digest()]);
      hs.master = prf(hash, pms, 'extended master secret', sessionHash, 48);
    } else {
      hs.master = prf(hash, pms, 'master secret', Buffer.concat([hs.clientRandom, hs.serverRandom]), 48);
    }
    hs.transcript = undefined;
    this.installKeys(hs);
  }

  /** The key block of a TLS ≤ 1.2 handshake: each side's keys wait for its ChangeCipherSpec. */
  private installKeys(hs: Handshake): void {
    const suite = hs.suite!;
    const master = hs.master!;
    if (master.length !== 48) return this.fail('keys_mismatch', `the key log's master secret for this session has ${master.length} bytes, not 48`);
    if (hs.sessionId) this.masters.set(hex(hs.sessionId), master);
    const sizes = { mac: suite.mac ? HASH_LENGTH[suite.mac] : 0, key: suite.keyLength, iv: suite.ivLength };
    const keys = keysFromMasterSecret(this.version! >= 0x0303 ? suite.prfHash : undefined, master, hs.clientRandom!, hs.serverRandom!, sizes);
    const etm = hs.encryptThenMac && suite.mode === 'cbc';
    for (const [dir, k] of [[this.client, keys.client], [this.server, keys.server]] as const) {
      dir.pending = { decrypter: new RecordDecrypter(suite, k, this.version!, etm), ...(hs.compression === 1 ? { inflater: new RecordInflater() } : {}) };
    }
  }
}

function newHandshake(number: number): Handshake {
  return { number, extendedMasterSecret: false, encryptThenMac: false, compression: 0, transcriptBytes: 0 };
}

function direction(fromClient: boolean): Direction {
  return { fromClient, buf: new Uint8Array(0), handshake: new Uint8Array(0), protected: false, opened: 0, stopped: false };
}

function side(dir: Direction): string {
  return dir.fromClient ? 'client' : 'server';
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

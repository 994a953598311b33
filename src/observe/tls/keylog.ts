/**
 * NSS key log files (the SSLKEYLOGFILE format written by browsers, curl, Node's 'keylog' event,
 * Wireshark's key export): one `LABEL <client random hex> <secret hex>` per line, `#` comments, and
 * Wireshark's `RSA Session-ID:<hex> Master-Key:<hex>` lines. Secrets are looked up by the
 * ClientHello's random (or, for Session-ID lines, the session id). A key log can also arrive inside a
 * pcapng Decryption Secrets Block. Lines that cannot be used (ECH secrets, labels of newer or other
 * tools, malformed lines) are skipped and counted, so one odd line does not cost the whole file.
 */
import { readFile } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../../errors.js';

/** The labels secrets are looked up by. `SESSION_ID` holds the master secret of Wireshark's `RSA Session-ID:` lines. */
export type KeyLogLabel =
  | 'CLIENT_RANDOM'
  | 'PMS_CLIENT_RANDOM'
  | 'RSA'
  | 'SESSION_ID'
  | 'CLIENT_EARLY_TRAFFIC_SECRET'
  | 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'
  | 'SERVER_HANDSHAKE_TRAFFIC_SECRET'
  | 'CLIENT_TRAFFIC_SECRET_0'
  | 'SERVER_TRAFFIC_SECRET_0';

/** Labels read and kept; the first field of each is a 32-byte client random except for RSA (8 bytes). */
const KEPT_LABELS = new Set([
  'CLIENT_RANDOM',
  // The pre-master secret of a TLS ≤ 1.2 session; the master secret is derived from it.
  'PMS_CLIENT_RANDOM',
  // RSA key exchange: the first 8 bytes of the encrypted pre-master secret → the pre-master secret.
  'RSA',
  'CLIENT_EARLY_TRAFFIC_SECRET',
  'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
  'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  'CLIENT_TRAFFIC_SECRET_0',
  'SERVER_TRAFFIC_SECRET_0',
  'EXPORTER_SECRET',
  'EARLY_EXPORTER_SECRET',
]);

const HEX = /^[0-9a-fA-F]+$/;
const SESSION_LINE = /^RSA\s+Session-ID:([0-9a-fA-F]*)\s+Master-Key:([0-9a-fA-F]*)$/;

/** One line that was not used, and why. */
export interface SkippedLine {
  /** The label (`ECH_SECRET`, …) or `malformed`. */
  kind: string;
  at: string;
  detail: string;
}

/** What one text added: secrets kept and lines skipped. */
export interface KeyLogText {
  used: number;
  skipped: SkippedLine[];
}

/** Secrets of all sessions in one or more key logs, keyed by label and client random (or session id). */
export class KeyLog {
  private readonly secrets = new Map<string, Uint8Array>();
  /** Labels with at least one secret, to tell cheaply whether session-id or pre-master lookups can succeed. */
  private readonly labels = new Set<string>();
  /** Lines skipped by every addText so far. */
  readonly skipped: SkippedLine[] = [];
  /** The file the secrets came from, when one did (for warnings). */
  source?: string;

  /** `parent`: secrets looked up after this log's own (a capture's embedded secrets over the user's file). */
  constructor(private readonly parent?: KeyLog) {}

  /** Number of secrets held (with the parent's). */
  get size(): number {
    return this.secrets.size + (this.parent?.size ?? 0);
  }

  add(label: string, clientRandom: Uint8Array | string, secret: Uint8Array): void {
    const random = typeof clientRandom === 'string' ? clientRandom.toLowerCase() : Buffer.from(clientRandom).toString('hex');
    this.secrets.set(`${label} ${random}`, secret);
    this.labels.add(label);
  }

  /** `key`: the client random, or for SESSION_ID the session id, for RSA the first 8 bytes of the encrypted pre-master secret. */
  get(label: KeyLogLabel, key: Uint8Array): Uint8Array | undefined {
    if (!this.labels.has(label)) return this.parent?.get(label, key);
    return this.secrets.get(`${label} ${Buffer.from(key).toString('hex')}`) ?? this.parent?.get(label, key);
  }

  /** True when some secret of this label is held (here or in the parent). */
  has(label: KeyLogLabel): boolean {
    return this.labels.has(label) || (this.parent?.has(label) ?? false);
  }

  /**
   * Every secret held as `[label, key hex, secret]`, the parent's first: adding them in this order
   * to a new KeyLog gives one that answers every lookup alike (a reassembly worker's copy).
   */
  *entries(): Generator<[string, string, Uint8Array]> {
    if (this.parent) yield* this.parent.entries();
    for (const [key, secret] of this.secrets) {
      const space = key.indexOf(' ');
      yield [key.slice(0, space), key.slice(space + 1), secret];
    }
  }

  /** True when any secret is known for the session with this client random. */
  knows(clientRandom: Uint8Array): boolean {
    return (['CLIENT_RANDOM', 'PMS_CLIENT_RANDOM', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_EARLY_TRAFFIC_SECRET'] as const).some((label) => this.get(label, clientRandom) !== undefined);
  }

  /**
   * True when secrets may be found only later in the handshake than the ClientHello: by the session
   * id the server assigns, or by the encrypted pre-master secret of an RSA key exchange.
   */
  get findsLater(): boolean {
    return this.has('SESSION_ID') || this.has('RSA');
  }

  /** Adds every usable line of a key log text; the others are skipped and listed. */
  addText(text: string, position: (line: number) => string = (line) => `line ${line}`): KeyLogText {
    const result: KeyLogText = { used: 0, skipped: [] };
    text.split(/\r?\n/).forEach((raw, i) => {
      const outcome = this.addLine(raw.trim());
      if (outcome === 'used') result.used++;
      else if (outcome) result.skipped.push({ ...outcome, at: position(i + 1) });
    });
    this.skipped.push(...result.skipped);
    return result;
  }

  private addLine(line: string): 'used' | Omit<SkippedLine, 'at'> | undefined {
    if (line === '' || line.startsWith('#')) return undefined;
    const session = SESSION_LINE.exec(line);
    if (session) {
      const [, id, master] = session as unknown as [string, string, string];
      if (id.length === 0 || id.length > 64 || id.length % 2 !== 0) return { kind: 'malformed', detail: 'RSA Session-ID: the session id must be 1 to 32 bytes of hex' };
      if (master.length !== 96) return { kind: 'malformed', detail: 'RSA Session-ID: the master key must be 48 bytes of hex' };
      this.add('SESSION_ID', id, Buffer.from(master, 'hex'));
      return 'used';
    }
    const fields = line.split(/\s+/);
    const [label, random, secret] = fields;
    if (fields.length !== 3 || !label || !random || !secret) {
      return { kind: 'malformed', detail: `not a key log line (expected "LABEL <client random> <secret>"): ${clip(line)}` };
    }
    if (!KEPT_LABELS.has(label)) return { kind: clip(label), detail: `label ${clip(label)} is not one privdiff uses` };
    const randomLength = label === 'RSA' ? 16 : 64;
    if (random.length !== randomLength || !HEX.test(random)) return { kind: 'malformed', detail: `${label}: the second field must be ${randomLength} hex digits` };
    if (secret.length % 2 !== 0 || secret.length < 32 || !HEX.test(secret)) return { kind: 'malformed', detail: `${label}: the secret must be an even number (at least 32) of hex digits` };
    this.add(label, random, Buffer.from(secret, 'hex'));
    return 'used';
  }

  /** One warning for the lines skipped so far in `source`, or undefined when none was. */
  skippedWarning(source: string): string | undefined {
    return describeSkipped(source, this.skipped);
  }
}

/** `keys.txt: 2 key log lines skipped (ECH_SECRET ×1, ECH_CONFIG ×1; first at line 10: …)`. */
export function describeSkipped(source: string, skipped: readonly SkippedLine[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const kinds = new Map<string, number>();
  for (const s of skipped) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  const first = skipped[0]!;
  const list = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
  return `${source}: ${skipped.length} key log line${skipped.length === 1 ? '' : 's'} skipped (${list}; first at ${first.at}: ${first.detail})`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * A key log from its text. Lines that cannot be used are skipped (KeyLog.skippedWarning says how
 * many); a text with lines but none usable is not a key log: InputError naming the first bad line.
 */
export function parseKeyLog(text: string, source: string): KeyLog {
  const keylog = new KeyLog();
  const { used, skipped } = keylog.addText(text);
  if (used === 0 && skipped.length > 0) throw new InputError(source, `no usable key log line: ${skipped[0]!.detail}`, skipped[0]!.at);
  return keylog;
}

/** Reads a key log file; InputError when it cannot be read or holds no usable line. */
export async function loadKeyLog(path: string): Promise<KeyLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(path, fileErrorReason(error) ?? (error as Error).message);
  }
  const keylog = parseKeyLog(text, path);
  keylog.source = path;
  return keylog;
}

/** pcapng Decryption Secrets Block type for TLS key logs ('TLSK'). */
export const TLS_KEY_LOG_SECRETS = 0x544c534b;

/**
 * Adds the key log carried by a pcapng Decryption Secrets Block; other secret types are ignored.
 * Lines it cannot use come back in the result (the capture stays readable; those sessions just stay sealed).
 */
export function addSecretsBlock(keylog: KeyLog, block: { typeCode: number; data: Uint8Array; offset: number }): KeyLogText | undefined {
  if (block.typeCode !== TLS_KEY_LOG_SECRETS) return undefined;
  const text = Buffer.from(block.data).toString('utf8').replace(/\0+$/, '');
  return keylog.addText(text, (line) => `Decryption Secrets Block at byte ${block.offset}, line ${line}`);
}

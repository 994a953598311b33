/**
 * NSS key log files (the SSLKEYLOGFILE format written by browsers, curl, Node's 'keylog' event):
 * one `LABEL <client random hex> <secret hex>` per line, `#` comments. Secrets are looked up by
 * the ClientHello's random. A key log can also arrive inside a pcapng Decryption Secrets Block.
 */
import { readFile } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../../errors.js';

/** The labels we use; others (EXPORTER_SECRET, EARLY_*) are accepted and kept. */
export type KeyLogLabel =
  | 'CLIENT_RANDOM'
  | 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'
  | 'SERVER_HANDSHAKE_TRAFFIC_SECRET'
  | 'CLIENT_TRAFFIC_SECRET_0'
  | 'SERVER_TRAFFIC_SECRET_0';

const KNOWN_LABELS = new Set([
  'CLIENT_RANDOM',
  'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
  'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  'CLIENT_TRAFFIC_SECRET_0',
  'SERVER_TRAFFIC_SECRET_0',
  'EXPORTER_SECRET',
  'CLIENT_EARLY_TRAFFIC_SECRET',
  'EARLY_EXPORTER_SECRET',
  // RSA key exchange: the first 8 bytes of the encrypted pre-master secret → the pre-master secret.
  'RSA',
]);

const HEX = /^[0-9a-fA-F]+$/;

/** Secrets of all sessions in one or more key logs, keyed by label and client random. */
export class KeyLog {
  private readonly secrets = new Map<string, Uint8Array>();

  /** `parent`: secrets looked up after this log's own (a capture's embedded secrets over the user's file). */
  constructor(private readonly parent?: KeyLog) {}

  /** Number of secrets held (with the parent's). */
  get size(): number {
    return this.secrets.size + (this.parent?.size ?? 0);
  }

  add(label: string, clientRandom: Uint8Array | string, secret: Uint8Array): void {
    const random = typeof clientRandom === 'string' ? clientRandom.toLowerCase() : Buffer.from(clientRandom).toString('hex');
    this.secrets.set(`${label} ${random}`, secret);
  }

  get(label: KeyLogLabel, clientRandom: Uint8Array): Uint8Array | undefined {
    return this.secrets.get(`${label} ${Buffer.from(clientRandom).toString('hex')}`) ?? this.parent?.get(label, clientRandom);
  }

  /** True when any secret is known for the session with this client random. */
  knows(clientRandom: Uint8Array): boolean {
    return this.get('CLIENT_RANDOM', clientRandom) !== undefined || this.get('CLIENT_TRAFFIC_SECRET_0', clientRandom) !== undefined || this.get('SERVER_HANDSHAKE_TRAFFIC_SECRET', clientRandom) !== undefined;
  }

  /**
   * Adds every line of a key log text; InputError naming `source` and the line on a malformed one,
   * or, with `onBadLine`, that error is handed over and the line skipped.
   */
  addText(text: string, source: string, position: (line: number) => string = (line) => `line ${line}`, onBadLine?: (error: InputError) => void): this {
    text.split(/\r?\n/).forEach((raw, i) => {
      try {
        this.addLine(raw, source, position(i + 1));
      } catch (error) {
        if (!(error instanceof InputError) || !onBadLine) throw error;
        onBadLine(error);
      }
    });
    return this;
  }

  private addLine(raw: string, source: string, at: string): void {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const [label, random, secret] = fields;
    if (fields.length !== 3 || !label || !random || !secret) {
      throw new InputError(source, `not a key log line (expected "LABEL <client random> <secret>"): ${clip(line)}`, at);
    }
    if (!KNOWN_LABELS.has(label)) throw new InputError(source, `unknown key log label ${clip(label)}`, at);
    const randomLength = label === 'RSA' ? 16 : 64;
    if (random.length !== randomLength || !HEX.test(random)) {
      throw new InputError(source, `${label}: the second field must be ${randomLength} hex digits`, at);
    }
    if (secret.length % 2 !== 0 || secret.length < 32 || !HEX.test(secret)) {
      throw new InputError(source, `${label}: the secret must be an even number (at least 32) of hex digits`, at);
    }
    this.add(label, random, Buffer.from(secret, 'hex'));
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function parseKeyLog(text: string, source: string): KeyLog {
  return new KeyLog().addText(text, source);
}

/** Reads a key log file; InputError when it cannot be read or a line is malformed. */
export async function loadKeyLog(path: string): Promise<KeyLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(path, fileErrorReason(error) ?? (error as Error).message);
  }
  return parseKeyLog(text, path);
}

/** pcapng Decryption Secrets Block type for TLS key logs ('TLSK'). */
export const TLS_KEY_LOG_SECRETS = 0x544c534b;

/**
 * Adds the key log carried by a pcapng Decryption Secrets Block; other secret types are ignored.
 * A malformed line goes to `onBadLine` (the capture stays readable; its sessions just stay sealed).
 */
export function addSecretsBlock(keylog: KeyLog, block: { typeCode: number; data: Uint8Array; offset: number }, source: string, onBadLine?: (error: InputError) => void): boolean {
  if (block.typeCode !== TLS_KEY_LOG_SECRETS) return false;
  const text = Buffer.from(block.data).toString('utf8').replace(/\0+$/, '');
  keylog.addText(text, source, (line) => `Decryption Secrets Block at byte ${block.offset}, line ${line}`, onBadLine);
  return true;
}

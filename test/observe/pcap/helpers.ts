/** Test helpers: write capture bytes to a temporary file and read them back with a reader. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureReader, RawFlow } from '../../../src/observe/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'privdiff-pcap-'));
let counter = 0;

export function tempCapture(bytes: Uint8Array, ext = 'pcap'): string {
  const path = join(dir, `capture-${++counter}.${ext}`);
  writeFileSync(path, bytes);
  return path;
}

export async function readAll(reader: CaptureReader, path: string): Promise<{ flows: RawFlow[]; warnings: string[]; progress: number[] }> {
  const flows: RawFlow[] = [];
  const warnings: string[] = [];
  const progress: number[] = [];
  for await (const flow of reader.read(path, { source: path, warn: (m) => warnings.push(m), progress: (n) => progress.push(n) })) flows.push(flow);
  return { flows, warnings, progress };
}

export async function readBytes(reader: CaptureReader, bytes: Uint8Array, ext?: string) {
  return readAll(reader, tempCapture(bytes, ext ?? reader.format));
}

export function bodyText(flow: RawFlow): string {
  return Buffer.from(flow.requestBody?.bytes ?? new Uint8Array(0)).toString('utf8');
}

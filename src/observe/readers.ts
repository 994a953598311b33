/**
 * The capture readers, tried in order on a file's first bytes (format sniffing, as mitmproxy does).
 * Adding a format = one reader file + one line here.
 */
import { open } from 'node:fs/promises';
import { fileErrorReason, InputError } from '../errors.js';
import { bufferedInput, displayName, isRegularFile } from '../stream-input.js';
import type { CaptureInput, CaptureReader } from './reader.js';
import { pcapReader } from './pcap/pcap.js';
import { pcapngReader } from './pcap/pcapng.js';
import { harReader } from './har/index.js';
import { mitmproxyReader } from './mitmproxy/index.js';
import { jsonlReader } from './jsonl/index.js';
import { deviceReportReaderFor } from './device-report/index.js';

export const readers: readonly CaptureReader[] = [pcapReader, pcapngReader, mitmproxyReader, harReader, jsonlReader];

const SNIFF_BYTES = 64 * 1024;

/** Picks the reader for a capture file from its first bytes; InputError when none fits. */
export async function readerFor(file: string): Promise<CaptureReader> {
  let head: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError(file, describeFsError(error));
  }
  if (head.length === 0) throw new InputError(file, 'the file is empty');
  const reader = readers.find((r) => r.sniff(head, file));
  const phoneReport = reader ? undefined : deviceReportReaderFor(head);
  if (phoneReport) {
    throw new InputError(file, `this is a phone's privacy report (${phoneReport.title}), not a traffic capture: it holds no requests; compare it with a policy (privdiff compare POLICY ${file} --app ID)`);
  }
  if (!reader) {
    throw new InputError(file, 'not a capture privdiff can read (expected pcap, pcapng, HAR, mitmproxy flow dump or JSON Lines flows)', 'byte 0');
  }
  return reader;
}

/**
 * Opens a capture for reading: a regular file is sniffed at offset 0 and read again by its reader;
 * anything else (`-`, a pipe, a FIFO, `<(…)`, /dev/stdin) is read once, its head buffered for
 * sniffing and replayed to the reader through `input`.
 */
export async function openCapture(file: string): Promise<{ reader: CaptureReader; input?: CaptureInput }> {
  if (await isRegularFile(file)) return { reader: await readerFor(file) };
  let input: CaptureInput;
  try {
    input = await bufferedInput(file, SNIFF_BYTES);
  } catch (error) {
    throw new InputError(displayName(file), describeFsError(error));
  }
  if (input.head.length === 0) throw new InputError(displayName(file), 'the input is empty');
  const reader = readers.find((r) => r.sniff(input.head, file));
  if (!reader) {
    throw new InputError(displayName(file), 'not a capture privdiff can read (expected pcap, pcapng, HAR, mitmproxy flow dump or JSON Lines flows)', 'byte 0');
  }
  return { reader, input };
}

export function describeFsError(error: unknown): string {
  return fileErrorReason(error) ?? (error instanceof Error ? error.message : String(error));
}

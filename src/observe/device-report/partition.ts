/**
 * Splits the inputs of a run into packet/flow captures and phones' privacy reports, by their first
 * bytes. Only regular files are sniffed here: a pipe's bytes can be read once, so a pipe stays with
 * the capture readers, and a missing file too (they report it).
 */
import { open, stat } from 'node:fs/promises';
import { deviceReportReaderFor, type DeviceReportReader } from './index.js';

const SNIFF_BYTES = 64 * 1024;

export interface PartitionedInputs {
  captures: string[];
  reports: { file: string; reader: DeviceReportReader }[];
}

async function head(file: string): Promise<Uint8Array | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    // Unreadable here: the capture readers open it again and name the fault.
    if ((error as NodeJS.ErrnoException).code) return undefined;
    throw error;
  }
}

export async function partitionInputs(files: readonly string[]): Promise<PartitionedInputs> {
  const out: PartitionedInputs = { captures: [], reports: [] };
  for (const file of files) {
    const bytes = await head(file);
    const reader = bytes && bytes.length > 0 ? deviceReportReaderFor(bytes) : undefined;
    if (reader) out.reports.push({ file, reader });
    else out.captures.push(file);
  }
  return out;
}

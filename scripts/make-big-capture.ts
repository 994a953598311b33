/**
 * Writes a large pcap of realistic app HTTP traffic with personal data, for benchmarks:
 *   npx tsx scripts/make-big-capture.ts [SIZE] [FILE]      (SIZE like 200MB or 1GB; default 200MB)
 * FILE defaults to bench/out/capture-SIZE.pcap (bench/out is gitignored: never commit these).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSize, writeBigCapture } from '../bench/capture-gen.js';

const sizeText = process.argv[2] ?? '200MB';
const size = parseSize(sizeText);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = resolve(process.argv[3] ?? resolve(root, 'bench', 'out', `capture-${sizeText.toLowerCase()}.pcap`));
mkdirSync(dirname(file), { recursive: true });
const start = performance.now();
const { bytes, conversations } = await writeBigCapture(file, size);
console.log(`${file}: ${(bytes / 2 ** 20).toFixed(1)} MiB, ${conversations} conversations, ${((performance.now() - start) / 1000).toFixed(1)} s`);

/**
 * Writes the large hostile inputs of the README's table into bench/out/hostile/ (gitignored):
 *   npx tsx scripts/make-hostile-inputs.ts [--har-mb 500] [--jsonl-mb 200]
 * big-body.har: one entry posting a 500 MB form body between two small entries;
 * big-line.jsonl: a 200 MB request body on the middle line of three.
 * Then measure each with /usr/bin/time -v (see the README, "Hostile inputs").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBigBodyHar, writeBigJsonlLine } from '../test/fixtures/hostile/make-hostile.js';

const { values } = parseArgs({ options: { 'har-mb': { type: 'string', default: '500' }, 'jsonl-mb': { type: 'string', default: '200' }, out: { type: 'string', default: join('bench', 'out', 'hostile') } } });
const dir = values.out!;
mkdirSync(dir, { recursive: true });
const MB = 1e6;
writeBigBodyHar(join(dir, 'big-body.har'), Number(values['har-mb']) * MB);
writeBigJsonlLine(join(dir, 'big-line.jsonl'), Number(values['jsonl-mb']) * MB);
console.log(`wrote ${join(dir, 'big-body.har')} and ${join(dir, 'big-line.jsonl')}`);

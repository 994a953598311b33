/**
 * Writes a generated study (manifest + captures) for trying `privdiff study run`:
 *   npx tsx scripts/make-study.ts [APPS] [DIR]      (default 200 apps in bench/out/study; gitignored)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStudy } from '../bench/study-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apps = Number(process.argv[2] ?? 200);
const dir = path.resolve(process.argv[3] ?? path.join(root, 'bench', 'out', 'study'));
const study = await writeStudy(dir, { apps, sharedPolicies: true });
console.log(`${study.manifest}: ${study.apps} apps, ${study.policies} policy variants, ${study.captures} distinct capture files`);

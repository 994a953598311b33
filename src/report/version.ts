import { readDataFile } from '../vocab/data-file.js';

let version: string | undefined;

export function toolVersion(): string {
  version ??= readDataFile<{ version: string }>('package.json').version;
  return version;
}

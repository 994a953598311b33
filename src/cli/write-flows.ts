/**
 * The output of `privdiff observe`, written flow by flow as the captures stream, so the output of a
 * multi-GB capture never sits in memory:
 *   - `json` (schemas/flow.schema.json): one document; indented for a person when `pretty`, compact
 *     otherwise (the default for files: a 200 MB capture gave 428 MB of indented JSON);
 *   - `jsonl` (schemas/flow-line.schema.json): one flow a line, nothing else (warnings and errors go
 *     to stderr), for `grep`, `jq -c` and line-by-line readers.
 * A document that was begun is always ended, even when reading fails part-way: the flows written so
 * far stay valid JSON, and the failure is named in its `errors`.
 */
import type { CaptureInfo, Flow } from '../model/flow.js';

export type FlowOutputFormat = 'json' | 'jsonl';

export interface FlowWriter {
  flow(flow: Flow): void;
  /** Ends the document with what is known once every capture was read (or reading failed). */
  end(summary: { captures: CaptureInfo[]; errors: string[] }): void;
}

const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);

export function flowWriter(write: (text: string) => void, format: FlowOutputFormat, pretty: boolean): FlowWriter {
  if (format === 'jsonl') {
    return {
      flow: (flow) => write(`${JSON.stringify(flow)}\n`),
      end: () => {},
    };
  }
  let first = true;
  let ended = false;
  write(pretty ? '{\n  "flows": [' : '{"flows":[');
  return {
    flow(flow) {
      if (pretty) write(`${first ? '' : ','}\n    ${indent(JSON.stringify(flow, null, 2), '    ')}`);
      else write(`${first ? '' : ','}${JSON.stringify(flow)}`);
      first = false;
    },
    end({ captures, errors }) {
      if (ended) return;
      ended = true;
      if (pretty) {
        write(`${first ? '' : '\n  '}],\n  "captures": ${indent(JSON.stringify(captures, null, 2), '  ')},\n`);
        write(`  "errors": ${JSON.stringify(errors)}\n}\n`);
      } else {
        write(`],"captures":${JSON.stringify(captures)},"errors":${JSON.stringify(errors)}}\n`);
      }
    },
  };
}

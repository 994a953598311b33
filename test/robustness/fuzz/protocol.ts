/** Messages between the fuzz campaign runner and its worker. */
export interface WorkerInput {
  target: string;
  seed: number;
  iterations: number;
  /** Wall-clock cap for long campaigns (scripts/fuzz.ts); CI runs are bounded by iterations only. */
  seconds?: number;
  coverage: boolean;
  /** Add the real captures of ../shared/data to the seeds (see FuzzTarget.seeds). */
  sharedSeeds: boolean;
  /** Int32Array[2]: current iteration, current input length. */
  progress: SharedArrayBuffer;
  /** The current input's bytes. */
  input: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'failure'; kind: 'crash'; iteration: number; input: Uint8Array; message: string; signature: string }
  | { type: 'done'; iterations: number; outputs: number; inputErrors: number; unplaced: string[]; corpus: number; features: number };

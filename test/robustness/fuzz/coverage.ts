/**
 * Coverage feedback for long campaigns, from V8's own block coverage through the inspector (no
 * instrumentation, no native addon). After each input we take the precise coverage (which resets
 * the counters) and reduce every executed function of src/ to a feature: its id plus the shape of
 * the blocks that ran. An input that shows a feature never seen before joins the corpus.
 */
import { Session } from 'node:inspector/promises';

interface Range { startOffset: number; endOffset: number; count: number }
interface FunctionCoverage { functionName: string; ranges: Range[] }
interface ScriptCoverage { url: string; functions: FunctionCoverage[] }

export class CoverageTracker {
  private readonly known = new Set<string>();

  private constructor(private readonly session: Session) {}

  static async start(): Promise<CoverageTracker> {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
    return new CoverageTracker(session);
  }

  get features(): number {
    return this.known.size;
  }

  /** True when the input run since the last call reached blocks in a combination not seen before. */
  async novel(): Promise<boolean> {
    const { result } = (await this.session.post('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] };
    let fresh = false;
    for (const script of result) {
      if (!script.url.includes('/src/')) continue;
      for (const fn of script.functions) {
        const [whole, ...blocks] = fn.ranges;
        if (!whole || whole.count === 0) continue;
        // Nested ranges are the blocks whose count differs from the function's: those that did not run.
        let shape = `${script.url}:${whole.startOffset}`;
        for (const b of blocks) shape += `|${b.startOffset}-${b.endOffset}:${b.count > 0 ? 1 : 0}`;
        if (!this.known.has(shape)) {
          this.known.add(shape);
          fresh = true;
        }
      }
    }
    return fresh;
  }
}

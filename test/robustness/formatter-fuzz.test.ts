/**
 * Fuzzing the Markdown and console formatters (issue 16): every free-text field of a report gets
 * random pieces of Markdown, HTML, terminal control sequences, bidi and invisible characters and
 * lone surrogates (deterministic, seed 1). Whatever the input, the output holds no control or
 * invisible character, no HTML outside code spans, no code span left open, no table row with a
 * stray cell, and the terminal summary no line that the input made.
 */
import assert from 'node:assert/strict';
import { terminalSummary } from '../../src/cli/summary.js';
import { buildReport, formatters, type Report } from '../../src/report/index.js';
import { seededRandom } from '../../src/seeded-random.js';
import { nimbusReport } from '../report/fixtures.js';

const PIECES = [
  '`', '``', '```', '\\', '\\`', '<', '>', '&', '&lt;script&gt;', '<script>alert(1)</script>', '</code>', '<img src=x onerror=alert(1)>',
  '|', '\\|', '[', ']', '(', ')', '](javascript:alert(1))', '<javascript:alert(1)>', 'javascript:', '*', '_', '~~', '#', '# ', '- ', '1. ', '> ',
  '\n', '\r\n', '\n# fake heading\n', '\t', '\u001b[2J', '\u001b]0;title\u0007', '\u0007', '\u0000', '\u009b', '\u007f',
  '\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\u2028', '\ud800', '\udfff', '😀', '👨\u200d👩', '数据', 'é', ' ', '  ', 'a', 'host.example',
];

function noise(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 6);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(rand() * PIECES.length)] as string;
  return out;
}

/** Every string in the report (keys kept) replaced, with probability p, by noise or noise around it. */
function mutate(value: unknown, rand: () => number, p: number, key = ''): unknown {
  if (typeof value === 'string') {
    if (['severity', 'kind', 'disclosure', 'party', 'mode', 'verdict', 'language', 'format', 'reason'].includes(key)) return value;
    return rand() < p ? (rand() < 0.5 ? noise(rand) : `${noise(rand)}${value}${noise(rand)}`) : value;
  }
  if (Array.isArray(value)) return value.map((v) => mutate(v, rand, p, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutate(v, rand, p, k)]));
  return value;
}

const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const EMOJI_ZWJ = /(?<=\p{Extended_Pictographic})\u200D(?=\p{Extended_Pictographic})/gu;

/** The line with its code spans cut out; throws when a span does not close on the line. */
function outsideCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    let j = i + n;
    let closed = -1;
    while (j < line.length) {
      if (line[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (line[j + m] === '`') m++;
      if (m === n) {
        closed = j;
        break;
      }
      j += m;
    }
    if (closed < 0) throw new Error(`unbalanced code span at column ${i + 1}: ${JSON.stringify(line)}`);
    out += ' CODE ';
    i = closed + n;
  }
  return out;
}

const unescapedPipes = (line: string) => outsideCode(line.replace(/`[^`]*`/g, (m) => m)).replace(/\\\|/g, '').split('|').length - 1;

function checkMarkdown(md: string): void {
  assert.ok(!HIDDEN.test(md.replace(EMOJI_ZWJ, '')), `hidden character in ${JSON.stringify(md.match(HIDDEN)?.[0])}`);
  let tableCells: number | undefined;
  for (const line of md.split('\n')) {
    const text = outsideCode(line);
    assert.ok(!text.includes('<'), `raw < outside code: ${JSON.stringify(line)}`);
    assert.ok(!/(?<!\\)\]\(/.test(text), `link syntax: ${JSON.stringify(line)}`);
    assert.ok(!/&(?!amp;|lt;|gt;)[a-z#]/i.test(text), `live entity: ${JSON.stringify(line)}`);
    if (line.startsWith('|')) {
      const cells = unescapedPipes(line);
      tableCells ??= cells;
      assert.equal(cells, tableCells, `table row with ${cells} pipes, header ${tableCells}: ${JSON.stringify(line)}`);
    } else tableCells = undefined;
  }
}

function checkTerminal(out: string, findings: number): void {
  assert.ok(!HIDDEN.test(out.replace(EMOJI_ZWJ, '')), 'hidden character on the terminal');
  const lines = out.split('\n');
  // Head, up to 12 findings, "more", TLS, "written", final newline: the input cannot add lines.
  assert.ok(lines.length <= 1 + Math.min(12, findings) + 4, `${lines.length} lines`);
}

describe('fuzzing the Markdown and console formatters (bounded, deterministic)', function () {
  this.timeout(120_000);
  const ITERATIONS = 300;

  it(`${ITERATIONS} hostile reports: no control character, no HTML, no open code span, no stray table cell`, () => {
    const rand = seededRandom(1);
    const base = nimbusReport();
    for (let i = 0; i < ITERATIONS; i++) {
      const mutated = mutate(base, rand, 0.35) as Report;
      // Through buildReport too, as real reports are (masking, well-formed Unicode).
      const report = rand() < 0.5 ? mutated : buildReport({
        policy: { ...mutated.policy, notice: mutated.policy.notice ?? [] }, captures: mutated.captures.map((c) => ({ ...c, warnings: c.warnings ?? [] })),
        flows: [], observations: mutated.observations, findings: mutated.findings, jurisdictions: mutated.jurisdictions, errors: mutated.errors, generated: mutated.generated,
      });
      for (const lang of ['en', 'zh'] as const) {
        try {
          checkMarkdown(formatters.md!(report, { lang }));
          checkTerminal(terminalSummary(report, lang, 'out.md'), report.findings.length);
        } catch (error) {
          throw new Error(`iteration ${i} (${lang}): ${(error as Error).message}`);
        }
      }
    }
  });
});

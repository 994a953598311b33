import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import { addSecretsBlock, KeyLog, loadKeyLog, parseKeyLog, TLS_KEY_LOG_SECRETS } from '../../../src/observe/tls/keylog.js';

const RANDOM = 'aa'.repeat(32);
const SECRET = '11'.repeat(48);

describe('NSS key log', () => {
  it('reads TLS 1.2 and TLS 1.3 lines, skipping comments and blank lines', () => {
    const text = `# a comment\n\nCLIENT_RANDOM ${RANDOM} ${SECRET}\r\nCLIENT_TRAFFIC_SECRET_0 ${'bb'.repeat(32)} ${'22'.repeat(32)}\nEXPORTER_SECRET ${'bb'.repeat(32)} ${'33'.repeat(32)}\n`;
    const log = parseKeyLog(text, 'keys.txt');
    assert.equal(log.size, 3);
    assert.equal(Buffer.from(log.get('CLIENT_RANDOM', Buffer.from(RANDOM, 'hex'))!).toString('hex'), SECRET);
    assert.equal(log.knows(Buffer.from('bb'.repeat(32), 'hex')), true);
    assert.equal(log.knows(Buffer.from('cc'.repeat(32), 'hex')), false);
  });

  it('accepts upper-case hex for the client random', () => {
    const log = parseKeyLog(`CLIENT_RANDOM ${RANDOM.toUpperCase()} ${SECRET}`, 'k');
    assert.ok(log.get('CLIENT_RANDOM', Buffer.from(RANDOM, 'hex')));
  });

  const bad: Array<[string, string, RegExp]> = [
    [`CLIENT_RANDOM ${RANDOM}`, 'malformed', /not a key log line/],
    [`CLIENT_RANDOM ${RANDOM} ${SECRET} extra`, 'malformed', /not a key log line/],
    [`SOME_LABEL ${RANDOM} ${SECRET}`, 'SOME_LABEL', /label SOME_LABEL is not one privdiff uses/],
    [`CLIENT_RANDOM ${RANDOM.slice(2)} ${SECRET}`, 'malformed', /64 hex digits/],
    [`CLIENT_RANDOM ${RANDOM} ${SECRET}z`, 'malformed', /even number/],
  ];
  for (const [line, kind, message] of bad) {
    it(`skips and counts a line it cannot use, keeping the others: ${message.source}`, () => {
      const log = parseKeyLog(`# header\nCLIENT_RANDOM ${RANDOM} ${SECRET}\n${line}\n`, 'keys.txt');
      assert.equal(log.size, 1);
      assert.deepEqual(log.skipped.map((s) => [s.kind, s.at]), [[kind, 'line 3']]);
      assert.match(log.skipped[0]!.detail, message);
      assert.match(log.skippedWarning('keys.txt')!, new RegExp(`^keys\\.txt: 1 key log line skipped \\(${kind} ×1; first at line 3: `));
    });
  }

  it('refuses a text with lines but none usable: it is not a key log', () => {
    assert.throws(
      () => parseKeyLog('hello world\nSOME_LABEL x y\n', 'notes.txt'),
      (e: unknown) => e instanceof InputError && e.file === 'notes.txt' && e.position === 'line 1' && /no usable key log line/.test(e.detail),
    );
  });

  it("reads Wireshark's RSA Session-ID lines by session id, PMS_CLIENT_RANDOM and RSA pre-master lines, and counts ECH lines once", () => {
    const sessionId = 'c0'.repeat(32);
    const text = [
      `RSA Session-ID:${sessionId} Master-Key:${SECRET}`,
      `PMS_CLIENT_RANDOM ${RANDOM} ${'00'.repeat(48)}`,
      `RSA 3e2ffbd86d10f694 ${'03'.repeat(48)}`,
      `ECH_SECRET ${RANDOM} ${'00'.repeat(32)}`,
      `ECH_CONFIG ${RANDOM} 0045fe0d0041`,
    ].join('\n');
    const log = parseKeyLog(text, 'k');
    assert.equal(Buffer.from(log.get('SESSION_ID', Buffer.from(sessionId, 'hex'))!).toString('hex'), SECRET);
    assert.ok(log.get('PMS_CLIENT_RANDOM', Buffer.from(RANDOM, 'hex')));
    assert.ok(log.get('RSA', Buffer.from('3e2ffbd86d10f694', 'hex')));
    assert.equal(log.findsLater, true, 'sessions are followed to find their session id');
    assert.equal(log.knows(Buffer.from(RANDOM, 'hex')), true);
    assert.match(log.skippedWarning('k')!, /^k: 2 key log lines skipped \(ECH_SECRET ×1, ECH_CONFIG ×1; first at line 4: /);
  });

  it('loads a file and names a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-keylog-'));
    writeFileSync(join(dir, 'k.txt'), `CLIENT_RANDOM ${RANDOM} ${SECRET}\n`);
    assert.equal((await loadKeyLog(join(dir, 'k.txt'))).size, 1);
    await assert.rejects(loadKeyLog(join(dir, 'nope.txt')), (e: unknown) => e instanceof InputError && e.detail === 'no such file');
  });

  it('layers a capture’s embedded secrets over the user’s key log without changing it', () => {
    const user = parseKeyLog(`CLIENT_RANDOM ${RANDOM} ${SECRET}`, 'user');
    const capture = new KeyLog(user);
    const block = { typeCode: TLS_KEY_LOG_SECRETS, data: Buffer.from(`CLIENT_RANDOM ${'cc'.repeat(32)} ${SECRET}\n\0\0`), offset: 128 };
    assert.deepEqual(addSecretsBlock(capture, block), { used: 1, skipped: [] });
    assert.equal(capture.size, 2);
    assert.equal(user.size, 1);
    assert.ok(capture.get('CLIENT_RANDOM', Buffer.from(RANDOM, 'hex')));
    assert.equal(addSecretsBlock(capture, { ...block, typeCode: 0x57474b4c }), undefined, 'WireGuard secrets are not TLS');
  });

  it('lists malformed embedded lines with the block offset, keeping the good ones', () => {
    const log = new KeyLog();
    const data = Buffer.from(`CLIENT_RANDOM 00 11\nCLIENT_RANDOM ${RANDOM} ${SECRET}\n`);
    const added = addSecretsBlock(log, { typeCode: TLS_KEY_LOG_SECRETS, data, offset: 48 })!;
    assert.equal(log.size, 1);
    assert.deepEqual(added.skipped.map((s) => s.at), ['Decryption Secrets Block at byte 48, line 1']);
  });
});

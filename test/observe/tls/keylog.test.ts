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

  const bad: Array<[string, RegExp]> = [
    [`CLIENT_RANDOM ${RANDOM}`, /not a key log line/],
    [`CLIENT_RANDOM ${RANDOM} ${SECRET} extra`, /not a key log line/],
    [`SOME_LABEL ${RANDOM} ${SECRET}`, /unknown key log label SOME_LABEL/],
    [`CLIENT_RANDOM ${RANDOM.slice(2)} ${SECRET}`, /64 hex digits/],
    [`CLIENT_RANDOM ${RANDOM} ${SECRET}z`, /even number/],
  ];
  for (const [line, message] of bad) {
    it(`rejects a bad line with its number: ${message.source}`, () => {
      assert.throws(
        () => parseKeyLog(`# header\nCLIENT_RANDOM ${RANDOM} ${SECRET}\n${line}\n`, 'keys.txt'),
        (e: unknown) => e instanceof InputError && e.file === 'keys.txt' && e.position === 'line 3' && message.test(e.detail),
      );
    });
  }

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
    assert.equal(addSecretsBlock(capture, block, 'cap.pcapng'), true);
    assert.equal(capture.size, 2);
    assert.equal(user.size, 1);
    assert.ok(capture.get('CLIENT_RANDOM', Buffer.from(RANDOM, 'hex')));
    assert.equal(addSecretsBlock(capture, { ...block, typeCode: 0x57474b4c }, 'cap.pcapng'), false, 'WireGuard secrets are not TLS');
  });

  it('hands malformed embedded lines to the caller with the block offset, keeping the good ones', () => {
    const log = new KeyLog();
    const problems: InputError[] = [];
    const data = Buffer.from(`CLIENT_RANDOM 00 11\nCLIENT_RANDOM ${RANDOM} ${SECRET}\n`);
    addSecretsBlock(log, { typeCode: TLS_KEY_LOG_SECRETS, data, offset: 48 }, 'cap.pcapng', (e) => problems.push(e));
    assert.equal(log.size, 1);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.position, 'Decryption Secrets Block at byte 48, line 1');
    assert.throws(() => addSecretsBlock(new KeyLog(), { typeCode: TLS_KEY_LOG_SECRETS, data, offset: 48 }, 'cap.pcapng'), InputError);
  });
});

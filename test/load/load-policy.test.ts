import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { loadPolicy } from '../../src/load/index.js';
import { makePdf } from '../fixtures/load/make-pdf.js';

const fixtures = new URL('../fixtures/load/', import.meta.url);
const examples = new URL('../../examples/', import.meta.url);
const path = (base: URL, name: string): string => new URL(name, base).pathname;

function isInputError(file: string, detail: RegExp) {
  return (error: unknown): boolean => error instanceof InputError && error.file === file && detail.test(error.detail);
}

describe('loadPolicy', () => {
  it('loads the English example policy (HTML) with structure and language', async () => {
    const doc = await loadPolicy(path(examples, 'policy.en.html'));
    assert.equal(doc.format, 'html');
    assert.equal(doc.language, 'en');
    assert.equal(doc.script, undefined);
    const text = doc.blocks.map((b) => b.text).join('\n');
    assert.ok(text.includes('We do not sell personal information.'));
    assert.ok(!/cookies on this website|Terms|Home/u.test(text), 'page chrome leaked');
    assert.ok(!/contacts|address book/iu.test(text));
    const umeng = doc.blocks.find((b) => b.kind === 'list_item' && b.text.startsWith('Umeng analytics SDK'));
    assert.deepEqual(umeng?.section, ['Nimbus Messages Privacy Policy', '4. Sharing your information', '4.1 Third-party SDKs']);
  });

  it('loads the Chinese example policy (Markdown) with its SDK table', async () => {
    const doc = await loadPolicy(path(examples, 'policy.zh.md'));
    assert.equal(doc.format, 'markdown');
    assert.equal(doc.language, 'zh');
    assert.equal(doc.script, 'Hans');
    const row = doc.blocks.find((b) => b.kind === 'table_row' && b.cells?.[0] === '友盟统计分析SDK');
    assert.deepEqual(row?.cells, ['友盟统计分析SDK', '友盟（Umeng）', '应用使用情况统计', '设备信息（IMEI、设备型号）']);
    const text = doc.blocks.map((b) => b.text).join('');
    assert.ok(!/通讯录|中国|跨境/u.test(text));
  });

  it('sniffs the format when the extension says nothing, and honours lang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-load-'));
    const html = join(dir, 'policy');
    writeFileSync(html, '<!doctype html><html><body><h1>Privacy</h1><p>We collect your e-mail address.</p></body></html>');
    const doc = await loadPolicy(html);
    assert.equal(doc.format, 'html');
    assert.equal(doc.blocks[1]?.text, 'We collect your e-mail address.');
    const pdf = join(dir, 'policy.bin');
    writeFileSync(pdf, makePdf([['Privacy Notice', 'We collect your e-mail address to send receipts.']]));
    const pdfDoc = await loadPolicy(pdf, { lang: 'zh' });
    assert.equal(pdfDoc.format, 'pdf');
    assert.equal(pdfDoc.language, 'zh');
    const md = join(dir, 'notes');
    writeFileSync(md, '# Privacy\n\nWe collect names.\n');
    assert.equal((await loadPolicy(md)).format, 'markdown');
  });

  it('decodes a GBK page and detects Traditional Chinese in a Big5 one', async () => {
    const gbk = await loadPolicy(path(fixtures, 'gbk-declared.html'));
    assert.equal(gbk.language, 'zh');
    assert.equal(gbk.script, 'Hans');
    assert.ok(gbk.blocks.some((b) => b.text === '我们不会出售您的个人信息。'));
    const big5 = await loadPolicy(path(fixtures, 'big5-undeclared.html'));
    assert.equal(big5.script, 'Hant');
    assert.deepEqual(big5.blocks.find((b) => b.text.startsWith('我們不會'))?.section, ['隱私權政策', '一、資訊分享']);
  });

  it('reports missing, empty, oversized and unreadable files as InputError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'privdiff-load-'));
    await assert.rejects(loadPolicy(join(dir, 'nope.html')), isInputError(join(dir, 'nope.html'), /no such file/u));
    writeFileSync(join(dir, 'empty.txt'), '');
    await assert.rejects(loadPolicy(join(dir, 'empty.txt')), isInputError(join(dir, 'empty.txt'), /empty/u));
    writeFileSync(join(dir, 'blank.html'), '<html><body><script>x()</script>  </body></html>');
    await assert.rejects(loadPolicy(join(dir, 'blank.html')), isInputError(join(dir, 'blank.html'), /no policy text/u));
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
    await assert.rejects(loadPolicy(join(dir, 'big.txt'), { maxBytes: 1000 }), isInputError(join(dir, 'big.txt'), /over the limit/u));
    writeFileSync(join(dir, 'bad.pdf'), '%PDF-1.7\ngarbage');
    await assert.rejects(loadPolicy(join(dir, 'bad.pdf')), isInputError(join(dir, 'bad.pdf'), /unreadable PDF/u));
    await assert.rejects(loadPolicy(dir), isInputError(dir, /directory/u));
  });

  describe('from a URL', () => {
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        const url = req.url ?? '/';
        if (url === '/policy') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<html><body><main><h1>Privacy</h1><p>We collect your IP address.</p></main></body></html>');
        } else if (url === '/policy.txt') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=gbk' });
          res.end(Buffer.from('c4fabac3', 'hex'));
        } else if (url === '/doc') {
          res.writeHead(200, { 'content-type': 'application/pdf' });
          res.end(Buffer.from(makePdf([['Privacy Notice', 'We collect your e-mail address to send receipts.']])));
        } else if (url.startsWith('/hop/')) {
          const n = Number(url.slice(5));
          res.writeHead(302, { location: n <= 1 ? '/policy' : `/hop/${n - 1}` });
          res.end();
        } else if (url === '/slow') {
          setTimeout(() => res.end('late'), 2000);
        } else if (url === '/huge') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('y'.repeat(50_000));
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not found');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    it('fetches HTML and lets the content type choose the loader', async () => {
      const doc = await loadPolicy(`${base}/policy`);
      assert.equal(doc.format, 'html');
      assert.equal(doc.source, `${base}/policy`);
      assert.deepEqual(doc.blocks.map((b) => b.text), ['Privacy', 'We collect your IP address.']);
      assert.equal((await loadPolicy(`${base}/doc`)).format, 'pdf');
    });

    it('decodes with the charset of the Content-Type header', async () => {
      const doc = await loadPolicy(`${base}/policy.txt`);
      assert.equal(doc.blocks[0]?.text, '您好');
    });

    it('follows up to five redirects and refuses a sixth', async () => {
      assert.equal((await loadPolicy(`${base}/hop/5`)).blocks[1]?.text, 'We collect your IP address.');
      await assert.rejects(loadPolicy(`${base}/hop/6`), isInputError(`${base}/hop/6`, /too many redirects/u));
    });

    it('turns HTTP errors, time-outs, size overruns and refused connections into InputError', async () => {
      await assert.rejects(loadPolicy(`${base}/missing`), isInputError(`${base}/missing`, /HTTP 404/u));
      await assert.rejects(loadPolicy(`${base}/slow`, { timeoutMs: 200 }), isInputError(`${base}/slow`, /timed out after 200 ms/u));
      await assert.rejects(loadPolicy(`${base}/huge`, { maxBytes: 10_000 }), isInputError(`${base}/huge`, /over the limit/u));
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await assert.rejects(loadPolicy(`http://127.0.0.1:${port}/`), isInputError(`http://127.0.0.1:${port}/`, /cannot fetch: ECONNREFUSED/u));
    });
  });
});

import assert from 'node:assert/strict';
import { Http1Parser, type HttpEvent, type HttpMessage } from '../../../src/observe/net/http1.js';

const data = (s: string, time = 1) => ({ data: Buffer.from(s, 'latin1'), time });
const messages = (events: HttpEvent[]): HttpMessage[] => events.flatMap((e) => ('message' in e ? [e.message] : []));
const body = (m: HttpMessage) => Buffer.from(m.body).toString('latin1');

describe('Http1Parser', () => {
  it('keeps nothing of the bytes it was given once push() returns (the reader may reuse them)', () => {
    const p = new Http1Parser('request');
    const whole = data('POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
    const first = messages(p.push(whole));
    whole.data.fill(0x21);
    // A message cut inside its head, then inside its body: what waits between calls is a copy.
    const head = data('POST /b HTTP/1.1\r\nHost: y\r\nContent-');
    const rest = data('Length: 10\r\n\r\n');
    const bodyStart = data('world');
    assert.deepEqual(messages(p.push(head)), []);
    head.data.fill(0x21);
    assert.deepEqual(messages(p.push(rest)), []);
    rest.data.fill(0x21);
    assert.deepEqual(messages(p.push(bodyStart)), []);
    bodyStart.data.fill(0x21);
    const tail = data('12345');
    const second = messages(p.push(tail));
    tail.data.fill(0x21);
    assert.equal(body(first[0]!), 'hello');
    assert.equal(first[0]!.target, '/a');
    assert.equal(second[0]!.target, '/b');
    assert.deepEqual(second[0]!.headers, [{ name: 'Host', value: 'y' }, { name: 'Content-Length', value: '10' }]);
    assert.equal(body(second[0]!), 'world12345');
  });

  it('parses pipelined keep-alive requests split at odd places', () => {
    const p = new Http1Parser('request');
    const wire = 'GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /c HTTP/1.0\r\n\r\n';
    const out: HttpMessage[] = [];
    for (let i = 0; i < wire.length; i += 7) out.push(...messages(p.push(data(wire.slice(i, i + 7), i))));
    assert.deepEqual(out.map((m) => `${m.method} ${m.target} ${body(m)}`), ['GET /a?x=1 ', 'POST /b hello', 'GET /c ']);
    assert.equal(out[2]!.version, 'HTTP/1.0');
    assert.equal(out[1]!.time, 28); // the chunk holding its first byte
  });

  it('removes chunked transfer coding, with extensions and trailers', () => {
    const p = new Http1Parser('request');
    const out = messages(p.push(data('POST /u HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n')));
    assert.equal(out.length, 1);
    assert.equal(body(out[0]!), 'Wikipedia');
    assert.deepEqual(out[0]!.problems, []);
  });

  it('keeps headers in order with duplicates', () => {
    const out = messages(new Http1Parser('request').push(data('GET / HTTP/1.1\r\nCookie: a=1\r\nHost: h\r\nCookie: b=2\r\n\r\n')));
    assert.deepEqual(out[0]!.headers.map((h) => `${h.name}=${h.value}`), ['Cookie=a=1', 'Host=h', 'Cookie=b=2']);
  });

  it('knows responses to HEAD have no body and others may run to the close', () => {
    const p = new Http1Parser('response', { maxHead: 1 << 16, maxBody: 1 << 20, requestMethod: () => 'HEAD' });
    const head = messages(p.push(data('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n')));
    assert.equal(head.length, 1);
    assert.equal(head[0]!.bodySize, 0);
    const q = new Http1Parser('response');
    assert.deepEqual(messages(q.push(data('HTTP/1.0 200 OK\r\n\r\nuntil'))), []);
    q.push(data(' close'));
    const ended = messages(q.end());
    assert.equal(body(ended[0]!), 'until close');
    assert.deepEqual(ended[0]!.problems, []);
  });

  it('bounds the kept body and counts the rest', () => {
    const p = new Http1Parser('request', { maxHead: 1024, maxBody: 4 });
    const out = messages(p.push(data('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789')));
    assert.equal(body(out[0]!), '0123');
    assert.equal(out[0]!.bodySize, 10);
    assert.match(out[0]!.problems[0]!, /cut to the first 4/);
  });

  it('marks a gap inside a body and stays in step', () => {
    const p = new Http1Parser('request');
    p.push(data('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc'));
    assert.deepEqual(p.push({ gap: 4, time: 2 }), []);
    const out = messages(p.push(data('xyzGET /next HTTP/1.1\r\n\r\n')));
    assert.equal(out.length, 2);
    assert.equal(body(out[0]!), 'abcxyz');
    assert.match(out[0]!.problems[0]!, /gap: 4 bytes missing from the body/);
    assert.equal(out[1]!.target, '/next');
  });

  it('after a gap in a head, reports the start line captured and resynchronises on the next request line', () => {
    const p = new Http1Parser('request');
    p.push(data('GET /a HTTP/1.1\r\nAccept: */*\r\nHo'));
    const cut = messages(p.push({ gap: 50, time: 2 }));
    assert.deepEqual(cut.map((m) => [m.method, m.target, m.headers]), [['GET', '/a', [{ name: 'Accept', value: '*/*' }]]]);
    assert.match(cut[0]!.problems.join(), /message head cut: 50 bytes not captured/);
    const out = messages(p.push(data('garbage\r\nmore\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n')));
    assert.deepEqual(out.map((m) => m.target), ['/b']);
  });

  it('a head cut inside its request line still gives the method and target (snap length)', () => {
    const p = new Http1Parser('request');
    p.push(data('GET /images/sf.net_box.gif HTT'));
    const cut = messages(p.push({ gap: 466, time: 2 }));
    assert.deepEqual(cut.map((m) => [m.method, m.target, m.headers.length]), [['GET', '/images/sf.net_box.gif', 0]]);
    const junk = new Http1Parser('request');
    junk.push(data('\x16\x03\x01 not http'));
    assert.deepEqual(messages(junk.push({ gap: 5, time: 2 })), [], 'bytes that are no request line give no message');
    assert.ok(junk.notes.some((n) => n.includes('gap')));
  });

  it('passes the bytes after CONNECT through as a tunnel', () => {
    const p = new Http1Parser('request');
    const events = p.push(data('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n\x16\x03\x01'));
    assert.equal(messages(events)[0]!.method, 'CONNECT');
    const tunnel = events.find((e) => 'tunnel' in e);
    assert.ok(tunnel && 'tunnel' in tunnel);
    assert.deepEqual([...tunnel.tunnel], [0x16, 3, 1]);
    assert.ok(p.inTunnel);
  });

  it('skips bytes that are not HTTP instead of failing', () => {
    const p = new Http1Parser('request');
    const out = messages(p.push(data('\x00\x01binary\r\nGET /ok HTTP/1.1\r\n\r\n')));
    assert.deepEqual(out.map((m) => m.target), ['/ok']);
    assert.match(p.notes[0]!, /not an HTTP\/1.x start line/);
  });
});

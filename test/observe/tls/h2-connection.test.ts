import assert from 'node:assert/strict';
import { CLIENT_PREFACE, H2Connection, type H2Exchange } from '../../../src/observe/http2/h2-connection.js';
import { h2Frame } from '../../helpers/h2-frame.js';


/** Literal header field without indexing, new name (RFC 7541 §6.2.2). */
function literal(name: string, value: string): Buffer {
  return Buffer.concat([Buffer.from([0, name.length]), Buffer.from(name), Buffer.from([value.length]), Buffer.from(value)]);
}

const DATA = 0, HEADERS = 1, RST = 3, SETTINGS = 4, PUSH = 5, CONTINUATION = 9;
const END_STREAM = 1, END_HEADERS = 4, PADDED = 8, PRIORITY = 0x20;

function run(client: Buffer[], server: Buffer[]): { exchanges: H2Exchange[]; h2: H2Connection } {
  const h2 = new H2Connection();
  const exchanges: H2Exchange[] = [];
  // Interleave: the client's bytes in small pieces (frames split across TLS records), then the server's.
  const c = Buffer.concat([CLIENT_PREFACE, ...client]);
  for (let at = 0; at < c.length; at += 7) exchanges.push(...h2.push(true, c.subarray(at, at + 7), 1));
  exchanges.push(...h2.push(false, Buffer.concat(server), 2));
  exchanges.push(...h2.end());
  return { exchanges, h2 };
}

describe('HTTP/2 framing', () => {
  it('joins HEADERS + CONTINUATION, strips padding and priority, and collects DATA per stream', () => {
    // :method POST (3), :scheme https (7), :path literal indexed name 4, :authority literal with incremental indexing.
    const block = Buffer.concat([Buffer.from([0x83, 0x87, 0x04, 13]), Buffer.from('/v1/upload?x=1'.slice(0, 13)), Buffer.from([0x41, 16]), Buffer.from('api.example.test'), literal('content-type', 'application/json')]);
    const headers = Buffer.concat([Buffer.from([2]), Buffer.from([0, 0, 0, 0, 16]), block.subarray(0, 10), Buffer.alloc(2)]);
    const { exchanges } = run(
      [
        h2Frame(SETTINGS, 0, 0, Buffer.from([0, 1, 0, 0, 0x10, 0])),
        h2Frame(HEADERS, PADDED | PRIORITY, 1, headers),
        h2Frame(CONTINUATION, END_HEADERS, 1, block.subarray(10)),
        h2Frame(DATA, PADDED, 1, Buffer.concat([Buffer.from([3]), Buffer.from('{"imei":'), Buffer.alloc(3)])),
        h2Frame(DATA, END_STREAM, 1, Buffer.from('"861234567890127"}')),
        // A second request reuses :authority from the dynamic table (index 62).
        h2Frame(HEADERS, END_HEADERS | END_STREAM, 3, Buffer.from([0x82, 0x87, 0x84, 0xbe])),
      ],
      [
        h2Frame(SETTINGS, 0, 0, new Uint8Array(0)),
        h2Frame(HEADERS, END_HEADERS, 1, Buffer.from([0x08, 0x03, 0x31, 0x30, 0x30])), // :status 100, interim
        h2Frame(HEADERS, END_HEADERS, 1, Buffer.from([0x88])), // :status 200
        h2Frame(DATA, END_STREAM, 1, Buffer.from('ok')),
        h2Frame(HEADERS, END_HEADERS | END_STREAM, 3, Buffer.from([0x8d])), // :status 404
      ],
    );
    assert.equal(exchanges.length, 2);
    const [post, get] = exchanges;
    assert.equal(post!.request.method, 'POST');
    assert.equal(post!.request.target, '/v1/upload?x=');
    assert.equal(post!.authority, 'api.example.test');
    assert.equal(post!.scheme, 'https');
    assert.deepEqual(post!.request.headers, [{ name: 'content-type', value: 'application/json' }]);
    assert.equal(Buffer.from(post!.request.body).toString(), '{"imei":"861234567890127"}');
    assert.equal(post!.response?.status, 200);
    assert.equal(get!.authority, 'api.example.test');
    assert.equal(get!.request.target, '/');
    assert.equal(get!.response?.status, 404);
  });

  it('keeps trailers, reports resets, ignores server pushes', () => {
    const { exchanges } = run(
      [
        h2Frame(HEADERS, END_HEADERS, 1, Buffer.concat([Buffer.from([0x83, 0x87, 0x84]), literal(':authority', 'a.example')])),
        h2Frame(DATA, 0, 1, Buffer.from('part')),
        h2Frame(HEADERS, END_HEADERS | END_STREAM, 1, literal('x-checksum', 'abc')),
        h2Frame(HEADERS, END_HEADERS | END_STREAM, 3, Buffer.concat([Buffer.from([0x82, 0x87, 0x84]), literal(':authority', 'b.example')])),
        h2Frame(RST, 0, 3, Buffer.from([0, 0, 0, 8])),
      ],
      [
        h2Frame(PUSH, END_HEADERS, 1, Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from([0x82, 0x87, 0x84]), literal(':authority', 'a.example')])),
        h2Frame(HEADERS, END_HEADERS | END_STREAM, 1, Buffer.from([0x88])),
      ],
    );
    assert.deepEqual(exchanges.map((e) => e.authority), ['b.example', 'a.example']);
    assert.match(exchanges[0]!.request.problems.join(), /reset by the client/);
    assert.deepEqual(exchanges[1]!.request.headers, [{ name: 'x-checksum', value: 'abc' }]);
    assert.equal(Buffer.from(exchanges[1]!.request.body).toString(), 'part');
  });

  it('stops at a broken header block and says so', () => {
    const { exchanges, h2 } = run([h2Frame(HEADERS, END_HEADERS, 1, Buffer.from([0xff, 0xff]))], []);
    assert.equal(exchanges.length, 0);
    assert.match(h2.problem ?? '', /HTTP\/2: .*the rest of the connection is not read/);
  });

  it('refuses bytes that are not the client preface', () => {
    const h2 = new H2Connection();
    h2.push(true, Buffer.from('GET / HTTP/1.1\r\n\r\n'), 0);
    assert.equal(h2.problem, 'not an HTTP/2 connection preface');
  });
});

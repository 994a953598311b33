import assert from 'node:assert/strict';
import { joinData, seqDiff, TcpStream, type StreamEvent } from '../../../src/observe/net/tcp-stream.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const text = (events: StreamEvent[]) => Buffer.from(joinData(events)).toString('latin1');

describe('TcpStream', () => {
  it('delivers in-order data after the SYN', () => {
    const s = new TcpStream();
    s.syn(99);
    assert.equal(text(s.push(100, bytes('hello '), 1)), 'hello ');
    assert.equal(text(s.push(106, bytes('world'), 2)), 'world');
    assert.equal(s.delivered, 11);
  });

  it('holds an out-of-order segment until the hole is filled', () => {
    const s = new TcpStream();
    s.syn(0);
    assert.deepEqual(s.push(6, bytes('world'), 1), []);
    assert.equal(text(s.push(1, bytes('hello'), 2)), 'helloworld');
  });

  it('drops retransmissions and trims overlaps', () => {
    const s = new TcpStream();
    s.syn(0);
    assert.equal(text(s.push(1, bytes('abcdef'), 1)), 'abcdef');
    assert.deepEqual(s.push(1, bytes('abcdef'), 2), []); // exact retransmit
    assert.equal(text(s.push(4, bytes('defghi'), 3)), 'ghi'); // overlap
    // Out-of-order pieces that overlap each other.
    assert.deepEqual(s.push(14, bytes('nopq'), 4), []);
    assert.deepEqual(s.push(12, bytes('lmno'), 5), []);
    assert.equal(text(s.push(10, bytes('jk'), 6)), 'jklmnopq');
  });

  it('reports a gap at flush and delivers what follows it', () => {
    const s = new TcpStream();
    s.syn(0);
    s.push(1, bytes('abc'), 1);
    assert.deepEqual(s.push(10, bytes('xyz'), 2), []);
    const events = s.flush();
    assert.deepEqual(events.map((e) => ('gap' in e ? `gap ${e.gap}` : Buffer.from(e.data).toString())), ['gap 6', 'xyz']);
    assert.equal(s.gaps, 1);
    assert.equal(s.gapBytes, 6);
  });

  it('gives up on a hole when the out-of-order buffer is full', () => {
    const s = new TcpStream(8);
    s.syn(0);
    assert.deepEqual(s.push(100, bytes('12345'), 1), []);
    const events = s.push(105, bytes('6789'), 2);
    assert.equal('gap' in events[0]! && events[0].gap, 99);
    assert.equal(text(events), '123456789');
  });

  it('handles sequence-number wraparound', () => {
    assert.equal(seqDiff(2, 2 ** 32 - 2), 4);
    const s = new TcpStream();
    s.syn(2 ** 32 - 3);
    assert.equal(text(s.push(2 ** 32 - 2, bytes('ab'), 1)), 'ab');
    assert.equal(text(s.push(0, bytes('cd'), 2)), 'cd');
  });
});

describe('TcpStream: a segment half the sequence space away', () => {
  it('is dropped at flush instead of looping for ever (fuzz input pcapng/hang-*.bin)', () => {
    const s = new TcpStream();
    s.syn(0);
    s.push(1, bytes('abc'), 1);
    // next is 4; 4 + 2^31 is neither ahead of nor behind it in sequence arithmetic.
    assert.deepEqual(s.push(4 + 2 ** 31, bytes('zzz'), 2), []);
    assert.deepEqual(s.flush(), []);
    assert.equal(text(s.push(4, bytes('def'), 3)), 'def');
  });
});

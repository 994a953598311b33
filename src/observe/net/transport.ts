/** TCP and UDP headers (RFC 9293, RFC 768). */
import { u16, u32 } from './bytes.js';

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  syn: boolean;
  ack_: boolean;
  fin: boolean;
  rst: boolean;
  payload: Uint8Array;
}

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export function parseTcp(b: Uint8Array): TcpSegment | string {
  if (b.length < 20) return 'TCP header shorter than 20 bytes';
  const dataOffset = (b[12]! >> 4) * 4;
  if (dataOffset < 20 || dataOffset > b.length) return 'impossible TCP data offset';
  const flags = b[13]!;
  return {
    srcPort: u16(b, 0),
    dstPort: u16(b, 2),
    seq: u32(b, 4),
    ack: u32(b, 8),
    fin: (flags & 0x01) !== 0,
    syn: (flags & 0x02) !== 0,
    rst: (flags & 0x04) !== 0,
    ack_: (flags & 0x10) !== 0,
    payload: b.subarray(dataOffset),
  };
}

export function parseUdp(b: Uint8Array): UdpDatagram | string {
  if (b.length < 8) return 'UDP header shorter than 8 bytes';
  const length = u16(b, 4);
  // Length 0 is legal for IPv6 jumbograms; otherwise trust the shorter of declared and present.
  const end = length >= 8 ? Math.min(length, b.length) : b.length;
  return { srcPort: u16(b, 0), dstPort: u16(b, 2), payload: b.subarray(8, end) };
}

/** One HTTP/2 frame (RFC 9113 §4.1: 24-bit length, type, flags, stream id, payload), for tests that build h2 streams. */
export function h2Frame(type: number, flags: number, stream: number, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.length, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(stream, 5);
  return Buffer.concat([header, payload]);
}

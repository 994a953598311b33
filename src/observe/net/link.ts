/**
 * Link layers → the IP packet inside. Link-type numbers are the tcpdump LINKTYPE_ values that
 * pcap and pcapng headers carry. Frames that carry no IP (ARP, LLDP, …) give `undefined`.
 */
import { u16, u32 } from './bytes.js';

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_OPENBSD: 14,
  RAW_BSD: 12,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export interface LinkPayload {
  /** IP version from the link header (or the first nibble for raw IP). */
  version: 4 | 6;
  bytes: Uint8Array;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
// BSD address families for IPv6 differ by OS (NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
const AF_INET6 = new Set([24, 28, 30]);

/** Built once: the check runs for every packet. */
const SUPPORTED = new Set<number>(Object.values(LINKTYPE));

export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export function decodeLink(linkType: number, frame: Uint8Array): LinkPayload | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(frame);
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_BSD:
    case LINKTYPE.RAW_OPENBSD:
      return rawIp(frame);
    case LINKTYPE.IPV4:
      return frame.length > 0 ? { version: 4, bytes: frame } : undefined;
    case LINKTYPE.IPV6:
      return frame.length > 0 ? { version: 6, bytes: frame } : undefined;
    case LINKTYPE.LINUX_SLL:
      return frame.length < 16 ? undefined : byEthertype(u16(frame, 14), frame.subarray(16));
    case LINKTYPE.LINUX_SLL2:
      return frame.length < 20 ? undefined : byEthertype(u16(frame, 0), frame.subarray(20));
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return loopback(linkType, frame);
    default:
      return undefined;
  }
}

function ethernet(frame: Uint8Array): LinkPayload | undefined {
  let at = 12;
  if (frame.length < at + 2) return undefined;
  let type = u16(frame, at);
  // 802.1Q / 802.1ad: each tag is 4 bytes (TPID + TCI); QinQ stacks them.
  while (VLAN_TAGS.has(type) && frame.length >= at + 6) {
    at += 4;
    type = u16(frame, at);
  }
  return byEthertype(type, frame.subarray(at + 2));
}

function byEthertype(type: number, payload: Uint8Array): LinkPayload | undefined {
  if (type === ETHERTYPE_IPV4) return { version: 4, bytes: payload };
  if (type === ETHERTYPE_IPV6) return { version: 6, bytes: payload };
  return undefined;
}

function rawIp(frame: Uint8Array): LinkPayload | undefined {
  const version = frame.length > 0 ? frame[0]! >> 4 : 0;
  return version === 4 || version === 6 ? { version, bytes: frame } : undefined;
}

function loopback(linkType: number, frame: Uint8Array): LinkPayload | undefined {
  if (frame.length < 4) return undefined;
  // NULL stores the family in the capturing host's byte order; a small value fits in one byte either way.
  const family =
    linkType === LINKTYPE.LOOP ? u32(frame, 0) : frame[0] !== 0 ? frame[0]! | (frame[1]! << 8) : u32(frame, 0);
  const payload = frame.subarray(4);
  if (family === 2) return { version: 4, bytes: payload };
  if (AF_INET6.has(family)) return { version: 6, bytes: payload };
  return undefined;
}

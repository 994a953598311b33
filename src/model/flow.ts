/**
 * A Flow is one network exchange seen in a capture: an HTTP request (with its response when seen),
 * a DNS lookup, or a TLS/QUIC connection whose contents we could not read but whose server we know.
 * Plain data: readers produce it, detectors annotate it, nothing else mutates it.
 * The JSON form is documented in schemas/flow.schema.json.
 */
export type FlowProtocol = 'http' | 'dns' | 'tls' | 'quic';

/** Header as seen on the wire: order and duplicates are kept. */
export interface Header {
  name: string;
  value: string;
}

export interface HttpMessageBody {
  /** Decoded bytes (transfer and content encodings removed where possible). */
  bytes: Uint8Array;
  /** Content-Type without parameters, lower-cased, when known. */
  contentType?: string;
  /** Set when the body could not be fully decoded (truncated, bad gzip, …). */
  problem?: string;
}

/** Where a flow goes: filled in by the destination resolver (src/observe/destination). */
export interface Recipient {
  host: string;
  /** Registrable domain (eTLD+1), or the IP address when the host is one. */
  domain: string;
  /** Owning organisation's name, when the domain is in data/organizations.json. */
  organization?: string;
  /** Its id in data/organizations.json (matches a policy's named third party). */
  organizationId?: string;
  /** Recipient category id from the ontology (advertiser, analytics_provider, …). */
  category?: string;
  party: 'first' | 'third';
  /** ISO 3166-1 alpha-2 country of the server, when known. */
  country?: string;
}

export interface Detection {
  /** Ontology data-type id (imei, phone_number, contacts, …). */
  dataType: string;
  /** Where in the flow: `url.path`, `query.imei`, `header.cookie`, `body.$.contacts[0].p`, `body.form.mobile`. */
  where: string;
  /** How the value was written: plain, url, base64, hex, md5, sha1, sha256, upper, lower, … */
  encoding: string;
  /** 0..1; a known-identifier match is 1. */
  confidence: number;
  /** The matched value as found (masked by reporters unless --reveal). */
  value: string;
  /** Which detector found it. */
  detector: string;
  /** Why the confidence is lowered, when it is (the key names the type but the value fails its format check). */
  note?: string;
}

export interface TlsInfo {
  sni?: string;
  version?: string;
  alpn?: string[];
  /** True when the contents were decrypted with a key log (the flow then holds the HTTP request). */
  decrypted: boolean;
  /** Negotiated cipher suite (IANA name), when the ServerHello was seen. */
  cipher?: string;
  /** A key log was given but held no secrets for this session. */
  keysMissing?: boolean;
  /** Why the contents (or part of them) stayed encrypted; absent when everything was decrypted. */
  undecrypted?: TlsUndecrypted;
}

/**
 * Why a TLS or QUIC connection was not (fully) decrypted. `partial` is true when some records were
 * decrypted and later ones were not (renegotiation, a cipher change, a gap). `keys_mismatch`: the key
 * log has a secret for the session but it does not open its records; `capture_gap`: bytes of the
 * connection are missing from the capture (lost, or cut by the snap length).
 */
export interface TlsUndecrypted {
  reason: 'no_key_log' | 'keys_missing' | 'keys_mismatch' | 'unsupported_version' | 'unsupported_cipher_suite'
    | 'handshake_not_seen' | 'renegotiation' | 'early_data' | 'protocol_error' | 'capture_gap' | 'quic';
  /** One sentence for a person: what was missing or unsupported. */
  detail?: string;
  partial?: boolean;
}

export interface Flow {
  /** Index of the flow across all captures of one run (0-based, in capture order). */
  index: number;
  /** The capture file this flow came from. */
  capture: string;
  /** ISO 8601 time of the first request byte. */
  time: string;
  protocol: FlowProtocol;
  /** true when the request travelled unencrypted (plain HTTP, DNS). */
  cleartext: boolean;
  clientIp?: string;
  clientPort?: number;
  serverIp?: string;
  serverPort?: number;
  /** Host name (HTTP Host / :authority, TLS SNI, DNS query name, or the IP when nothing else). */
  host: string;
  method?: string;
  url?: string;
  requestHeaders?: Header[];
  requestBody?: HttpMessageBody;
  /** Size of the decoded request body; kept when the bytes are dropped after detection. */
  requestBodySize?: number;
  status?: number;
  responseHeaders?: Header[];
  /** DNS: names queried and the addresses answered. */
  dns?: { query: string; type: string; answers: string[] };
  tls?: TlsInfo;
  recipient?: Recipient;
  detections: Detection[];
  /** Non-fatal problems met while reading this flow (gap in the TCP stream, bad gzip, …). */
  notes?: string[];
}

/** Summary of one capture file that was read. */
export interface CaptureInfo {
  source: string;
  format: CaptureFormat;
  flows: number;
  /** Non-fatal warnings (skipped packets, truncated last record). */
  warnings: string[];
}

export type CaptureFormat = 'pcap' | 'pcapng' | 'har' | 'mitmproxy' | 'jsonl';

/**
 * An HTTP/2 exchange → a RawFlow, for HTTP/2 inside TLS and in clear text (h2c): the host and URL
 * come from `:authority` (or Host) and `:scheme`, else from the connection's default authority.
 */
import type { RawFlow } from '../reader.js';
import { hostOnly, httpFlow, type Endpoints } from '../net/http-flow.js';
import type { H2Exchange } from './h2-connection.js';

export function h2Flow(
  exchange: H2Exchange,
  ends: Endpoints,
  nameForIp: (ip: string) => string | undefined,
  defaults: { authority: string; scheme: 'http' | 'https' },
): RawFlow {
  const flow = httpFlow(exchange.request, exchange.response, ends, nameForIp);
  const authority = exchange.authority ?? defaults.authority;
  flow.host = hostOnly(authority);
  const target = exchange.request.target ?? '/';
  if (exchange.request.method === 'CONNECT') delete flow.url;
  else {
    const scheme = exchange.scheme ?? defaults.scheme;
    // Clients often send the default port in :authority; the URL leaves it out, as a browser shows it.
    const shown = authority.replace(scheme === 'https' ? /:443$/ : /:80$/, '');
    flow.url = `${scheme}://${shown}${target.startsWith('/') ? target : `/${target}`}`;
  }
  return flow;
}

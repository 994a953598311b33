/**
 * The domain an app id names: bundle ids and package names are reversed domain names by
 * convention (com.example.app → example.com). Only a name under a real public suffix counts, so
 * ids like `tld.sample.app` name no domain.
 */
import { parse } from 'tldts';

export function appIdDomain(appId: string): string | undefined {
  const labels = appId.toLowerCase().split('.').filter((l) => l.length > 0);
  if (labels.length < 2 || labels.some((l) => !/^[a-z0-9-]+$/.test(l))) return undefined;
  // The shortest reversed prefix that is a registrable domain: com.example → example.com; uk.co.bbc → bbc.co.uk.
  for (let n = 2; n <= Math.min(labels.length, 4); n++) {
    const candidate = labels.slice(0, n).reverse().join('.');
    const parsed = parse(candidate, { allowPrivateDomains: false });
    if (parsed.isIcann && parsed.domain === candidate) return candidate;
  }
  return undefined;
}

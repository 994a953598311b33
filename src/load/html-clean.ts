import { readFileSync } from 'node:fs';
import type { CheerioAPI } from 'cheerio';

interface BoilerplateData {
  dropTags: string[];
  pageChromeTags: string[];
  dropRoles: string[];
  bannerRoles: string[];
  bannerMaxChars: number;
  chromeTokens: string[];
  consentTokens: string[];
}

const data = JSON.parse(readFileSync(new URL('../../data/load/html-boilerplate.json', import.meta.url), 'utf8')) as BoilerplateData;
const CHROME = data.chromeTokens.map((p) => new RegExp(p, 'iu'));
const CONSENT = data.consentTokens.map((p) => new RegExp(p, 'iu'));
/** Page chrome is short; a 'header' element with more text than this wraps content. */
const CHROME_MAX_CHARS = 2500;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/iu;

/** Collapsed sections hold prose: several sentences and a fair length. Hidden menus and templates do not. */
const COLLAPSED_MIN_CHARS = 400;
const COLLAPSED_MIN_SENTENCES = 3;

function isCollapsedProse(text: string): boolean {
  const flat = text.replace(/\s+/gu, ' ');
  return flat.length >= COLLAPSED_MIN_CHARS && (flat.match(/[.!?。！？](?:\s|$)/gu)?.length ?? 0) >= COLLAPSED_MIN_SENTENCES;
}

function tokens(id: string | undefined, cls: string | undefined): string[] {
  return [...(id ? [id] : []), ...(cls ? cls.split(/\s+/u) : [])].filter((t) => t !== '');
}

/** Remove everything a reader does not see as policy text: code, chrome, hidden elements, consent banners. */
export function removeBoilerplate($: CheerioAPI): void {
  $(data.dropTags.join(',')).remove();
  // Hidden elements go, except collapsed accordion panels: policies often fold their sections away.
  $('[hidden], [aria-hidden="true"], [aria-hidden="TRUE"], [style]')
    .filter((_, el) => el.attribs.style === undefined || HIDDEN_STYLE.test(el.attribs.style))
    .filter((_, el) => !isCollapsedProse($(el).text()))
    .remove();
  $(data.dropRoles.map((r) => `[role="${r}"]`).join(',')).remove();
  $(data.bannerRoles.map((r) => `[role="${r}"]`).join(','))
    .filter((_, el) => $(el).text().length <= data.bannerMaxChars)
    .remove();
  // Page-level header/footer/aside are chrome; inside an article they carry the policy's title or date.
  $(data.pageChromeTags.join(','))
    .filter((_, el) => $(el).closest('main, article, [role="main"]').length === 0)
    .remove();
  $('[id], [class]')
    .filter((_, el) => {
      const t = tokens($(el).attr('id'), $(el).attr('class'));
      // Banners are short; a long element with a consent-like name is the policy itself.
      if (t.some((tok) => CONSENT.some((re) => re.test(tok)))) return $(el).text().length <= data.bannerMaxChars;
      if (!t.some((tok) => CHROME.some((re) => re.test(tok)))) return false;
      // A chrome-named wrapper that holds the main content or much text is a mis-named container, not chrome.
      return $(el).find('main, article, [role="main"]').length === 0 && $(el).text().length < CHROME_MAX_CHARS;
    })
    .remove();
}

/**
 * The nodes holding the policy: the biggest <main>/<article>/[role=main] when it carries a fair share
 * of the page's text, else <body> (or the whole document when there is no body).
 */
export function contentRoot($: CheerioAPI): unknown[] {
  const bodyLength = ($('body').length > 0 ? $('body').text() : $.root().text()).replace(/\s+/gu, ' ').length;
  let best: unknown;
  let bestLength = 0;
  $('main, article, [role="main"]').each((_, el) => {
    const length = $(el).text().replace(/\s+/gu, ' ').length;
    if (length > bestLength) {
      best = el;
      bestLength = length;
    }
  });
  if (best !== undefined && bestLength >= bodyLength * 0.3 && bestLength > 200) return [best];
  return $('body').length > 0 ? $('body').toArray() : $.root().toArray();
}

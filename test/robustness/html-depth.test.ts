/** The HTML nesting bounds: deep tags dropped before parsing, deep subtrees flattened to their text after. */
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { flattenDeepNesting, limitTagNesting } from '../../src/load/html-depth.js';

describe('HTML nesting bounds', () => {
  it('keeps ordinary pages byte for byte', () => {
    const page = '<html><body><div><ul><li>a<li>b</ul><p>one<p>two<br><img src=x></div></body></html>';
    assert.equal(limitTagNesting(page, 4), page);
  });

  it('drops the tags nested past the bound and keeps their text', () => {
    const out = limitTagNesting('<div><div><div><span>deep</span></div></div></div>after', 2);
    assert.equal(out, '<div><div>  deep  </div></div>after');
  });

  it('does not count elements whose end tag is usually left out', () => {
    const page = `${'<p>x'.repeat(100)}${'<li>y'.repeat(100)}<div>z</div>`;
    assert.equal(limitTagNesting(page, 3), page);
  });

  it('flattens subtrees below the bound into their text, words kept apart', () => {
    const $ = cheerio.load('<body><div><div><section><p>We collect</p><p>your <b>phone</b> number.</p><script>x()</script></section></div></div></body>');
    assert.equal(flattenDeepNesting($.root()[0], 4), 1);
    assert.equal($('section').length, 0, 'the section below the bound is gone');
    assert.equal($('body').text().replace(/\s+/g, ' ').trim(), 'We collect your phone number.');
  });
});

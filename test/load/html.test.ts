import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { htmlBlocks } from '../../src/load/html.js';

const page = readFileSync(new URL('../fixtures/load/page.html', import.meta.url), 'utf8');

describe('HTML loader', () => {
  const { blocks, title } = htmlBlocks(page);
  const all = blocks.map((b) => b.text).join('\n');

  it('keeps only visible policy text', () => {
    for (const junk of ['SCRIPT TEXT', 'HEADER CHROME', 'NAV', 'Accept all cookies', 'Sidebar', 'MUST NOT APPEAR', 'Also hidden', 'NOSCRIPT', 'SVG TEXT', 'TEMPLATE TEXT', 'FOOTER CHROME']) {
      assert.ok(!all.includes(junk), `"${junk}" leaked into the text`);
    }
    assert.equal(title, 'Privacy Policy | Example Weather');
  });

  it('keeps a policy section about cookies that only looks like a banner by name', () => {
    assert.ok(blocks.some((b) => b.text === 'Our website uses cookies to remember your settings.' && b.section.at(-1) === 'Cookies'));
  });

  it('turns headings into section paths and numbers blocks inside sections', () => {
    const location = blocks.find((b) => b.text.startsWith('We collect your precise location'));
    assert.deepEqual(location?.section, ['Privacy Policy', 'Information We Collect']);
    assert.equal(location?.location, '§2 ¶1');
    assert.equal(location?.text, 'We collect your precise location to show local forecasts.');
    const cookies = blocks.find((b) => b.kind === 'heading' && b.text === 'Cookies');
    assert.deepEqual(cookies?.section, ['Privacy Policy', 'Information We Collect', 'Cookies']);
    assert.equal(cookies?.level, 3);
    const first = blocks[0];
    assert.equal(first?.location, '§1 ¶0');
    assert.equal(blocks[1]?.text, 'Last updated: 5 May 2024.');
  });

  it('makes each list item one block without repeating nested items', () => {
    const items = blocks.filter((b) => b.kind === 'list_item').map((b) => b.text);
    assert.deepEqual(items, [
      'Device identifiers, such as the advertising ID.',
      'On Android, the Google advertising ID.',
      'On iOS, the IDFA.',
      'Your e-mail address, when you create an account.',
    ]);
    assert.equal(all.split('On iOS, the IDFA.').length, 2);
  });

  it('keeps table rows with their cells, and bold-only lines as sub-headings', () => {
    const rows = blocks.filter((b) => b.kind === 'table_row');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1]?.cells, ['AdNetwork Inc.', 'advertising ID', 'ads']);
    assert.deepEqual(rows[1]?.section, ['Privacy Policy', 'Third Parties', 'Advertising partners']);
    assert.ok(blocks.some((b) => b.kind === 'heading' && b.text === 'Advertising partners'));
  });

  it('splits segmented corpus files at ||| and drops the separators', () => {
    const { blocks: segs } = htmlBlocks('Acme Privacy Statement <br> <br>|||<strong> Information Collection </strong> <br> <br> We collect names. <br>|||We share nothing.');
    assert.deepEqual(segs.map((b) => [b.kind, b.text]), [
      ['paragraph', 'Acme Privacy Statement'],
      ['heading', 'Information Collection'],
      ['paragraph', 'We collect names.'],
      ['paragraph', 'We share nothing.'],
    ]);
  });

  it('prefers <article> over the rest of the page and joins Chinese source lines without spaces', () => {
    const html = `<body><div>Other news ${'x '.repeat(50)}</div><article><h1>隐私政策</h1><p>我们会收集
      您的手机号码。</p><p>${'我们不会出售您的个人信息。'.repeat(20)}</p></article></body>`;
    const { blocks: zh } = htmlBlocks(html);
    assert.equal(zh[0]?.text, '隐私政策');
    assert.equal(zh[1]?.text, '我们会收集您的手机号码。');
    assert.ok(!zh.some((b) => b.text.includes('Other news')));
  });

  it('reads a layout table as ordinary content, not as table rows', () => {
    const long = 'We collect the information you give us when you register, including your name and e-mail address. '.repeat(8);
    const { blocks: layout } = htmlBlocks(`<table><tr><td><h2>Privacy</h2><p>${long}</p></td></tr></table>`);
    assert.deepEqual(layout.map((b) => b.kind), ['heading', 'paragraph']);
  });
});

describe('HTML loader, hidden content', () => {
  it('keeps collapsed accordion sections of prose but drops hidden menus', () => {
    const prose = 'We collect the information you give us. We use it to run the service. We keep it for two years. '.repeat(5);
    const { blocks } = htmlBlocks(`<body><h1>Privacy</h1><div class="full" style="display: none;"><p>${prose}</p></div><ul style="display:none"><li>Menu item</li></ul></body>`);
    assert.ok(blocks.some((b) => b.text.startsWith('We collect the information you give us.')));
    assert.ok(!blocks.some((b) => b.text === 'Menu item'));
  });
});

import assert from 'node:assert/strict';
import { cleanPageLines, isPageNumber } from '../../src/load/pdf-lines.js';
import { pdfBlocks } from '../../src/load/pdf.js';
import { InputError } from '../../src/errors.js';
import { makePdf } from '../fixtures/load/make-pdf.js';

describe('PDF loader', () => {
  it('recognises page-number lines in both languages', () => {
    for (const line of ['- 3 -', '－3－', '第 3 页', '第3页 共9页', 'Page 3 of 9', '3 / 9']) assert.ok(isPageNumber(line), line);
    for (const line of ['3 days', 'Article 3', '第三条']) assert.ok(!isPageNumber(line), line);
  });

  it('drops running headers and footers repeated on most pages', () => {
    const pages = [1, 2, 3, 4].map((n) => `Example Corp Privacy Policy\nBody line ${n} of the policy.\nConfidential - version 2\n${n}`);
    const lines = cleanPageLines(pages);
    assert.deepEqual(lines.flat(), ['Body line 1 of the policy.', 'Body line 2 of the policy.', 'Body line 3 of the policy.', 'Body line 4 of the policy.']);
  });

  it('reads a PDF: paragraphs rejoined across lines and pages, headings found, page furniture gone', async () => {
    const header = 'ACME Privacy Policy (2024 edition)';
    const wrapped = [
      'We collect the e-mail address and the phone number that you give us when',
      'you register an account, and we use them to send you service messages and',
      'to recover your account when you forget your password. We keep them until',
    ];
    const pdf = makePdf([
      [header, '1. Information We Collect', ...wrapped, 'you delete the account.', 'Page 1 of 3'],
      [header, '2. Sharing', 'We do not sell personal information. We share it only with the service pro-', 'viders that host our servers, under contract.', 'Page 2 of 3'],
      [header, '3. Your Rights', 'You may ask us to delete your personal information at any time.', 'Page 3 of 3'],
    ]);
    const blocks = await pdfBlocks(pdf, 'acme.pdf');
    assert.ok(!blocks.some((b) => b.text.includes('Page ') || b.text.includes('2024 edition')));
    assert.deepEqual(blocks.filter((b) => b.kind === 'heading').map((b) => b.text), ['1. Information We Collect', '2. Sharing', '3. Your Rights']);
    const first = blocks.find((b) => b.text.startsWith('We collect'));
    assert.ok(first?.text.endsWith('We keep them until you delete the account.'), first?.text);
    assert.deepEqual(first?.section, ['1. Information We Collect']);
    assert.ok(blocks.some((b) => b.text.includes('the service providers that host our servers')));
  });

  it('throws InputError for a file pdf.js cannot read', async () => {
    const broken = new TextEncoder().encode('%PDF-1.4\nthis is not really a PDF\n%%EOF');
    await assert.rejects(pdfBlocks(broken, 'broken.pdf'), (error: unknown) => error instanceof InputError && error.file === 'broken.pdf' && /unreadable PDF/u.test(error.detail));
  });
});

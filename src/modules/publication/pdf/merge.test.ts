import type { PDFDocument as LibDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkAttachmentPdf, mergeAttachments } from './merge.ts';
import { renderAgendaPdf } from './render.ts';
import { makeAttachmentPdf, sampleAgenda } from './pdf.fixtures.ts';
import { flatten, inspectPdf, pageStructure, pageTexts } from '../../../../test/helpers/pdf.ts';

const texts = {
  pageOf: (page: number, total: number) => `Side ${page} af ${total}`,
  couldNotInsert: 'Bilaget kunne ikke indsættes her. Se det oprindelige dokument.',
};

describe('mergeAttachments', () => {
  it('puts stand-in pages with a note where an attachment cannot be copied, keeping the numbering', async () => {
    const agenda = await renderAgendaPdf(sampleAgenda(), { audience: 'public' });
    const good = await checkAttachmentPdf(await makeAttachmentPdf('GOD-PDF', 1));
    if (!good.ok) throw new Error('fixture did not open');
    const failing = {
      getPageIndices: () => {
        throw new Error('broken page tree');
      },
    } as unknown as LibDocument;
    const out = await mergeAttachments(
      agenda,
      [
        { source: failing, pageCount: 2, label: 'Bilag 2.1', title: 'Ødelagt', destination: 'attachment-0001' },
        { source: good.source, pageCount: 1, label: 'Bilag 4.1', title: 'God', destination: 'attachment-0002' },
      ],
      [
        {
          title: '2. Budget',
          page: 3,
          children: [
            { title: 'Bilag 2.1: Ødelagt', page: 6 },
            { title: 'Bilag 4.1: God', page: 8 },
          ],
        },
      ],
      texts,
    );
    const info = await inspectPdf(out);
    const text = await pageTexts(out);
    expect(info.pageCount).toBe(6 + 2 + 1);
    expect(text[6]).toContain('Bilag 2.1: Bilaget kunne ikke indsættes her.');
    expect(text[6]).toContain('Bilag 2.1 · Side 7 af 9');
    expect(text[7]).toContain('Bilag 2.1 · Side 8 af 9');
    expect(text[8]).toContain('GOD-PDF');
    expect(text[8]).toContain('Bilag 4.1 · Side 9 af 9');
    expect(info.outline[0]!.children.map((c) => c.page)).toEqual([6, 8]);
    const standIn = flatten(await pageStructure(out, 7));
    expect(standIn.find((n) => n.role === 'Div')?.text).toContain('Bilaget kunne ikke indsættes her.');
  });

  it('tells an encrypted, an empty and a non-PDF file apart', async () => {
    expect(await checkAttachmentPdf(undefined)).toEqual({ ok: false, reason: 'no-pdf' });
    expect(await checkAttachmentPdf(new Uint8Array())).toEqual({ ok: false, reason: 'no-pdf' });
    expect(await checkAttachmentPdf(new TextEncoder().encode('PK\u0003\u0004 a zip'))).toEqual({
      ok: false,
      reason: 'not-pdf',
    });
    expect(await checkAttachmentPdf(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'))).toMatchObject({ ok: false });
    const ok = await checkAttachmentPdf(await makeAttachmentPdf('X', 3));
    expect(ok).toMatchObject({ ok: true, pageCount: 3 });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoXml, type MemoMessage } from './memo.ts';
import { haveXmllint, MEMO_FIXTURES as FIXTURES, validateMemo as validate } from './memo.fixtures.ts';

/**
 * What memoXml writes validates against the vendored MeMo 1.2 XSD (test/fixtures/memo), checked
 * with libxml2's xmllint (memo.fixtures.ts).
 */

const letter = (over: Partial<MemoMessage> = {}): MemoMessage => ({
  label: 'Afgørelse om byggetilladelse – Østergade 12 & "carport"',
  sender: { cvr: '29189757', label: 'Samspil Kommune' },
  recipient: { idType: 'CPR', id: '010190-1234', name: 'Mette Sørensen' },
  caseNumber: '02.34.02-P19-12-26',
  kle: { subjectKey: '02.34.02', version: 'KLE 2024', label: 'Byggetilladelse', activityFacet: 'P19' },
  createdAt: new Date('2026-12-01T10:15:30.123Z'),
  main: { filename: 'afgoerelse.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.7 ...'), label: 'Afgørelse' },
  attachments: [{ filename: 'bilag 1.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.7 bilag') }],
  ...over,
});

describe.skipIf(!haveXmllint)('MeMo 1.2 messages', () => {
  it('the vendored examples validate against the vendored schema (the check works)', () => {
    for (const example of fs.readdirSync(path.join(FIXTURES, 'examples'))) {
      const xml = fs.readFileSync(path.join(FIXTURES, 'examples', example), 'utf8');
      expect(validate(xml), example).toMatchObject({ ok: true });
    }
  });

  it('writes a letter with case number, KLE, main document and an attachment that validates', () => {
    const { uuid, xml } = memoXml(letter());
    expect(validate(xml)).toEqual({ ok: true, output: expect.stringContaining('validates') });
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(xml).toContain('<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1"');
    expect(xml).toContain('memoVersion="1.2"');
    expect(xml).toContain(`<memo:messageUUID>${uuid}</memo:messageUUID>`);
    expect(xml).toContain('<memo:recipientID>0101901234</memo:recipientID><memo:idType>CPR</memo:idType>');
    expect(xml).toContain(
      '<memo:label>Afgørelse om byggetilladelse – Østergade 12 &amp; &quot;carport&quot;</memo:label>',
    );
    expect(xml).toContain('<memo:caseID>02.34.02-P19-12-26</memo:caseID><memo:caseSystem>Samspil</memo:caseSystem>');
    expect(xml).toContain('<kle:subjectKey>02.34.02</kle:subjectKey>');
    expect(xml).toContain('<memo:createdDateTime>2026-12-01T10:15:30Z</memo:createdDateTime>');
    expect(xml).toContain(`<memo:content>${Buffer.from('%PDF-1.7 ...').toString('base64')}</memo:content>`);
    expect(xml).toContain(
      '<memo:AdditionalDocument><memo:File><memo:encodingFormat>application/pdf</memo:encodingFormat><memo:filename>bilag 1.pdf</memo:filename>',
    );
  });

  it('keeps a given UUID (a retry sends the same message), and validates for a company without case data', () => {
    const uuid = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
    const { xml } = memoXml(
      letter({
        uuid,
        recipient: { idType: 'CVR', id: '12345678' },
        caseNumber: undefined,
        kle: undefined,
        attachments: [],
      }),
    );
    expect(validate(xml).ok).toBe(true);
    expect(xml).toContain(`<memo:messageUUID>${uuid}</memo:messageUUID>`);
    expect(xml).not.toContain('ContentData');
    expect(xml).toContain(
      '<memo:recipientID>12345678</memo:recipientID><memo:idType>CVR</memo:idType></memo:Recipient>',
    );
  });

  it('cuts texts to what the schema allows and drops characters XML cannot hold, so the message still validates', () => {
    const { xml } = memoXml(letter({ label: `${'Meget lang overskrift '.repeat(30)}\u0007slut` }));
    expect(validate(xml).ok).toBe(true);
    expect(xml).not.toContain('\u0007');
  });

  it('refuses what would make an invalid or misdirected message', () => {
    expect(() => memoXml(letter({ uuid: 'not-a-uuid' }))).toThrow(/v4 UUID/);
    expect(() => memoXml(letter({ recipient: { idType: 'CPR', id: '12345' } }))).toThrow(/CPR number/);
    expect(() => memoXml(letter({ sender: { cvr: '123', label: 'x' } }))).toThrow(/CVR/);
    // And the validator does refuse a broken message: one without the required label.
    const { xml } = memoXml(letter());
    const broken = xml.replace(/<memo:label>Afgørelse om[^<]*<\/memo:label>/, '');
    expect(validate(broken).ok).toBe(false);
  });
});

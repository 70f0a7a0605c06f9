import { beforeAll, describe, expect, it } from 'vitest';
import { isInvalidEmailError, parseEmail } from './email.ts';
import { DANISH_SENTENCE, fixture, makeEml, makePdf, makePng } from './documents.fixtures.ts';

let pdf: Buffer;
let png: Buffer;

beforeAll(async () => {
  pdf = await makePdf([DANISH_SENTENCE]);
  png = makePng(3, 2);
});

async function invalid(bytes: Buffer, kind: 'eml' | 'msg'): Promise<unknown> {
  try {
    await parseEmail(bytes, kind);
  } catch (error) {
    return error;
  }
  throw new Error('parseEmail accepted a file that is not an e-mail');
}

describe('parseEmail for .eml', () => {
  it('reads sender, recipients, date, subject and the plain-text body', async () => {
    const mail = await parseEmail(makeEml(pdf, png), 'eml');
    expect(mail.from).toBe('Mette Sørensen <mette.soerensen@example.dk>');
    expect(mail.to).toEqual(['Byggesagsteamet <byggesag@samspil.example>', 'lars.oedegaard@example.dk']);
    expect(mail.cc).toEqual(['Åse Æbelø <aase.aebeloe@example.dk>']);
    expect(mail.date).toBe('2026-03-05T09:30:00.000Z');
    expect(mail.subject).toBe('Høringssvar: carport på Østergade 12');
    expect(mail.text).toBe(
      'Kære sagsbehandler,\n\nVedhæftet er vores høringssvar vedrørende byggetilladelse til carport på Østergade 12.\n\nMed venlig hilsen\nMette Sørensen',
    );
    expect(mail.html).toContain('cid:kort@example.dk');
  });

  it('returns the attachments with their bytes, and names an unnamed inline image', async () => {
    const mail = await parseEmail(makeEml(pdf, png), 'eml');
    const byName = Object.fromEntries(mail.attachments.map((a) => [a.filename, a]));
    expect(Object.keys(byName).sort()).toEqual(['Situationsplan Østergade.pdf', 'bilag-1.png']);
    expect(byName['Situationsplan Østergade.pdf']).toMatchObject({ mime: 'application/pdf', inline: false });
    expect(byName['Situationsplan Østergade.pdf']!.content.equals(pdf)).toBe(true);
    expect(byName['bilag-1.png']).toMatchObject({ mime: 'image/png', inline: true });
    expect(byName['bilag-1.png']!.content.equals(png)).toBe(true);
  });

  it('makes the body from the HTML when the mail has no plain-text part', async () => {
    const eml = Buffer.from(
      [
        'From: byggesag@samspil.example',
        'To: borger@example.dk',
        'Subject: Kvittering',
        'Date: Mon, 2 Feb 2026 08:00:00 +0000',
        'Content-Type: text/html; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<html><body><p>Vi har modtaget din ans=F8gning om carport p=E5 =D8stergade 12.</p><img src=3D"https://sporing.example/x.gif"></body></html>',
        '',
      ].join('\r\n'),
    );
    const mail = await parseEmail(eml, 'eml');
    expect(mail.text).toBe('Vi har modtaget din ansøgning om carport på Østergade 12.');
    expect(mail.from).toBe('byggesag@samspil.example');
    expect(mail.attachments).toEqual([]);
  });

  it('gives null for a missing or unreadable date and subject', async () => {
    const mail = await parseEmail(Buffer.from('From: a@example.dk\r\nDate: engang i går\r\n\r\nHej\r\n'), 'eml');
    expect(mail.date).toBeNull();
    expect(mail.subject).toBeNull();
    expect(mail.to).toEqual([]);
    expect(mail.text).toBe('Hej');
  });

  it('refuses what is not an e-mail with code invalid_email', async () => {
    for (const bytes of [pdf, Buffer.from('Bare en tekst uden brevhoved.'), Buffer.alloc(0)]) {
      const error = await invalid(bytes, 'eml');
      expect(isInvalidEmailError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'invalid_email' });
    }
  });
});

describe('parseEmail for Outlook .msg', () => {
  it('reads sender, recipients, date, subject and body', async () => {
    const mail = await parseEmail(fixture('outlook-sample.msg'), 'msg');
    expect(mail.from).toBe('Mette Sørensen <mette.soerensen@example.dk>');
    expect(mail.to).toEqual([
      'Byggesagsteamet <byggesag@samspil.example>',
      'Lars Ødegaard <lars.oedegaard@example.dk>',
    ]);
    expect(mail.cc).toEqual(['Åse Æbelø <aase.aebeloe@example.dk>']);
    expect(mail.bcc).toEqual([]);
    expect(mail.date).toBe('2026-03-05T09:30:00.000Z');
    expect(mail.subject).toBe('Høringssvar: carport på Østergade 12');
    expect(mail.text).toBe(
      'Kære sagsbehandler,\n\nVedhæftet er vores høringssvar vedrørende byggetilladelse til carport på Østergade 12.\n\nMed venlig hilsen\nMette Sørensen',
    );
    expect(mail.html).toContain('<p>Kære sagsbehandler,</p>');
  });

  it('returns the attachments with names, types and bytes', async () => {
    const mail = await parseEmail(fixture('outlook-sample.msg'), 'msg');
    expect(mail.attachments.map((a) => [a.filename, a.mime, a.inline])).toEqual([
      ['Høringssvar.txt', 'text/plain', false],
      ['situationsplan.png', 'image/png', false],
    ]);
    expect(mail.attachments[0]!.content.toString('utf8')).toBe('Høringssvar fra grundejerforeningen Østergade.\n');
    expect(mail.attachments[1]!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses other files, including other OLE2 documents, with code invalid_email', async () => {
    const truncated = fixture('outlook-sample.msg').subarray(0, 1024);
    for (const bytes of [pdf, fixture('byggetilladelse.doc'), truncated, Buffer.from('not an outlook item at all')]) {
      const error = await invalid(bytes, 'msg');
      expect(error).toMatchObject({ code: 'invalid_email' });
      expect(error).toBeInstanceOf(Error);
    }
  });
});

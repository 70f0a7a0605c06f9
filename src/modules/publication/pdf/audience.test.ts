import { describe, expect, it } from 'vitest';
import { visibleAgenda } from './audience.ts';
import { sampleAgenda } from './pdf.fixtures.ts';
import type { AgendaDocument } from './types.ts';

function minutesWithClosedContent(): AgendaDocument {
  const doc = sampleAgenda({ kind: 'minutes' });
  const closed = doc.items[2]!;
  closed.decision = 'Afskedigelse godkendt.';
  closed.dissent = [{ member: 'Bo Jensen (V)', text: 'Imod.' }];
  closed.attendance = { disqualified: ['Anne Hansen (A)'] };
  closed.attachments[0]!.pdf = new Uint8Array([1, 2, 3]);
  doc.items[3]!.attachments[1]!.pdf = new Uint8Array([4, 5, 6]);
  return doc;
}

describe('visibleAgenda', () => {
  it('keeps only the number and title of a closed item for the public', () => {
    const item = visibleAgenda(minutesWithClosedContent(), 'public').items[2]!;
    expect(item).toEqual({
      number: 3,
      title: 'Personalesag',
      closed: true,
      redacted: true,
      sections: [],
      dissent: [],
      attachments: [],
    });
  });

  it('replaces a closed attachment of an open item by a placeholder without title or file for the public', () => {
    const attachments = visibleAgenda(minutesWithClosedContent(), 'public').items[3]!.attachments;
    expect(attachments[0]).toMatchObject({ kind: 'shown', number: 1, title: 'Lokalplanforslag' });
    expect(attachments[1]).toEqual({ kind: 'withheld', number: 2 });
  });

  it('keeps everything for the members, closed parts marked', () => {
    const view = visibleAgenda(minutesWithClosedContent(), 'members');
    const closed = view.items[2]!;
    expect(closed).toMatchObject({
      closed: true,
      redacted: false,
      caseNumber: 'EMN-2026-000456',
      decision: 'Afskedigelse godkendt.',
    });
    expect(closed.dissent).toEqual([{ member: 'Bo Jensen (V)', text: 'Imod.' }]);
    expect(closed.attachments[0]).toMatchObject({ kind: 'shown', title: 'Tjenestlig samtale – referat' });
    expect(view.items[3]!.attachments[1]).toMatchObject({
      kind: 'shown',
      closed: true,
      pdf: new Uint8Array([4, 5, 6]),
    });
    expect(view.hasClosedContent).toBe(true);
  });

  it('copies only the fields it knows, so a field added to the input later cannot leak', () => {
    const doc = sampleAgenda();
    Object.assign(doc.items[3]!, { internalNote: 'INTERN-NOTE' });
    Object.assign(doc.items[3]!.attachments[1]!, { author: 'INTERN-FORFATTER' });
    const json = JSON.stringify(visibleAgenda(doc, 'public'));
    expect(json).not.toContain('INTERN-NOTE');
    expect(json).not.toContain('INTERN-FORFATTER');
  });

  it('reports no closed content when there is none', () => {
    const doc = sampleAgenda();
    doc.items = doc.items.filter((i) => !i.closed);
    doc.items.forEach((i) => i.attachments.forEach((a) => (a.closed = false)));
    expect(visibleAgenda(doc, 'public').hasClosedContent).toBe(false);
  });

  it('refuses an audience it does not know', () => {
    expect(() => visibleAgenda(sampleAgenda(), 'Public' as never)).toThrow(/audience/);
  });
});

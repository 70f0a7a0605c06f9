import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { makePdf } from '../../../seeds/files.ts';
import { deliverPending, SmtpDelivery } from '../../mail/outbox.ts';
import { sendDigests } from '../notifications/service.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

/**
 * The "done when", end to end through the HTTP routes: two employees from different
 * directorates create a room, discuss, ask and answer a question and accept the answer, share a
 * file and send it to a case (journalised there, linked from the room), and are notified in the
 * app and by e-mail, delivered through a real SMTP server started here.
 */

interface Received {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

function startSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks)).then(
          (mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: mail.html ?? '',
            });
            callback();
          },
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as AddressInfo).port;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe.each(DIALECTS)('two employees collaborate in a room (%s)', (dialect) => {
  let t: RoomsTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createRoomsTestApp(dialect);
  });
  afterAll(async () => {
    await t.cleanup();
    await smtp.close();
  });

  it('create, discuss, answer and accept, share a file and send it to a case; notified in the app and by e-mail', async () => {
    const db = t.db.database.db;
    const kasper = await db
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['users.id', 'users.email', 'org_units.parent_id'])
      .where('username', '=', 'sagsbehandler')
      .executeTakeFirstOrThrow();
    const birgit = await db
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['users.id', 'users.email', 'org_units.parent_id'])
      .where('username', '=', 'journal')
      .executeTakeFirstOrThrow();
    // Different directorates: Teknik og Miljø and Økonomi og Administration.
    expect(kasper.parent_id).not.toBe(birgit.parent_id);

    // Kasper creates a closed room and invites Birgit.
    const roomId = await t.room('sagsbehandler', {
      name: 'Regnskab for byggesager',
      purpose: 'Gebyrer for byggesager på tværs af Byggeri og Økonomi.',
      visibility: 'closed',
    });
    const invited = await t.post(
      `/rooms/${roomId}/invitations`,
      { username: 'journal' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(invited.status).toBe(303);
    // Birgit sees the invitation on the rooms page and on the room's door, and accepts.
    expect(await (await t.get('/rooms', { cookie: t.cookie.journal })).text()).toContain('Regnskab for byggesager');
    expect((await t.page('journal', `/rooms/${roomId}`)).html).toContain('Tag imod invitationen');
    expect((await t.page('journal', `/rooms/${roomId}/threads`)).status).toBe(404);
    await t.join('journal', roomId);
    expect((await t.page('journal', `/rooms/${roomId}/threads`)).status).toBe(200);

    // Birgit asks a question and mentions Kasper.
    const { threadId } = await t.thread('journal', roomId, {
      title: 'Hvornår opkræves gebyret for en byggetilladelse?',
      body: 'Hej @sagsbehandler – opkræver vi ved ansøgning eller ved afgørelse?',
      tags: 'gebyrer byggesager',
      isQuestion: '1',
    });
    // Kasper answers, twice (the second reply is the real answer).
    await t.reply('sagsbehandler', roomId, threadId, 'Det skal jeg lige undersøge.');
    const answer = await t.reply(
      'sagsbehandler',
      roomId,
      threadId,
      'Gebyret opkræves, når **afgørelsen** er truffet. Se notatet i filerne.',
    );
    // Birgit accepts the answer; it is shown first and the question counts as answered.
    const accepted = await t.post(
      `/rooms/${roomId}/threads/${threadId}/acceptance`,
      { postId: String(answer) },
      { cookie: t.cookie.journal },
    );
    expect(accepted.status).toBe(303);
    const threadPage = (await t.page('journal', `/rooms/${roomId}/threads/${threadId}`, accepted)).html;
    expect(threadPage).toContain('Svaret er markeret som accepteret.');
    const acceptedAt = threadPage.indexOf(`id="accepted-${answer}"`);
    expect(acceptedAt).toBeGreaterThan(0);
    expect(acceptedAt).toBeLessThan(threadPage.indexOf('Det skal jeg lige undersøge.'));
    expect((await t.page('journal', `/rooms/${roomId}/threads?unanswered=1`)).html).not.toContain(
      'Hvornår opkræves gebyret',
    );

    // Birgit shares a PDF; Kasper sends it to his case, where it is journalised.
    const pdf = await makePdf(['Notat om gebyrer', 'Gebyret opkræves ved afgørelsen.']);
    const up = await t.upload(
      `/rooms/${roomId}/files`,
      {},
      [{ field: 'files', name: 'Notat om gebyrer.pdf', type: 'application/pdf', content: pdf }],
      { cookie: t.cookie.journal },
    );
    expect(up.status).toBe(303);
    const file = await db.selectFrom('room_files').selectAll().where('room_id', '=', roomId).executeTakeFirstOrThrow();
    const byggeri = (
      await db.selectFrom('users').select('org_unit_id').where('id', '=', kasper.id).executeTakeFirstOrThrow()
    ).org_unit_id!;
    const created = await t.post(
      '/cases',
      {
        type: 'subject',
        title: 'Gebyrer for byggesager 2027',
        description: 'Opkrævning af gebyrer.',
        kleNumber: '02.00.00',
        facetCode: 'G01',
        unitId: String(byggeri),
        caseworkerUsername: '',
      },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(created.status).toBe(303);
    const caseId = Number(created.headers.get('location')!.split('/').pop());
    const caseRow = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const sent = await t.post(
      `/rooms/${roomId}/files/${file.id}/case-documents`,
      { caseNumber: caseRow.number, version: '1' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(sent.status).toBe(303);
    const doc = await db.selectFrom('documents').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(doc.title).toBe('Notat om gebyrer');
    expect(doc.number).toBe(1);
    expect(doc.journalised_at).not.toBeNull();
    const docVersion = await db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(docVersion.mime).toBe('application/pdf');
    expect(docVersion.text_content).toContain('Gebyret opkræves ved afgørelsen');
    const version = await db
      .selectFrom('room_file_versions')
      .selectAll()
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect([version.case_id, version.case_document_id]).toEqual([caseId, doc.id]);
    // The room links the document (for those who may see the case); the case page lists it.
    const filePage = (await t.page('sagsbehandler', `/rooms/${roomId}/files/${file.id}`, sent)).html;
    expect(filePage).toContain(`journaliseret på sag ${caseRow.number} som dokument 1`);
    expect(filePage).toContain(`href="/cases/${caseId}/documents/${doc.id}"`);
    expect((await t.page('sagsbehandler', `/rooms/${roomId}/files`)).html).toContain(`Sendt til sag ${caseRow.number}`);
    expect((await t.page('sagsbehandler', `/cases/${caseId}`)).html).toContain('Notat om gebyrer');
    // Sent once: a second send of the same version is refused with a message.
    const again = await t.post(
      `/rooms/${roomId}/files/${file.id}/case-documents`,
      { caseNumber: caseRow.number, version: '1' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('allerede sendt til en sag');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'room')
      .where('entity_id', '=', String(roomId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'room.create',
      'room.invite',
      'room.join',
      'thread.create',
      'post.create',
      'post.create',
      'thread.accept',
      'file.upload',
      'file.send',
    ]);

    // In the app: Birgit was invited, got the replies folded into one, Kasper was mentioned and had his answer accepted.
    const notes = async (userId: string) =>
      (
        await db
          .selectFrom('notifications')
          .select(['kind', 'count', 'link', 'params'])
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute()
      ).map((n) => ({ kind: n.kind, count: n.count }));
    expect(await notes(birgit.id)).toEqual([
      { kind: 'room.invitation', count: 1 },
      { kind: 'room.reply', count: 2 },
    ]);
    expect(await notes(kasper.id)).toEqual([
      { kind: 'room.mention', count: 1 },
      { kind: 'room.answer', count: 1 },
    ]);
    const centre = (await t.page('sagsbehandler', '/notifications')).html;
    expect(centre).toContain(
      'Birgit Sønderby nævnte dig i &quot;Hvornår opkræves gebyret for en byggetilladelse?&quot; i rummet Regnskab for byggesager',
    );
    expect(centre).toContain('Birgit Sønderby markerede et svar som accepteret');
    const birgitCentre = (await t.page('journal', '/notifications')).html;
    expect(birgitCentre).toContain('Kasper Lindholm svarede i');
    expect(birgitCentre).toContain('(og 1 mere)');
    // A notification's link leads to the post.
    const mention = await db
      .selectFrom('notifications')
      .select('link')
      .where('user_id', '=', kasper.id)
      .where('kind', '=', 'room.mention')
      .executeTakeFirstOrThrow();
    const followed = await t.get(mention.link!, { cookie: t.cookie.sagsbehandler });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toMatch(
      new RegExp(`^/rooms/${roomId}/threads/${threadId}(\\?.*)?#post-\\d+$`),
    );

    // By e-mail, through a real SMTP server: immediate mails for the invitation, the mention and
    // the accepted answer; the replies go into Birgit's digest.
    await sendDigests(t.db.database);
    const delivery = new SmtpDelivery(`smtp://127.0.0.1:${smtp.port}/?ignoreTLS=true`);
    const result = await deliverPending(t.db.database, delivery, 'Samspil <samspil@skovlund.dk>');
    expect(result.failed).toBe(0);
    const to = (address: string | null) => smtp.received.filter((m) => m.to.includes(address!));
    const kasperMail = to(kasper.email);
    const birgitMail = to(birgit.email);
    expect(kasperMail.map((m) => m.subject)).toEqual([
      'Birgit Sønderby nævnte dig i "Hvornår opkræves gebyret for en byggetilladelse?" i rummet Regnskab for byggesager',
      'Birgit Sønderby markerede et svar som accepteret i "Hvornår opkræves gebyret for en byggetilladelse?" i rummet Regnskab for byggesager',
    ]);
    expect(kasperMail[0]!.text).toContain('Hej Kasper Lindholm');
    expect(kasperMail[0]!.html).toContain(`/rooms/${roomId}/posts/`);
    expect(birgitMail.map((m) => m.subject)).toEqual([
      'Kasper Lindholm har inviteret dig til rummet Regnskab for byggesager',
      'Du har 1 nye notifikationer i Samspil',
    ]);
    expect(birgitMail[1]!.text).toContain(
      'Kasper Lindholm svarede i "Hvornår opkræves gebyret for en byggetilladelse?" i rummet Regnskab for byggesager (og 1 mere)',
    );
    // Nothing is sent twice.
    expect(await deliverPending(t.db.database, delivery, 'samspil@skovlund.dk')).toEqual({ sent: 0, failed: 0 });
    expect(await sendDigests(t.db.database)).toBe(0);
  });

  it('shows a sent file as sent, without the case number, to members who may not see the case', async () => {
    const roomId = await t.room('sagsbehandler', { name: 'Fælles rum', purpose: 'x', visibility: 'open' });
    await t.join('medarbejder', roomId);
    const up = await t.upload(
      `/rooms/${roomId}/files`,
      {},
      [{ field: 'files', name: 'liste.txt', type: 'text/plain', content: Buffer.from('Liste over gebyrer\n') }],
      { cookie: t.cookie.medarbejder },
    );
    expect(up.status).toBe(303);
    const file = await t.db.database.db
      .selectFrom('room_files')
      .select('id')
      .where('room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    // Sofie (Borgerservice) works with no cases: no send form, and sending is refused.
    expect((await t.page('medarbejder', `/rooms/${roomId}/files/${file.id}`)).html).not.toContain('Send til en sag');
    const byggeri = (
      await t.db.database.db
        .selectFrom('users')
        .select('org_unit_id')
        .where('username', '=', 'sagsbehandler')
        .executeTakeFirstOrThrow()
    ).org_unit_id!;
    const created = await t.post(
      '/cases',
      {
        type: 'subject',
        title: 'Gebyrliste',
        description: 'x',
        kleNumber: '02.00.00',
        facetCode: 'G01',
        unitId: String(byggeri),
        caseworkerUsername: '',
      },
      { cookie: t.cookie.sagsbehandler },
    );
    const caseRow = await t.db.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', Number(created.headers.get('location')!.split('/').pop()))
      .executeTakeFirstOrThrow();
    const refused = await t.post(
      `/rooms/${roomId}/files/${file.id}/case-documents`,
      { caseNumber: caseRow.number },
      { cookie: t.cookie.medarbejder },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Der er ingen sag med det nummer, som du har adgang til.');
    // An unknown number: the same message, the input kept.
    const unknown = await t.post(
      `/rooms/${roomId}/files/${file.id}/case-documents`,
      { caseNumber: 'EMN-1999-000001' },
      { cookie: t.cookie.sagsbehandler },
    );
    expect(unknown.status).toBe(422);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain('Der er ingen sag med det nummer, som du har adgang til.');
    expect(unknownHtml).toContain('value="EMN-1999-000001"');
    expect(unknownHtml).toContain('aria-invalid="true"');
    // Kasper sends it; Sofie then sees that it was sent, but not to which case.
    expect(
      (
        await t.post(
          `/rooms/${roomId}/files/${file.id}/case-documents`,
          { caseNumber: caseRow.number },
          { cookie: t.cookie.sagsbehandler },
        )
      ).status,
    ).toBe(303);
    const sofie = (await t.page('medarbejder', `/rooms/${roomId}/files`)).html;
    expect(sofie).toContain('Sendt til en sag');
    expect(sofie).not.toContain(caseRow.number);
    expect((await t.page('sagsbehandler', `/rooms/${roomId}/files`)).html).toContain(`Sendt til sag ${caseRow.number}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

/**
 * The counts a room keeps beside its rows (members, visible threads) follow the rows when the same
 * change arrives twice at once: a double-clicked "leave", two owners hiding the same thread.
 */
describe.each(DIALECTS)('room counts under repeated changes (%s)', (dialect) => {
  let t: RoomsTestApp;

  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  const counts = async (roomId: number) => {
    const db = t.db.database.db;
    const room = await db
      .selectFrom('rooms')
      .select(['member_count', 'thread_count'])
      .where('id', '=', roomId)
      .executeTakeFirstOrThrow();
    const members = await db
      .selectFrom('room_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    const threads = await db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', roomId)
      .where('hidden', '=', 0)
      .executeTakeFirstOrThrow();
    return { stored: [room.member_count, room.thread_count], actual: [Number(members.n), Number(threads.n)] };
  };

  it('counts a member who leaves twice at once, and a thread hidden twice at once, once', async () => {
    const roomId = await t.room('sagsbehandler', { name: 'Tællerum' });
    await t.join('medarbejder', roomId);
    await t.join('journal', roomId);
    const { threadId } = await t.thread('sagsbehandler', roomId, { title: 'Skjules to gange' });
    await t.thread('sagsbehandler', roomId, { title: 'Bliver stående' });

    await Promise.all(
      [0, 1].map(() => t.post(`/rooms/${roomId}/membership/deletion`, {}, { cookie: t.cookie.medarbejder })),
    );
    await Promise.all(
      [0, 1].map(() => t.post(`/rooms/${roomId}/threads/${threadId}/hiding`, {}, { cookie: t.cookie.sagsbehandler })),
    );

    const { stored, actual } = await counts(roomId);
    expect(actual).toEqual([2, 1]);
    expect(stored).toEqual(actual);
  });
});

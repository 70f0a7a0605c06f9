import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { createRoomsTestApp, type RoomsTestApp } from './rooms.fixtures.ts';

describe.each(DIALECTS)('rooms smoke (%s)', (dialect) => {
  let t: RoomsTestApp;
  beforeAll(async () => {
    t = await createRoomsTestApp(dialect);
  });
  afterAll(async () => t.cleanup());

  it('renders the pages', async () => {
    const id = await t.room('sagsbehandler');
    const { threadId, postId } = await t.thread('sagsbehandler', id, { isQuestion: '1', tags: 'journalisering mail' });
    const r1 = await t.reply('sagsbehandler', id, threadId, 'Hej @journal, kan du hjælpe?');
    for (const path of [
      '/rooms',
      `/rooms/${id}`,
      `/rooms/${id}/threads`,
      `/rooms/${id}/threads/${threadId}`,
      `/rooms/${id}/members`,
      `/rooms/${id}/files`,
      `/rooms/${id}/search?q=knappen`,
      '/rooms/search?q=journaliserer',
      `/rooms/${id}/posts/${postId}/edit`,
      `/rooms/${id}/posts/${r1}/history`,
      '/rooms/new',
      `/rooms/${id}/edit`,
      `/rooms/${id}/reports`,
      '/rooms?view=archived',
    ]) {
      const p = await t.page('sagsbehandler', path);
      expect(p.status, `${path}: ${p.html.slice(0, 2000)}`).toBe(200);
    }
  });
});

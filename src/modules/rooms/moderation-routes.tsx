import { Hono } from 'hono';
import { ReportPage, ReportsPage } from '../../../views/rooms/Posts.tsx';
import type { AppEnv } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import type { MessageKey } from '../../i18n/index.ts';
import { requirePost, requireThread, toId } from './access.ts';
import { openReports, reportPost, resolveReport, setPostHidden, setThreadFlag } from './moderation.ts';
import { str, type RoomRouteContext } from './route-context.tsx';

/** Moderation: locking, pinning and hiding threads, reporting and hiding posts, resolving reports. */
export function moderationRoutes({ database, load, ip, back }: RoomRouteContext) {
  const app = new Hono<AppEnv>();

  for (const flag of ['locked', 'pinned', 'hidden'] as const) {
    const path = flag === 'locked' ? 'lock' : flag === 'pinned' ? 'pin' : 'hiding';
    for (const on of [true, false]) {
      app.post(`/:id{[0-9]+}/threads/:threadId{[0-9]+}/${path}${on ? '' : '/deletion'}`, async (c) => {
        const { room, actor } = await load(c, 'own');
        const thread = await requireThread(database, room, c.req.param('threadId'));
        const result = await setThreadFlag(database, room, thread, flag, on, actor, ip(c));
        if (!result.ok) throw forbidden();
        return back(c, `/rooms/${room.row.id}/threads/${thread.id}`, {
          kind: 'success',
          key: `threads.${flag}.${on ? 'on' : 'off'}` as MessageKey,
        });
      });
    }
  }

  app.get('/:id{[0-9]+}/posts/:postId{[0-9]+}/reports/new', async (c) => {
    const { room } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('postId'));
    return render(c, {
      title: (v) => v.t('posts.report.title'),
      body: (v) => <ReportPage v={v} room={room} thread={thread} post={post} reason="" errors={{}} />,
    });
  });

  app.post('/:id{[0-9]+}/posts/:postId{[0-9]+}/reports', async (c) => {
    const { room, actor } = await load(c);
    const { post, thread } = await requirePost(database, room, c.req.param('postId'));
    const reason = str(await c.req.parseBody(), 'reason', 2000);
    const result = await reportPost(database, room, post, reason, actor, ip(c));
    if (!result.ok) {
      const errors = { reason: c.get('t')(result.error) };
      return render(c, {
        title: (v) => v.t('posts.report.title'),
        status: 422,
        body: (v) => <ReportPage v={v} room={room} thread={thread} post={post} reason={reason} errors={errors} />,
      });
    }
    return back(c, `/rooms/${room.row.id}/posts/${post.id}`, { kind: 'success', key: 'posts.reported' });
  });

  for (const on of [true, false]) {
    app.post(`/:id{[0-9]+}/posts/:postId{[0-9]+}/hiding${on ? '' : '/deletion'}`, async (c) => {
      const { room, actor } = await load(c, 'own');
      const { post } = await requirePost(database, room, c.req.param('postId'), { allowHidden: true });
      await setPostHidden(database, room, post, on, actor, ip(c));
      return back(c, `/rooms/${room.row.id}/posts/${post.id}`, {
        kind: 'success',
        key: on ? 'posts.hiddenMsg' : 'posts.shownMsg',
      });
    });
  }

  app.get('/:id{[0-9]+}/reports', async (c) => {
    const { room } = await load(c, 'own');
    const items = await openReports(database, room.row.id);
    return render(c, {
      title: (v) => `${v.t('posts.reports.title')} · ${room.row.name}`,
      body: (v) => <ReportsPage v={v} room={room} items={items} />,
    });
  });

  app.post('/:id{[0-9]+}/reports/:reportId{[0-9]+}/resolution', async (c) => {
    const { room, actor } = await load(c, 'own');
    const result = await resolveReport(database, room, toId(c.req.param('reportId')) ?? 0, actor, ip(c));
    return back(
      c,
      `/rooms/${room.row.id}/reports`,
      result.ok ? { kind: 'success', key: 'posts.reports.dismissed' } : { kind: 'error', key: result.error },
    );
  });

  return app;
}

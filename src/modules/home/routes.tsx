import { copenhagenDate } from '../../i18n/index.ts';
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { HomePage, type HomeData } from '../../../views/home/Home.tsx';
import { auditActor } from '../../audit/service.ts';
import type { AuthService } from '../../auth/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { setFlash } from '../../http/flash.ts';
import type { ViewContext } from '../../../views/context.ts';
import { can, type Actor } from '../../policy/index.ts';
import { upcomingDeadlines } from '../cases/index.ts';
import { newsForUser } from '../news/index.ts';
import { profile } from '../org/index.ts';
import { addShortcut, listShortcuts, removeShortcut } from './shortcuts.ts';

/** A section another module adds to the front page (rooms' activity, coming meetings). */
export type HomeSection = (database: Database, user: Actor) => Promise<((v: ViewContext) => Child) | null>;

export function homeRoutes(database: Database, auth: AuthService, sections: HomeSection[] = []) {
  const app = new Hono<AppEnv>();

  type Loaded = Omit<HomeData, 'shortcutForm' | 'extra'> & { parts: Array<(v: ViewContext) => Child> };

  async function load(user: Actor): Promise<Loaded | null> {
    const [me, previous, news, deadlines, shortcuts, extras] = await Promise.all([
      profile(database, user.id),
      auth.previousSignIn(user.id),
      newsForUser(database, user, { limit: 5 }),
      can(user, 'cases.view')
        ? upcomingDeadlines(database, user, {
            scope: 'mine',
            today: copenhagenDate(new Date()),
            withinDays: 14,
            limit: 6,
          })
        : null,
      listShortcuts(database, user.id),
      Promise.all(sections.map((s) => s(database, user))),
    ]);
    if (!me) return null;
    return { profile: me, previous, news, deadlines, shortcuts, parts: extras.filter((x) => x !== null) };
  }

  async function page(c: Context<AppEnv>, form?: HomeData['shortcutForm']) {
    const user = c.get('user')!;
    if (!can(user, 'intranet.view')) throw forbidden();
    const data = await load(user);
    if (!data) throw forbidden();
    return render(c, {
      title: (v) => v.t('home.title'),
      status: form ? 422 : 200,
      body: (v) => <HomePage v={v} d={{ ...data, shortcutForm: form, extra: data.parts.map((p) => p(v)) }} />,
    });
  }

  app.get('/', (c) => page(c));

  app.post('/shortcuts', async (c) => {
    const user = c.get('user')!;
    if (!can(user, 'intranet.view')) throw forbidden();
    const body = await c.req.parseBody();
    const input = {
      label: typeof body.label === 'string' ? body.label : '',
      url: typeof body.url === 'string' ? body.url : '',
    };
    const result = await addShortcut(database, auditActor(user), input);
    if (!result.ok) {
      const t = c.get('t');
      return page(c, {
        ...input,
        errors: Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, t(key)])),
      });
    }
    setFlash(c, { kind: 'success', key: 'home.shortcuts.added' });
    return c.redirect('/#my-shortcuts', 303);
  });

  app.post('/shortcuts/:id{[0-9]+}/deletion', async (c) => {
    const user = c.get('user')!;
    if (!can(user, 'intranet.view')) throw forbidden();
    await removeShortcut(database, auditActor(user), Number(c.req.param('id')));
    setFlash(c, { kind: 'success', key: 'home.shortcuts.removed' });
    return c.redirect('/#my-shortcuts', 303);
  });
  return app;
}

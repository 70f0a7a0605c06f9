import { Hono } from 'hono';
import { HomePage } from '../../../views/home/Home.tsx';
import type { AuthService } from '../../auth/service.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden } from '../../http/errors.tsx';
import { render } from '../../http/render.tsx';
import { can } from '../../policy/index.ts';
import { profile } from '../org/service.ts';

export function homeRoutes(database: Database, auth: AuthService) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const user = c.get('user')!;
    if (!can(user, 'intranet.view')) throw forbidden();
    const [me, previous] = await Promise.all([profile(database, user.id), auth.previousSignIn(user.id)]);
    if (!me) throw forbidden();
    return render(c, {
      title: (v) => v.t('home.title'),
      body: (v) => <HomePage v={v} profile={me} previous={previous} />,
    });
  });
  return app;
}

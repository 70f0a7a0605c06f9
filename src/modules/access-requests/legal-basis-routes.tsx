import { Hono, type Context } from 'hono';
import { LegalBasesPage, type BasisForm } from '../../../views/access-requests/LegalBases.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { forbidden, notFound } from '../../http/errors.tsx';
import { setFlash } from '../../http/flash.ts';
import { actorOf, str, translateErrors } from '../../http/forms.ts';
import { render } from '../../http/render.tsx';
import { toId } from '../../db/sql.ts';
import { can } from '../../policy/index.ts';
import { addLegalBasis, listLegalBases, updateLegalBasis } from './legal-bases.ts';

/** Admin: the legal bases, mounted at /admin/legal-bases (legalBases.manage). */
export function legalBasisRoutes(database: Database) {
  const app = new Hono<AppEnv>();

  const requireAdmin = (c: Context<AppEnv>) => {
    const user = c.get('user');
    if (!can(user, 'legalBases.manage')) throw forbidden();
    return user!;
  };

  const page = async (
    c: Context<AppEnv>,
    opts: { add?: BasisForm; edit?: { id: number; form: BasisForm } } = {},
    status: 200 | 422 = 200,
  ) => {
    const bases = await listLegalBases(database);
    return render(c, {
      title: (v) => v.t('akt.bases.title'),
      body: (v) => <LegalBasesPage v={v} bases={bases} add={opts.add} edit={opts.edit} />,
      status,
    });
  };

  app.get('/', (c) => {
    requireAdmin(c);
    return page(c);
  });

  app.post('/', async (c) => {
    const user = requireAdmin(c);
    const body = await c.req.parseBody();
    const input = {
      law: str(body, 'law', 10),
      section: str(body, 'section', 60),
      title: str(body, 'title', 300),
      position: str(body, 'position', 10),
    };
    const result = await addLegalBasis(database, input, actorOf(user), { ip: c.get('clientIp')() });
    if (!result.ok) return page(c, { add: { input, errors: translateErrors(c.get('t'), result.errors) } }, 422);
    setFlash(c, { kind: 'success', key: 'akt.bases.added' });
    return c.redirect('/admin/legal-bases', 303);
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const user = requireAdmin(c);
    const id = toId(c.req.param('id'));
    if (!id) throw notFound();
    const body = await c.req.parseBody();
    const input = { title: str(body, 'title', 300), position: str(body, 'position', 10) };
    const result = await updateLegalBasis(
      database,
      id,
      { ...input, active: str(body, 'active') === '1' },
      actorOf(user),
      { ip: c.get('clientIp')() },
    );
    if (!result.ok) {
      if ('missing' in result) throw notFound();
      return page(
        c,
        {
          edit: {
            id,
            form: { input: { law: '', section: '', ...input }, errors: translateErrors(c.get('t'), result.errors) },
          },
        },
        422,
      );
    }
    setFlash(c, { kind: 'success', key: 'akt.bases.saved' });
    return c.redirect('/admin/legal-bases', 303);
  });

  return app;
}

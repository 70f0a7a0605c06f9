import { Hono, type Context } from 'hono';
import { PasswordResetInvalid, PasswordResetPage } from '../../../views/users/PasswordReset.tsx';
import { MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { str } from '../../http/forms.ts';
import { setFlash } from '../../http/flash.ts';
import { render } from '../../http/render.tsx';
import { consumePasswordReset, findPasswordReset, recordWrongToken, resetLocked } from './password-reset.ts';

/**
 * The public page of a password-reset link, mounted at /password-reset (listed in
 * PUBLIC_PREFIXES of src/auth/middleware.ts: the person is not signed in):
 * - GET  /:token  the form (or "the link does not work")
 * - POST /:token  set the new password; the token is spent and every session of theirs ends
 * Wrong tokens are counted per address and refused for a while past a limit (password-reset.ts).
 */
export function passwordResetRoutes(database: Database, config: Config) {
  const app = new Hono<AppEnv>();

  const invalid = (c: Context<AppEnv>, locked: boolean) =>
    render(c, {
      title: (v) => v.t('passwordReset.invalid.title'),
      status: locked ? 429 : 404,
      body: (v) => <PasswordResetInvalid v={v} locked={locked} />,
    });

  /** The person the token resets, or null after counting a wrong token. */
  async function target(c: Context<AppEnv>, token: string) {
    const ip = c.get('clientIp')();
    if (await resetLocked(database, ip)) return { locked: true as const };
    const found = await findPasswordReset(database, token);
    if (!found) {
      await recordWrongToken(database, ip);
      return null;
    }
    return found;
  }

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    c.header('Referrer-Policy', 'no-referrer');
    const found = await target(c, token);
    if (!found || 'locked' in found) return invalid(c, !!found);
    return render(c, {
      title: (v) => v.t('passwordReset.title'),
      body: (v) => (
        <PasswordResetPage v={v} token={token} name={found.displayName} minLength={MIN_PASSWORD_LENGTH} errors={{}} />
      ),
    });
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    c.header('Referrer-Policy', 'no-referrer');
    const found = await target(c, token);
    if (!found || 'locked' in found) return invalid(c, !!found);
    const body = await c.req.parseBody();
    const password = str(body, 'password', 1000);
    const confirm = str(body, 'confirm', 1000);
    const result = await consumePasswordReset(
      database,
      token,
      { password, confirm },
      { scryptCost: config.scryptCost, ip: c.get('clientIp')() },
    );
    if (!result.ok) {
      if (result.reason === 'invalid') return invalid(c, false);
      const t = c.get('t');
      const errors: Record<string, string> =
        result.reason === 'password'
          ? { password: t('passwordReset.error.password', { min: MIN_PASSWORD_LENGTH }) }
          : { confirm: t('passwordReset.error.mismatch') };
      return render(c, {
        title: (v) => v.t('passwordReset.title'),
        status: 422,
        body: (v) => (
          <PasswordResetPage
            v={v}
            token={token}
            name={found.displayName}
            minLength={MIN_PASSWORD_LENGTH}
            errors={errors}
          />
        ),
      });
    }
    setFlash(c, { kind: 'success', key: 'passwordReset.done' });
    return c.redirect('/login', 303);
  });

  return app;
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ErrorPage, errorTitle, type ErrorStatus } from '../../views/errors/ErrorPage.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { AppEnv } from './env.ts';
import type { Logger } from './logger.ts';
import { render } from './render.tsx';

/** Renders one of our error pages, in the reader's language, inside the normal layout. */
export function renderError(
  c: Context<AppEnv>,
  status: ErrorStatus,
  message?: string,
  reference?: string,
  back?: { href: string; label: string },
) {
  return render(c, {
    title: (v) => errorTitle(v, status),
    status,
    body: (v) => <ErrorPage v={v} status={status} message={message} reference={reference} back={back} />,
  });
}

/** Throw these from a route or a helper to answer with our 403 or 404 page. */
export const forbidden = () => new HTTPException(403, { message: 'forbidden' });
export const notFound = () => new HTTPException(404, { message: 'not found' });

/**
 * A 403 that says why (a catalog key, shown on our 403 page in the reader's language), with an
 * optional way back to what the user was working on (e.g. the archived case).
 */
export class Refusal extends HTTPException {
  constructor(
    readonly messageKey: MessageKey,
    readonly back?: { href: string; label: MessageKey },
  ) {
    super(403, { message: messageKey });
  }
}
export const refused = (messageKey: MessageKey, back?: { href: string; label: MessageKey }) =>
  new Refusal(messageKey, back);

/**
 * The app's error handler: known HTTP errors get their page; anything else is logged with its
 * stack and the user gets a calm 500 page with a reference to quote, never a stack trace.
 */
export function errorHandler(logger: Logger, bodyLimitBytes: number) {
  return (err: Error, c: Context<AppEnv>) => {
    const t = c.get('t');
    if (err instanceof HTTPException) {
      switch (err.status) {
        case 403:
          // hono's csrf middleware throws a bare 403 with a response attached; say what happened.
          if (err instanceof Refusal)
            return renderError(
              c,
              403,
              t(err.messageKey),
              undefined,
              err.back && { href: err.back.href, label: t(err.back.label) },
            );
          return renderError(c, 403, err.res ? t('error.csrf') : undefined);
        case 404:
          return renderError(c, 404);
        case 413:
          return renderError(c, 413, t('error.tooLarge', { size: `${Math.round(bodyLimitBytes / 1024)} kB` }));
        default:
          break;
      }
      if (err.status < 500) return err.getResponse();
    }
    const reference = c.get('requestId') ?? 'unknown';
    logger.error('unhandled error', { err, requestId: reference, method: c.req.method, path: c.req.path });
    return renderError(c, 500, undefined, reference);
  };
}

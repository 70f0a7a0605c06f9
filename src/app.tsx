import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { getCookie, setCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { sql } from 'kysely';
import { KyselyAdapter } from './auth/adapter.ts';
import { createLucia, type AppLucia } from './auth/lucia.ts';
import { requireSignIn, sessionMiddleware } from './auth/middleware.ts';
import { authRoutes, loginPageRenderer } from './auth/routes.tsx';
import { AuthService } from './auth/service.ts';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottlePolicy } from './auth/throttle.ts';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import { nowIso } from './db/index.ts';
import { keepFragmentsOnBoost } from './http/boost.ts';
import { loadAssets } from './http/assets.ts';
import type { AppEnv } from './http/env.ts';
import { errorHandler, renderError } from './http/errors.tsx';
import { MAX_ID } from './db/sql.ts';

import { userRequestsOnly } from './http/fetch-dest.ts';
import { takeFlash } from './http/flash.ts';
import { requestOrigin, safeNext } from './http/redirect.ts';
import type { Logger } from './http/logger.ts';
import { setAssetLookup } from './http/render.tsx';
import { clientIp, csrfProtection, securityHeaders } from './http/security.ts';
import { formBodyLimit } from './http/uploads.ts';
import { formatNumber, isLocale, pickLocale, translator, type Locale } from './i18n/index.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { sessionCleanupJob } from './jobs/session-cleanup.ts';
import { blobCleanupJob } from './jobs/blob-cleanup.ts';
import { digitalPostOutboxJob, digitalPostTransportFor } from './modules/digital-post/index.ts';
import { registersFor, type Registers } from './modules/registers/index.ts';
import { adminRoutes, logoRoutes, type ElsewhereSetting } from './modules/admin/index.ts';
import { loadBranding } from './http/branding.ts';
import { passwordResetRoutes, usersRoutes } from './modules/users/index.ts';
import { directoryImportRoutes } from './modules/directory-import/index.ts';
import {
  ssoAdminRoutes,
  ssoLoginOptions,
  ssoLoginRoutes,
  ssoSignOutRedirect,
  ssoUnitMergeSteps,
} from './modules/sso/index.ts';
import {
  accessRequestDeadlineJob,
  accessRequestRoutes,
  accessRequestsCloseCheck,
  accessRequestsSection,
  legalBasisRoutes,
} from './modules/access-requests/index.ts';
import { postlistMarkRoutes, postlistRoutes, postlistSection } from './modules/postlist/index.ts';
import { casePageRenderer, caseRoutes, caseUnitMergeSteps } from './modules/cases/index.ts';
import { caseReads } from './modules/cases/index.ts';
import { documentRoutes, documentsCloseCheck, documentsSection } from './modules/documents/index.ts';
import {
  digitalPostAdminRoutes,
  letterRoutes,
  lettersHomeSection,
  lettersSection,
  letterStatusSection,
  letterTemplateRoutes,
  notifyFailedLetter,
  SENDER_CVR_SETTING,
} from './modules/letters/index.ts';
import { kleRoutes } from './modules/kle/index.ts';
import { pageRoutes } from './modules/pages/index.ts';
import { newsRoutes, newsUnitMergeSteps } from './modules/news/index.ts';
import { meRoutes } from './modules/me/index.ts';
import { orgAdminRoutes, orgRoutes, type UnitMergeStep } from './modules/org/index.ts';
import { peopleRoutes } from './modules/people/index.ts';
import { DEFAULT_MAX_PHOTO_BYTES } from './modules/people/index.ts';
import { pageReviewJob } from './modules/pages/index.ts';
import { digestJob, setMailContext, touchLastSeen, unreadCount } from './modules/notifications/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { deadlineReminderJob } from './modules/cases/index.ts';
import { deliveryFor, mailDeliveryJob } from './mail/outbox.ts';
import {
  ARCHIVAL_EXPORT_JOB,
  archivalExportJob,
  archiveJob,
  DEFAULT_RECORDS_SETTINGS,
  recordsRoutes,
  recordsSettings,
  validateArchivalVersion,
} from './modules/records/index.ts';
import { BlobStore } from './files/blobs.ts';
import { homeRoutes } from './modules/home/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { roomRoutes } from './modules/rooms/index.ts';
import { roomsHomeSection, myRoomsSection, roomsSearchSection } from './modules/rooms/index.ts';
import { oparlRoutes, publicRoutes } from './modules/public/index.ts';
import { minutesRoutes } from './modules/minutes/index.ts';
import { readerRoutes } from './modules/reader/index.ts';
import {
  committeeRoutes,
  DEFAULT_NOTICE_DAYS,
  meetingRoutes,
  meetingsHomeSection,
  noticeWorkingDays,
} from './modules/meetings/index.ts';
import { DEMO_SEEDED, getSetting } from './db/settings.ts';
import { PUBLIC_DIR, BUILD_DIR } from './http/assets.ts';

/**
 * What other modules hang on an organisational unit (org sits at the top of the module map and
 * never imports them): the organisation admin counts these before a move, a merge or a deletion
 * and moves them inside a merge's transaction. Every column that refers to org_units must be
 * covered here or by org itself (a test reads the schema: src/modules/org/merge-coverage.test.ts).
 */
export const UNIT_MERGE_STEPS: readonly UnitMergeStep[] = [
  ...caseUnitMergeSteps,
  ...newsUnitMergeSteps,
  ...ssoUnitMergeSteps,
];

export interface Services {
  database: Database;
  config: Config;
  logger: Logger;
  lucia: AppLucia;
  adapter: KyselyAdapter;
  throttle: LoginThrottle;
  auth: AuthService;
  scheduler: Scheduler;
  blobs: BlobStore;
  /** The CPR and CVR registers REGISTERS chooses (ask them through lookupPerson / lookupCompany). */
  registers: Registers;
}

export function createServices(
  database: Database,
  config: Config,
  logger: Logger,
  opts: { throttle?: Partial<ThrottlePolicy>; instance?: string } = {},
): Services {
  const lucia = createLucia(database, { ttlHours: config.sessionTtlHours, absoluteHours: config.sessionAbsoluteHours });
  const adapter = new KyselyAdapter(database, { absoluteHours: config.sessionAbsoluteHours });
  const throttle = new LoginThrottle(database, { ...DEFAULT_THROTTLE, ...opts.throttle });
  const auth = new AuthService(database, lucia, throttle, config.scryptCost);
  const blobs = new BlobStore(config.dataDir);
  const scheduler = new Scheduler(database, logger, opts.instance);
  scheduler.register(sessionCleanupJob(database, adapter, throttle));
  scheduler.register(deadlineReminderJob(database));
  scheduler.register(accessRequestDeadlineJob(database));
  scheduler.register(mailDeliveryJob(database, deliveryFor(config), config.mailFrom, logger, (sha) => blobs.read(sha)));
  scheduler.register(digestJob(database));
  scheduler.register(pageReviewJob(database));
  scheduler.register(blobCleanupJob(database, blobs));
  scheduler.register(archiveJob(database));
  scheduler.register(archivalExportJob(database, blobs, { validate: validateArchivalVersion }));
  scheduler.register(
    digitalPostOutboxJob(database, digitalPostTransportFor(config), scheduler.instance, {
      onFailed: notifyFailedLetter,
    }),
  );
  const registers = registersFor(database, config);
  setMailContext({ baseUrl: config.publicUrl ?? `http://localhost:${config.port}` });
  return { database, config, logger, lucia, adapter, throttle, auth, scheduler, blobs, registers };
}

const LANG_COOKIE = 'samspil_lang';
const YEAR = 365 * 24 * 3600;

export function createApp(services: Services): Hono<AppEnv> {
  const { database, config, logger, lucia, auth, scheduler, blobs, registers } = services;
  setAssetLookup(loadAssets());
  const app = new Hono<AppEnv>();

  let demoSeeded: boolean | null = null;
  const demoHint = async () => (demoSeeded ??= (await getSetting(database, DEMO_SEEDED)) !== null);

  app.use(requestId());
  // Structured request log: one line per request, after it is answered.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/static/')) return;
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get('requestId'),
      user: c.get('user')?.username,
    });
  });
  // Language first, so even an early error page speaks the reader's language.
  app.use(async (c, next) => {
    const locale = pickLocale(getCookie(c, LANG_COOKIE));
    c.set('locale', locale);
    c.set('t', translator(locale));
    let ip: string | null = null;
    c.set('clientIp', () => (ip ??= clientIp(c, config.trustProxy)));
    c.set('user', null);
    c.set('session', null);
    c.set('flash', null);
    return next();
  });
  app.use(securityHeaders(config));
  app.use(keepFragmentsOnBoost());

  // Fingerprinted assets never change under a name: cache them for a year.
  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use(
    '/static/*',
    serveStatic({ root: BUILD_DIR, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }),
  );
  app.use('/favicon.svg', serveStatic({ root: PUBLIC_DIR }));

  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(database.db);
      return c.json({ status: 'ok', database: database.dialect, time: nowIso() });
    } catch (err) {
      logger.error('health check failed', { err });
      return c.json({ status: 'error', database: database.dialect }, 503);
    }
  });

  // Forms get a small body limit; routes that take files declare their own with acceptsUpload().
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', formBodyLimit(config.bodyLimitBytes));
  app.use(csrfProtection(config));
  app.use(sessionMiddleware(lucia, config));
  // A signed-in user's saved language applies unless they chose one in this browser.
  app.use(async (c, next) => {
    const user = c.get('user');
    if (user && !getCookie(c, LANG_COOKIE) && isLocale(user.locale)) {
      c.set('locale', user.locale);
      c.set('t', translator(user.locale));
    }
    c.set('flash', takeFlash(c));
    c.set('branding', await loadBranding(database));
    if (user) {
      // Asked for by the layout (the bell) and by pages that show it too: counted once per request.
      let unread: Promise<number> | undefined;
      c.set('unreadCount', () => (unread ??= unreadCount(database, user.id)));
      await touchLastSeen(database, user.id, user.lastSeenAt);
    }
    return next();
  });
  app.use(requireSignIn());
  // Ids are 32-bit integers in both databases. A bigger number in the address can only be "not
  // found"; PostgreSQL would otherwise refuse the comparison and the user would get a 500.
  app.use(async (c, next) => {
    if (
      /\/\d{10,}(?:\/|$)/.test(c.req.path) &&
      c.req.path.split('/').some((s) => /^\d+$/.test(s) && Number(s) > MAX_ID)
    )
      return renderError(c, 404);
    return next();
  });

  app.post('/locale', async (c) => {
    const body = await c.req.parseBody();
    const lang = pickLocale(typeof body.lang === 'string' ? body.lang : null);
    setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: YEAR, sameSite: 'Lax', httpOnly: true });
    const user = c.get('user');
    if (user) await database.db.updateTable('users').set({ locale: lang }).where('id', '=', user.id).execute();
    return c.redirect(safeNext(body.return, requestOrigin(c)), 303);
  });

  // Reads of personal data (cases, search, the audit log): only requests the user made as a page
  // view (not a page's <img> or <script>), and every read of a case's content logged in one
  // place (cases/reads.ts).
  // Before the routes: Hono runs handlers in the order they were added.
  app.use('/search', userRequestsOnly());
  app.use('/admin/audit', userRequestsOnly());
  app.use('/cases/*', caseReads(database));

  // The sign-in page shows single sign-on's button when it is enabled (src/modules/sso).
  const loginPage = loginPageRenderer({ demoHint, loginOptions: ssoLoginOptions(database) });
  app.route('/', authRoutes(auth, config, { loginPage, signOutRedirect: ssoSignOutRedirect(database, config) }));
  app.route('/', ssoLoginRoutes(database, auth, config, loginPage));
  app.route('/', homeRoutes(database, auth, [lettersHomeSection, meetingsHomeSection, roomsHomeSection]));
  app.route('/search', searchRoutes(database, [roomsSearchSection]));
  app.route('/notifications', notificationRoutes(database));
  app.route('/pages', pageRoutes(database));
  app.route('/news', newsRoutes(database, blobs));
  const limits = {
    maxFileBytes: config.uploadMaxFileBytes,
    maxFiles: 20,
    maxRequestBytes: config.uploadMaxRequestBytes,
  };
  app.route(
    '/people',
    peopleRoutes(database, blobs, { maxPhotoBytes: Math.min(DEFAULT_MAX_PHOTO_BYTES, config.uploadMaxFileBytes) }),
  );
  app.route('/org', orgRoutes(database));
  app.route('/rooms', roomRoutes(database, blobs, { limits }));
  app.route(
    '/me',
    meRoutes(database, blobs, {
      limits,
      maxRequestBytes: config.uploadMaxRequestBytes,
      sections: [meetingsHomeSection, myRoomsSection],
    }),
  );
  const renderCase = casePageRenderer(database, {
    sections: {
      documents: documentsSection(database, limits),
      letters: lettersSection(database),
      accessRequests: accessRequestsSection(database),
    },
    map: { url: config.mapWmsUrl, layers: config.mapWmsLayers },
    registerLookup: true,
  });
  // Closing a case checks that it is ready: cases checks its deadlines, these modules their parts.
  app.route(
    '/cases',
    caseRoutes(database, renderCase, { registers, closeChecks: [documentsCloseCheck, accessRequestsCloseCheck] }),
  );
  app.route(
    '/cases',
    documentRoutes(database, blobs, limits, renderCase, {
      underHeading: [letterStatusSection(database)],
      side: [postlistSection()],
    }),
  );
  app.route('/cases', postlistMarkRoutes(database));
  app.route(
    '/cases',
    letterRoutes(database, blobs, registers.persons, renderCase, {
      defaultSenderCvr: config.serviceplatformen?.cvr ?? null,
    }),
  );
  app.route(
    '/access-requests',
    accessRequestRoutes(database, blobs, {
      register: registers.persons,
      defaultSenderCvr: config.serviceplatformen?.cvr ?? null,
    }),
  );
  app.route('/admin/legal-bases', legalBasisRoutes(database));
  app.route('/postliste', postlistRoutes(database));
  app.route('/admin/kle', kleRoutes(database));
  app.route(
    '/admin/records',
    recordsRoutes(database, {
      scheduler,
      blobs,
      logger,
      exports: {
        outDir: path.join(config.dataDir, 'archival-versions'),
        // Run the export now, in the background, under the job's lease (the schedule would reach it within 5 minutes).
        startExport: config.runJobs
          ? () =>
              void scheduler
                .runJob(ARCHIVAL_EXPORT_JOB, 'manual')
                .catch((err) => logger.error('archival export failed to start', { err }))
          : undefined,
      },
    }),
  );
  app.route('/admin/org', orgAdminRoutes(database, { steps: UNIT_MERGE_STEPS }));
  app.route('/admin/users', usersRoutes(database, config));
  app.route('/admin/import', directoryImportRoutes(database));
  app.route('/admin/sso', ssoAdminRoutes(database));
  app.route('/password-reset', passwordResetRoutes(database, config));
  app.route('/admin/letter-templates', letterTemplateRoutes(database));
  app.route('/admin/digital-post', digitalPostAdminRoutes(database));
  app.route(
    '/admin',
    adminRoutes(database, scheduler, { blobs, elsewhere: elsewhereSettings(config.serviceplatformen?.cvr ?? null) }),
  );
  app.route('/static/logo', logoRoutes(database, blobs));
  app.route('/public', publicRoutes(database, blobs, config));
  app.route('/oparl/v1.1', oparlRoutes(database, config));
  app.route('/meetings', committeeRoutes(database));
  app.route('/meetings', meetingRoutes(database, blobs));
  app.route('/meetings', minutesRoutes(database, blobs, logger));
  app.route('/reader', readerRoutes(database, blobs, logger));

  app.notFound((c) => renderError(c, 404));
  app.onError(errorHandler(logger, config.bodyLimitBytes));
  return app;
}

/**
 * The settings modules keep on their own pages, listed on Administration → Indstillinger with
 * their value and a link (the admin module imports no feature module).
 */
function elsewhereSettings(defaultSenderCvr: string | null): ElsewhereSetting[] {
  const t = (locale: Locale) => translator(locale);
  const records = (database: Database) => recordsSettings(database);
  return [
    {
      key: 'records.archive_grace_days',
      section: 'records',
      label: 'settings.records.graceDays',
      help: 'settings.records.graceDays.help',
      effect: 'settings.records.graceDays.effect',
      href: '/admin/records/archive',
      linkLabel: 'settings.link.records',
      owner: 'settings.owner.records',
      current: async (database, locale) =>
        t(locale)('settings.records.value.days', { days: (await records(database)).archiveGraceDays }),
      defaultText: (locale) =>
        t(locale)('settings.records.value.days', { days: DEFAULT_RECORDS_SETTINGS.archiveGraceDays }),
    },
    {
      key: 'records.period_years',
      section: 'records',
      label: 'settings.records.period',
      help: 'settings.records.period.help',
      effect: 'settings.records.period.effect',
      href: '/admin/records/archive',
      linkLabel: 'settings.link.records',
      owner: 'settings.owner.records',
      current: async (database, locale) => {
        const r = await records(database);
        return t(locale)('settings.records.value.period', { years: r.periodYears, first: r.periodFirstYear });
      },
      defaultText: (locale) =>
        t(locale)('settings.records.value.period', {
          years: DEFAULT_RECORDS_SETTINGS.periodYears,
          first: DEFAULT_RECORDS_SETTINGS.periodFirstYear,
        }),
    },
    {
      key: 'records.archive_code',
      section: 'records',
      label: 'settings.records.archiveCode',
      help: 'settings.records.archiveCode.help',
      effect: 'settings.records.archiveCode.effect',
      href: '/admin/records/archive',
      linkLabel: 'settings.link.records',
      owner: 'settings.owner.records',
      current: async (database) => (await records(database)).archiveCode,
      defaultText: () => DEFAULT_RECORDS_SETTINGS.archiveCode,
    },
    {
      key: SENDER_CVR_SETTING,
      section: 'records',
      label: 'settings.letters.senderCvr',
      help: 'settings.letters.senderCvr.help',
      effect: 'settings.letters.senderCvr.effect',
      href: '/admin/digital-post',
      linkLabel: 'settings.link.digitalPost',
      owner: 'settings.owner.admin',
      current: async (database, locale) =>
        (await getSetting(database, SENDER_CVR_SETTING)) ??
        defaultSenderCvr ??
        t(locale)('settings.letters.senderCvr.unset'),
      defaultText: (locale) => defaultSenderCvr ?? t(locale)('settings.letters.senderCvr.default'),
    },
    {
      key: 'meetings.noticeWorkingDays',
      section: 'meetings',
      label: 'settings.meetings.notice',
      help: 'settings.meetings.notice.help',
      effect: 'settings.meetings.notice.effect',
      href: '/meetings/settings',
      linkLabel: 'settings.link.meetings',
      owner: 'settings.owner.secretariat',
      current: async (database, locale) =>
        t(locale)('settings.meetings.value.notice', { days: formatNumber(await noticeWorkingDays(database), locale) }),
      defaultText: (locale) => t(locale)('settings.meetings.value.notice', { days: DEFAULT_NOTICE_DAYS }),
    },
  ];
}

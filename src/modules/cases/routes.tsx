import { Hono } from 'hono';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import type { CasePageRenderer } from './case-page.ts';
import { caseItemRoutes } from './case-routes.tsx';
import { deadlineRoutes } from './deadline-routes.tsx';
import { caseListRoutes } from './list-routes.tsx';
import { noteRoutes } from './note-routes.tsx';
import { partyRoutes, type PartyRegisters } from './party-routes.tsx';
import { relationRoutes } from './relation-routes.tsx';
import { caseStatusRoutes } from './status-routes.tsx';
import type { CaseCloseCheck } from './close-check.ts';

export { casePageRenderer } from './case-routes.tsx';
export type { CasePageRenderer, CasePageSection, CasePageSections } from './case-page.ts';
export type { PartyRegisters } from './party-routes.tsx';
export type { CaseCloseCheck, CloseProblem } from './close-check.ts';

/**
 * Cases, mounted at /cases: the lists, then one routes file per resource of a case (the case
 * itself, its status, parties, notes, deadlines, relations). Every route under /cases/:id loads
 * the case through requireCase (access.ts). `renderCase` draws the case page (case-page.ts), also
 * when a route re-renders it with a form error. `closeChecks` are the other modules' readiness
 * checks for closing a case (close-check.ts), wired in src/app.tsx.
 */
export function caseRoutes(
  database: Database,
  renderCase: CasePageRenderer,
  opts: { registers?: PartyRegisters; closeChecks?: readonly CaseCloseCheck[] } = {},
) {
  const app = new Hono<AppEnv>();
  app.route('/', caseListRoutes(database));
  for (const routes of [caseItemRoutes, noteRoutes, deadlineRoutes, relationRoutes])
    app.route('/', routes(database, renderCase));
  app.route('/', caseStatusRoutes(database, renderCase, opts.closeChecks));
  app.route('/', partyRoutes(database, renderCase, opts.registers));
  return app;
}

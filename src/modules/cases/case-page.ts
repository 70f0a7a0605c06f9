import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../views/components/form.tsx';
import type { Database } from '../../db/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { copenhagenDate, type MessageKey } from '../../i18n/index.ts';
import { can } from '../../policy/index.ts';
import type { CaseRow, LoadedCase } from './access.ts';
import { listDeadlines, type DeadlineInput } from './deadlines.ts';
import { listNotes } from './notes.ts';
import { listParties, type PartyInput, type PartyView } from './parties.ts';
import { caseContext, linkedCases, timeline } from './service.ts';
import { retentionRuleFor, type RuleInForce } from '../kle/index.ts';

/**
 * The case page's model: everything the page shows, loaded for one user and one case (no
 * rendering; views/cases/CasePage.tsx draws it). The case routes and the routes of other modules
 * that re-render the page with a form error of their own (the document upload) go through a
 * `CasePageRenderer`, built once in src/app.tsx by `casePageRenderer()` (case-routes.tsx).
 */

/**
 * The sections other modules add to the case page. The cases module imports none of them (the
 * documents module imports cases, for requireCase and the read log); src/app.tsx fills them in when
 * it builds the renderer. A section gets the request, the loaded case and its own state (what its
 * module passed in `sectionState` when re-rendering the page), and returns what to show.
 */
export interface CasePageSections {
  /** The documents module's list and upload form, in the main column after the description. */
  documents?: CasePageSection;
  /** The letters module's letters and letter form, in the main column after the documents. */
  letters?: CasePageSection;
  /** The access-requests module's section (the request of an AKT case, or those asking about this case), in the side column. */
  accessRequests?: CasePageSection;
}

export type CasePageSection = (c: Context<AppEnv>, loaded: LoadedCase, state?: unknown) => Promise<Child>;

/** The forms of the case page that come back with the user's input and errors (status 422). */
/** What the party form's register look-up found, said above the filled-in form. */
export interface PartyLookupNotice {
  kind: 'success' | 'warning';
  key: MessageKey;
}

export interface CasePageForms {
  party?: { input: PartyInput; errors: FieldErrors; notice?: PartyLookupNotice };
  note?: { body: string; error: string };
  deadline?: { input: DeadlineInput; errors: FieldErrors };
  relate?: { number: string; error: string };
  /** `problems`: why the case cannot be closed yet, each a link to what needs doing. */
  status?: { reason: string; error: string; problems?: Array<{ text: string; href: string }> };
}

/** A full CPR number shown once, after a logged request (POST …/parties/:partyId/cpr-views). */
export interface ShownCpr {
  partyId: number;
  name: string;
  cpr: string;
}

export interface CasePageOptions {
  forms?: CasePageForms;
  status?: 200 | 413 | 422;
  shownCpr?: ShownCpr;
  /** Each section's own state, by section (its shape is that module's business). */
  sectionState?: { [K in keyof CasePageSections]?: unknown };
}

/** Renders the case page for `loaded`, as the case routes and other modules' routes need it. */
export type CasePageRenderer = (c: Context<AppEnv>, loaded: LoadedCase, options?: CasePageOptions) => Promise<Response>;

/** How the renderer is set up once, in src/app.tsx. */
export interface CasePageSetup {
  sections?: CasePageSections;
  /** The municipality's WMS, when configured. */
  map?: { url: string | null; layers: string | null };
  /** The party form offers "Slå op" in the CPR and CVR registers (caseRoutes got the registers). */
  registerLookup?: boolean;
}

export interface CasePageData {
  row: CaseRow;
  kle: { number: string; title: string } | undefined;
  /** The rule the case inherits from its subject and facet (shown with where it came from). */
  retentionRule: RuleInForce;
  facet: { code: string; title: string } | undefined;
  unitName: string | null;
  caseworkerName: string | null;
  parent: { id: number; number: string; title: string } | undefined;
  access: Array<{ display_name: string | null; unit_name: string | null }>;
  parties: PartyView[];
  notes: Array<{ id: number; author_name: string; body: string; created_at: string }>;
  deadlines: Array<{
    id: number;
    title: string;
    due_on: string;
    remind_on: string | null;
    done_at: string | null;
    done_by_name: string | null;
  }>;
  children: Array<{ id: number; number: string; title: string; status: CaseRow['status'] }>;
  related: Array<{ id: number; number: string; title: string; status: CaseRow['status'] }>;
  timeline: Array<{
    id: number;
    at: string;
    actor_name: string | null;
    action: string;
    summary: string | null;
    details: string | null;
  }>;
  /** Rendered by the documents module (list and upload form). */
  documents?: Child;
  /** Rendered by the letters module (letters and the letter form). */
  letters?: Child;
  /** Rendered by the access-requests module. */
  accessRequests?: Child;
  allowed: { edit: boolean; unmask: boolean; reopen: boolean; archive: boolean; lookup: boolean };
  shownCpr?: ShownCpr;
  today: string;
  /** The municipality's WMS, when configured. */
  map: { url: string | null; layers: string | null } | null;
  forms: CasePageForms;
}

/** Loads everything the case page shows for the signed-in user. */
export async function loadCasePage(
  database: Database,
  c: Context<AppEnv>,
  loaded: LoadedCase,
  options: CasePageOptions = {},
  setup: CasePageSetup = {},
): Promise<CasePageData> {
  const user = c.get('user')!;
  const { row, resource } = loaded;
  const sections = setup.sections ?? {};
  const [ctx, parties, notes, deadlines, linked, events, documents, letters, accessRequests, retentionRule] =
    await Promise.all([
      caseContext(database, row, user),
      listParties(database, row.id),
      listNotes(database, row.id),
      listDeadlines(database, row.id),
      linkedCases(database, user, row.id),
      timeline(database, row.id),
      sections.documents ? sections.documents(c, loaded, options.sectionState?.documents) : Promise.resolve(undefined),
      sections.letters ? sections.letters(c, loaded, options.sectionState?.letters) : Promise.resolve(undefined),
      sections.accessRequests ? sections.accessRequests(c, loaded) : Promise.resolve(undefined),
      retentionRuleFor(database, row.kle_number, row.facet_code),
    ]);
  return {
    row,
    kle: ctx.kle,
    retentionRule,
    facet: ctx.facet,
    unitName: ctx.unit?.name ?? null,
    caseworkerName: ctx.caseworker?.display_name ?? null,
    parent: ctx.parent,
    access: ctx.access,
    parties,
    notes,
    deadlines,
    children: linked.children,
    related: linked.related,
    timeline: events,
    documents,
    letters,
    accessRequests,
    allowed: {
      edit: can(user, 'case.edit', resource),
      unmask: can(user, 'case.unmaskCpr', resource),
      reopen: can(user, 'case.reopen', resource),
      archive: can(user, 'case.archive', resource),
      lookup: !!setup.registerLookup,
    },
    shownCpr: options.shownCpr,
    today: copenhagenDate(new Date()),
    forms: options.forms ?? {},
    map: setup.map ?? null,
  };
}

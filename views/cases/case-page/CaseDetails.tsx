import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import { formatDate, formatDateTime } from '../../../src/i18n/index.ts';
import { RuleSource, ruleLabel } from '../RetentionRule.tsx';
import type { Geometry } from '../../../src/modules/cases/geo.ts';
import { CaseStatus } from './CaseStatus.tsx';
import { GeoMap } from './GeoMap.tsx';
import { Section } from './Section.tsx';

/** The case's registration (KLE, unit, caseworker, retention, dates, access), its map and its status forms. */
export function CaseDetails({ v, d }: { v: ViewContext; d: CasePageData }) {
  const c = d.row;
  const geometry = c.geometry ? (JSON.parse(c.geometry) as Geometry) : null;
  return (
    <Section
      id="details"
      title={v.t('cases.details')}
      actions={
        <div class="flex flex-wrap gap-2">
          {d.allowed.edit && (
            <a href={`/cases/${c.id}/edit`} class="btn-secondary">
              {v.t('cases.edit')}
            </a>
          )}
          {v.can('meetings.propose') && (
            <a href={`/meetings/proposals/new?case=${c.id}`} class="btn-secondary" id="send-to-committee">
              {v.t('meetings.propose.heading')}
            </a>
          )}
        </div>
      }
    >
      <dl class="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
        <dt class="text-slate-600">{v.t('cases.kle')}</dt>
        <dd>
          <span class="font-mono">{c.kle_number}</span> {d.kle?.title}
        </dd>
        <dt class="text-slate-600">{v.t('cases.facet')}</dt>
        <dd>
          <span class="font-mono">{c.facet_code}</span> {d.facet?.title}
        </dd>
        <dt class="text-slate-600">{v.t('cases.unit')}</dt>
        <dd>{d.unitName}</dd>
        <dt class="text-slate-600">{v.t('cases.caseworker')}</dt>
        <dd>{d.caseworkerName ?? v.t('cases.caseworker.none')}</dd>
        <dt class="text-slate-600">{v.t('cases.retention')}</dt>
        <dd id="case-retention">
          {ruleLabel(v, c.retention, c.retention_years)}
          {c.retention_overridden ? (
            <p class="text-sm text-slate-700">{v.t('records.rule.caseOwn', { reason: c.retention_reason ?? '–' })}</p>
          ) : (
            <RuleSource v={v} rule={d.retentionRule} kleNumber={c.kle_number} facetCode={c.facet_code} />
          )}
        </dd>
        {c.deletion_due_on && (
          <>
            <dt class="text-slate-600">{v.t('records.rule.deletionDue')}</dt>
            <dd>
              <time datetime={c.deletion_due_on}>{formatDate(`${c.deletion_due_on}T12:00:00Z`, v.locale)}</time>
            </dd>
          </>
        )}
        {c.address && (
          <>
            <dt class="text-slate-600">{v.t('cases.address')}</dt>
            <dd>{c.address}</dd>
          </>
        )}
        <dt class="text-slate-600">{v.t('cases.created')}</dt>
        <dd>{formatDateTime(c.created_at, v.locale)}</dd>
        <dt class="text-slate-600">{v.t('cases.updated')}</dt>
        <dd>{formatDateTime(c.updated_at, v.locale)}</dd>
        {c.closed_at && (
          <>
            <dt class="text-slate-600">{v.t('cases.closedAt')}</dt>
            <dd>{formatDateTime(c.closed_at, v.locale)}</dd>
          </>
        )}
        {!!c.confidential && (
          <>
            <dt class="text-slate-600">{v.t('cases.access')}</dt>
            <dd>
              {d.access
                .map((a) => a.display_name ?? a.unit_name)
                .filter(Boolean)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {geometry && <GeoMap v={v} geometry={geometry} map={d.map} />}
      <CaseStatus v={v} d={d} />
    </Section>
  );
}

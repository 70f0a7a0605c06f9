import type { ViewContext } from '../context.ts';
import type { AdminUnit, MergePreview } from '../../src/modules/org/admin.ts';
import { ErrorSummary, RadioGroup, SelectField, type FieldErrors } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { HeldList } from './MoveUnit.tsx';
import { OrgCrumbs, unitOptions } from './UnitPage.tsx';

/**
 * Merging unit A into unit B: choose B, then a preview that says exactly what will move (people,
 * sub-units, cases, access grants, news audiences) and asks whether A's leaders become B's. The
 * merge itself is one transaction; A's row is deleted afterwards, and the audit entry keeps its
 * id, name and external id.
 */
export function MergePage({
  v,
  unit,
  path,
  targets,
  chosen,
  leaders,
  error,
  leadersError,
  preview,
  clashes,
}: {
  v: ViewContext;
  unit: AdminUnit;
  path: AdminUnit[];
  targets: AdminUnit[];
  chosen: string;
  leaders: string;
  error: string | null;
  leadersError: string | null;
  preview: MergePreview | null;
  clashes: string[];
}) {
  const errors: FieldErrors = {};
  if (error) errors.into = clashes.length ? `${error} (${clashes.join(', ')})` : error;
  if (leadersError) errors.leaders = leadersError;
  if (preview) {
    const p = preview;
    return (
      <>
        <OrgCrumbs v={v} path={path} />
        <PageHeader
          title={v.t('orgAdmin.merge.previewTitle', { name: unit.name })}
          lead={v.t('orgAdmin.merge.previewLead', { from: p.from.name, into: p.into.name })}
        />
        <ErrorSummary errors={errors} t={v.t} />
        <section aria-labelledby="merge-moves" class="max-w-3xl">
          <h2 id="merge-moves" class="text-xl font-bold">
            {v.t('orgAdmin.merge.moves', { into: p.into.name })}
          </h2>
          <HeldList v={v} items={p.held} />
          <p class="mt-3">{v.t('orgAdmin.merge.deleted', { from: p.from.name })}</p>
          {p.from.externalId && <p class="mt-2">{v.t('orgAdmin.merge.externalId', { id: p.from.externalId })}</p>}
        </section>
        <form method="post" action={`/admin/org/${unit.id}/merge`} class="mt-6 max-w-3xl">
          <input type="hidden" name="into" value={String(p.into.id)} />
          {p.fromLeaders.length > 0 ? (
            <RadioGroup
              name="leaders"
              legend={v.t('orgAdmin.merge.leadersQuestion', {
                names: p.fromLeaders.map((l) => l.displayName).join(', '),
                into: p.into.name,
              })}
              value={leaders}
              error={leadersError ?? undefined}
              options={[
                {
                  value: 'keep',
                  label: v.t('orgAdmin.merge.leadersKeep'),
                  hint: p.intoLeaders.length
                    ? v.t('orgAdmin.merge.leadersKeepHint', {
                        names: p.intoLeaders.map((l) => l.displayName).join(', '),
                      })
                    : undefined,
                },
                {
                  value: 'drop',
                  label: v.t('orgAdmin.merge.leadersDrop'),
                  hint: p.intoNamed ? undefined : v.t('orgAdmin.merge.leadersDropHint', { into: p.into.name }),
                },
              ]}
            />
          ) : (
            <>
              <input type="hidden" name="leaders" value="drop" />
              <p class="mb-5">{v.t('orgAdmin.merge.noLeaders', { from: p.from.name })}</p>
            </>
          )}
          <div class="flex flex-wrap gap-2">
            <button class="btn-danger" type="submit">
              {v.t('orgAdmin.merge.submit', { from: p.from.name, into: p.into.name })}
            </button>
            <a class="btn-secondary" href={`/admin/org/${unit.id}/merge`}>
              {v.t('orgAdmin.merge.other')}
            </a>
            <a class="btn-secondary" href={`/admin/org/${unit.id}`}>
              {v.t('orgAdmin.cancel')}
            </a>
          </div>
        </form>
      </>
    );
  }
  return (
    <>
      <OrgCrumbs v={v} path={path} />
      <PageHeader title={v.t('orgAdmin.merge.title', { name: unit.name })} lead={v.t('orgAdmin.merge.lead')} />
      <ErrorSummary errors={errors} t={v.t} />
      {unit.parentId == null ? (
        <Notice kind="info">{v.t('orgAdmin.merge.error.root')}</Notice>
      ) : (
        <form method="get" action={`/admin/org/${unit.id}/merge`} class="max-w-2xl">
          <SelectField
            id="into"
            label={v.t('orgAdmin.merge.field', { name: unit.name })}
            value={chosen}
            error={errors.into}
            options={unitOptions(targets)}
          />
          <div class="flex flex-wrap gap-2">
            <button class="btn-primary" type="submit">
              {v.t('orgAdmin.merge.preview')}
            </button>
            <a class="btn-secondary" href={`/admin/org/${unit.id}`}>
              {v.t('orgAdmin.cancel')}
            </a>
          </div>
        </form>
      )}
    </>
  );
}

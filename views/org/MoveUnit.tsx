import type { ViewContext } from '../context.ts';
import type { AdminUnit, HeldItem, MovePreview } from '../../src/modules/org/admin.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import { ErrorSummary, SelectField } from '../components/form.tsx';
import { Notice, PageHeader } from '../components/page.tsx';
import { OrgCrumbs, unitOptions } from './UnitPage.tsx';

/** What is in a unit, as a list of counts ("3 sager"); only what is there. */
export function HeldList({ v, items }: { v: ViewContext; items: HeldItem[] }) {
  const shown = items.filter((h) => h.count > 0);
  if (!shown.length) return <p class="mt-2">{v.t('orgAdmin.held.nothing')}</p>;
  return (
    <ul class="mt-2 list-disc space-y-1 pl-5">
      {shown.map((h) => (
        <li>{v.t(h.label, { count: formatNumber(h.count, v.locale) })}</li>
      ))}
    </ul>
  );
}

/**
 * Moving a unit: the form (choose the new parent) and, once one is chosen (`?to=`), the confirm
 * page saying what moves with the unit and what it means for access. The keyboard and mouse
 * moves on the tree end here too.
 */
export function MovePage({
  v,
  unit,
  path,
  targets,
  chosen,
  error,
  preview,
}: {
  v: ViewContext;
  unit: AdminUnit;
  path: AdminUnit[];
  targets: AdminUnit[];
  chosen: string;
  error: string | null;
  preview: MovePreview | null;
}) {
  const n = (x: number) => formatNumber(x, v.locale);
  if (preview) {
    const p = preview;
    return (
      <>
        <OrgCrumbs v={v} path={path} />
        <PageHeader title={v.t('orgAdmin.move.confirmTitle', { name: unit.name })} />
        <dl class="grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt class="font-semibold">{v.t('orgAdmin.move.from')}</dt>
          <dd>{p.from ? p.from.name : '–'}</dd>
          <dt class="font-semibold">{v.t('orgAdmin.move.to')}</dt>
          <dd>{p.toPath.map((u) => u.name).join(' › ')}</dd>
        </dl>
        <section aria-labelledby="moves-title" class="mt-6 max-w-3xl">
          <h2 id="moves-title" class="text-xl font-bold">
            {v.t('orgAdmin.move.withIt')}
          </h2>
          <ul class="mt-2 list-disc space-y-1 pl-5">
            <li>{v.t('orgAdmin.move.subUnits', { count: n(p.subUnits) })}</li>
            <li>{v.t('orgAdmin.move.people', { count: n(p.people) })}</li>
            {p.held
              .filter((h) => h.count > 0)
              .map((h) => (
                <li>{v.t(h.label, { count: n(h.count) })}</li>
              ))}
          </ul>
          <h2 class="mt-6 text-xl font-bold">{v.t('orgAdmin.move.meaning')}</h2>
          <p class="mt-2">{v.t('orgAdmin.move.stays')}</p>
          <p class="mt-2">
            {v.t('orgAdmin.move.access', {
              to: p.to.name,
              leaders: p.toLeaders.length
                ? p.toLeaders.map((l) => l.displayName).join(', ')
                : v.t('orgAdmin.move.noLeaders'),
            })}
          </p>
          <p class="mt-2">{v.t('orgAdmin.move.news', { to: p.to.name })}</p>
        </section>
        <form method="post" action={`/admin/org/${unit.id}/move`} class="mt-8 flex flex-wrap gap-2">
          <input type="hidden" name="to" value={String(p.to.id)} />
          <button class="btn-primary" type="submit">
            {v.t('orgAdmin.move.submit', { name: unit.name, to: p.to.name })}
          </button>
          <a class="btn-secondary" href={`/admin/org/${unit.id}/move`}>
            {v.t('orgAdmin.move.other')}
          </a>
          <a class="btn-secondary" href={`/admin/org#unit-${unit.id}`}>
            {v.t('orgAdmin.cancel')}
          </a>
        </form>
      </>
    );
  }
  return (
    <>
      <OrgCrumbs v={v} path={path} />
      <PageHeader title={v.t('orgAdmin.move.title', { name: unit.name })} lead={v.t('orgAdmin.move.lead')} />
      <ErrorSummary errors={error ? { to: error } : {}} t={v.t} />
      {unit.parentId == null ? (
        <Notice kind="info">{v.t('orgAdmin.move.error.root')}</Notice>
      ) : targets.length === 0 ? (
        <Notice kind="info">{v.t('orgAdmin.move.noTargets')}</Notice>
      ) : (
        <form method="get" action={`/admin/org/${unit.id}/move`} class="max-w-2xl">
          <SelectField
            id="to"
            label={v.t('orgAdmin.move.field')}
            hint={v.t('orgAdmin.move.fieldHint')}
            value={chosen}
            error={error ?? undefined}
            options={unitOptions(targets)}
          />
          <div class="flex flex-wrap gap-2">
            <button class="btn-primary" type="submit">
              {v.t('orgAdmin.move.preview')}
            </button>
            <a class="btn-secondary" href={`/admin/org#unit-${unit.id}`}>
              {v.t('orgAdmin.cancel')}
            </a>
          </div>
        </form>
      )}
    </>
  );
}

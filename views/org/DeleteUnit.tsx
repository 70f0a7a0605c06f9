import type { ViewContext } from '../context.ts';
import type { AdminUnit, HeldItem } from '../../src/modules/org/admin.ts';
import { Notice, PageHeader } from '../components/page.tsx';
import { HeldList } from './MoveUnit.tsx';
import { OrgCrumbs } from './UnitPage.tsx';

/** Deleting a unit: only an empty one; otherwise the page says what is in it and offers a merge. */
export function DeletePage({
  v,
  unit,
  path,
  blockers,
  refused,
}: {
  v: ViewContext;
  unit: AdminUnit;
  path: AdminUnit[];
  blockers: HeldItem[];
  refused: boolean;
}) {
  return (
    <>
      <OrgCrumbs v={v} path={path} />
      <PageHeader title={v.t('orgAdmin.delete.title', { name: unit.name })} />
      {unit.parentId == null ? (
        <Notice kind="info">{v.t('orgAdmin.delete.root')}</Notice>
      ) : blockers.length ? (
        <div role={refused ? 'alert' : undefined}>
          <Notice kind={refused ? 'error' : 'warning'}>
            <p class="font-semibold">{v.t('orgAdmin.delete.notEmpty', { name: unit.name })}</p>
            <HeldList v={v} items={blockers} />
          </Notice>
          <p class="mt-4">
            <a class="btn-primary" href={`/admin/org/${unit.id}/merge`}>
              {v.t('orgAdmin.delete.mergeInstead')}
            </a>
          </p>
        </div>
      ) : (
        <form method="post" action={`/admin/org/${unit.id}/deletion`} class="max-w-2xl">
          <p class="mb-5">{v.t('orgAdmin.delete.confirm', { name: unit.name })}</p>
          <div class="flex flex-wrap gap-2">
            <button class="btn-danger" type="submit">
              {v.t('orgAdmin.delete.submit', { name: unit.name })}
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

import type { ViewContext } from '../context.ts';
import type { AdminTree, AdminUnit } from '../../src/modules/org/admin.ts';
import { formatNumber } from '../../src/i18n/index.ts';
import { AdminCrumb } from '../admin/AdminHome.tsx';
import { PageHeader } from '../components/page.tsx';

/**
 * The organisation's admin tree (/admin/org): every unit as a nested list, each with its head
 * count (placed directly / in all, with every unit under it), its leaders and its actions. The
 * "Flyt" link opens the move form; with JavaScript (the `orgMove` component in public/js/app.js)
 * it starts a keyboard move instead (arrows choose the new parent, Enter goes to the same confirm
 * page, Escape cancels, each step read out in #live), and a unit's row can be dragged onto another.
 */

export function leaderNames(v: ViewContext, u: AdminUnit): string {
  if (!u.leaders.length) return v.t('orgAdmin.tree.noLeaders');
  return u.leaders.map((l) => l.displayName).join(', ');
}

function UnitItem({ v, u }: { v: ViewContext; u: AdminUnit }) {
  const n = (x: number) => formatNumber(x, v.locale);
  return (
    <li
      id={`unit-${u.id}`}
      data-unit-id={String(u.id)}
      data-unit-name={u.name}
      data-root={u.parentId == null ? '' : undefined}
    >
      <div
        class="group my-1 flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md border border-slate-300 bg-white px-3 py-2 data-[drop-over]:border-brand-700 data-[drop-over]:bg-brand-50 data-[move-target]:border-2 data-[move-target]:border-brand-700 data-[move-target]:bg-brand-50 data-[moving]:border-dashed data-[moving]:bg-amber-50"
        data-row
        draggable={u.parentId == null ? undefined : 'true'}
      >
        <a href={`/admin/org/${u.id}`} class="font-semibold">
          {u.name}
        </a>
        <span class="text-sm text-slate-700">{v.t(`org.kind.${u.kind}`)}</span>
        <span class="text-sm text-slate-700">
          {v.t('orgAdmin.tree.count', { direct: n(u.directCount), total: n(u.totalCount) })}
        </span>
        <span class="text-sm text-slate-700">
          {v.t(u.leaders.length === 1 ? 'orgAdmin.tree.leader' : 'orgAdmin.tree.leaders')}: {leaderNames(v, u)}
          {u.leaders.length > 0 && !u.leadersNamed && <> ({v.t('orgAdmin.tree.derived')})</>}
        </span>
        <span
          class="hidden text-sm group-data-[move-target]:inline group-data-[drop-over]:inline font-semibold text-brand-800"
          aria-hidden="true"
        >
          {v.t('orgAdmin.tree.dropHere')}
        </span>
        {u.parentId != null && (
          <a
            href={`/admin/org/${u.id}/move`}
            class="ml-auto text-sm font-semibold"
            data-move-start
            aria-label={v.t('orgAdmin.tree.moveLabel', { name: u.name })}
          >
            {v.t('orgAdmin.tree.move')}
          </a>
        )}
      </div>
      {u.children.length > 0 && (
        <ul
          class="ml-4 border-l border-slate-300 pl-3 sm:ml-6"
          aria-label={v.t('orgAdmin.tree.under', { name: u.name })}
        >
          {u.children.map((c) => (
            <UnitItem v={v} u={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function OrgAdminPage({ v, tree }: { v: ViewContext; tree: AdminTree }) {
  return (
    <>
      <AdminCrumb v={v} />
      <PageHeader
        title={v.t('orgAdmin.title')}
        lead={v.t('orgAdmin.intro', { count: formatNumber(tree.ordered.length, v.locale) })}
        actions={
          <>
            <a href="/admin/org/new" class="btn-primary">
              {v.t('orgAdmin.new.title')}
            </a>
            <a href="/org" class="btn-secondary">
              {v.t('orgAdmin.toChart')}
            </a>
          </>
        }
      />
      <p class="hint mb-3" id="org-move-help">
        {v.t('orgAdmin.tree.help')}
      </p>
      <div
        x-data="orgMove"
        data-confirm-url="/admin/org/{id}/move?to={to}"
        data-msg-start={v.t('orgAdmin.js.start')}
        data-msg-target={v.t('orgAdmin.js.target')}
        data-msg-none={v.t('orgAdmin.js.none')}
        data-msg-cancel={v.t('orgAdmin.js.cancel')}
        data-msg-drop={v.t('orgAdmin.js.drop')}
      >
        <ul class="org-tree" aria-label={v.t('orgAdmin.tree.label')}>
          {tree.roots.map((r) => (
            <UnitItem v={v} u={r} />
          ))}
        </ul>
      </div>
    </>
  );
}

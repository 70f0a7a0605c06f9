import type { ViewContext } from '../context.ts';
import type { PageNode, PageTree } from '../../src/modules/pages/service.ts';

/**
 * The page tree as nested lists in a labelled <nav>. On the index every branch is open; beside a
 * page only the way down to it and its own sub-pages are (the rest of a large tree would drown
 * the page). The current page is marked with aria-current.
 */
export function PageTreeNav({
  v,
  tree,
  currentId,
  openIds,
  class: className,
}: {
  v: ViewContext;
  tree: PageTree;
  currentId?: number;
  /** Pages whose children are shown; every page when omitted. */
  openIds?: ReadonlySet<number>;
  class?: string;
}) {
  return (
    <nav aria-label={v.t('pages.tree')} class={className}>
      {tree.roots.length === 0 ? (
        <p class="text-slate-700">{v.t('pages.tree.empty')}</p>
      ) : (
        <Branch nodes={tree.roots} currentId={currentId} openIds={openIds} depth={0} />
      )}
    </nav>
  );
}

function Branch({
  nodes,
  currentId,
  openIds,
  depth,
}: {
  nodes: PageNode[];
  currentId?: number;
  openIds?: ReadonlySet<number>;
  depth: number;
}) {
  return (
    <ul class={depth === 0 ? 'space-y-1' : 'mt-1 space-y-1 border-l-2 border-slate-200 pl-3'}>
      {nodes.map((n) => {
        const current = n.id === currentId;
        const open = n.children.length > 0 && (!openIds || openIds.has(n.id));
        return (
          <li>
            <a
              href={`/pages/${n.id}`}
              aria-current={current ? 'page' : undefined}
              class={current ? 'font-bold text-slate-900 no-underline' : depth === 0 ? 'font-semibold' : undefined}
            >
              {n.title}
            </a>
            {open && <Branch nodes={n.children} currentId={currentId} openIds={openIds} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}

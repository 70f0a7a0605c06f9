import type { Child } from 'hono/jsx';

/** The page's single h1; focus lands here after boosted navigation (public/js/app.js). */
export function PageHeader({ title, lead, actions }: { title: string; lead?: Child; actions?: Child }) {
  return (
    <div class="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 id="page-title" tabindex={-1} class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          {title}
        </h1>
        {lead && <p class="mt-2 max-w-3xl text-slate-700">{lead}</p>}
      </div>
      {actions && <div class="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function Notice({
  kind,
  children,
  id,
}: {
  kind: 'success' | 'info' | 'error' | 'warning';
  children: Child;
  id?: string;
}) {
  const styles = {
    success: 'border-green-700 bg-green-50 text-green-900',
    info: 'border-brand-600 bg-brand-50 text-brand-900',
    warning: 'border-amber-600 bg-amber-50 text-amber-900',
    error: 'border-red-700 bg-red-50 text-red-900',
  }[kind];
  return (
    <div id={id} class={`mb-4 rounded-md border-l-4 px-4 py-3 ${styles}`}>
      {children}
    </div>
  );
}

/**
 * A wide table that scrolls sideways on small screens. The scrolling box is a labelled,
 * focusable region so keyboard users can scroll it too (WCAG 2.1.1). It is positioned, so that
 * screen-reader-only text in the table (absolutely positioned) scrolls with it instead of
 * widening the page.
 */
export function ScrollTable({ label, children }: { label: string; children: Child }) {
  return (
    <div
      class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      role="region"
      aria-label={label}
      tabindex={0}
    >
      {children}
    </div>
  );
}

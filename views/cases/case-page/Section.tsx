import type { Child } from 'hono/jsx';

/** A card of the case page, with its heading and optional actions beside it. */
export function Section({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: Child;
  actions?: Child;
}) {
  return (
    <section class="card mb-6" aria-labelledby={`${id}-title`} id={id}>
      <div class="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} class="text-lg font-bold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

import { html } from 'hono/html';

/**
 * A person's picture: their photo when they have one, otherwise their initials on a colour
 * chosen from their name (the same person always gets the same colour). Every colour pair meets
 * WCAG AA contrast for the initials.
 *
 * Photos carry the person's name as alt text. Where the name is printed right beside the avatar
 * (lists, menus), pass `decorative` so screen readers do not hear the name twice.
 */

export type AvatarSize = 'xs' | 'sm' | 'md' | 'lg';

/** "Kasper Lindholm" → "KL"; "Cher" → "C". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0] ? (Array.from(parts[0])[0] ?? '') : '';
  const last = parts.length > 1 ? (Array.from(parts[parts.length - 1]!)[0] ?? '') : '';
  return (first + last).toLocaleUpperCase('da');
}

/** Background and text classes, spelt out in full so Tailwind finds them. */
const COLOURS = [
  'bg-brand-700 text-white',
  'bg-emerald-800 text-white',
  'bg-amber-200 text-amber-950',
  'bg-rose-800 text-white',
  'bg-sky-200 text-sky-950',
  'bg-violet-800 text-white',
  'bg-lime-200 text-lime-950',
  'bg-slate-700 text-white',
] as const;

export function avatarColour(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

const SIZES: Record<AvatarSize, { box: string; text: string; px: number }> = {
  xs: { box: 'size-8', text: 'text-xs', px: 32 },
  sm: { box: 'size-10', text: 'text-sm', px: 40 },
  md: { box: 'size-14', text: 'text-lg', px: 56 },
  lg: { box: 'size-32', text: 'text-4xl', px: 128 },
};

/** The URL of a person's photo; the hash in it changes with the photo, so it may be cached for long. */
export function photoUrl(username: string, sha: string | null | undefined): string | null {
  return sha ? `/people/${encodeURIComponent(username)}/photo?v=${sha.slice(0, 16)}` : null;
}

export function Avatar({
  name,
  photo,
  size = 'sm',
  decorative = false,
  tone = 'auto',
  class: extra = '',
}: {
  name: string;
  /** The photo URL (see photoUrl); without one, initials. */
  photo?: string | null;
  size?: AvatarSize;
  decorative?: boolean;
  /** 'inverse': white with brand text, for dark backgrounds such as the header's user menu. */
  tone?: 'auto' | 'inverse';
  class?: string;
}) {
  const s = SIZES[size];
  if (photo) {
    return (
      <img
        src={photo}
        alt={decorative ? '' : name}
        width={s.px}
        height={s.px}
        loading="lazy"
        decoding="async"
        class={`${s.box} shrink-0 rounded-full bg-slate-200 object-cover ${extra}`}
      />
    );
  }
  return (
    <span
      class={`${s.box} ${s.text} ${tone === 'inverse' ? 'bg-white text-brand-800' : avatarColour(name)} inline-flex shrink-0 select-none items-center justify-center rounded-full font-bold ${extra}`}
      {...(decorative ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': name })}
    >
      {initials(name)}
    </span>
  );
}

/**
 * The same avatar as a tagged template (values escaped by hono's html), for long lists where
 * per-row JSX components cost more than the query (DESIGN.md, speed notes).
 */
export function avatarHtml(name: string, photo: string | null | undefined, size: AvatarSize = 'sm', decorative = true) {
  const s = SIZES[size];
  if (photo) {
    return html`<img src="${photo}" alt="${decorative ? '' : name}" width="${s.px}" height="${s.px}" loading="lazy" decoding="async" class="${s.box} shrink-0 rounded-full bg-slate-200 object-cover">`;
  }
  const label = decorative ? html`aria-hidden="true"` : html`role="img" aria-label="${name}"`;
  return html`<span class="${s.box} ${s.text} ${avatarColour(name)} inline-flex shrink-0 select-none items-center justify-center rounded-full font-bold" ${label}>${initials(name)}</span>`;
}

import type { ViewContext } from '../../context.ts';
import type { CasePageData } from '../../../src/modules/cases/case-page.ts';
import type { Geometry } from '../../../src/modules/cases/geo.ts';
import { toSvg, wmsUrl } from '../../../src/modules/cases/geo.ts';

/** A geo case's outline or point as SVG (over the municipality's WMS when configured), with the coordinates as a list for screen readers. */
export function GeoMap({ v, geometry, map }: { v: ViewContext; geometry: Geometry; map: CasePageData['map'] }) {
  const svg = toSvg(geometry);
  const image = map ? wmsUrl(map.url, map.layers, svg) : null;
  const coords = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates[0]!;
  return (
    <div class="mt-3">
      <figure>
        <svg
          viewBox={`0 0 ${svg.width} ${svg.height}`}
          class={`h-auto w-full rounded-md border border-slate-300 bg-slate-50 ${geometry.type === 'Point' ? 'max-w-32' : 'max-w-xs'}`}
          role="img"
          aria-labelledby="map-caption"
        >
          <defs>
            <pattern id="grid" width="32" height="32" patternUnits="userSpaceOnUse">
              <path d="M 32 0 L 0 0 0 32" fill="none" stroke="#e2e8f0" stroke-width="1" />
            </pattern>
          </defs>
          {image ? (
            <image href={image} x="0" y="0" width={svg.width} height={svg.height} preserveAspectRatio="none" />
          ) : (
            <rect width="100%" height="100%" fill="url(#grid)" />
          )}
          {svg.rings.map((r) => (
            <polygon points={r} fill="#aed3eb" fill-opacity="0.6" stroke="#184c78" stroke-width="2" />
          ))}
          {svg.points.map(([x, y]) => (
            <>
              <circle cx={x} cy={y} r="8" fill="#184c78" />
              <circle cx={x} cy={y} r="3" fill="#fff" />
            </>
          ))}
        </svg>
        <figcaption id="map-caption" class="mt-1 text-xs text-slate-600">
          {image ? v.t('cases.map.captionWms') : v.t('cases.map.caption')}
        </figcaption>
      </figure>
      {/* Beside the figure, not in it: a figcaption must be a figure's first or last child. */}
      <details class="mt-1 text-sm">
        <summary class="cursor-pointer">{v.t('cases.map.coordinates')}</summary>
        <ol class="mt-1 list-decimal pl-6 font-mono text-xs">
          {coords.map(([lng, lat]) => (
            <li>{`${lat.toFixed(6)}, ${lng.toFixed(6)}`}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}

/**
 * Geometry for geo cases (geosager): a point or a polygon in WGS84 (longitude, latitude), stored
 * as GeoJSON. Distance searches use a bounding box in SQL (indexed on the centre point) and the
 * exact great-circle distance in code.
 */

export type Geometry =
  { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };

export type GeometryResult = { ok: true; geometry: Geometry; centre: { lat: number; lng: number } } | { ok: false };

const inRange = (lng: number, lat: number) =>
  Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;

/** Parses "lat, lng" (as people write it, Danish decimal commas allowed when separated by ';' or space). */
export function parsePoint(text: string): GeometryResult {
  const cleaned = text.trim();
  const m = /^(-?\d+(?:[.,]\d+)?)\s*[;, ]\s*(-?\d+(?:[.,]\d+)?)$/.exec(cleaned);
  if (!m) return { ok: false };
  const lat = Number(m[1]!.replace(',', '.'));
  const lng = Number(m[2]!.replace(',', '.'));
  if (!inRange(lng, lat)) return { ok: false };
  return { ok: true, geometry: { type: 'Point', coordinates: [lng, lat] }, centre: { lat, lng } };
}

/** Parses a GeoJSON Point or Polygon (or a Feature holding one). */
export function parseGeoJson(text: string): GeometryResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  let g = value as { type?: string; coordinates?: unknown; geometry?: unknown };
  if (g?.type === 'Feature') g = g.geometry as typeof g;
  if (g?.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
    const [lng, lat] = g.coordinates.map(Number) as [number, number];
    if (!inRange(lng, lat)) return { ok: false };
    return { ok: true, geometry: { type: 'Point', coordinates: [lng, lat] }, centre: { lat, lng } };
  }
  if (g?.type === 'Polygon' && Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0])) {
    const rings: Array<Array<[number, number]>> = [];
    for (const ring of g.coordinates as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) return { ok: false };
      const points: Array<[number, number]> = [];
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2) return { ok: false };
        const lng = Number(p[0]);
        const lat = Number(p[1]);
        if (!inRange(lng, lat)) return { ok: false };
        points.push([lng, lat]);
      }
      const first = points[0]!;
      const last = points[points.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false };
      rings.push(points);
    }
    const outer = rings[0]!.slice(0, -1);
    const lng = outer.reduce((a, p) => a + p[0], 0) / outer.length;
    const lat = outer.reduce((a, p) => a + p[1], 0) / outer.length;
    return { ok: true, geometry: { type: 'Polygon', coordinates: rings }, centre: { lat, lng } };
  }
  return { ok: false };
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box that contains every point within `metres` of the centre. */
export function boundingBox(centre: { lat: number; lng: number }, metres: number) {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.max(0.01, Math.cos((centre.lat * Math.PI) / 180)));
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLng: centre.lng - dLng, maxLng: centre.lng + dLng };
}

export interface SvgMap {
  points: Array<[number, number]>;
  rings: string[];
  width: number;
  height: number;
  /** The longitude/latitude box the whole view covers (for a map image underneath). */
  bbox: { minLng: number; minLat: number; maxLng: number; maxLat: number };
}

/**
 * Projects the geometry into an SVG viewBox (equirectangular, scaled by cos(latitude) so shapes
 * keep their proportions at Danish latitudes). Used to draw the outline without map tiles, and to
 * ask the municipality's own map service (WMS) for the matching picture when one is configured.
 */
export function toSvg(geometry: Geometry, size = 320, pad = 24): SvgMap {
  const all: Array<[number, number]> = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat();
  const lat0 = all.reduce((a, p) => a + p[1], 0) / all.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = all.map((p) => p[0] * k);
  const ys = all.map((p) => p[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  // A point gets about 400 m around it.
  const span = Math.max(maxX - minX, maxY - minY) || 0.004;
  const scale = (size - 2 * pad) / span;
  const offX = (size - 2 * pad - (maxX - minX) * scale) / 2;
  const offY = (size - 2 * pad - (maxY - minY) * scale) / 2;
  const project = (p: [number, number]): [number, number] => [
    Math.round((pad + offX + (p[0] * k - minX) * scale) * 10) / 10,
    Math.round((pad + offY + (maxY - p[1]) * scale) * 10) / 10,
  ];
  const unproject = (x: number, y: number) => ({
    lng: ((x - pad - offX) / scale + minX) / k,
    lat: maxY - (y - pad - offY) / scale,
  });
  const topLeft = unproject(0, 0);
  const bottomRight = unproject(size, size);
  const bbox = { minLng: topLeft.lng, maxLat: topLeft.lat, maxLng: bottomRight.lng, minLat: bottomRight.lat };
  if (geometry.type === 'Point')
    return { points: [project(geometry.coordinates)], rings: [], width: size, height: size, bbox };
  return {
    points: [],
    rings: geometry.coordinates.map((ring) => ring.map((p) => project(p).join(',')).join(' ')),
    width: size,
    height: size,
    bbox,
  };
}

/**
 * A GetMap request to the municipality's own WMS for the map's box (CRS:84, i.e. longitude and
 * latitude in that order, which matches the SVG's projection), or null when none is configured.
 * Never a public tile server: the setting must name the municipality's service.
 */
export function wmsUrl(base: string | null, layers: string | null, map: SvgMap, pixels = 640): string | null {
  if (!base || !layers) return null;
  const url = new URL(base);
  const b = map.bbox;
  const params: Record<string, string> = {
    SERVICE: 'WMS',
    VERSION: '1.3.0',
    REQUEST: 'GetMap',
    LAYERS: layers,
    STYLES: '',
    CRS: 'CRS:84',
    BBOX: [b.minLng, b.minLat, b.maxLng, b.maxLat].map((n) => n.toFixed(6)).join(','),
    WIDTH: String(pixels),
    HEIGHT: String(pixels),
    FORMAT: 'image/png',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Geometry for geo cases (geosager): a point or a polygon in WGS84 (longitude, latitude), stored
 * as GeoJSON. Distance searches use a bounding box in SQL (indexed on the centre point) and the
 * exact great-circle distance in code.
 */

export type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };

export type GeometryResult = { ok: true; geometry: Geometry; centre: { lat: number; lng: number } } | { ok: false };

const inRange = (lng: number, lat: number) => Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;

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

/**
 * Projects the geometry into an SVG viewBox (equirectangular, scaled by cos(latitude) so shapes
 * keep their proportions at Danish latitudes). Used to draw the outline without map tiles.
 */
export function toSvg(geometry: Geometry, size = 320, pad = 24): { points: Array<[number, number]>; rings: string[]; width: number; height: number } {
  const all: Array<[number, number]> = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat();
  const lat0 = all.reduce((a, p) => a + p[1], 0) / all.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = all.map((p) => p[0] * k);
  const ys = all.map((p) => p[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, maxY - minY) || 0.001;
  const scale = (size - 2 * pad) / span;
  const project = (p: [number, number]): [number, number] => [
    Math.round((pad + (p[0] * k - minX) * scale + ((size - 2 * pad) - (maxX - minX) * scale) / 2) * 10) / 10,
    Math.round((pad + (maxY - p[1]) * scale + ((size - 2 * pad) - (maxY - minY) * scale) / 2) * 10) / 10,
  ];
  if (geometry.type === 'Point') return { points: [project(geometry.coordinates)], rings: [], width: size, height: size };
  return {
    points: [],
    rings: geometry.coordinates.map((ring) => ring.map((p) => project(p).join(',')).join(' ')),
    width: size,
    height: size,
  };
}

import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { DIALECTS } from '../../../test/helpers/db.ts';
import { insertTestKle } from '../../../test/helpers/kle.ts';
import { createTestCase } from './cases.fixtures.ts';
import { boundingBox, distanceMetres, parseGeoJson, parsePoint, toSvg, wmsUrl } from './geo.ts';

describe('geometry', () => {
  it('parses points as people write them and GeoJSON polygons', () => {
    expect(parsePoint('55.6761, 12.5683')).toMatchObject({ ok: true, centre: { lat: 55.6761, lng: 12.5683 } });
    expect(parsePoint('55,6761; 12,5683')).toMatchObject({ ok: true, centre: { lat: 55.6761, lng: 12.5683 } });
    expect(parsePoint('91, 10').ok).toBe(false);
    expect(parseGeoJson('{"type":"Polygon","coordinates":[[[12,55],[12.1,55],[12.1,55.1],[12,55]]]}').ok).toBe(true);
    expect(parseGeoJson('{"type":"Polygon","coordinates":[[[12,55],[12.1,55],[12.1,55.1]]]}').ok).toBe(false); // not closed
    expect(parseGeoJson('nonsense').ok).toBe(false);
  });

  it('measures distances and boxes them', () => {
    const kbh = { lat: 55.6761, lng: 12.5683 };
    const roskilde = { lat: 55.6415, lng: 12.0803 };
    expect(distanceMetres(kbh, roskilde)).toBeGreaterThan(30_000);
    expect(distanceMetres(kbh, roskilde)).toBeLessThan(32_000);
    const box = boundingBox(kbh, 1000);
    expect(box.maxLat - box.minLat).toBeCloseTo(0.018, 3);
  });

  it('draws the outline and asks the municipality’s WMS for the same box', () => {
    const g = parseGeoJson(
      '{"type":"Polygon","coordinates":[[[12.08,55.64],[12.09,55.64],[12.09,55.65],[12.08,55.65],[12.08,55.64]]]}',
    );
    if (!g.ok) throw new Error('bad polygon');
    const svg = toSvg(g.geometry);
    expect(svg.rings[0]!.split(' ')).toHaveLength(5);
    expect(svg.bbox.minLng).toBeLessThan(12.08);
    expect(svg.bbox.maxLng).toBeGreaterThan(12.09);
    expect(svg.bbox.minLat).toBeLessThan(55.64);
    expect(svg.bbox.maxLat).toBeGreaterThan(55.65);
    expect(wmsUrl(null, null, svg)).toBeNull();
    const url = new URL(wmsUrl('https://kort.skovlund.dk/wms?MAP=intern', 'skaermkort', svg)!);
    expect(url.origin).toBe('https://kort.skovlund.dk');
    expect(url.searchParams.get('MAP')).toBe('intern');
    expect(url.searchParams.get('REQUEST')).toBe('GetMap');
    expect(url.searchParams.get('CRS')).toBe('CRS:84');
    expect(url.searchParams.get('LAYERS')).toBe('skaermkort');
    expect(url.searchParams.get('BBOX')!.split(',').map(Number)).toEqual(
      [svg.bbox.minLng, svg.bbox.minLat, svg.bbox.maxLng, svg.bbox.maxLat].map((n) => Number(n.toFixed(6))),
    );
  });

  it('puts the map under the outline on the case page and allows its origin in the CSP', async () => {
    const t = await createTestApp('sqlite', {
      config: { mapWmsUrl: 'https://kort.skovlund.dk/wms', mapWmsLayers: 'skaermkort' },
    });
    try {
      await insertTestKle(t.db.database);
      const cookie = await t.signIn('sagsbehandler');
      const caseId = await createTestCase(t, cookie, {
        type: 'geo',
        title: 'Skur',
        address: 'Havnevej 2',
        point: '55.6415, 12.0803',
      });
      const page = await t.get(`/cases/${caseId}`, { cookie });
      expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/kort\.skovlund\.dk/);
      const html = await page.text();
      expect(html).toMatch(
        /<image href="https:\/\/kort\.skovlund\.dk\/wms\?SERVICE=WMS&amp;VERSION=1\.3\.0&amp;REQUEST=GetMap&amp;LAYERS=skaermkort/,
      );
      expect(html).toContain('Omrids tegnet oven på kommunens eget kort.');
    } finally {
      await t.cleanup();
    }
  });
});

describe.each(DIALECTS)('the geo case page (%s)', (dialect) => {
  it('keeps the map a valid figure: the caption is its last child and the coordinates sit beside it', async () => {
    const t = await createTestApp(dialect);
    try {
      await insertTestKle(t.db.database);
      const cookie = await t.signIn('sagsbehandler');
      const unit = (
        await t.db.database.db
          .selectFrom('users')
          .select('org_unit_id')
          .where('username', '=', 'sagsbehandler')
          .executeTakeFirstOrThrow()
      ).org_unit_id!;
      const res = await t.post(
        '/cases',
        {
          type: 'geo',
          title: 'Carport',
          address: 'Havnevej 4',
          point: '55.6415, 12.0803',
          kleNumber: '02.34.02',
          facetCode: 'P20',
          unitId: String(unit),
        },
        { cookie },
      );
      const html = await (await t.get(res.headers.get('location')!, { cookie })).text();
      const figures = [...html.matchAll(/<figure[^>]*>([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
      expect(figures).toHaveLength(1);
      // A figure holds flow content and at most one figcaption, first or last: no <details> after it.
      expect(figures[0]).not.toContain('<details');
      expect(figures[0]!.trim()).toMatch(/<\/figcaption>$/);
      const after = html.slice(html.indexOf('</figure>'));
      expect(after).toMatch(/^<\/figure><details[^>]*><summary[^>]*>Koordinater/);
      expect(after).toContain('55.641500, 12.080300');
    } finally {
      await t.cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { makePng } from '../../../seeds/files.ts';
import { checkImage, MAX_IMAGE_BYTES } from './images.ts';
import { fromLocalInput, toLocalInput } from '../../i18n/local-input.ts';
import { newsStatus } from './model.ts';
import { unitsCovered } from './audience.ts';

describe('news: local times', () => {
  it('reads what a datetime-local input sends as Copenhagen time, winter and summer', () => {
    expect(fromLocalInput('2026-12-01T08:00')).toBe('2026-12-01T07:00:00.000Z');
    expect(fromLocalInput('2026-07-01T08:00')).toBe('2026-07-01T06:00:00.000Z');
    expect(fromLocalInput('2026-12-01 08:00')).toBe('2026-12-01T07:00:00.000Z');
    expect(fromLocalInput('01.12.2026 08.00')).toBe('2026-12-01T07:00:00.000Z');
    expect(fromLocalInput('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
    expect(fromLocalInput('2026-12-01T07:00:00.000Z')).toBe('2026-12-01T07:00:00.000Z');
    expect(toLocalInput('2026-07-01T06:00:00.000Z')).toBe('2026-07-01T08:00');
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of [
      '2026-02-30T08:00',
      '2026-13-01T08:00',
      '2026-12-01T25:00',
      'i morgen',
      '',
      '2026-12-01T08:00Zx',
    ]) {
      expect(fromLocalInput(bad), bad).toBeNull();
    }
  });

  it('tells published, scheduled and unpublished apart', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(newsStatus({ publish_at: '2026-11-26T11:00:00.000Z', unpublish_at: null }, now)).toBe('published');
    expect(newsStatus({ publish_at: '2026-11-26T13:00:00.000Z', unpublish_at: null }, now)).toBe('scheduled');
    expect(newsStatus({ publish_at: '2026-11-20T13:00:00.000Z', unpublish_at: '2026-11-26T12:00:00.000Z' }, now)).toBe(
      'expired',
    );
  });
});

describe('news: targeting through the unit tree', () => {
  it('covers a directorate and every unit below it, nothing else', () => {
    const tree = [
      { id: 1, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: 2 },
      { id: 5, parent_id: 1 },
      { id: 6, parent_id: 5 },
    ];
    expect([...unitsCovered(tree, [2])].sort()).toEqual([2, 3, 4]);
    expect([...unitsCovered(tree, [4, 6])].sort()).toEqual([4, 6]);
  });
});

describe('news: image checks', () => {
  const png = makePng(4, 3, () => [10, 20, 30]);

  it('accepts PNG by its content', async () => {
    expect(await checkImage({ name: 'billede.png', type: 'image/png', bytes: png })).toMatchObject({
      ok: true,
      mime: 'image/png',
    });
  });

  it('refuses other types, a PNG in disguise, empty files and files over 5 MB', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect(await checkImage({ name: 'x.gif', type: 'image/gif', bytes: gif })).toEqual({
      ok: false,
      error: 'news.error.imageType',
    });
    expect(
      await checkImage({ name: 'x.png', type: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') }),
    ).toEqual({ ok: false, error: 'news.error.imageType' });
    expect(await checkImage({ name: 'x.jpg', type: 'image/jpeg', bytes: png })).toEqual({
      ok: false,
      error: 'news.error.imageType',
    });
    expect(await checkImage({ name: 'x.png', type: 'image/png', bytes: Buffer.alloc(0) })).toEqual({
      ok: false,
      error: 'news.error.imageEmpty',
    });
    const huge = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(await checkImage({ name: 'x.png', type: 'image/png', bytes: huge })).toEqual({
      ok: false,
      error: 'news.error.imageSize',
    });
  });
});

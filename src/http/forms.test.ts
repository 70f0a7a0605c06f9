import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import type { CurrentUser } from './env.ts';
import { actorOf, list, queryId, str, translateErrors } from './forms.ts';

describe('form helpers', () => {
  it('reads a text field, cut to its length, and nothing else', () => {
    const file = new File(['x'], 'x.txt');
    const body = { title: 'Carport', long: 'a'.repeat(2000), many: ['a', 'b'], file };
    expect(str(body, 'title', 100)).toBe('Carport');
    expect(str(body, 'long')).toHaveLength(1000);
    expect(str(body, 'long', 5)).toBe('aaaaa');
    expect(str(body, 'many', 100)).toBe('');
    expect(str(body, 'file', 100)).toBe('');
    expect(str(body, 'missing', 100)).toBe('');
  });

  it('reads a repeated field as its text values, at most 500 unless told', () => {
    const file = new File(['x'], 'x.txt');
    expect(list({ a: 'one' }, 'a')).toEqual(['one']);
    expect(list({ a: ['one', file, 'two'] }, 'a')).toEqual(['one', 'two']);
    expect(list({}, 'a')).toEqual([]);
    expect(list({ a: Array.from({ length: 600 }, (_, i) => String(i)) }, 'a')).toHaveLength(500);
    expect(list({ a: ['1', '2', '3'] }, 'a', 2)).toEqual(['1', '2']);
  });

  it('translates field errors, renamed by a table or a prefix', () => {
    const t = translator('da');
    const errors = { title: 'documents.error.noFiles', note: undefined } as const;
    expect(translateErrors(t, errors)).toEqual({ title: t('documents.error.noFiles') });
    expect(translateErrors(t, errors, { title: 'doc-title' })).toEqual({ 'doc-title': t('documents.error.noFiles') });
    expect(translateErrors(t, errors, 'edit-')).toEqual({ 'edit-title': t('documents.error.noFiles') });
  });

  it('makes the full actor of a user', () => {
    const user = {
      id: 'u1',
      displayName: 'Mette Holm',
      roles: ['caseworker'],
      orgUnitId: 7,
      username: 'mh',
    } as unknown as CurrentUser;
    expect(actorOf(user)).toEqual({ id: 'u1', name: 'Mette Holm', roles: ['caseworker'], orgUnitId: 7 });
  });

  it('parses ids from the query string through toId', async () => {
    const app = new Hono().get('/', (c) => c.json({ id: queryId(c, 'id') }));
    for (const [q, id] of [
      ['?id=12', 12],
      ['', null],
      ['?id=abc', null],
      ['?id=0', null],
      ['?id=99999999999', null],
      ['?id=-3', null],
    ] as const) {
      expect((await (await app.request(`/${q}`)).json()).id, q).toBe(id);
    }
  });
});

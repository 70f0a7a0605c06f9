import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { slowdownMs } from './throttle.ts';

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('rødgrød med fløde', 1024);
    expect(hash).toMatch(/^scrypt\$1024\$8\$3\$/);
    expect(await verifyPassword(hash, 'rødgrød med fløde')).toBe(true);
    expect(await verifyPassword(hash, 'rødgrød med flode')).toBe(false);
    expect(await verifyPassword('garbage', 'x')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', 1024)).not.toBe(await hashPassword('same', 1024));
  });

  it('treats composed and decomposed letters as the same password', async () => {
    const hash = await hashPassword('Ærø', 1024);
    expect(await verifyPassword(hash, 'A\u030Aro'.replace('A\u030A', 'Æ').replace('o', 'ø'))).toBe(true);
    const composed = await hashPassword('å', 1024);
    expect(await verifyPassword(composed, 'a\u030A')).toBe(true);
  });

  it('asks for a rehash when the cost has gone up', async () => {
    const hash = await hashPassword('x', 1024);
    expect(needsRehash(hash, 1024)).toBe(false);
    expect(needsRehash(hash, 2 ** 15)).toBe(true);
  });
});

describe('sign-in slowdown', () => {
  it('waits nothing for the first failures, then doubles up to a ceiling', () => {
    expect([0, 1, 2].map((n) => slowdownMs(n, 250))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((n) => slowdownMs(n, 250))).toEqual([250, 500, 1000, 2000]);
    expect(slowdownMs(20, 250)).toBe(5000);
    expect(slowdownMs(9, 0)).toBe(0);
  });
});

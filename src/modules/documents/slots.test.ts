import { describe, expect, it } from 'vitest';
import { concurrencyFromEnv, createSlots } from './slots.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createSlots', () => {
  it('runs at most its size at once, the rest in the order they came', async () => {
    const slots = createSlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const jobs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]);
    expect([slots.active, slots.waiting]).toEqual([2, 3]);
    gates[1]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    // A newcomer while the slot is being handed on queues behind the waiters.
    const late = slots.run(async () => 'late');
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(await late).toBe('late');
    expect(most).toBe(2);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when a job fails', async () => {
    const slots = createSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
    expect(slots.active).toBe(0);
  });

  it('reads a concurrency from the environment, else the default', () => {
    expect(concurrencyFromEnv('3', 2)).toBe(3);
    expect(concurrencyFromEnv(undefined, 2)).toBe(2);
    expect(concurrencyFromEnv('0', 2)).toBe(2);
    expect(concurrencyFromEnv('abc', 2)).toBe(2);
  });
});

/**
 * A counting semaphore: at most `size` jobs run at once, the rest wait in order. A finishing job
 * hands its slot straight to the next waiter, so a caller arriving in between cannot slip past
 * the limit.
 */
export interface Slots {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running now. */
  readonly active: number;
  /** Jobs waiting for a slot. */
  readonly waiting: number;
}

export function createSlots(size: number): Slots {
  const limit = Math.max(1, Math.floor(size) || 1);
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    // The slot passes to the next job without being freed in between.
    if (next) next();
    else active--;
  };
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await job();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** A positive whole number from the environment, else `fallback`. */
export function concurrencyFromEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The app's clock setting. `SAMSPIL_CLOCK=2028-02-29T23:30:00Z` starts this process's clock at
 * that instant; from there it runs on in real time. Every `new Date()` and `Date.now()` in the
 * process (our code and the libraries') reads the moved clock, so the whole app — the seed, the
 * deadlines, the working-day calendar, sessions, the jobs — behaves as on that day. It is there to
 * prove that nothing depends on the day it runs (the test suite is run on several moved dates) and
 * to show the app as it will be on a given day; never set it in production.
 *
 * The clock is moved by a fixed offset from the real one, computed once when this module is first
 * evaluated; child processes (cluster workers) inherit the offset through
 * `SAMSPIL_CLOCK_OFFSET_MS`, so every process of one server shares the same moved clock.
 * Import this module first, before anything that reads the time (src/server.ts, the scripts and
 * the test setup do).
 */

const RealDate = Date;
let installedOffset = 0;

/** The offset (ms) the moved clock is ahead of the real one; 0 when the clock is not moved. */
export function clockOffsetMs(): number {
  return installedOffset;
}

/** Reads SAMSPIL_CLOCK (or an inherited SAMSPIL_CLOCK_OFFSET_MS) and moves the clock. */
export function installClock(env: NodeJS.ProcessEnv = process.env): number {
  let offset = 0;
  if (env.SAMSPIL_CLOCK_OFFSET_MS) {
    offset = Number(env.SAMSPIL_CLOCK_OFFSET_MS);
    if (!Number.isFinite(offset))
      throw new Error(`SAMSPIL_CLOCK_OFFSET_MS must be a number, got "${env.SAMSPIL_CLOCK_OFFSET_MS}"`);
  } else if (env.SAMSPIL_CLOCK) {
    const at = RealDate.parse(env.SAMSPIL_CLOCK);
    if (Number.isNaN(at))
      throw new Error(
        `SAMSPIL_CLOCK must be an ISO-8601 instant such as 2028-02-29T23:30:00Z, got "${env.SAMSPIL_CLOCK}"`,
      );
    offset = at - RealDate.now();
  }
  if (offset === installedOffset) return offset;
  installedOffset = offset;
  env.SAMSPIL_CLOCK_OFFSET_MS = String(offset);
  if (offset === 0) {
    globalThis.Date = RealDate;
    return 0;
  }
  const shift = offset;
  const now = () => RealDate.now() + shift;
  // A proxy of the real constructor: `instanceof Date`, Date.parse/UTC and every method stay
  // the real ones; only "now" moves (`new Date()`, `Date()` and `Date.now()`).
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as Date,
    apply: () => new RealDate(now()).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? now : (Reflect.get(target, prop, receiver) as unknown)),
  });
  return offset;
}

installClock();

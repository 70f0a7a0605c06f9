/**
 * Runs before every test file: the app's clock setting (SAMSPIL_CLOCK, see src/clock.ts) moves
 * the clock of the test process too, so the suite can be run as on any day of the year.
 */
import '../src/clock.ts';

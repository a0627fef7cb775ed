/* global document */
import { main, notice } from './dom.js';

/** Runs a page's start function, showing any failure on the page instead of a blank. */
export function whenReady(start) {
  const run = () =>
    Promise.resolve()
      .then(start)
      .catch((error) => {
        main().append(notice(`Could not load this page: ${error?.message ?? error}`, 'error'));
        main().dataset.state = 'error';
      });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}

/**
 * Marks #main loading while `work` runs, then ready (or error): the end-to-end tests and
 * screenshots wait for data-state="ready".
 */
export function track(work) {
  const root = main();
  root.dataset.state = 'loading';
  return Promise.resolve(work).then(
    () => {
      root.dataset.state = 'ready';
    },
    (error) => {
      root.append(notice(String(error?.message ?? error), 'error'));
      root.dataset.state = 'error';
    },
  );
}

/** What a section shows when its route failed: a route not there yet is said plainly. */
export function unavailable(problem, what) {
  if (problem?.code === 'ROUTE_NOT_FOUND')
    return notice(`${what}: not available from this API version yet.`, 'warn', {
      'data-unavailable': '',
    });
  if (problem?.code === 'NOT_AVAILABLE')
    return notice(`${what}: ${problem.message}`, 'warn', { 'data-unavailable': '' });
  return notice(`${what} could not be loaded: ${problem?.message ?? 'unknown error'}`, 'error');
}

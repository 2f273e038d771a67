// Errors in words: what went wrong for a person, and the API's own message under it.
import { ApiError, describeError } from '../client/src/index.js';
import { h } from './dom.js';

/** A box saying what failed: `what` (e.g. "Could not join the call"), our sentence, the detail. */
export function errorBox(what: string, error: unknown): HTMLElement {
  const code = error instanceof ApiError ? error.code : 'client_error';
  const detail = error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-code': code },
    h('strong', null, what + ': '),
    error instanceof ApiError ? h('span', { class: 'error-words' }, describeError(error)) : null,
    h('div', { class: 'error-detail' }, detail),
  );
}

export function isApiError(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}

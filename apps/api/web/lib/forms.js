import { csrfToken } from './api.js';
import { h } from './dom.js';

/** A POST form carrying the page's CSRF token in the `_csrf` field. */
export function postForm(action, ...children) {
  return h(
    'form',
    { method: 'post', action },
    h('input', { type: 'hidden', name: '_csrf', value: csrfToken() }),
    ...children,
  );
}

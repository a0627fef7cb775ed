/* global URL, location */
import { clear, h, main, notice, section } from '../lib/dom.js';
import { postForm } from '../lib/forms.js';
import { whenReady } from '../lib/page.js';

const MESSAGES = {
  ADMIN_AUTH_REQUIRED: 'That is not the admin token.',
  ADMIN_DISABLED: 'Admin routes are off on this server (ADMIN_TOKEN is not set).',
};

whenReady(() => {
  const root = clear(main());
  const code = new URL(location.href).searchParams.get('error');
  root.append(
    h('h1', {}, 'Admin login'),
    code ? notice(MESSAGES[code] ?? `Error ${code}`, 'error') : '',
    section(
      'Token',
      postForm(
        '/admin/login',
        h(
          'label',
          {},
          'ADMIN_TOKEN ',
          h('input', {
            type: 'password',
            name: 'token',
            autocomplete: 'current-password',
            required: true,
          }),
        ),
        ' ',
        h('button', { type: 'submit', class: 'primary' }, 'Log in'),
      ),
    ),
  );
  root.dataset.state = 'ready';
});

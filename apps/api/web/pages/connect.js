/* global URL, location */
import { enc, getJson, postJson, tryJson } from '../lib/api.js';
import { clear, h, main, notice, section, table } from '../lib/dom.js';
import { fmtDateTime } from '../lib/format.js';
import { postForm } from '../lib/forms.js';
import { track, unavailable, whenReady } from '../lib/page.js';

/*
 * "Connect your Spotify": a friend starts Spotify's consent from here and comes back as
 * a member; everyone sees each member's status; an admin can disconnect a member and
 * delete their data.
 */

const MESSAGES = {
  GROUP_FULL:
    'The group is full: Spotify lets an app in Development Mode have 5 users. Ask the admin to disconnect someone first.',
  CONNECT_FAILED: 'Connecting did not work.',
  CONNECT_NOT_CONFIGURED:
    'This server cannot connect accounts yet (TOKEN_ENCRYPTION_KEY is not set).',
};

function outcome() {
  const params = new URL(location.href).searchParams;
  if (params.get('connected'))
    return notice(
      `${params.get('reconnected') ? 'Reconnected' : 'Connected'} ${params.get('connected')}: you are in the group.`,
      'info',
      { 'data-testid': 'connect-outcome' },
    );
  const code = params.get('error');
  if (code)
    return notice(
      [MESSAGES[code] ?? `Error ${code}.`, params.get('detail')].filter(Boolean).join(' '),
      'error',
      { 'data-testid': 'connect-outcome', 'data-code': code },
    );
  return null;
}

function memberTable(members, admin, refresh) {
  const columns = [
    {
      label: 'Member',
      value: (m) => (m.displayName ? `${m.displayName} (${m.userId})` : m.userId),
    },
    {
      label: 'Status',
      value: (m) =>
        h('span', { class: `badge ${m.status}` }, m.status === 'ok' ? 'ok' : 'needs reconnect'),
    },
    { label: 'Since', value: (m) => fmtDateTime(m.updatedAt) },
  ];
  if (admin)
    columns.push({
      label: 'Admin',
      value: (m) => {
        const purge = h('input', {
          type: 'checkbox',
          'aria-label': `also delete ${m.userId}'s data`,
        });
        const button = h(
          'button',
          { type: 'button', class: 'danger', 'data-disconnect': m.userId },
          'Disconnect',
        );
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await postJson(`/api/connect/members/${enc(m.userId)}/disconnect`, {
              deleteData: purge.checked,
            });
            await refresh();
          } catch (error) {
            button.after(notice(error.message, 'error'));
            button.disabled = false;
          }
        });
        return h(
          'span',
          { class: 'admin-actions' },
          h('label', {}, purge, ' delete data'),
          ' ',
          button,
        );
      },
    });
  return table(columns, members, { 'data-testid': 'members' });
}

whenReady(async () => {
  const root = clear(main());
  root.append(h('h1', {}, 'Connect your Spotify'), outcome() ?? '');
  const [session] = await Promise.all([getJson('/api/connect/session')]);
  const membersCard = section('The group');
  root.append(
    section(
      'Join the group',
      h(
        'p',
        {},
        'Connecting sends you to Spotify to agree; you come back here and your listening joins the group’s insights. Up to 5 friends can connect (Spotify’s limit for apps in Development Mode). Tokens are stored encrypted.',
      ),
      postForm(
        '/connect/start',
        h('button', { type: 'submit', class: 'primary', id: 'connect' }, 'Connect your Spotify'),
      ),
      h(
        'p',
        { class: 'muted' },
        'Someone marked “needs reconnect”? Spotify refused to renew their access: connecting again fixes it.',
      ),
    ),
    membersCard,
  );
  const refresh = async () => {
    const result = await tryJson('/api/connect/members');
    clear(membersCard).append(h('h2', {}, 'The group'));
    if (!result.data) return membersCard.append(unavailable(result.problem, 'the group'));
    const { members, maxMembers } = result.data;
    membersCard.append(
      h(
        'p',
        { class: 'muted', 'data-testid': 'member-count' },
        `${members.length} of ${maxMembers} accounts connected.`,
      ),
      members.length
        ? memberTable(members, session.admin, refresh)
        : notice('Nobody has connected yet.'),
    );
  };
  await track(refresh());
  if (session.admin)
    root.append(
      section('Admin', postForm('/admin/logout', h('button', { type: 'submit' }, 'Log out'))),
    );
  else if (session.adminEnabled)
    root.append(
      h(
        'p',
        { class: 'muted' },
        h('a', { href: '/admin/login' }, 'Admin login'),
        ' (to disconnect members)',
      ),
    );
});

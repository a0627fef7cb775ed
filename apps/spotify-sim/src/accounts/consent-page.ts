import type { AuthorizeParams } from './authorize.ts';
/*
 * The HTML the accounts service shows: a consent page and an error page. Every value
 * is escaped, because client ids, scopes, state and display names all come from
 * outside (and one simulated user's name is deliberately hostile).
 */
import type { SimUser } from '../world/users.ts';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// form-action also governs where the form's POST may redirect: after consent that is the
// app's redirect URI, so its origin is allowed too (browsers block the redirect otherwise).
const page = (title: string, body: string, redirectOrigin = '') =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${escapeHtml(redirectOrigin)}">
<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto}li{margin:.2rem 0}</style>
</head><body>${body}</body></html>`;

export function errorPage(message: string): string {
  return page(
    'Error - Spotify Simulator',
    `<h1>Something went wrong</h1><p class="error">${escapeHtml(message)}</p>`,
  );
}

/** The consent form carries the /authorize parameters through to the POST. */
export type ConsentFields = AuthorizeParams;

export function consentPage(fields: ConsentFields, users: readonly SimUser[]): string {
  const hidden = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  const scopes = fields.scope.split(' ').filter(Boolean);
  const scopeList = scopes.length
    ? scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')
    : '<li>(no scopes)</li>';
  const picker = users
    .map(
      (u, i) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.displayName)} (${escapeHtml(u.id)})</label><br>`,
    )
    .join('\n');
  return page(
    'Authorize - Spotify Simulator',
    `<h1>Connect to ${escapeHtml(fields.client_id)}</h1>
<p>This app would like to:</p><ul class="scopes">${scopeList}</ul>
<form method="post" action="/authorize/consent">
${hidden}
<fieldset><legend>Log in as</legend>
${picker}
</fieldset>
<button type="submit" name="decision" value="agree">Agree</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
    originOf(fields.redirect_uri),
  );
}

/** The redirect URI's origin for the CSP (validated before the page is shown; '' if not a URL). */
function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return '';
  }
}

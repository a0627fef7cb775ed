/* global document, fetch */
/*
 * JSON from the API. A route that fails answers `{"error":{"code","message"}}`: that
 * becomes an ApiProblem the page shows next to the section it was for, so one missing
 * route never blanks a whole page.
 */

export class ApiProblem extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function answer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiProblem(
      response.status,
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? response.statusText,
    );
  return body;
}

export async function getJson(path) {
  return answer(await fetch(path, { headers: { accept: 'application/json' } }));
}

/** { data } or { problem }: for sections that can do without their data. */
export async function tryJson(path) {
  try {
    return { data: await getJson(path) };
  } catch (problem) {
    return { problem };
  }
}

/** The double-submit CSRF token the page's cookie carries (see src/connect/csrf.ts). */
export function csrfToken() {
  const pair = document.cookie.split('; ').find((c) => c.startsWith('si_csrf='));
  return pair ? decodeURIComponent(pair.slice('si_csrf='.length)) : '';
}

export async function postJson(path, body) {
  return answer(
    await fetch(path, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken(),
      },
      body: JSON.stringify(body ?? {}),
    }),
  );
}

export const enc = encodeURIComponent;

/** The items of a list answer, whatever its envelope: [..], {items}, {rows}, or a named array. */
export function itemsOf(data, ...names) {
  if (Array.isArray(data)) return data;
  for (const name of ['items', 'rows', ...names])
    if (Array.isArray(data?.[name])) return data[name];
  return [];
}

/*
 * Validates Web API response bodies against the 200-response schemas of the shared
 * OpenAPI contract. The whole spec is registered with ajv under the id "spec", and a
 * response is checked against `spec#/components/responses/<Name>/content/...`.
 *
 * One relaxation, dev-mode-2026 only: the spec still lists a few fields Spotify removed
 * in 2026 (available_markets on albums/shows, genres/popularity on full albums) as
 * required. The simulator omits removed fields in that profile, so those names are
 * dropped from `required` lists there — and separately asserted absent.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { SPOTIFY_OPENAPI_FILE } from '@spotify-insights/spotify';

export const SPEC_PATH = SPOTIFY_OPENAPI_FILE;
export const REMOVED_FIELDS = [
  'popularity',
  'followers',
  'genres',
  'available_markets',
  'email',
  'country',
  'product',
] as const;

type Spec = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, unknown>; deprecated?: boolean }>
  >;
  components: { responses: Record<string, unknown> };
};

const raw = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
// ajv-formats is CommonJS; under ESM its default export may be the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv) => void;

function withoutRemovedRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRemovedRequired);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'required' && Array.isArray(value)
        ? value.filter((name) => !(REMOVED_FIELDS as readonly string[]).includes(name as string))
        : withoutRemovedRequired(value),
    ]),
  );
}

function makeAjv(spec: unknown): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec as object, 'spec');
  return ajv;
}

const ajvs = {
  'dev-mode-2026': makeAjv(withoutRemovedRequired(raw)),
  'extended-legacy': makeAjv(raw),
};
const compiled = new Map<string, ValidateFunction>();

const templates = Object.keys(raw.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  // Literal segments beat parameters: /me/top/tracks must not match /me/{x}/{y}.
  literal: template.replace(/\{[^}]+\}/g, '').length,
}));

/** The spec path template for a concrete /v1-relative path, e.g. /artists/{id}. */
export function templateFor(path: string): string | undefined {
  return templates.filter((t) => t.regex.test(path)).sort((a, b) => b.literal - a.literal)[0]
    ?.template;
}

export function operation(template: string, method = 'get') {
  return raw.paths[template]?.[method];
}

/** Returns a list of problems (empty when the body matches the contract). */
export function validateResponse(
  profile: keyof typeof ajvs,
  path: string,
  body: unknown,
): string[] {
  const template = templateFor(path);
  if (!template) return [`${path}: no operation in the spec`];
  const ok = operation(template)?.responses?.['200'] as
    { $ref?: string; content?: unknown } | undefined;
  if (!ok) return [`${template}: no 200 response in the spec`];
  const pointer = ok.$ref
    ? `spec${ok.$ref}/content/application~1json/schema`
    : `spec#/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`;
  const key = `${profile} ${pointer}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajvs[profile].compile({ $ref: pointer });
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${path}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Paths (JSON-pointer-ish) at which a removed 2026 field appears in a body. */
export function removedFieldsIn(body: unknown, at = ''): string[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => removedFieldsIn(item, `${at}/${i}`));
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([key, value]) => [
    ...((REMOVED_FIELDS as readonly string[]).includes(key) ? [`${at}/${key}`] : []),
    ...removedFieldsIn(value, `${at}/${key}`),
  ]);
}

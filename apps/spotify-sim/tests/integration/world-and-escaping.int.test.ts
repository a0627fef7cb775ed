/*
 * The catalogue's awkward content (scripts, hostile strings, duplicate ISRCs), the
 * five users, and the consent page keeping a hostile display name inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pkcePair,
  startHarness,
  ALL_SCOPES,
  CLIENT_ID,
  REDIRECT_URI,
  type Harness,
} from './support/sim-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('world', () => {
  it('has five users with ids and display names', async () => {
    const users = (await h.admin('GET', '/_sim/users')).body as {
      id: string;
      displayName: string;
    }[];
    expect(users).toHaveLength(5);
    expect(new Set(users.map((u) => u.id)).size).toBe(5);
  });

  it('has a catalogue of thousands with varied scripts and hostile names', () => {
    const { catalogue } = h.sim.world;
    expect(catalogue.tracks.size).toBeGreaterThan(2000);
    const names =
      [...catalogue.artists.values()].map((a) => a.name).join('\n') +
      [...catalogue.tracks.values()].map((t) => t.name).join('\n');
    expect(names).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(names).toMatch(/[\u0400-\u04ff]/);
    expect(names).toMatch(/[\u0600-\u06ff]/);
    expect(names).toMatch(/[éèçëï]/);
    expect(names).toContain('<script>alert(1)</script>');
    expect(names).toContain("'; DROP TABLE tracks;--");
    expect(names).toMatch(/\p{Extended_Pictographic}/u);
    for (const id of [...catalogue.tracks.keys()].slice(0, 200))
      expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it('publishes at least one recording under two track ids with the same ISRC', async () => {
    const byIsrc = new Map<string, string[]>();
    for (const track of h.sim.world.catalogue.tracks.values())
      byIsrc.set(track.isrc, [...(byIsrc.get(track.isrc) ?? []), track.id]);
    const duplicate = [...byIsrc.values()].find((list) => list.length > 1)!;
    expect(duplicate).toBeDefined();
    const token = (await h.login('ayaka.sim')).access_token;
    const [a, b] = await Promise.all(
      duplicate.slice(0, 2).map(async (id) => (await h.api(token, `/tracks/${id}`)).body),
    );
    expect(a.id).not.toBe(b.id);
    expect(a.external_ids.isrc).toBe(b.external_ids.isrc);
  });
});

describe('consent page escaping', () => {
  it('renders the hostile display name and parameters inert', async () => {
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      code_challenge_method: 'S256',
      code_challenge: challenge,
      state: '"><script>alert(2)</script>',
      scope: `${ALL_SCOPES} <img src=x onerror=alert(3)>`,
    });
    const html = await (await fetch(`${h.url}/authorize?${query}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Dana &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
  });
});

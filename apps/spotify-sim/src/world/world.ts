/*
 * The whole simulated world for one seed: catalogue, users, their listening,
 * libraries and playlists. Built once; time-dependent views take `now` explicitly.
 */
import { buildCatalogue, type Catalogue } from './catalogue.ts';
import { createLibrary, type Library } from './library.ts';
import { createListening, type Listening } from './listening.ts';
import { buildPlaylists, type Playlists } from './playlists.ts';
import { buildUsers, type SimUser } from './users.ts';

export interface World {
  seed: number;
  catalogue: Catalogue;
  users: SimUser[];
  listening: Listening;
  library: Library;
  playlists: Playlists;
  user(id: string): SimUser | undefined;
}

export function buildWorld(seed: number): World {
  const catalogue = buildCatalogue(seed);
  const users = buildUsers(seed, catalogue);
  const listening = createListening(seed, catalogue);
  return {
    seed,
    catalogue,
    users,
    listening,
    library: createLibrary(seed, catalogue, listening),
    playlists: buildPlaylists(seed, catalogue, users),
    user: (id) => users.find((u) => u.id === id),
  };
}

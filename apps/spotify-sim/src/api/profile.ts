/*
 * Which Spotify the simulator imitates. `dev-mode-2026` is what a new app gets today
 * (removed endpoints and fields gone); `extended-legacy` is the pre-2024 extended-quota
 * API, useful to exercise the optional enrichments (audio features, genres…).
 */
export const PROFILES = ['dev-mode-2026', 'extended-legacy'] as const;
export type Profile = (typeof PROFILES)[number];

export function isLegacy(profile: Profile): boolean {
  return profile === 'extended-legacy';
}

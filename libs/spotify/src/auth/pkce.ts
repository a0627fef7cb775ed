import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 unreserved characters, the only ones a verifier may contain. */
export const PKCE_VERIFIER_CHARSET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** S256: base64url(sha256(verifier)) without padding. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A 64-character verifier (RFC 7636 allows 43–128) drawn uniformly from the charset:
 * bytes ≥ 198 are rejected so that 256 mod 66 does not favour the first characters.
 */
export function createPkcePair(length = 64): PkcePair {
  if (!Number.isInteger(length) || length < 43 || length > 128)
    throw new RangeError('a PKCE verifier has 43 to 128 characters');
  const limit = 256 - (256 % PKCE_VERIFIER_CHARSET.length);
  let verifier = '';
  while (verifier.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < limit && verifier.length < length)
        verifier += PKCE_VERIFIER_CHARSET[byte % PKCE_VERIFIER_CHARSET.length];
    }
  }
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

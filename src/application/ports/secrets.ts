/** Random tokens and their one-way digests (sessions, CSRF, access codes). */
export interface Secrets {
  /** A URL-safe random token with at least 256 bits of entropy. */
  token(): string;
  /** A stable one-way digest of a token, used as its storage key. */
  digest(token: string): string;
}

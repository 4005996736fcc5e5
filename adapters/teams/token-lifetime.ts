/**
 * The longest a genuine Bot Framework token lives. The Bot Connector's tokens to a bot are valid
 * for about an hour; tokens from Entra ID (the Emulator's, and a single-tenant bot's v2 tokens) for
 * 60–90 minutes by default, and never more than one day even under a tenant's token-lifetime
 * policy (AccessTokenLifetime allows 10 minutes to 1 day; the longer tokens of continuous access
 * evaluation are not issued to apps acting as themselves). A day admits every token Microsoft
 * issues and refuses one minted to stay valid for months, say with a leaked or misused key.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** The part of botbuilder's ClaimsIdentity read here: the claims of the validated JWT. */
interface Claims {
  readonly claims: ReadonlyArray<{ readonly type: string; readonly value: unknown }>;
}

function numericClaim(identity: Claims, type: string): number | undefined {
  const value = identity.claims.find((claim) => claim.type === type)?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * What is wrong with the lifetime of a token botbuilder has already validated; undefined when
 * nothing is. botbuilder (jsonwebtoken underneath) checks `exp` only when a token has one, so a
 * signed token without it would be valid forever; and it does not bound how far ahead `exp` lies.
 * The lifetime is counted from the earliest of `nbf`, `iat` and now, so an `iat` set in the future
 * does not hide a far-off `exp`.
 */
export function tokenLifetimeProblem(identity: Claims, now: Date): string | undefined {
  const expires = numericClaim(identity, 'exp');
  if (expires === undefined) return 'Bot Framework token refused: it has no exp claim (it would never expire)';
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const starts = Math.min(numericClaim(identity, 'nbf') ?? nowSeconds, numericClaim(identity, 'iat') ?? nowSeconds, nowSeconds);
  const lifetime = expires - starts;
  if (lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    return `Bot Framework token refused: its lifetime of ${(lifetime / 3600).toFixed(1)} h exceeds the ${MAX_TOKEN_LIFETIME_SECONDS / 3600} h that Bot Framework tokens have at most`;
  }
  return undefined;
}

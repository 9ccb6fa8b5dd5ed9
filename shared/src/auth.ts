// Identity and trust (DESIGN.md §6). The gateway verifies a bearer JWT; it then passes the
// verified identity to each subgraph in a header, signed with an HMAC over the identity,
// a timestamp and the request body. Subgraphs accept only requests the gateway signed.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importSPKI, jwtVerify, SignJWT, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { CITY_PREFIX } from './regions.ts';

export const ROLES = ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER', 'DEPARTMENT_OFFICER', 'ANALYST', 'AUDITOR', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = [
  'CIVIL_AFFAIRS', 'EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION',
  // Departments that only feed data in (SERVICE clients).
  'AGRICULTURE', 'HUMAN_RESOURCES', 'HEALTH', 'DISABLED_PERSONS', 'PUBLIC_SECURITY',
  'EMERGENCY_MANAGEMENT', 'MARKET_REGULATION', 'NATURAL_RESOURCES',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface Identity {
  subject: string;
  name?: string;
  role: Role;
  department?: Department;
  /** Region code prefix the caller may see: `4112` (city), a county (6) or township (9). */
  region: string;
}

export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- JWT at the gateway

export interface TokenConfig {
  issuer: string;
  audience: string;
  /** HS256 secret (development) or public keys (RS256/ES256/EdDSA). */
  key: Uint8Array | KeyObject | JWTVerifyGetKey;
  /** True when running on the built-in development secret. */
  development: boolean;
}

export const DEV_JWT_SECRET = 'lip-development-secret-do-not-use-in-production';
export const DEV_SIGNING_SECRET = 'lip-development-subgraph-signing-secret';

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

/** Keys come from configuration only (never fetched): AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE (PEM) or AUTH_JWT_SECRET. */
export async function tokenConfig(env: NodeJS.ProcessEnv = process.env): Promise<TokenConfig> {
  const issuer = env.AUTH_ISSUER ?? 'lip-dev';
  const audience = env.AUTH_AUDIENCE ?? 'low-income-graph';
  if (env.AUTH_JWKS_FILE) {
    return { issuer, audience, key: createLocalJWKSet(JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8'))), development: false };
  }
  if (env.AUTH_PUBLIC_KEY_FILE) {
    const algorithm = env.AUTH_PUBLIC_KEY_ALG ?? 'RS256';
    return { issuer, audience, key: await importSPKI(readFileSync(env.AUTH_PUBLIC_KEY_FILE, 'utf8'), algorithm), development: false };
  }
  if (!env.AUTH_JWT_SECRET && isProduction(env)) {
    throw new Error('Production needs AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE or AUTH_JWT_SECRET');
  }
  const secret = env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  return { issuer, audience, key: new TextEncoder().encode(secret), development: !env.AUTH_JWT_SECRET };
}

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
const isDepartment = (value: unknown): value is Department => DEPARTMENTS.includes(value as Department);

/** The identity in a verified token's claims; rejects claims the system does not understand. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const { sub, name, role, department, region } = claims;
  if (typeof sub !== 'string' || !sub) throw new AuthError('UNAUTHENTICATED', 'token has no subject');
  if (!isRole(role)) throw new AuthError('UNAUTHENTICATED', `token role must be one of ${ROLES.join(', ')}`);
  if (department !== undefined && !isDepartment(department)) throw new AuthError('UNAUTHENTICATED', `unknown department ${String(department)}`);
  if (role === 'DEPARTMENT_OFFICER' && !department) throw new AuthError('UNAUTHENTICATED', 'a DEPARTMENT_OFFICER token needs a department');
  const scope = typeof region === 'string' ? region : '';
  if (!/^\d+$/.test(scope) || !scope.startsWith(CITY_PREFIX) || ![4, 6, 9].includes(scope.length)) {
    throw new AuthError('UNAUTHENTICATED', 'token region must be 4112, a county (6 digits) or a township (9 digits) code');
  }
  if (role === 'CITY_ADMIN' && scope !== CITY_PREFIX) throw new AuthError('UNAUTHENTICATED', 'a CITY_ADMIN token covers the city (4112)');
  return { subject: sub, name: typeof name === 'string' ? name : undefined, role, department: department as Department | undefined, region: scope };
}

export async function verifyBearer(authorization: string | undefined, config: TokenConfig): Promise<Identity> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AuthError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer …)');
  try {
    const { payload } = await jwtVerify(token, config.key as Uint8Array, {
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 30,
    });
    return identityFromClaims(payload);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('UNAUTHENTICATED', `invalid token: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
}

/** Development tokens (scripts/token.ts and tests). */
export async function mintToken(
  identity: Omit<Identity, 'region'> & { region?: string },
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({ ...claims, region: identity.region ?? CITY_PREFIX })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(options.issuer ?? 'lip-dev')
    .setAudience(options.audience ?? 'low-income-graph')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
}

// ---------------------------------------------------------------- gateway → subgraph signatures

export const SIGNATURE_HEADERS = { identity: 'x-lip-identity', timestamp: 'x-lip-timestamp', nonce: 'x-lip-nonce', signature: 'x-lip-signature' } as const;
/** How old a signed request may be (also how long its signature is remembered against replay). */
export const REPLAY_WINDOW_MS = 30_000;

/** SUBGRAPH_SIGNING_SECRET; development has a default, production refuses to start without one. */
export function signingSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.SUBGRAPH_SIGNING_SECRET;
  if (secret) return secret;
  if (isProduction(env)) throw new Error('Production needs SUBGRAPH_SIGNING_SECRET');
  return DEV_SIGNING_SECRET;
}

// The nonce makes two identical requests in the same millisecond distinct, so the replay
// guard can refuse any signature seen twice.
const mac = (secret: string, timestamp: string, nonce: string, identity: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${nonce}.${identity}.${createHash('sha256').update(body).digest('hex')}`).digest('base64url');

export function signRequest(identity: Identity, body: string, secret: string, now = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const timestamp = String(now);
  const nonce = randomUUID();
  return {
    [SIGNATURE_HEADERS.identity]: encoded,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: mac(secret, timestamp, nonce, encoded, body),
  };
}

/** Remembers signatures seen within the replay window. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  /** False when `signature` was already used. */
  accept(signature: string, now = Date.now()): boolean {
    for (const [key, at] of this.seen) {
      if (now - at <= REPLAY_WINDOW_MS) break; // insertion order = time order
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, now);
    return true;
  }
}

/** The identity of a signed gateway request, or an AuthError saying why it is refused. */
export function verifySignedRequest(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  secret: string,
  replay: ReplayGuard,
  now = Date.now(),
): Identity {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const encoded = header(SIGNATURE_HEADERS.identity);
  const timestamp = header(SIGNATURE_HEADERS.timestamp);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  const signature = header(SIGNATURE_HEADERS.signature);
  if (!encoded || !timestamp || !nonce || !signature) throw new AuthError('UNAUTHENTICATED', 'unsigned request: subgraphs accept only requests signed by the gateway');
  const expected = Buffer.from(mac(secret, timestamp, nonce, encoded, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AuthError('UNAUTHENTICATED', 'bad request signature');
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || age > REPLAY_WINDOW_MS || age < -5_000) throw new AuthError('UNAUTHENTICATED', 'signed request is too old');
  if (!replay.accept(signature, now)) throw new AuthError('UNAUTHENTICATED', 'replayed request');
  const claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Identity;
  return identityFromClaims({ ...claims, sub: claims.subject });
}

// Identity (docs/security.md). Callers present a bearer JWT. The gateway verifies it,
// forwards it to each subgraph unchanged, and every subgraph verifies it again against the same keys
// (see upstream-signature.ts for the gateway's signature that comes with it).
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importSPKI, type JSONWebKeySet, type JWTVerifyGetKey, jwtVerify, type KeyObject, SignJWT } from 'jose';
import { CITY_PREFIX } from './regions.ts';

export const ROLES = ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER', 'DEPARTMENT_OFFICER', 'ANALYST', 'AUDITOR', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = [
  'CIVIL_AFFAIRS',
  'EDUCATION',
  'HOUSING',
  'HEALTH_INSURANCE',
  'UNION',
  // 司法局: asks civil affairs for economic verification reports for legal aid.
  'JUSTICE',
  // 财政局: pays basic living assistance with civil affairs (payrolls, bank files).
  'FINANCE',
  // Departments that only feed data in (SERVICE clients).
  'AGRICULTURE',
  'HUMAN_RESOURCES',
  'HEALTH',
  'DISABLED_PERSONS',
  'PUBLIC_SECURITY',
  'EMERGENCY_MANAGEMENT',
  'MARKET_REGULATION',
  'NATURAL_RESOURCES',
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
  /** The algorithms the configured keys are for: a token signed with any other is refused (no `alg` confusion). */
  algorithms: string[];
  /** Longest lifetime (`exp` − `iat`, seconds) a token may claim: AUTH_MAX_TOKEN_LIFETIME, 12 hours by default. */
  maxLifetimeSeconds: number;
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
  const maxLifetimeSeconds = Number(env.AUTH_MAX_TOKEN_LIFETIME ?? 12 * 3600);
  if (!Number.isInteger(maxLifetimeSeconds) || maxLifetimeSeconds <= 0) throw new Error('AUTH_MAX_TOKEN_LIFETIME must be a whole number of seconds');
  const common = { issuer, audience, maxLifetimeSeconds };
  if (env.AUTH_JWKS_FILE) {
    const jwks = JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8')) as JSONWebKeySet;
    // Each key names its algorithm; jose then matches a token's `alg` to the key's, so the allow-list is per key.
    const algorithms = jwks.keys.map((key) => key.alg);
    if (algorithms.some((alg) => !alg || alg === 'none' || alg.startsWith('HS'))) throw new Error('every key in AUTH_JWKS_FILE needs an asymmetric "alg"');
    return { ...common, key: createLocalJWKSet(jwks), algorithms: [...new Set(algorithms as string[])], development: false };
  }
  if (env.AUTH_PUBLIC_KEY_FILE) {
    const algorithm = env.AUTH_PUBLIC_KEY_ALG ?? 'RS256';
    return { ...common, key: await importSPKI(readFileSync(env.AUTH_PUBLIC_KEY_FILE, 'utf8'), algorithm), algorithms: [algorithm], development: false };
  }
  if (!env.AUTH_JWT_SECRET && isProduction(env)) {
    throw new Error('Production needs AUTH_JWKS_FILE, AUTH_PUBLIC_KEY_FILE or AUTH_JWT_SECRET');
  }
  const secret = env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  return { ...common, key: new TextEncoder().encode(secret), algorithms: ['HS256'], development: !env.AUTH_JWT_SECRET };
}

/** Clock difference tolerated between token issuer, gateway and subgraphs. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The region code length each role's scope must have: a township worker works in a township. */
const REGION_LEVELS: Record<Role, readonly number[]> = {
  CITY_ADMIN: [4],
  COUNTY_OFFICER: [6],
  TOWNSHIP_WORKER: [9],
  DEPARTMENT_OFFICER: [4, 6, 9],
  ANALYST: [4, 6, 9],
  AUDITOR: [4, 6, 9],
  SERVICE: [4, 6, 9],
};

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
  if (!REGION_LEVELS[role].includes(scope.length)) {
    throw new AuthError('UNAUTHENTICATED', `a ${role} token needs a region of ${REGION_LEVELS[role].join(' or ')} digits`);
  }
  return { subject: sub, name: typeof name === 'string' ? name : undefined, role, department: department as Department | undefined, region: scope };
}

/**
 * Tokens already verified against a configuration, with the identity and the instant (ms) from which
 * jose's time checks (exp, maximum age) may fail: the same token reaches the gateway and every subgraph
 * it calls, request after request, and verifying its signature each time (WebCrypto, a key import) was
 * a tenth of a subgraph's CPU for person 360. Keys never change while a configuration lives.
 */
const verifiedTokens = new WeakMap<TokenConfig, Map<string, { identity: Identity; until: number }>>();
/** Distinct tokens remembered per configuration; beyond it the memory starts again. */
const VERIFIED_TOKENS_LIMIT = 10_000;

export async function verifyBearer(authorization: string | undefined, config: TokenConfig): Promise<Identity> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AuthError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer …)');
  const verified = verifiedTokens.get(config) ?? new Map<string, { identity: Identity; until: number }>();
  verifiedTokens.set(config, verified);
  const known = verified.get(token);
  if (known && Date.now() < known.until) return { ...known.identity };
  try {
    const { payload } = await jwtVerify(token, config.key as Uint8Array, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.algorithms,
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: config.maxLifetimeSeconds,
    });
    // maxTokenAge bounds how long ago it was issued; this bounds how long it claims to last.
    if (payload.exp! - payload.iat! > config.maxLifetimeSeconds) {
      throw new AuthError('UNAUTHENTICATED', `invalid token: it lives longer than ${config.maxLifetimeSeconds} s`);
    }
    const identity = identityFromClaims(payload);
    if (verified.size >= VERIFIED_TOKENS_LIMIT) verified.clear();
    // Without the clock tolerance: past this instant jose decides again.
    verified.set(token, { identity, until: Math.min(payload.exp!, payload.iat! + config.maxLifetimeSeconds) * 1000 });
    return { ...identity };
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('UNAUTHENTICATED', `invalid token: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
}

/** Development tokens (scripts/token.ts and tests). */
export async function mintToken(
  identity: Omit<Identity, 'region'> & { region?: string },
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number; algorithm?: 'HS256' | 'HS384' | 'HS512' } = {},
): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({ ...claims, region: identity.region ?? CITY_PREFIX })
    .setProtectedHeader({ alg: options.algorithm ?? 'HS256' })
    .setSubject(subject)
    .setIssuer(options.issuer ?? 'lip-dev')
    .setAudience(options.audience ?? 'low-income-graph')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
}

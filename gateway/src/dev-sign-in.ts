// Development sign-in: the explorer (and any local page) picks a role, department and region
// from lists and gets a token for it from GET /explorer/dev-token, so a first query needs no
// copying. The route mints only while the gateway verifies tokens with the built-in
// development secret; with a real key (AUTH_JWT_SECRET, AUTH_JWKS_FILE…) it answers 403.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthError, DEPARTMENTS, type Identity, identityFromClaims, mintToken, ROLES, type TokenConfig } from '@lip/shared/auth';
import { CITY_PREFIX, counties, findRegion, townships } from '@lip/shared/regions';

export const DEV_TOKEN_PATH = '/explorer/dev-token';
/** A request header a cross-origin page cannot send without a preflight this server never grants. */
export const DEV_SIGN_IN_HEADER = 'x-lip-dev-sign-in';
/** The identity the explorer signs in as at first, and whose token `npm start` prints. */
export const DEV_SIGN_IN_DEFAULT = { role: 'CITY_ADMIN', region: CITY_PREFIX } as const satisfies Partial<Identity>;
const HOURS = 8;

export interface DevSignInChoices {
  default: { role: string; region: string; department?: string };
  roles: readonly string[];
  departments: readonly string[];
  /** The city, its counties and their townships, in that order (townships indented by level). */
  regions: { code: string; name: string; level: 'CITY' | 'COUNTY' | 'TOWNSHIP' }[];
}

export function devSignInChoices(): DevSignInChoices {
  const regions: DevSignInChoices['regions'] = [{ code: CITY_PREFIX, name: '三门峡市', level: 'CITY' }];
  for (const county of counties()) {
    regions.push({ code: county.code, name: county.name, level: 'COUNTY' });
    for (const township of townships(county.code)) regions.push({ code: township.code, name: township.name, level: 'TOWNSHIP' });
  }
  return { default: { ...DEV_SIGN_IN_DEFAULT }, roles: ROLES, departments: DEPARTMENTS, regions };
}

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/** GET /explorer/dev-token?role=…&region=…[&department=…] → { token, identity, expiresAt }. */
export function devTokenRoute(tokens: TokenConfig) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (!tokens.development) {
      return send(response, 403, {
        error: 'The development sign-in is off: this gateway verifies tokens from a real key. Sign in with the identity provider.',
      });
    }
    if (request.headers[DEV_SIGN_IN_HEADER] !== '1') return send(response, 400, { error: `Send the header ${DEV_SIGN_IN_HEADER}: 1` });
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const role = query.get('role') ?? DEV_SIGN_IN_DEFAULT.role;
    const region = query.get('region') ?? DEV_SIGN_IN_DEFAULT.region;
    const department = query.get('department') || undefined;
    let identity: Identity;
    try {
      if (region !== CITY_PREFIX && !findRegion(region)) throw new AuthError('UNAUTHENTICATED', `unknown region ${region}`);
      identity = identityFromClaims({ sub: `dev-${role.toLowerCase()}-${region}`, name: `development ${role}`, role, department, region });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return send(response, 400, { error: error.message });
    }
    const token = await mintToken(identity, { issuer: tokens.issuer, audience: tokens.audience, expiresIn: `${HOURS}h` });
    send(response, 200, { token, identity, expiresAt: new Date(Date.now() + HOURS * 3_600_000).toISOString() });
  };
}

import { describe, expect, it } from 'vitest';
import { AuthError, ReplayGuard, REPLAY_WINDOW_MS, mintToken, signRequest, tokenConfig, verifyBearer, verifySignedRequest, type Identity } from '../src/auth.ts';

const worker: Identity = { subject: 'w-1', role: 'TOWNSHIP_WORKER', region: '411202001', department: 'CIVIL_AFFAIRS' };
const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof AuthError ? `${error.code}: ${error.message}` : `other: ${String(error)}`;
  }
  return 'accepted';
};

describe('bearer tokens', () => {
  it('verifies signature, issuer, audience and expiry, and reads the claims', async () => {
    const config = await tokenConfig({});
    expect(await verifyBearer(`Bearer ${await mintToken(worker)}`, config)).toEqual(worker);
    expect(await rejection(verifyBearer(undefined, config))).toMatch(/^UNAUTHENTICATED: a bearer token is required/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: -120 })}`, config))).toMatch(/ERR_JWT_EXPIRED/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { audience: 'other' })}`, config))).toMatch(/ERR_JWT_CLAIM_VALIDATION_FAILED/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { issuer: 'someone' })}`, config))).toMatch(/ERR_JWT_CLAIM_VALIDATION_FAILED/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { secret: 'forged' })}`, config))).toMatch(/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses claims it does not understand', async () => {
    const config = await tokenConfig({});
    const verify = async (identity: Record<string, unknown>) => rejection(verifyBearer(`Bearer ${await mintToken(identity as never)}`, config));
    expect(await verify({ ...worker, role: 'ROOT' })).toMatch(/role must be one of/);
    expect(await verify({ ...worker, region: '410102' })).toMatch(/region/);
    expect(await verify({ subject: 'd', role: 'DEPARTMENT_OFFICER', region: '4112' })).toMatch(/needs a department/);
    expect(await verify({ subject: 'a', role: 'CITY_ADMIN', region: '411202' })).toMatch(/covers the city/);
  });

  it('needs real keys in production', async () => {
    await expect(tokenConfig({ NODE_ENV: 'production' })).rejects.toThrow(/Production needs/);
  });
});

describe('signed subgraph requests', () => {
  const secret = 'test-secret';
  const body = '{"query":"{ person { name } }"}';

  it('carry the identity and accept each signature once', () => {
    const guard = new ReplayGuard();
    const headers = signRequest(worker, body, secret);
    expect(verifySignedRequest(headers, body, secret, guard)).toEqual(worker);
    expect(() => verifySignedRequest(headers, body, secret, guard)).toThrow(/replayed/);
  });

  it('are refused when unsigned, tampered with, signed with another secret, or too old', () => {
    const guard = new ReplayGuard();
    expect(() => verifySignedRequest({}, body, secret, guard)).toThrow(/unsigned/);
    expect(() => verifySignedRequest(signRequest(worker, body, secret), body.replace('name', 'phone'), secret, guard)).toThrow(/bad request signature/);
    expect(() => verifySignedRequest(signRequest(worker, body, 'other'), body, secret, guard)).toThrow(/bad request signature/);
    const forged = { ...signRequest(worker, body, secret), 'x-lip-identity': Buffer.from(JSON.stringify({ ...worker, role: 'CITY_ADMIN', region: '4112' })).toString('base64url') };
    expect(() => verifySignedRequest(forged, body, secret, guard)).toThrow(/bad request signature/);
    const old = signRequest(worker, body, secret, Date.now() - REPLAY_WINDOW_MS - 1000);
    expect(() => verifySignedRequest(old, body, secret, guard)).toThrow(/too old/);
  });
});

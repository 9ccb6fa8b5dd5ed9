import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../src/audit.ts';
import { AuthError, type Identity, mintToken, tokenConfig, verifyBearer } from '../src/auth.ts';
import {
  admitUpstream,
  deriveSubgraphKey,
  REPLAY_WINDOW_MS,
  REQUEST_EXTENSION,
  SIGNATURE_EXTENSION,
  signedMaterial,
  signUpstream,
  stableJson,
} from '../src/upstream-signature.ts';

/** Admission and the replay guard's verdict in one step, as a subgraph takes them for a mutation. */
async function verifyUpstream(...args: Parameters<typeof admitUpstream>): Promise<Identity> {
  const { identity, admission } = await admitUpstream(...args);
  const refusal = await admission.verdict();
  if (refusal) throw refusal;
  return identity;
}

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

  it('refuses a token it verified before once the token has expired', async () => {
    const config = await tokenConfig({});
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const token = `Bearer ${await mintToken(worker, { expiresIn: '60s' })}`;
      expect(await verifyBearer(token, config)).toEqual(worker);
      vi.setSystemTime(Date.now() + 30_000);
      expect(await verifyBearer(token, config)).toEqual(worker);
      vi.setSystemTime(Date.now() + 60_000);
      expect(await rejection(verifyBearer(token, config))).toMatch(/ERR_JWT_EXPIRED/);
    } finally {
      vi.useRealTimers();
    }
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

describe('token checks', () => {
  it('allows only the configured algorithm, a bounded lifetime and a few seconds of clock skew', async () => {
    const config = await tokenConfig({});
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { algorithm: 'HS512' })}`, config))).toMatch(/ERR_JOSE_ALG_NOT_ALLOWED/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: '10y' })}`, config))).toMatch(/lives longer than 43200 s/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: '13h' })}`, config))).toMatch(/lives longer/);
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: '12h' })}`, config))).toBe('accepted');
    const shorter = await tokenConfig({ AUTH_MAX_TOKEN_LIFETIME: '3600' });
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: '2h' })}`, shorter))).toMatch(/lives longer than 3600 s/);
    // Expired 10 s ago: beyond the 5 s tolerance (it was 30 s).
    expect(await rejection(verifyBearer(`Bearer ${await mintToken(worker, { expiresIn: -10 })}`, config))).toMatch(/ERR_JWT_EXPIRED/);
  });

  it('needs a region whose level fits the role', async () => {
    const config = await tokenConfig({});
    const verify = async (identity: Record<string, unknown>) => rejection(verifyBearer(`Bearer ${await mintToken(identity as never)}`, config));
    expect(await verify({ subject: 't', role: 'TOWNSHIP_WORKER', region: '4112' })).toMatch(/needs a region of 9 digits/);
    expect(await verify({ subject: 't', role: 'TOWNSHIP_WORKER', region: '411202' })).toMatch(/needs a region of 9 digits/);
    expect(await verify({ subject: 'c', role: 'COUNTY_OFFICER', region: '411202001' })).toMatch(/needs a region of 6 digits/);
    expect(await verify({ subject: 'c', role: 'COUNTY_OFFICER', region: '411202' })).toBe('accepted');
    expect(await verify({ subject: 'a', role: 'ANALYST', region: '411202001' })).toBe('accepted');
  });
});

describe('signed subgraph requests', () => {
  const key = deriveSubgraphKey('test-secret', 'civil-affairs');
  const request = { query: '{ person { name } }', variables: { id: 'x' } };
  const memoryReplay = () => {
    const seen = new Set<string>();
    return { accept: async (signature: string) => !seen.has(signature) && !!seen.add(signature) };
  };
  const send = async (body: unknown, token: string, options: { method?: string; replay?: ReturnType<typeof memoryReplay>; key?: string; now?: number } = {}) =>
    rejection(
      verifyUpstream({ method: options.method ?? 'POST', headers: { authorization: `Bearer ${token}` } }, JSON.stringify(body), {
        key: options.key ?? key,
        tokens: await tokenConfig({}),
        replay: options.replay ?? memoryReplay(),
        now: options.now,
      }),
    );

  it('carry a verified token and are accepted once', async () => {
    const token = await mintToken(worker);
    const replay = memoryReplay();
    const signed = signUpstream(request, key, token);
    expect(
      await verifyUpstream({ method: 'POST', headers: { authorization: `Bearer ${token}` } }, JSON.stringify(signed), {
        key,
        tokens: await tokenConfig({}),
        replay,
      }),
    ).toEqual(worker);
    expect(await send(signed, token, { replay })).toMatch(/replayed/);
  });

  it('admit a request without writing, and take the replay guard’s verdict once, with a query’s audit entry or alone', async () => {
    const token = await mintToken(worker);
    const signed = JSON.stringify(signUpstream(request, key, token));
    const written: (string | undefined)[] = [];
    const seen = new Set<string>();
    const store = {
      accept: async (signature: string, _expiresAt: Date, entry?: AuditEntry) => {
        written.push(entry?.requestId);
        return !seen.has(signature) && !!seen.add(signature);
      },
    };
    const options = { key, tokens: await tokenConfig({}), replay: store };
    const admit = () => admitUpstream({ method: 'POST', headers: { authorization: `Bearer ${token}` } }, signed, options);
    const entry: AuditEntry = {
      subject: 'w-1',
      role: 'TOWNSHIP_WORKER',
      department: null,
      operation: 'q',
      kind: 'READ',
      subgraph: 's',
      persons: [],
      requestId: 'r-1',
      refusal: null,
    };
    const first = await admit();
    expect([first.identity, written]).toEqual([worker, []]);
    expect(await first.admission.verdictWith(entry)).toEqual({ refusal: null, recorded: true });
    // Taken: asking again writes nothing more, and an entry asked with it then is the caller's to write.
    expect([await first.admission.verdict(), await first.admission.verdictWith(entry), written]).toEqual([null, { refusal: null, recorded: false }, ['r-1']]);
    const replayed = await (await admit()).admission.verdictWith(entry);
    expect([replayed.refusal?.message, replayed.recorded, written]).toEqual(['replayed request', false, ['r-1', 'r-1']]);
    const failing = { accept: () => Promise.reject(new Error('connection lost')) };
    const broken = await admitUpstream({ method: 'POST', headers: { authorization: `Bearer ${token}` } }, signed, { ...options, replay: failing });
    await expect(broken.admission.verdict()).rejects.toThrow('connection lost');
  });

  it('refuse as too old a verdict taken after the signature is no longer remembered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const token = await mintToken(worker);
      const signed = JSON.stringify(signUpstream(request, key, token));
      const admitted = await admitUpstream({ method: 'POST', headers: { authorization: `Bearer ${token}` } }, signed, {
        key,
        tokens: await tokenConfig({}),
        replay: memoryReplay(),
      });
      vi.setSystemTime(Date.now() + 10 * 60_000);
      expect((await admitted.admission.verdict())?.message).toBe('signed request is too old');
    } finally {
      vi.useRealTimers();
    }
  });

  it('use Hive Gateway’s extension and stable JSON', async () => {
    const signed = signUpstream(request, key, 'token');
    expect(Object.keys(signed.extensions)).toEqual([REQUEST_EXTENSION, SIGNATURE_EXTENSION]);
    expect(signedMaterial(signed)).toBe(
      `{"extensions":{"lip-request":{"issuedAt":${signed.extensions[REQUEST_EXTENSION].issuedAt},"nonce":"${signed.extensions[REQUEST_EXTENSION].nonce}","token":"${signed.extensions[REQUEST_EXTENSION].token}"}},"query":"{ person { name } }","variables":{"id":"x"}}`,
    );
    expect(stableJson({ b: [1, { d: 1, c: undefined }], a: null })).toBe('{"a":null,"b":[1,{"d":1}]}');
  });

  it('are refused unsigned, tampered with, for another subgraph, with another token, old, or not POSTed', async () => {
    const token = await mintToken(worker);
    const other = await mintToken({ ...worker, role: 'COUNTY_OFFICER', region: '411202' });
    const signed = signUpstream(request, key, token);
    expect(await send(request, token)).toMatch(/unsigned/);
    expect(await send({ ...signed, query: '{ person { phone } }' }, token)).toMatch(/bad request signature/);
    expect(await send({ ...signed, variables: { id: 'y' } }, token)).toMatch(/bad request signature/);
    expect(await send(signed, token, { key: deriveSubgraphKey('test-secret', 'housing') })).toMatch(/bad request signature/);
    expect(await send(signed, other)).toMatch(/not the one the request was signed for/);
    expect(await send(signUpstream(request, key, token, Date.now() - REPLAY_WINDOW_MS - 1000), token)).toMatch(/too old/);
    expect(await send(signUpstream(request, key, token, Date.now() + 60_000), token)).toMatch(/too old/);
    expect(await send(signed, token, { method: 'GET' })).toMatch(/POST only/);
    expect(await send([signed], token)).toMatch(/one operation per request/);
  });
});

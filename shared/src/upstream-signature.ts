// Gateway → subgraph trust (docs/security.md, "Between gateway and subgraphs"). A subgraph serves a
// request only when
//  - it is a POST (what every federation gateway sends; a GET could carry a signature plus a query
//    of the sender's choosing in the URL),
//  - it carries the caller's bearer token, which the subgraph verifies itself against the same keys,
//  - and the body carries the gateway's HMAC in Hive Gateway's convention: `extensions["hmac-signature"]`,
//    base64 of HMAC-SHA256 over a stable (sorted-key) JSON of the request (useHmacUpstreamSignature).
// The signed JSON also holds `extensions["lip-request"]` = { nonce, issuedAt, token: SHA-256 of the
// bearer token }, so a signature is good for one request, one caller and 30 seconds; each subgraph
// has its own key, derived from the shared secret and the subgraph's name, so it is good for one
// subgraph. Why a key per subgraph rather than the subgraph's name in the signed text: Hive Gateway's
// plugin signs with one secret per plugin instance and chooses subgraphs with `shouldSign`, so a key
// per subgraph is plain configuration there; and a subgraph can be given only its own key, so a
// compromised subgraph cannot sign requests for the others.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { AuthError, DEV_SIGNING_SECRET, type Identity, type TokenConfig, verifyBearer } from './auth.ts';
import { envPrefix } from './database.ts';

/** Hive Gateway's default extension name for the upstream HMAC. */
export const SIGNATURE_EXTENSION = 'hmac-signature';
/** Our extension with what makes a signature good for one request. */
export const REQUEST_EXTENSION = 'lip-request';
/** How old a signed request may be when it arrives. */
export const REPLAY_WINDOW_MS = 30_000;
/** How far in the future a request's `issuedAt` may be (clock differences). */
const FUTURE_TOLERANCE_MS = 5_000;
/**
 * A query's signature is written after it ran (with its audit entry, subgraph.ts), so signatures are
 * remembered this much longer than the window: a replay admitted at the window's end still finds the
 * original's, however long it runs up to this. A verdict taken later is refused as too old.
 */
const VERDICT_GRACE_MS = 120_000;

export interface RequestClaim {
  nonce: string;
  /** Milliseconds since the epoch, on the gateway's clock. */
  issuedAt: number;
  /** base64url SHA-256 of the bearer token sent with the request. */
  token: string;
}

export interface GraphQLBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

/** SUBGRAPH_SIGNING_SECRET, the gateway's secret; development has a default, production refuses to start without one. */
export function signingSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.SUBGRAPH_SIGNING_SECRET;
  if (secret) return secret;
  if (isProduction(env)) throw new Error('Production needs SUBGRAPH_SIGNING_SECRET');
  return DEV_SIGNING_SECRET;
}

/** The key for one subgraph: what a gateway configures as that subgraph's HMAC secret. */
export const deriveSubgraphKey = (sharedSecret: string, subgraph: string) =>
  createHmac('sha256', sharedSecret).update(`lip-subgraph-signature/v1:${subgraph}`).digest('base64url');

/** A subgraph's own key: `<SUBGRAPH>_SIGNING_KEY` (give each subgraph only its own), else derived from the shared secret. */
export function subgraphSigningKey(subgraph: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${envPrefix(subgraph)}_SIGNING_KEY`] ?? deriveSubgraphKey(signingSecret(env), subgraph);
}

/**
 * JSON with object keys sorted at every level (json-stable-stringify, as Hive's plugin uses). Built by
 * appending to one string: the gateway and the subgraph run it over every request's representations.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out += ',';
      const item: unknown = value[index];
      out += item === undefined ? 'null' : stableJson(item);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${stableJson(item)}`;
  }
  return `${out}}`;
}

/** The text the HMAC covers: Hive's `{query, variables}` plus our request claim. */
export function signedMaterial(body: GraphQLBody): string {
  const variables = body.variables && Object.keys(body.variables).length > 0 ? body.variables : undefined;
  return stableJson({ query: body.query, variables, extensions: { [REQUEST_EXTENSION]: body.extensions?.[REQUEST_EXTENSION] } });
}

export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('base64url');
const mac = (key: string, material: string) => createHmac('sha256', key).update(material).digest('base64');

/** The body with the request claim and the signature added, as a gateway sends it to one subgraph. */
export function signUpstream<Body extends GraphQLBody>(
  body: Body,
  key: string,
  bearerToken: string,
  now = Date.now(),
): Body & { extensions: { [REQUEST_EXTENSION]: RequestClaim; [SIGNATURE_EXTENSION]: string } } {
  const claim: RequestClaim = { nonce: randomUUID(), issuedAt: now, token: tokenDigest(bearerToken) };
  const claimed = { ...body, extensions: { ...body.extensions, [REQUEST_EXTENSION]: claim } };
  return { ...claimed, extensions: { ...claimed.extensions, [SIGNATURE_EXTENSION]: mac(key, signedMaterial(claimed)) } };
}

/** Remembers signatures until they expire; false when one was already seen (by any replica). */
export interface ReplayStore<Entry = unknown> {
  /** With `entry` (a subgraph's audit entry), it is written in the same transaction, and only when the signature is new. */
  accept(signature: string, expiresAt: Date, entry?: Entry): Promise<boolean>;
}

/**
 * The replay guard's verdict on one admitted request: null, or the AuthError that refuses a replay (it
 * rejects only when the write fails). Taken once, by whichever asks first; nothing is written before.
 */
export interface Admission<Entry = unknown> {
  /** Writes the signature alone, or returns the verdict already taken. */
  verdict(): Promise<AuthError | null>;
  /**
   * Writes the signature with `entry` (a query's audit entry: one commit for both, and a replay writes
   * neither), or returns the verdict already taken; `recorded` says whether the entry was written.
   */
  verdictWith(entry: Entry): Promise<{ refusal: AuthError | null; recorded: boolean }>;
}

const refuse = (message: string) => new AuthError('UNAUTHENTICATED', message);

type UpstreamRequest = { method?: string; headers: Record<string, string | string[] | undefined> };
type UpstreamOptions<Entry> = {
  key: string;
  tokens: TokenConfig;
  replay: ReplayStore<Entry>;
  now?: number;
  /** rawBody's JSON, when the caller has parsed it already. */
  parsed?: unknown;
};

/**
 * The caller's identity for a request to a subgraph once everything but the replay guard checks out (an
 * AuthError says why not), and the admission that writes the signature when asked. A subgraph runs a query
 * first and writes the signature with its audit entry before the answer leaves; a mutation's is written
 * before it runs (subgraph.ts).
 */
export async function admitUpstream<Entry>(
  request: UpstreamRequest,
  rawBody: string,
  options: UpstreamOptions<Entry>,
): Promise<{ identity: Identity; admission: Admission<Entry> }> {
  if (request.method !== 'POST') throw refuse('subgraphs accept POST only');
  let body: GraphQLBody;
  try {
    body = (options.parsed ?? JSON.parse(rawBody)) as GraphQLBody;
  } catch {
    throw refuse('unsigned request: the body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refuse('unsigned request: one operation per request');
  const signature = body.extensions?.[SIGNATURE_EXTENSION];
  const claim = body.extensions?.[REQUEST_EXTENSION] as Partial<RequestClaim> | undefined;
  if (typeof signature !== 'string' || !claim || typeof claim !== 'object') {
    throw refuse('unsigned request: subgraphs accept only requests a gateway signed');
  }
  const expected = Buffer.from(mac(options.key, signedMaterial(body)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse('bad request signature');
  const now = options.now ?? Date.now();
  const issuedAt = Number(claim.issuedAt);
  if (!Number.isFinite(issuedAt) || now - issuedAt > REPLAY_WINDOW_MS || issuedAt - now > FUTURE_TOLERANCE_MS) throw refuse('signed request is too old');
  const authorization = request.headers.authorization;
  const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (!token || claim.token !== tokenDigest(token)) throw refuse('the bearer token is not the one the request was signed for');
  const identity = await verifyBearer(authorization as string, options.tokens);
  if (typeof claim.nonce !== 'string') throw refuse('replayed request');
  const expiresAt = issuedAt + REPLAY_WINDOW_MS + FUTURE_TOLERANCE_MS + VERDICT_GRACE_MS;
  let taken: Promise<AuthError | null> | undefined;
  const take = (entry?: Entry) => {
    taken =
      Date.now() > expiresAt
        ? Promise.resolve(refuse('signed request is too old'))
        : options.replay.accept(signature, new Date(expiresAt), entry).then((accepted) => (accepted ? null : refuse('replayed request')));
    return taken;
  };
  const admission: Admission<Entry> = {
    verdict: () => taken ?? take(),
    verdictWith: async (entry) => {
      if (taken) return { refusal: await taken, recorded: false };
      const refusal = await take(entry);
      return { refusal, recorded: refusal === null };
    },
  };
  return { identity, admission };
}

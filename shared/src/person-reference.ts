// Opaque stand-ins for identifiers (docs/security.md, "Masking"). A role that may not see ID numbers
// gets, wherever an ID number would be, a person reference: the masked display form followed by a
// deterministic authenticated encryption of the ID number under a key every subgraph shares
// (`411224********9025.<token>`). It is the same for the same person, so federation joins on it
// and every subgraph resolves it as a key, yet it reveals nothing the masked form does not.
// Cursors are sealed the same way under another key, so no cursor decodes into an identifier.
//
// The construction is SIV (RFC 5297's idea with HMAC): tag = HMAC-SHA256(macKey, plaintext)[:16],
// ciphertext = AES-256-CTR(encKey, iv = tag, plaintext); opening checks the tag again.
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { DEV_SIGNING_SECRET } from './auth.ts';
import { maskIdNumber } from './id-number.ts';

const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

/** PERSON_REFERENCE_KEY: shared by every subgraph (and nothing else); production refuses to start without it. */
export function personReferenceSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.PERSON_REFERENCE_KEY;
  if (secret) return secret;
  if (isProduction(env)) throw new Error('Production needs PERSON_REFERENCE_KEY');
  return `${DEV_SIGNING_SECRET}/person-reference`;
}

interface Keys {
  enc: Buffer;
  mac: Buffer;
}
const cache = new Map<string, Keys>();
function keys(purpose: 'person' | 'cursor'): Keys {
  const secret = personReferenceSecret();
  const id = `${purpose}:${secret}`;
  let found = cache.get(id);
  if (!found) {
    const derive = (use: string) => createHmac('sha256', secret).update(`lip-${purpose}-reference/v1/${use}`).digest();
    found = { enc: derive('enc'), mac: derive('mac') };
    cache.set(id, found);
  }
  return found;
}

function seal(purpose: 'person' | 'cursor', plaintext: string): string {
  const { enc, mac } = keys(purpose);
  const data = Buffer.from(plaintext, 'utf8');
  const tag = createHmac('sha256', mac).update(data).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-ctr', enc, tag);
  return Buffer.concat([tag, cipher.update(data), cipher.final()]).toString('base64url');
}

function open(purpose: 'person' | 'cursor', token: string): string | undefined {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= 16) return undefined;
  const { enc, mac } = keys(purpose);
  const tag = raw.subarray(0, 16);
  const decipher = createDecipheriv('aes-256-ctr', enc, tag);
  const data = Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]);
  const expected = createHmac('sha256', mac).update(data).digest().subarray(0, 16);
  return timingSafeEqual(tag, expected) ? data.toString('utf8') : undefined;
}

const REFERENCE = /^(\d{6}\*{8}\d{3}[\dX])\.([A-Za-z0-9_-]{40,60})$/;

/** The reference a masked role sees in place of `idNumber`. */
export const personReference = (idNumber: string) => `${maskIdNumber(idNumber)}.${seal('person', idNumber)}`;

export const isPersonReference = (value: string) => REFERENCE.test(value);

/** The ID number behind a reference this graph issued, or undefined for anything else (forged, altered). */
export function openPersonReference(value: string): string | undefined {
  const match = REFERENCE.exec(value);
  if (!match) return undefined;
  const idNumber = open('person', match[2]!);
  return idNumber && maskIdNumber(idNumber) === match[1] ? idNumber : undefined;
}

/** What a person reference shows a reader: the masked ID number. */
export const displayForm = (reference: string) => REFERENCE.exec(reference)?.[1] ?? reference;

/** A cursor sealed so that it reveals nothing (a plain cursor is base64 of the row's key). */
export const sealCursor = (cursor: string) => seal('cursor', cursor);

/** The plain cursor inside a sealed one, or undefined when it was not issued here. */
export const openCursor = (sealed: string) => (/^[A-Za-z0-9_-]{17,400}$/.test(sealed) ? open('cursor', sealed) : undefined);

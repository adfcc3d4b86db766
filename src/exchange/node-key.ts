import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConcordError } from '../errors/concord-error.js';

/** The file in a node's data folder that holds its Ed25519 private key (PKCS#8 PEM, mode 600). */
export const NODE_KEY_FILE = 'node.key';
/** A rotation's new key, written before the database learns of it and renamed over node.key after. */
export const NEXT_KEY_FILE = 'node.key.next';

// An Ed25519 SubjectPublicKeyInfo is this 12-byte DER prefix plus the raw 32-byte key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A raw Ed25519 public key as 43 base64url characters: short enough to paste into a command line. */
export function encodePublicKey(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(SPKI_PREFIX.length).toString('base64url');
}

export function decodePublicKey(text: string): KeyObject {
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== 32 || raw.toString('base64url') !== text) {
    throw new ConcordError('PUBLIC_KEY_INVALID', 'a node public key is 32 bytes in base64url (43 characters), as `concord identity` prints it');
  }
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * A node's id is derived from its first public key, so a partner registered by URL and
 * public key alone gets the same id on every node. Rotated keys keep the id.
 */
export function nodeIdFor(publicKey: string): string {
  return `node-${createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16)}`;
}

const verifiers = new Map<string, KeyObject>();

function verifierFor(publicKey: string): KeyObject {
  let key = verifiers.get(publicKey);
  if (!key) {
    key = decodePublicKey(publicKey);
    if (verifiers.size > 1000) verifiers.clear();
    verifiers.set(publicKey, key);
  }
  return key;
}

/** Verifies an Ed25519 signature made by `publicKey` (base64url) over `data`. */
export function verifySignature(publicKey: string, data: Buffer | string, signature: string): boolean {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return false;
  return verify(null, typeof data === 'string' ? Buffer.from(data) : data, verifierFor(publicKey), sig);
}

/**
 * The same check on libuv's thread pool: a verification costs ~100 µs of CPU, so a page of
 * a thousand is spread over every core instead of holding the event loop for 0.1 s.
 */
export function verifySignatureAsync(publicKey: string, data: Buffer | string, signature: string): Promise<boolean> {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return Promise.resolve(false);
  const key = verifierFor(publicKey);
  return new Promise((resolve) => verify(null, typeof data === 'string' ? Buffer.from(data) : data, key, sig, (err, ok) => resolve(!err && ok)));
}

/** The node's signing key. Signing is synchronous (~50 µs), so it can run inside a store transaction. */
export class NodeKey {
  readonly publicKey: string;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = encodePublicKey(createPublicKey(privateKey));
  }

  static generate(): NodeKey {
    return new NodeKey(generateKeyPairSync('ed25519').privateKey);
  }

  static fromPem(pem: string): NodeKey {
    return new NodeKey(createPrivateKey(pem));
  }

  /** Loads `<dataDir>/node.key`, or creates it (mode 600) when `create` is set and it is missing. */
  static load(dataDir: string, options: { create: boolean }): NodeKey | undefined {
    const file = join(dataDir, NODE_KEY_FILE);
    if (existsSync(file)) {
      try {
        return NodeKey.fromPem(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new ConcordError('NODE_KEY_INVALID', `${file} does not hold an Ed25519 private key: ${(err as Error).message}`);
      }
    }
    if (!options.create) return undefined;
    const key = NodeKey.generate();
    writeFileSync(file, key.toPem(), { mode: 0o600, flag: 'wx' });
    return key;
  }

  toPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  sign(data: Buffer | string): string {
    return sign(null, typeof data === 'string' ? Buffer.from(data) : data, this.privateKey).toString('base64url');
  }
}

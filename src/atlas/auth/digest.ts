import { createHash, randomBytes } from 'node:crypto';
import type { Authenticator } from './authenticator.ts';
import { parseChallenge, quote } from './challenge.ts';

interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: string;
  qop: string | undefined;
  nonceCount: number;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * HTTP Digest (RFC 7616, MD5, qop=auth) with an Atlas API key pair. The server's nonce is reused with an
 * increasing nonce count, so after one handshake every call costs one round trip. The handshake is a
 * single flight: parallel callers wait for the same challenge instead of each provoking their own.
 */
export class DigestAuthenticator implements Authenticator {
  readonly mode = 'digest';
  readonly credentialKey: string;
  private challenge: DigestChallenge | undefined;
  private handshake: Promise<void> | undefined;

  private readonly publicKey: string;
  private readonly privateKey: string;
  /** Makes an unauthenticated call and returns its `WWW-Authenticate` header. */
  private readonly fetchChallenge: () => Promise<string | undefined>;

  constructor(
    publicKey: string,
    privateKey: string,
    fetchChallenge: () => Promise<string | undefined>,
  ) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.fetchChallenge = fetchChallenge;
    this.credentialKey = `digest:${publicKey}`;
  }

  async authorization(method: string, uri: string): Promise<string | undefined> {
    if (!this.challenge) await this.handshakeOnce();
    return this.challenge ? this.sign(this.challenge, method, uri) : undefined;
  }

  async renew(header: string | undefined, sentAuthorization: string | undefined): Promise<boolean> {
    const fresh = header ? this.parse(header) : undefined;
    if (fresh) {
      // Only the first of several calls failing on one old nonce replaces it: the others then retry with it.
      if (!this.challenge || sentAuthorization?.includes(quote(this.challenge.nonce)))
        this.challenge = fresh;
      return true;
    }
    this.challenge = undefined;
    await this.handshakeOnce();
    return this.challenge !== undefined;
  }

  private handshakeOnce(): Promise<void> {
    this.handshake ??= this.fetchChallenge()
      .then((header) => {
        this.challenge = header ? this.parse(header) : undefined;
      })
      .finally(() => {
        this.handshake = undefined;
      });
    return this.handshake;
  }

  private parse(header: string): DigestChallenge | undefined {
    const params = parseChallenge(header, 'Digest');
    if (!params?.nonce || params.realm === undefined) return undefined;
    const qop = params.qop?.split(',').map((q) => q.trim());
    return {
      realm: params.realm,
      nonce: params.nonce,
      opaque: params.opaque,
      algorithm: params.algorithm ?? 'MD5',
      qop: qop?.includes('auth') ? 'auth' : undefined,
      nonceCount: 0,
    };
  }

  private sign(challenge: DigestChallenge, method: string, uri: string): string {
    challenge.nonceCount += 1;
    const nc = challenge.nonceCount.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const ha1 = md5(`${this.publicKey}:${challenge.realm}:${this.privateKey}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = challenge.qop
      ? md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`)
      : md5(`${ha1}:${challenge.nonce}:${ha2}`);
    const parts = [
      `username=${quote(this.publicKey)}`,
      `realm=${quote(challenge.realm)}`,
      `nonce=${quote(challenge.nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${challenge.algorithm}`,
      `response=${quote(response)}`,
    ];
    if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}

import type { AtlasCredentials } from '../../config/index.ts';
import { type AtlasClient, header, safeJson } from '../client.ts';
import { AtlasCallError, atlasDetail } from '../errors.ts';
import { getSystemStatus } from '../root.ts';
import { type Authenticator, noAuthentication } from './authenticator.ts';
import { DigestAuthenticator } from './digest.ts';
import { type AccessToken, ServiceAccountAuthenticator } from './service-account.ts';

/** Picks the authenticator for the configured credentials. */
export function createAuthenticator(
  credentials: AtlasCredentials,
  tokenUrl: string | undefined,
): (client: AtlasClient) => Authenticator {
  switch (credentials.kind) {
    case 'none':
      return () => noAuthentication;
    case 'digest':
      return (client) =>
        new DigestAuthenticator(credentials.publicKey, credentials.privateKey, () =>
          fetchChallenge(client),
        );
    case 'service-account':
      return (client) =>
        new ServiceAccountAuthenticator(credentials.clientId, () =>
          requestToken(
            client,
            tokenUrl ?? `${client.baseUrl}/api/oauth/token`,
            credentials.clientId,
            credentials.clientSecret,
          ),
        );
  }
}

/** An unsigned call whose only purpose is the Digest challenge it provokes. */
async function fetchChallenge(client: AtlasClient): Promise<string | undefined> {
  const response = await client.exchangeBare(
    client.baseUrl + getSystemStatus.path,
    { method: getSystemStatus.method, headers: { accept: getSystemStatus.accept } },
    getSystemStatus.operation,
  );
  await response.body.dump();
  return header(response.headers, 'www-authenticate');
}

/** Form POST with Basic auth, as the OAuth token endpoint wants; answers the parsed JSON body. */
async function postForm(
  client: AtlasClient,
  url: string,
  basic: string,
  form: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await client.exchangeBare(
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
    },
    'oauthToken',
  );
  return { status: response.statusCode, body: safeJson(await response.body.text()) };
}

async function requestToken(
  client: AtlasClient,
  url: string,
  clientId: string,
  clientSecret: string,
): Promise<AccessToken> {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const { status, body } = await postForm(client, url, basic, { grant_type: 'client_credentials' });
  const token = body as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (status === 200 && typeof token?.access_token === 'string') {
    const lifetimeSeconds = typeof token.expires_in === 'number' ? token.expires_in : 3600;
    return { value: token.access_token, expiresAt: Date.now() + lifetimeSeconds * 1000 };
  }
  const oauthError = (body as { error?: unknown } | undefined)?.error;
  const atlas = {
    ...atlasDetail(status, undefined),
    errorCode: typeof oauthError === 'string' ? oauthError : null,
  };
  if (status === 401 || status === 400) {
    throw new AtlasCallError(
      'UNAUTHENTICATED',
      'Atlas refused the service account credentials (mode: service-account).',
      { atlas },
    );
  }
  if (status === 429)
    throw new AtlasCallError(
      'RATE_LIMITED',
      'The Atlas token endpoint is rate limited; retry later.',
      { atlas },
    );
  throw new AtlasCallError(
    'UPSTREAM_UNAVAILABLE',
    `The Atlas token endpoint answered HTTP ${status}.`,
    { atlas },
  );
}

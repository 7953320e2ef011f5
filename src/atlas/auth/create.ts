import type { AtlasCredentials } from '../../config/index.ts';
import type { AtlasClient } from '../client.ts';
import { atlasDetail, UpstreamError } from '../errors.ts';
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
          client.fetchChallenge(),
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

async function requestToken(
  client: AtlasClient,
  url: string,
  clientId: string,
  clientSecret: string,
): Promise<AccessToken> {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const { status, body } = await client.postForm(url, basic, { grant_type: 'client_credentials' });
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
    throw new UpstreamError(
      'UNAUTHENTICATED',
      'Atlas refused the service account credentials (mode: service-account).',
      { atlas },
    );
  }
  if (status === 429)
    throw new UpstreamError(
      'RATE_LIMITED',
      'The Atlas token endpoint is rate limited; retry later.',
      { atlas },
    );
  throw new UpstreamError(
    'UPSTREAM_UNAVAILABLE',
    `The Atlas token endpoint answered HTTP ${status}.`,
    { atlas },
  );
}

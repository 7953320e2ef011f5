/** An Atlas access token from the simulator's OAuth endpoint, as a frontend's backend would obtain it. */
export async function serviceAccountToken(
  simulatorUrl: string,
  account: { clientId: string; clientSecret: string },
): Promise<string> {
  const response = await fetch(`${simulatorUrl}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** RFC 7617 with UTF-8: a Quay robot's `org+name` goes through byte for byte, never URL-encoded. */
export function basicAuthorization({ username, password }: BasicCredentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

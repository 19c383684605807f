// Node's loader (Playwright's specs import main/ through it) takes JSON with this attribute only, and as a default import.
import packageJson from '../../package.json' with { type: 'json' };

const { version } = packageJson;

/** Where a registry's operator reads who sent a request (the packaged deb's homepage, electron-builder.yml). */
const HOMEPAGE = 'https://registrydesk.io';

/**
 * How every request to a registry and its listing APIs names the app, so a registry's operator
 * reading their access log can tell Registry Desk's requests apart and find out what it is.
 */
export const USER_AGENT = `RegistryDesk/${version} (+${HOMEPAGE})`;

/** The same, as the AWS SDK's `customUserAgent` takes it (the SDK adds its own parts after it). */
export const AWS_CUSTOM_USER_AGENT: [string, string][] = [['RegistryDesk', version]];

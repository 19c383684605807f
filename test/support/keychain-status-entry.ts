// Prints the app's keychain status as JSON: bundled by keychain-status tests and run in a keyring of their own.
import { createKeytarSecretStore, loadKeytar } from '../../main/keychain/keytar-secret-store';

const store = createKeytarSecretStore(process.env.KEYCHAIN_SERVICE ?? 'Registry Desk', await loadKeytar());
process.stdout.write(JSON.stringify(await store.status()));

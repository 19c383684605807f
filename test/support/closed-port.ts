import { connect } from 'node:net';

// A port freed after listen(0) goes back to the ephemeral range, where the next server or outgoing
// connection of any process on a busy CI machine may take it, and "refused" turns into a TLS error.
// Below 1024 only root binds, and only on purpose: a refused port there stays refused. The range
// starts past the ports fetch and browsers block (1–179), so every client sees a plain refusal.
const FIRST = 240;
const LAST = 1023;
let next = FIRST;

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** A port nothing listens on, different at each call: an API server or registry that is not there. */
export async function closedPort(): Promise<number> {
  for (; next <= LAST; next += 1) {
    const port = next;
    if (await refused(port)) {
      next += 1;
      return port;
    }
  }
  throw new Error(`no refused port between ${FIRST} and ${LAST} on 127.0.0.1`);
}

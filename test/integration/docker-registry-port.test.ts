// The test registry is told its port before it binds it, so another process can take the port in
// between. Here the first port handed out is already taken: the registry must come up on another.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startDockerRegistry } from '../registry-servers/docker-registry';

const picks = vi.hoisted(() => ({ taken: 0, handedOut: [] as number[] }));

vi.mock('../registry-servers/free-port', async (importOriginal) => {
  const original = await importOriginal<typeof import('../registry-servers/free-port')>();
  return {
    freePort: async () => {
      const port = picks.handedOut.length === 0 ? picks.taken : await original.freePort();
      picks.handedOut.push(port);
      return port;
    },
  };
});

let occupant: Server;

beforeAll(async () => {
  occupant = createServer();
  await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
  picks.taken = (occupant.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => occupant.close(resolve));
});

it('starts on another port when the one it picked was taken before it could bind', async () => {
  const registry = await startDockerRegistry();
  try {
    expect(picks.handedOut[0]).toBe(picks.taken);
    expect(picks.handedOut).toHaveLength(2);
    expect(registry.port).toBe(picks.handedOut[1]);
    const answer = await fetch(`http://${registry.address}/v2/`);
    expect(answer.status).toBe(200);
  } finally {
    await registry.stop();
  }
});

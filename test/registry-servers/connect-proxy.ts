import { request as forward } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningConnectProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY and HTTP_PROXY. */
  url: string;
  /** `host:port` of every destination it carried traffic to, tunnelled or forwarded, in order. */
  destinations(): string[];
  stop(): Promise<void>;
}

/**
 * An HTTP proxy of the kind HTTPS_PROXY and HTTP_PROXY name, as squid behaves: CONNECT opens a
 * tunnel (https, and http when a client asks), a request in absolute form (`GET http://host/path`)
 * is forwarded; an unreachable destination is a 502.
 */
export async function startConnectProxy(): Promise<RunningConnectProxy> {
  const destinations: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400);
      response.end('not an absolute-form request');
      return;
    }
    destinations.push(target.host);
    const upstream = forward(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      response.writeHead(502);
      response.end('Bad Gateway');
    });
    request.pipe(upstream);
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    destinations.push(target);
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    destinations: () => [...destinations],
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// The browsers' proxy for every host that is NOT one of our loopback ESP hosts. It forwards nothing: it records
// the attempt (CONNECT host:port for HTTPS, the absolute URL for plain HTTP) and refuses it. A request that
// would have left the machine therefore shows up here instead of on the network, which is what the
// "no request leaves loopback" test counts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface EgressAttempt {
  /** `host:port` for CONNECT, the absolute URL for plain HTTP. */
  target: string;
  method: string;
  at: number;
}

export interface EgressRecorder {
  port: number;
  attempts: EgressAttempt[];
  /** Attempts recorded at or after `since` (ms epoch). */
  attemptsSince(since: number): EgressAttempt[];
  close(): Promise<void>;
}

export async function startEgressRecorder(): Promise<EgressRecorder> {
  const attempts: EgressAttempt[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    attempts.push({ target: req.url ?? '', method: req.method ?? 'GET', at: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('Scanner Sieve e2e: requests may not leave loopback');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, socket: Socket) => {
    attempts.push({ target: req.url ?? '', method: 'CONNECT', at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    attemptsSince: (since) => attempts.filter((attempt) => attempt.at >= since),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

// The browsers' proxy for every host that is NOT one of our loopback ESP hosts. It forwards nothing: it records
// the attempt (CONNECT host:port for HTTPS, the absolute URL for plain HTTP) and refuses it. A request that
// would have left the machine therefore shows up here instead of on the network, which is what the
// "no request leaves loopback" test counts. A test may route one named host to a loopback port instead (`tunnel`):
// the CONNECT then reaches the local HTTPS server that plays that host, and is listed as tunnelled, not as egress.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

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
  /** CONNECTs to hosts routed by `tunnel`, each carried to the loopback port (they never left the machine). */
  tunnelled: EgressAttempt[];
  /** From now on, CONNECT `host:443` reaches 127.0.0.1:`port` (a loopback server playing that host). */
  tunnel(host: string, port: number): void;
  /** Back to refusing every CONNECT. */
  stopTunnels(): void;
  close(): Promise<void>;
}

export async function startEgressRecorder(): Promise<EgressRecorder> {
  const attempts: EgressAttempt[] = [];
  const tunnelled: EgressAttempt[] = [];
  const tunnels = new Map<string, number>();
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
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const port = target.endsWith(':443') ? tunnels.get(target.slice(0, -':443'.length).toLowerCase()) : undefined;
    if (port === undefined) {
      attempts.push({ target, method: 'CONNECT', at: Date.now() });
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnelled.push({ target, method: 'CONNECT', at: Date.now() });
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    attemptsSince: (since) => attempts.filter((attempt) => attempt.at >= since),
    tunnelled,
    tunnel: (host, port) => void tunnels.set(host.toLowerCase(), port),
    stopTunnels: () => tunnels.clear(),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

/**
 * The health and metrics endpoint (HEALTH_PORT; off when unset), on localhost by default:
 *   GET /health   200 while the process serves or loads ("ready" / "loading"), 503 once the library failed
 *   GET /ready    200 only when searches are answered, 503 while loading or failed
 *   GET /metrics  the Prometheus text format (src/health/metrics.ts)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

export interface HealthServer {
  /** The port listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/** Starts listening; rejects when the port cannot be bound (e.g. already in use). */
export function startHealthServer(metrics: Metrics, options: { port: number; host?: string }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url === '/metrics') return text(200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
    if (url === '/health' || url === '/healthz') return text(metrics.status === 'failed' ? 503 : 200, `${metrics.status}\n`);
    if (url === '/ready' || url === '/readyz') return text(metrics.status === 'ready' ? 200 : 503, `${metrics.status}\n`);
    text(404, 'not found: try /health, /ready or /metrics\n');
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

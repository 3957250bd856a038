/** Runs autocannon against one URL and keeps the figures the table shows. */
import autocannon from 'autocannon';

export interface LoadFigures {
  /** Completed requests per second (mean over the run). */
  perSecond: number;
  p50: number;
  p99: number;
  /** Requests that completed with a 2xx status. */
  ok: number;
  /** Requests that failed or answered outside 2xx. */
  failed: number;
}

export interface LoadOptions {
  url: string;
  /** The JSON body of each request; called once per request so each can differ. */
  body: () => unknown;
  connections: number;
  seconds: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  rate?: number;
}

/** POSTs JSON bodies with `connections` concurrent connections for `seconds`. */
export async function runLoad({ url, body, connections, seconds, rate }: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    overallRate: rate,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) })
      }
    ]
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts
  };
}

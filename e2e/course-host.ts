/**
 * A course page on another origin, as course sites are: a plain server that answers every request
 * with the page `html` makes for the embed address given in its `?embed=` query (so the page works
 * with any preview port). Loopback, as the preview server: Chromium refuses to let other address
 * spaces frame it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CourseHost {
  /** The page's origin; open `${origin}/?embed=${encodeURIComponent(embedUrl)}`. */
  origin: string;
  close(): Promise<void>;
}

/** `html` gets the embed address, already escaped for an attribute. */
export async function startCourseHost(html: (src: string) => string): Promise<CourseHost> {
  const server = http.createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('embed') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(html(src.replace(/"/g, '&quot;')));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

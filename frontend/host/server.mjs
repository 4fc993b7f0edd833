// Serves the host at /front and proxies /api to the backend, on one origin so that the JWT cookie works.
import http from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const port = Number(process.env.FRONT_PORT || 3000);
const host = process.env.FRONT_HOST || "127.0.0.1";
const backend = new URL(process.env.BACKEND_URL || `http://127.0.0.1:${process.env.PORT || 8000}`);
const TYPES = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png", ".svg": "image/svg+xml" };

function proxy(req, res) {
  const upstream = http.request(
    { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", (error) => {
    res.writeHead(502, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ message: `backend unreachable: ${error.message}` }));
  });
  req.pipe(upstream);
}

async function serve(req, res) {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/" || path === "/front") {
    res.writeHead(302, { Location: "/front/" });
    return res.end();
  }
  const file = normalize(join(dist, path.replace(/^\/front\/?/, "")));
  const ext = file.slice(file.lastIndexOf("."));
  if (file.startsWith(dist) && TYPES[ext] && ext !== ".html") {
    try {
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[ext], "Cache-Control": "no-cache" });
      return res.end(body);
    } catch (e) {
      // not a file of the bundle: the application's route
    }
  }
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(await readFile(join(dist, "index.html")));
}

http
  .createServer((req, res) => (req.url.startsWith("/api/") ? proxy(req, res) : serve(req, res).catch(() => res.end())))
  .listen(port, host, () => console.log(`openIMIS with the meeting module on http://${host}:${port}/front (API: ${backend.origin})`));

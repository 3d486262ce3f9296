#!/usr/bin/env node
// The demo's static server: the built site (web-demo/dist/, made by web-demo/build.mjs) at /.
// Localhost only, no dependencies; any static host serves the site as well.
//
//   node web-demo/serve.mjs [PORT]        (or PORT=... ; default 8080; 0 picks a free port)
//
// Tests import createStaticServer() to serve their own folders the same way.
import { createServer } from "node:http";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".wasm": "application/wasm", // instantiateStreaming refuses any other type
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** The built package's folder (wasm/dist/, or LEDE_DIST): what the tests compare the page with. */
export const packageDir = path.resolve(process.env.LEDE_DIST ?? path.join(repo, "wasm", "dist"));
export const samplesDir = path.resolve(process.env.LEDE_SAMPLES ?? path.join(repo, "samples"));
/** The built site: web-demo/dist/, or LEDE_SITE to serve another build. */
export const siteDir = path.resolve(process.env.LEDE_SITE ?? path.join(here, "dist"));

/** The demo's URL layout: URL prefix → folder on disk (longest prefix wins). */
export function demoMounts() {
  return { "/": siteDir };
}

/**
 * A static file server over `mounts` ({"/prefix/": "/abs/dir"}). GET and HEAD only; never serves
 * anything outside a mounted folder; `dir/` serves `dir/index.html`.
 */
export function createStaticServer(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  return createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      res.writeHead(400).end("bad request\n");
      return;
    }
    const prefix = prefixes.find((p) => urlPath.startsWith(p) || urlPath + "/" === p);
    if (prefix === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
      return;
    }
    const root = path.resolve(mounts[prefix]);
    let file = path.resolve(root, "." + path.posix.normalize("/" + urlPath.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let stat = await fs.stat(file);
      if (stat.isDirectory()) {
        file = path.join(file, "index.html");
        stat = await fs.stat(file);
      }
      res.writeHead(200, {
        "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-cache",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: ${urlPath}\n`);
    }
  });
}

/** Starts the demo server; resolves to { server, url } once it listens on 127.0.0.1. */
export function serveDemo(port = 8080, mounts = demoMounts()) {
  const server = createStaticServer(mounts);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, url: `http://localhost:${server.address().port}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = process.argv[2] ?? process.env.PORT ?? "8080";
  const port = Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`lede demo: invalid port "${arg}"`);
    process.exit(2);
  }
  try {
    await fs.access(path.join(siteDir, "index.html"));
  } catch {
    console.error(`lede demo: ${path.join(siteDir, "index.html")} is missing; build the site first: ` +
      "scripts/build wasm, then node web-demo/build.mjs");
    process.exit(1);
  }
  try {
    const { url } = await serveDemo(port);
    console.log(`lede demo: ${url}`);
  } catch (err) {
    console.error(`lede demo: cannot listen on port ${port}: ${err.message}`);
    process.exit(1);
  }
}

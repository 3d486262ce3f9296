#!/usr/bin/env node
// Builds the demo page into web-demo/dist/, a static site any host serves as it is. The page is
// built as a user's app would be: the package packed from wasm/ (scripts/build wasm first) and
// installed into web-demo/node_modules from the tarball, then bundled by Vite with no
// configuration file, so the demo is a bundler test of its own. The sample article is copied in
// (samples/article.txt, for the "Load sample article" button).
//
//   node web-demo/build.mjs      (LEDE_PACKAGE=dir packs another build of the package)
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const packageRoot = path.resolve(process.env.LEDE_PACKAGE ?? path.join(repo, "wasm"));
const site = path.join(here, "dist");

// Quiet unless it fails (npm prints the package's prepack and postpack scripts as it runs them).
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`lede demo: ${command} ${args.join(" ")} failed in ${cwd}:\n${err.stdout}\n${err.stderr}`);
  }
}

if (!existsSync(path.join(packageRoot, "dist", "index.js"))) {
  console.error(`lede demo: ${path.join(packageRoot, "dist", "index.js")} is missing; build the package first (scripts/build wasm)`);
  process.exit(1);
}
if (!existsSync(path.join(here, "node_modules", "vite"))) {
  console.error("lede demo: Vite is not installed; run npm ci in web-demo/ (scripts/setup does)");
  process.exit(1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "lede-demo-"));
try {
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], packageRoot));
  // --no-save: the tarball changes with every build; package.json and the lock file name Vite only.
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", path.join(tmp, packed.filename)], here);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const { build } = await import("vite");
await build({ root: here, configFile: false, publicDir: false, logLevel: "warn", build: { outDir: site, emptyOutDir: true } });
mkdirSync(path.join(site, "samples"), { recursive: true });
copyFileSync(path.join(repo, "samples", "article.txt"), path.join(site, "samples", "article.txt"));
console.log(`lede demo: built ${path.relative(process.cwd(), site) || "."}/`);

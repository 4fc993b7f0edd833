// The built sizes: the module alone (rollup's ES build, dependencies external) and the host's whole bundle, gzipped.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { transform } from "esbuild";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const size = (file) => {
  const data = readFileSync(join(root, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
};
const sizes = [size("dist/index.es.js"), size("dist/index.js"), size("host/dist/bundle.js")];
// As an assembly ships it: the module's ES build minified (its dependencies stay outside, shared with other modules).
const minified = (await transform(readFileSync(join(root, "dist/index.es.js"), "utf8"), { minify: true, loader: "js" })).code;
sizes.push({ file: "dist/index.es.js (minified)", bytes: minified.length, gzip: gzipSync(minified, { level: 9 }).length });
for (const s of sizes) console.log(`${s.file}: ${(s.bytes / 1024).toFixed(1)} KiB, ${(s.gzip / 1024).toFixed(1)} KiB gzipped`);
mkdirSync(join(root, "screenshots"), { recursive: true });
writeFileSync(join(root, "screenshots", "sizes.json"), JSON.stringify(sizes, null, 2));

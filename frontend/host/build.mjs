// Bundles the host (fe-core, this module and their dependencies) into host/dist with esbuild.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "index.js")],
  bundle: true,
  minify: true,
  sourcemap: false,
  outfile: join(out, "bundle.js"),
  loader: { ".js": "jsx", ".svg": "dataurl", ".png": "dataurl" },
  jsx: "transform",
  define: {
    "process.env.NODE_ENV": '"production"',
    "process.env.PUBLIC_URL": '"/front"',
    "process.env.REACT_APP_API_URL": '"/api"',
    global: "window",
  },
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(out, "index.html"));
console.log(`host built in ${out}`);

// Bundles the host (fe-core, this module and their dependencies) into host/dist with esbuild.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
mkdirSync(out, { recursive: true });
// fe-core 1.11's ES build reads a free `module` variable (RequireAuth's useTranslations(module, ...)), which
// webpack, the assembly's bundler, defines in every module as that module's object. Give it one here too.
const feCoreModuleVariable = {
  name: "fe-core-module-variable",
  setup(b) {
    b.onLoad({ filter: /@openimis[\\/]fe-core[\\/]dist[\\/]index\.es\.js$/ }, async (args) => ({
      contents: `var module = { id: "@openimis/fe-core" };\n${await readFile(args.path, "utf8")}`,
      loader: "jsx",
      resolveDir: dirname(args.path),
    }));
  },
};

await build({
  plugins: [feCoreModuleVariable],
  entryPoints: [join(here, "index.js")],
  bundle: true,
  minify: process.env.HOST_MINIFY !== "0",
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

import babel from "@rollup/plugin-babel";
import json from "@rollup/plugin-json";
import resolve from "@rollup/plugin-node-resolve";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url)));
// Every dependency and peer dependency stays external, with its subpaths (@material-ui/icons/Add, ...).
const externals = [...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.peerDependencies || {})];
const external = (id) => externals.some((name) => id === name || id.startsWith(`${name}/`));

export default {
  input: "src/index.js",
  external,
  output: [
    { file: pkg.main, format: "cjs", exports: "named", sourcemap: true },
    { file: pkg.module, format: "es", sourcemap: true },
  ],
  plugins: [resolve({ extensions: [".js"] }), json(), babel({ babelHelpers: "bundled", exclude: "node_modules/**" })],
};

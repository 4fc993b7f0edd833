import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default [
  { ignores: ["dist/**", "host/dist/**", "node_modules/**", "screenshots/**"] },
  js.configs.recommended,
  {
    files: ["**/*.{js,mjs}"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { ...globals.browser },
    },
    settings: { react: { version: "17.0" } },
    rules: {
      ...react.configs.recommended.rules,
      "react/prop-types": "off",
      "react/display-name": "off",
      "react-hooks/rules-of-hooks": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["host/*.mjs", "tests/**/*.{js,mjs}", "*.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
];

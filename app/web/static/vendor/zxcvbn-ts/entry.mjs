// Bundled by esbuild into zxcvbn.mjs: see VENDORED.md. Re-exports only what
// app/web/static/js/console/strength.js uses.
export { ZxcvbnFactory } from "@zxcvbn-ts/core";
export {
  adjacencyGraphs,
  dictionary as commonDictionary,
} from "@zxcvbn-ts/language-common";
export { dictionary as enDictionary } from "@zxcvbn-ts/language-en";
export { dictionary as nlBeDictionary } from "@zxcvbn-ts/language-nl-be";

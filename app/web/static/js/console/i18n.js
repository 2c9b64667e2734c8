// The console's words, translated by the server into a JSON block of the page (no script).

const block = document.getElementById("console-messages");
const words = block ? JSON.parse(block.textContent) : {};

export function t(key, values = {}) {
  let text = words[key] ?? key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

export const lang = () => document.documentElement.lang || "nl";

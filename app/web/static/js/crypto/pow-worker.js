// The proof of work off the page's thread (a module worker from the same origin), so that the
// page keeps responding and can show progress. Reports each solved puzzle as it goes.

import { puzzlePrefix, solvePuzzle } from "./pow-search.js";

self.addEventListener("message", (event) => {
  const { challenge, puzzles, bits } = event.data;
  for (let index = 0; index < puzzles; index++) {
    self.postMessage({ index, nonce: solvePuzzle(puzzlePrefix(challenge, index), bits) });
  }
});

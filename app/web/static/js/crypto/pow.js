// Proof of work, as crypto/proof_of_work.py checks it: `puzzles` small puzzles of `bits` bits
// each (pow-search.js), solved in a Web Worker with a synchronous SHA-256, or on the page in slices
// where workers are missing. The solution is the counters joined by ".", for the header
// `X-Proof-Of-Work: <challenge>:<solution>`. `onProgress(done, total)` follows solved puzzles.

class WorkerUnavailable extends Error {}

function startWorker() {
  try {
    const worker = new Worker(new URL("./pow-worker.js", import.meta.url), { type: "module" });
    // Listened for from the start: a worker that fails to load may do so before it is used.
    const broken = new Promise((resolve) => {
      worker.addEventListener("error", resolve, { once: true });
      worker.addEventListener("messageerror", resolve, { once: true });
    });
    return { worker, broken };
  } catch {
    return null;
  }
}

// Started when the page loads, so that its modules (four imports deep, never cached: no-store)
// arrive while the reporter writes, not after pressing Send, which over Tor costs seconds.
let spare = typeof Worker === "function" ? startWorker() : null;

function inWorker(challenge, puzzles, bits, onProgress) {
  return new Promise((resolve, reject) => {
    const started = spare || startWorker();
    spare = null;
    if (!started) {
      reject(new WorkerUnavailable());
      return;
    }
    const { worker, broken } = started;
    const nonces = [];
    broken.then(() => {
      worker.terminate();
      reject(new WorkerUnavailable());
    });
    worker.addEventListener("message", (event) => {
      nonces[event.data.index] = event.data.nonce;
      if (onProgress) onProgress(nonces.length, puzzles);
      if (nonces.length === puzzles) {
        worker.terminate();
        spare = startWorker(); // for the mailbox's next answer
        resolve(nonces.join("."));
      }
    });
    worker.postMessage({ challenge, puzzles, bits });
  });
}

async function onThePage(challenge, puzzles, bits, onProgress) {
  const { puzzlePrefix, solvePuzzle } = await import("./pow-search.js");
  const nonces = [];
  for (let index = 0; index < puzzles; index++) {
    nonces.push(solvePuzzle(puzzlePrefix(challenge, index), bits));
    if (onProgress) onProgress(nonces.length, puzzles);
    // Between puzzles the page may paint the progress and answer a tap (the quick exit).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return nonces.join(".");
}

export async function solve(challenge, puzzles, bits, onProgress, { worker = true } = {}) {
  if (worker && typeof Worker === "function") {
    try {
      return await inWorker(challenge, puzzles, bits, onProgress);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
    }
  }
  return onThePage(challenge, puzzles, bits, onProgress);
}

// An onProgress for solve: a bar in the page's status box, named for screen readers by `label`.
// Its value changes are not read out one by one (only text changes in a live region are).
export function progressBar(box, label) {
  return (done, total) => {
    let bar = box.querySelector("progress");
    if (!bar) {
      bar = document.createElement("progress");
      bar.setAttribute("aria-label", label);
      box.append(bar);
    }
    bar.max = total;
    bar.value = done;
  };
}

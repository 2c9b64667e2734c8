// The receipt page with JavaScript. The receipt exists only on this page (R2: nothing in storage), so
// until the reporter shows they wrote it down, by typing its last group back, leaving or reloading
// asks first. The quick exit never waits for that question (T5): quick-exit.js announces itself with
// a "quick-exit" event before it replaces the page, and the question is dropped.

import { lastGroup } from "./crypto/receipt.js";

function focus(element) {
  element.tabIndex = -1;
  element.focus();
}

function offerCopy(main, receipt) {
  // Without the Clipboard API (an old browser, a page not in a secure context) there is no button.
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") return;
  const tools = main.querySelector(".receipt-tools");
  const button = tools.querySelector("#copy-receipt");
  const status = tools.querySelector("#receipt-copied");
  tools.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      status.textContent = button.dataset.msgCopied;
    } catch {
      status.textContent = button.dataset.msgFailed;
    }
  });
}

function askBeforeLeaving() {
  const ask = (event) => {
    event.preventDefault();
    // Older browsers show the question only when returnValue is set.
    event.returnValue = "";
  };
  window.addEventListener("beforeunload", ask);
  const release = () => window.removeEventListener("beforeunload", ask);
  window.addEventListener("quick-exit", release, { once: true });
  return release;
}

function confirmWrittenDown(main, receipt, release) {
  const form = main.querySelector("#confirm-receipt");
  const input = form.querySelector("#receipt-last-group");
  const problem = form.querySelector("#receipt-check-problem");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = input.value.replace(/[\s.-]/g, "");
    if (typed !== lastGroup(receipt)) {
      problem.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    release();
    form.remove();
    const after = main.querySelector(".after-receipt");
    after.hidden = false;
    focus(after.querySelector("p"));
  });
}

export function showReceipt(receipt) {
  const template = document.getElementById(receipt ? "received-template" : "received-one-way-template");
  const done = template.content.cloneNode(true);
  const main = document.getElementById("main");
  main.replaceChildren(done);
  if (receipt) {
    main.querySelector(".receipt").textContent = receipt;
    offerCopy(main, receipt);
    confirmWrittenDown(main, receipt, askBeforeLeaving());
  }
  focus(main.querySelector("h1"));
}

// Quick exit: replace this page with a neutral site, so that Back does not return here (T5).
// location.replace leaves no new history entry; the note on the page says what it cannot hide.

const link = document.getElementById("quick-exit");
// With JavaScript the page is replaced, so the warning about Back without JavaScript does not apply.
document.getElementById("no-js-history")?.remove();

function leave(event) {
  if (event) event.preventDefault();
  document.body.hidden = true;
  // Said first, synchronously: a page that would ask "leave this page?" (the receipt page, until
  // the code is confirmed) drops that question, so nothing holds the reporter here.
  window.dispatchEvent(new Event("quick-exit"));
  window.location.replace(link.href);
}

link.addEventListener("click", leave);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") leave(event);
});

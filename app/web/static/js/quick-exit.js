// Quick exit: replace this page with a neutral site, so that Back does not return here (T5).
// location.replace leaves no new history entry; the note on the page says what it cannot hide.

const link = document.getElementById("quick-exit");
// With JavaScript the page is replaced, so the warning about Back without JavaScript does not apply.
document.getElementById("no-js-history")?.remove();

function leave(event) {
  if (event) event.preventDefault();
  document.body.hidden = true;
  window.location.replace(link.href);
}

link.addEventListener("click", leave);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") leave(event);
});

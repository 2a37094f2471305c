// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before an irreversible action.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Progressive enhancement only: every page works without this file.
// Forms marked data-confirm ask before an irreversible action.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});

// A section marked data-poll (a draw being computed) refreshes itself from the same page every few seconds; when the
// page no longer has it (the draw is committed or failed), the whole main content is replaced once.
(() => {
  const section = document.querySelector("[data-poll]");
  if (!section || !window.fetch || !window.DOMParser) return;
  const delay = Math.max(1000, Number(section.dataset.poll) || 3000);
  const poll = async () => {
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(section.id);
      const live = section.querySelector("[aria-live]");
      const freshLive = fresh && fresh.querySelector("[aria-live]");
      if (fresh && live && freshLive) {
        live.innerHTML = freshLive.innerHTML;
        window.setTimeout(poll, delay);
      } else if (!fresh) {
        const main = document.querySelector("main"), freshMain = page.querySelector("main");
        if (main && freshMain) main.innerHTML = freshMain.innerHTML;
      }
    } catch {
      window.setTimeout(poll, delay * 2);
    }
  };
  window.setTimeout(poll, delay);
})();

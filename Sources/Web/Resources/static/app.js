// Progressive enhancement only: every page works without this file.
// Styles and tests can tell that scripts run.
document.documentElement.classList.add("js");
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
  const first = Math.max(1000, Number(section.dataset.poll) || 3000);
  // While nothing changes, the page asks less and less often (up to every 30 s).
  let delay = first;
  const poll = async () => {
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById(section.id);
      const live = section.querySelector("[aria-live]");
      const freshLive = fresh && fresh.querySelector("[aria-live]");
      if (fresh && live && freshLive) {
        delay = live.innerHTML === freshLive.innerHTML ? Math.min(delay * 1.5, 30000) : first;
        live.innerHTML = freshLive.innerHTML;
        window.setTimeout(poll, delay);
      } else if (!fresh) {
        const main = document.querySelector("main"), freshMain = page.querySelector("main");
        if (main && freshMain) main.innerHTML = freshMain.innerHTML;
      }
    } catch {
      delay = Math.min(delay * 2, 30000);
      window.setTimeout(poll, delay);
    }
  };
  window.setTimeout(poll, delay);
})();

// A section marked data-refresh (a consultation's live opinion map) is fetched again from the same page every few
// seconds and replaced when it changed; without JavaScript, the page shows the map as it was when loaded.
(() => {
  const section = document.querySelector("[data-refresh]");
  if (!section || !section.id || !window.fetch || !window.DOMParser) return;
  const every = Math.max(2000, Number(section.dataset.refresh) || 5000);
  const refresh = async () => {
    // A page nobody looks at (another tab, a minimised window) does not ask.
    if (document.hidden) {
      window.setTimeout(refresh, every);
      return;
    }
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById(section.id);
        if (fresh && fresh.innerHTML !== section.innerHTML) section.innerHTML = fresh.innerHTML;
      }
    } catch {
      // The next attempt may succeed; the map shown stays as it was.
    }
    window.setTimeout(refresh, every);
  };
  window.setTimeout(refresh, every);
})();

// A program page's small helpers; the page works without them (share links are plain links).
// - "Copy link" and the system share sheet (Web Share API), shown only where they work.
// - The sign-up bar at the bottom of phones: hidden while a sign-up button is on screen, and
//   the page scrolls so that the bar never covers the element that has the keyboard focus.

const status = document.querySelector(".share-status");

function say(message) {
  if (status) status.textContent = message;
}

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "visually-hidden";
  document.body.append(field);
  field.select();
  const done = document.execCommand("copy");
  field.remove();
  if (!done) throw new Error("copy refused");
}

const copyButton = document.querySelector("[data-copy]");
if (copyButton) {
  copyButton.hidden = false;
  copyButton.addEventListener("click", async () => {
    try {
      await copy(copyButton.dataset.copy);
      say(status.dataset.copied);
    } catch {
      say(`${status.dataset.copyFailed} ${copyButton.dataset.copy}`);
    }
  });
}

const shareButton = document.querySelector("[data-share]");
if (shareButton && typeof navigator.share === "function") {
  shareButton.hidden = false;
  shareButton.addEventListener("click", () => {
    navigator.share({ title: shareButton.dataset.title, url: shareButton.dataset.share }).catch(() => {});
  });
}

const bar = document.querySelector("[data-sticky-signup]");
if (bar) {
  const buttons = [...document.querySelectorAll("main [data-signup]")].filter((button) => !bar.contains(button));
  const onScreen = new Set();
  if ("IntersectionObserver" in window && buttons.length) {
    // A button counts as on screen when all of it is: one cut off at the bottom gets the bar's help.
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.intersectionRatio > 0.99) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
      // Hidden, not removed: the page keeps its height, so nothing jumps.
      bar.classList.toggle("is-idle", onScreen.size > 0);
    }, { threshold: [0, 1] });
    buttons.forEach((button) => observer.observe(button));
  }
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (bar.contains(target) || !bar.getClientRects().length) return; // not shown (a wide screen)
    const covered = target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (covered > 0 && !bar.classList.contains("is-idle")) window.scrollBy(0, covered + 8);
  });
}


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
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.intersectionRatio > 0.99) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
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

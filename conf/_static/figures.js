// Charts and diagrams open full size in a native <dialog>: a "Full size" button under
// each one (keyboard), or a click on the drawing (mouse, touch). The drawing itself moves
// into the dialog and back, so it keeps its theme colours and no id is repeated. Escape
// or the Close button closes it; the browser returns focus to the button.
"use strict";
(() => {
  const PT = 4 / 3; // matplotlib and Graphviz size their SVG in points
  let dialog = null;
  let body = null;
  let title = null;
  let placeholder = null;
  let shown = null;

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "pg-zoom";
    dialog.setAttribute("aria-labelledby", "pg-zoom-title");
    const bar = document.createElement("div");
    bar.className = "pg-zoom-bar";
    title = document.createElement("p");
    title.id = "pg-zoom-title";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => dialog.close());
    bar.append(title, close);
    body = document.createElement("div");
    body.className = "pg-zoom-body";
    dialog.append(bar, body);
    dialog.addEventListener("close", () => {
      placeholder.replaceWith(shown);
      shown = null;
    });
    document.body.append(dialog);
  }

  function open(svg, name) {
    if (!dialog) makeDialog();
    const box = svg.viewBox.baseVal;
    if (box && box.width) {
      svg.style.setProperty("--pg-natural-width", `${Math.round(box.width * PT)}px`);
      svg.style.setProperty("--pg-aspect", `${box.width / box.height}`);
    }
    placeholder = document.createComment("full size");
    svg.replaceWith(placeholder);
    body.replaceChildren(svg);
    shown = svg;
    title.textContent = name;
    dialog.showModal();
  }

  function setUp(svg) {
    const figure = svg.closest("figure") || svg.parentElement;
    const caption = figure.querySelector("figcaption");
    const name = (caption ? caption.innerText : svg.getAttribute("aria-label") || "").trim();
    const kind = svg.closest(".pg-diagram") ? "diagram" : "chart";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pg-zoom-button";
    button.textContent = "⤢ Full size";
    button.setAttribute("aria-label", `Open the ${kind} full size`);
    button.addEventListener("click", () => open(svg, name));
    svg.addEventListener("click", () => {
      if (!svg.closest("dialog")) open(svg, name);
    });
    figure.classList.add("pg-zoomable");
    const after = svg.closest(".pg-diagram") || svg;
    after.after(button);
  }

  document
    .querySelectorAll("figure.pg-chart svg.pg-chart-svg, .pg-diagram svg.pg-diagram-svg")
    .forEach(setUp);
})();

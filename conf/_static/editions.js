// The language switcher keeps the reader's place: the other edition has the same anchors.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.pg-edition");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});

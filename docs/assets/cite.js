/* "Cite this figure", as an enhancement: a button copies the citation text (it stays selectable without script). */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("details.ricdm-cite[data-copy]").forEach(function (details) {
    var text = details.querySelector("p");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ricdm-copy";
    button.textContent = details.dataset.copy;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        button.textContent = details.dataset.copied;
      });
    });
    details.appendChild(button);
  });
})();

/* "Cite this", as an enhancement (ricdm/cite.py writes the citations; they stay readable and selectable without
   script): the date consulted becomes the reader's today, in the page's language ("7 December 2026",
   "1er décembre 2026") or as ISO in BibTeX and CSL-JSON; each form ([data-copy]) gets a button that copies it. */
(function () {
  "use strict";
  var today = new Date();
  var lang = document.documentElement.lang === "fr" ? "fr-FR" : "en-GB";
  var pad = function (n) { return String(n).padStart(2, "0"); };
  var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  var long = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" }).format(today);
  if (lang === "fr-FR" && today.getDate() === 1) long = long.replace(/^1 /, "1er ");
  document.querySelectorAll(".ricdm-consulted").forEach(function (date) {
    date.textContent = date.dataset.format === "iso" ? iso : long;
  });
  if (!navigator.clipboard) return;
  document.querySelectorAll(".ricdm-cite [data-copy]").forEach(function (form) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ricdm-copy";
    button.textContent = form.dataset.copy;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(form.textContent.trim()).then(function () {
        button.textContent = form.dataset.copied;
      });
    });
    form.after(button);
  });
})();

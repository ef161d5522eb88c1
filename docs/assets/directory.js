/* Directory filters, as an enhancement: the form filters the full table in place.
   Without this script the form stays hidden and the grouped listings (by country, status, decade) do the job. */
(function () {
  "use strict";
  function setup(form) {
    var table = form.parentElement.querySelector("table");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".ricdm-filter-count");
    var lang = document.documentElement.lang || undefined;
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = ["country", "status", "decade"].every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || row.dataset[name].split(" ").indexOf(wanted) >= 0;  // two statuses when the report disagrees
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = form.dataset.shown + " " + shown.toLocaleString(lang);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  document.querySelectorAll("form[data-ricdm-filter]").forEach(setup);
})();

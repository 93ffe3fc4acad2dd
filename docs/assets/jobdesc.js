/* Comparison filter: a reader ticks the positions to compare; the tables hide the other columns.
   Without JavaScript the form stays hidden and every table shows everything. */
(function () {
  function setup() {
    var form = document.querySelector("form[data-jd-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    function apply() {
      var on = {};
      form.querySelectorAll("input[name=p]").forEach(function (box) { on[box.value] = box.checked; });
      document.querySelectorAll("[data-jd-matrix] [data-p]").forEach(function (el) {
        el.hidden = on[el.getAttribute("data-p")] === false;
      });
      document.querySelectorAll("table.jd-matrix:not(.jd-side) tbody tr").forEach(function (tr) {
        var cells = tr.querySelectorAll("td[data-p]");
        var any = Array.prototype.some.call(cells, function (td) { return !td.hidden && td.textContent.trim(); });
        tr.hidden = !any;
      });
    }
    form.addEventListener("change", apply);
    apply();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();

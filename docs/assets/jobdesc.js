/* Comparison filter: a reader ticks the positions to compare; the tables hide the other columns.
   A column is named once, by its header (`th[data-p]`); its cells are found by their index, so a
   comparison of many positions carries no per-cell markup. Without JavaScript the form stays hidden
   and every table shows everything. */
(function () {
  function setup() {
    var form = document.querySelector("form[data-jd-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    function apply() {
      var on = {};
      form.querySelectorAll("input[name=p]").forEach(function (box) { on[box.value] = box.checked; });
      document.querySelectorAll("table[data-jd-matrix]").forEach(function (table) {
        var head = table.tHead && table.tHead.rows[0];
        if (!head) return;
        var hide = Array.prototype.map.call(head.cells, function (th) {
          var id = th.getAttribute("data-p");
          return id !== null && on[id] === false;
        });
        head.querySelectorAll("th").forEach(function (th, i) { th.hidden = hide[i]; });
        Array.prototype.forEach.call(table.tBodies, function (body) {
          Array.prototype.forEach.call(body.rows, function (tr) {
            var any = false;
            Array.prototype.forEach.call(tr.cells, function (cell, i) {
              cell.hidden = hide[i];
              if (!hide[i] && cell.tagName === "TD" && cell.textContent.trim()) any = true;
            });
            // a row of marks with no mark left among the shown positions goes too
            if (table.classList.contains("jd-marks")) tr.hidden = !any;
          });
        });
      });
      document.querySelectorAll("tr[data-p]").forEach(function (tr) {
        tr.hidden = on[tr.getAttribute("data-p")] === false;
      });
    }
    form.addEventListener("change", apply);
    apply();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();

/* The comparison pages' filter and pair view are in compare.js. */

/* Accessibility and right-to-left helpers (issue 19). */
(function () {
  // Material's language selector reads a sitemap.xml next to every <link rel="alternate"> it finds,
  // expecting language roots (its own `extra.alternate`); static-i18n writes one link per page, so it
  // asked for <page>/sitemap.xml in every language and logged a 404 each. The selector's own links
  // already lead to the same page in each language, so the head links are left to crawlers: the
  // intranet has none. Runs before DOMContentLoaded, when Material looks for them.
  document.querySelectorAll("link[rel=alternate][hreflang]").forEach(function (l) { l.remove(); });

  // The drawer and search toggles are checkboxes without autocomplete="off" (not valid HTML on a
  // checkbox), so the browser would restore them on "back" and reopen the menu or the search: a page
  // always starts with both closed, as Material's markup intended.
  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.checked) {
        box.checked = false;
        box.dispatchEvent(new Event("change"));
      }
    });
  }
  closeToggles();
  document.addEventListener("DOMContentLoaded", closeToggles);
  window.addEventListener("pageshow", closeToggles);

  function label(el) {
    var table = el.querySelector("table");
    var cap = table && table.caption;
    if (cap && cap.textContent.trim()) return cap.textContent.trim();
    for (var p = el; p; p = p.previousElementSibling || p.parentElement) {
      if (/^H[1-6]$/.test(p.tagName)) return p.textContent.replace(/\s*¶\s*$/, "").trim();
      if (p.classList && p.classList.contains("md-content__inner")) break;
    }
    return document.title;
  }

  // A table wider than the screen scrolls inside its box: the box takes focus (arrow keys scroll it),
  // is named after its table, and shows its focus. Boxes that fit stay out of the tab order.
  function scrollBoxes() {
    document.querySelectorAll(".jd-table-wrap, .md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      } else if (!scrolls && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // Phones: the wide tables become one card per row; each cell is labelled with its column's header.
  function stackTables() {
    document.querySelectorAll("table.jd-catalogue, table.jd-salary").forEach(function (table) {
      if (table.dataset.jdStack) return;
      table.dataset.jdStack = "1";
      var head = table.tHead && table.tHead.rows[0];
      if (!head) return;
      var names = Array.prototype.map.call(head.cells, function (c) { return c.textContent.trim(); });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (tr) {
          Array.prototype.forEach.call(tr.cells, function (cell, i) {
            if (names[i] && cell.tagName === "TD") cell.setAttribute("data-label", names[i]);
          });
        });
      });
      table.classList.add("jd-stack");
    });
  }

  // The 404 page's search button opens Material's search dialog.
  function searchButtons() {
    document.querySelectorAll("button.jd-open-search").forEach(function (button) {
      var toggle = document.getElementById("__search");
      if (!toggle) return;
      button.hidden = false;
      button.onclick = function () {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        var box = document.querySelector("[data-md-component=search-query]");
        if (box) box.focus();
      };
    });
  }

  function setup() { stackTables(); scrollBoxes(); searchButtons(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(scrollBoxes, 100); });
})();

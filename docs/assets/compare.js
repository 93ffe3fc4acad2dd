/* Comparison pages.
   1. The filter of a comparison page: the reader ticks positions; the tables hide the other columns. A
      column is named once, by its header (`th[data-p]`); its cells are found by their index. The
      selection is kept in the address (`?p=a&p=b`), so a comparison can be shared or bookmarked.
   2. The pair view (`compare/pair/?p=a&p=b`): up to four positions side by side, drawn from the compact
      JSON files the build writes (`compare/data/index.json` and one file per position). Texts arrive as
      the HTML the build made once from the YAML (escaped, with safe links only); everything else is set
      as text.
   Without JavaScript the filter stays hidden, every table shows everything, and the pair page links to
   the comparison pages. */
(function () {
  "use strict";

  function selected() {
    return new URLSearchParams(window.location.search).getAll("p").filter(Boolean);
  }

  function keep(ids) {
    var params = new URLSearchParams(window.location.search);
    params.delete("p");
    ids.forEach(function (id) { params.append("p", id); });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function setupFilter() {
    var form = document.querySelector("form[data-jd-compare-filter]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=p]"));
    var wanted = selected();
    if (wanted.length) boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    function apply(write) {
      var on = {};
      var ticked = [];
      boxes.forEach(function (b) { on[b.value] = b.checked; if (b.checked) ticked.push(b.value); });
      document.querySelectorAll("table[data-jd-cmp]").forEach(function (table) {
        var head = table.tHead && table.tHead.rows[0];
        if (!head) return;
        var hide = Array.prototype.map.call(head.cells, function (th) {
          var id = th.getAttribute("data-p");
          return id !== null && on[id] === false;
        });
        Array.prototype.forEach.call(head.cells, function (th, i) { th.hidden = hide[i]; });
        Array.prototype.forEach.call(table.tBodies, function (body) {
          Array.prototype.forEach.call(body.rows, function (tr) {
            Array.prototype.forEach.call(tr.cells, function (cell, i) { cell.hidden = hide[i]; });
          });
        });
        table.hidden = ticked.length === 0;
      });
      var none = form.querySelector("[data-jd-none]");
      if (none) none.hidden = ticked.length > 0;
      if (write) keep(ticked.length === boxes.length ? [] : ticked);
    }
    form.addEventListener("change", function () { apply(true); });
    apply(false);
  }

  /* ---------------------------------------------------------------------------------------------- */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ""; });
  }

  function list(items) {
    if (!items.length) return el("span", { "class": "jd-none" }, "—");
    var ul = el("ul");
    items.forEach(function (it) {
      var li = el("li");
      li.innerHTML = it.html; /* made once by the build from the YAML: escaped text and safe links only */
      ul.appendChild(li);
    });
    return ul;
  }

  function table(caption, heads, base) {
    var wrap = el("div", { "class": "jd-cmp-wrap", tabindex: "0", role: "region", "aria-label": caption });
    var t = el("table", { "class": "jd-cmp jd-pair-table" });
    var tr = el("tr");
    tr.appendChild(el("th", { scope: "col" }, ""));
    tr.firstChild.appendChild(el("span", { "class": "jd-sr" }, caption));
    heads.forEach(function (p) {
      var th = el("th", { scope: "col", "data-p": p.id });
      th.appendChild(el("a", { href: base + p.url }, p.title));
      tr.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    t.appendChild(tbody);
    wrap.appendChild(t);
    return { wrap: wrap, body: tbody };
  }

  function row(body, label, cells, cls) {
    var tr = el("tr", cls ? { "class": cls } : {});
    var th = el("th", { scope: "row" });
    if (typeof label === "string") th.textContent = label; else th.appendChild(label);
    tr.appendChild(th);
    cells.forEach(function (c) {
      var td = el("td", { "data-label": c.label });
      if (typeof c.content === "string") td.textContent = c.content; else td.appendChild(c.content);
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return tr;
  }

  function heading(level, id, text) {
    return el("h" + level, { id: id }, text);
  }

  function drawPair(root, S, index, docs) {
    var base = root.getAttribute("data-base");
    var out = root.querySelector("[data-jd-pair-result]");
    out.textContent = "";
    var label = function (p) { return p.title; };

    out.appendChild(heading(2, "overview", S.overview));
    var t = table(S.overview, docs, base);
    docs[0].fields.forEach(function (field, i) {
      var values = docs.map(function (d) { return d.fields[i][1]; });
      var differs = values.some(function (v) { return v !== values[0]; });
      var tr = row(t.body, field[0], docs.map(function (d, j) { return { label: label(d), content: values[j] }; }),
        differs ? "jd-diff" : "jd-same");
      var mark = el("span", { "class": "jd-diff-mark" }, differs ? S.differs : S.same);
      tr.cells[0].appendChild(document.createTextNode(" "));
      tr.cells[0].appendChild(mark);
    });
    out.appendChild(t.wrap);

    out.appendChild(heading(2, "duties", S.areas));
    t = table(S.areas, docs, base);
    index.areas.forEach(function (area) {
      var have = docs.map(function (d) { return (d.duties[area.id] || []); });
      if (!have.some(function (h) { return h.length; })) return;
      var only = have.filter(function (h) { return h.length; }).length < docs.length;
      row(t.body, area.title, docs.map(function (d, j) { return { label: label(d), content: list(have[j]) }; }),
        only ? "jd-diff" : "jd-same").setAttribute("data-area", area.id);
    });
    out.appendChild(t.wrap);

    ["rights", "responsibility"].forEach(function (section) {
      out.appendChild(heading(2, section, index.sections[section]));
      var keys = docs.map(function (d) { return d[section].map(function (c) { return c.key; }); });
      var inAll = docs[0][section].filter(function (c) {
        return keys.every(function (k) { return k.indexOf(c.key) >= 0; });
      });
      var box = el("div", { "class": "jd-pair-sets", "data-section": section });
      var both = el("section", { "class": "jd-set jd-set-all", "data-set": "all" });
      both.appendChild(heading(3, section + "-all", S.in_all));
      both.appendChild(list(inAll));
      box.appendChild(both);
      docs.forEach(function (d, j) {
        var own = d[section].filter(function (c) {
          return !keys.every(function (k) { return k.indexOf(c.key) >= 0; });
        });
        var sec = el("section", { "class": "jd-set", "data-set": d.id });
        sec.appendChild(heading(3, section + "-only-" + d.id, fill(S.only_in, { title: d.title })));
        sec.appendChild(list(own));
        box.appendChild(sec);
      });
      out.appendChild(box);
    });

    if (root.getAttribute("data-salary") === "1") {
      out.appendChild(heading(2, "salary", index.sections.pay));
      t = table(index.sections.pay, docs, base);
      var cities = [];
      docs.forEach(function (d) {
        (d.salary || []).forEach(function (c) { if (cities.every(function (x) { return x.city !== c.city; })) cities.push(c); });
      });
      cities.forEach(function (city) {
        row(t.body, city.name, docs.map(function (d) {
          var mine = (d.salary || []).filter(function (c) { return c.city === city.city; })[0];
          var ul = el("ul");
          (mine ? mine.tiers : []).forEach(function (tier) { ul.appendChild(el("li", {}, tier.title + ": " + tier.text)); });
          return { label: label(d), content: mine ? ul : el("span", { "class": "jd-none" }, "—") };
        }));
      });
      out.appendChild(t.wrap);
    }
  }

  function setupPair() {
    var root = document.querySelector("[data-jd-pair]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var S = JSON.parse(root.querySelector("[data-jd-pair-strings]").textContent);
    var form = root.querySelector("[data-jd-pair-form]");
    var status = root.querySelector("[data-jd-pair-status]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var data = "../data/";
    var cache = {};
    function say(text) { status.hidden = !text; status.textContent = text || ""; }
    function load(name) {
      if (!cache[name]) {
        cache[name] = fetch(data + name + ".json").then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      }
      return cache[name];
    }
    say(S.loading);
    load("index").then(function (index) {
      var known = {};
      index.positions.forEach(function (p) { known[p.id] = p; });
      selects.forEach(function (sel) {
        var groups = {};
        index.positions.forEach(function (p) {
          if (!groups[p.family]) { groups[p.family] = el("optgroup", { label: p.family }); sel.appendChild(groups[p.family]); }
          groups[p.family].appendChild(el("option", { value: p.id }, p.title));
        });
      });
      var wanted = selected().filter(function (id) { return known[id]; }).slice(0, selects.length);
      if (!wanted.length) wanted = index.positions.slice(0, 2).map(function (p) { return p.id; });
      selects.forEach(function (sel, i) { sel.value = wanted[i] || ""; });
      form.hidden = false;
      function update(write) {
        var ids = selects.map(function (s) { return s.value; }).filter(Boolean);
        ids = ids.filter(function (id, i) { return ids.indexOf(id) === i; });
        if (write) keep(ids);
        if (!ids.length) { root.querySelector("[data-jd-pair-result]").textContent = ""; say(S.none_selected); return; }
        say(S.loading);
        Promise.all(ids.map(load)).then(function (docs) { say(""); drawPair(root, S, index, docs); })
          .catch(function () { say(S.failed); });
      }
      form.addEventListener("change", function () { update(true); });
      update(false);
    }).catch(function () { say(S.failed); });
  }

  function setup() { setupFilter(); setupPair(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();

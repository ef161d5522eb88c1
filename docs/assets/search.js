/* Site search, as an enhancement of the header's search form (overrides/partials/search.html).
   Pagefind's bundle (/pagefind/) is fetched only when the reader starts typing, and then only the small chunks of
   the index of the page's language (<html lang>) that the query needs. Without this script the form leads to the
   directory. Shortcuts as in Material: / s f open the search, Escape closes it, Enter opens the first result. */
(function () {
  "use strict";
  var box = document.querySelector("[data-ricdm-search]");
  if (!box) return;
  var form = box.querySelector("form");
  var input = form.elements.q;
  var list = box.querySelector(".md-search-result__list");
  var meta = box.querySelector(".md-search-result__meta");
  var toggle = document.getElementById("__search");
  var bundle = new URL(box.dataset.bundle, document.baseURI);
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // Results are addresses from the site root: resolve them against wherever the site is served.
        return pagefind.options({ baseUrl: new URL("../", bundle).pathname }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  function open(state) {
    if (toggle && toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function count(n) {
    if (n === 0) return box.dataset.none;
    if (n === 1) return box.dataset.one;
    return box.dataset.other.replace("#", n.toLocaleString(document.documentElement.lang || undefined));
  }

  /* Pagefind's excerpt is text with <mark> around the matches: rebuild it from text nodes and marks only. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (result.meta && result.meta.title) || result.url;
    article.appendChild(title);
    article.appendChild(excerpt(result.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = box.dataset.placeholder;
      return;
    }
    load()
      .then(function (pagefind) {
        return pagefind.debouncedSearch(query, {}, 120);
      })
      .then(function (found) {
        if (!found || ticket !== latest) return null;
        return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (data) {
          if (ticket !== latest) return;
          meta.textContent = count(found.results.length);
          list.replaceChildren.apply(list, data.map(item));
        });
      })
      .catch(function () {
        form.dataset.failed = "true"; // no index (e.g. a preview without it): the form still leads to the directory
      });
  }

  input.addEventListener("focus", function () { open(true); load(); });
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if (event.key === "ArrowDown" && list.firstElementChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  form.addEventListener("submit", function (event) {
    var first = list.querySelector("a");
    if (first) {
      event.preventDefault();
      window.location.href = first.href;
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open(true);
      input.focus();
      input.select();
    }
  });
})();

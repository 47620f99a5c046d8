/* Progressive enhancement only: every feature works without this file.
   - search boxes with data-suggest get suggestions in a <datalist> as the visitor types. */
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function enhanceSuggestions(input, index) {
    var endpoint = input.getAttribute("data-suggest");
    if (!endpoint || !window.fetch) { return; }
    var list = document.createElement("datalist");
    list.id = "suggestions-" + index;
    input.after(list);
    input.setAttribute("list", list.id);
    var lastQuery = "";
    var controller = null;
    input.addEventListener("input", debounce(function () {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) { return; }
      lastQuery = query;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.suggestions || []).slice(0, 8).forEach(function (text) {
            var option = document.createElement("option");
            option.value = text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200));
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhanceSuggestions);
})();

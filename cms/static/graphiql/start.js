// Renders GraphiQL (DEBUG only) against our own endpoint. A file, not an inline script: the
// Content-Security-Policy allows scripts from this site only.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var fetcher = GraphiQL.createFetcher({ url: root.dataset.endpoint });
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();

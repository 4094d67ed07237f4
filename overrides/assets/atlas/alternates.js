/* Material's language integration downloads sitemap.xml next to every
 * <link rel="alternate">, expecting each to be a language's root (its
 * integrations/alternate). Ours are each page's own twins (hreflang, absolute), and
 * the language menu already links to the twin, so those downloads could only 404,
 * or go to the published host from a preview (and the change log's Atom feed link is
 * no language at all). Answer them with an empty sitemap,
 * without a request: Material then follows the menu's link, as it would anyway.
 * Loaded before Material's bundle, which asks once the DOM is ready. */
(() => {
  "use strict";
  const EMPTY = "data:text/xml,%3Curlset%2F%3E";
  const twins = () =>
    new Set(
      Array.from(document.querySelectorAll("link[rel=alternate]"), (link) =>
        new URL("sitemap.xml", link.href).href,
      ),
    );
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    let target = url;
    try {
      if (twins().has(new URL(String(url), document.baseURI).href)) target = EMPTY;
    } catch {
      /* not a URL: leave it to XMLHttpRequest */
    }
    return open.call(this, method, target, ...rest);
  };
})();

// wagtail-localize's translation editor draws every segment in the admin's direction, so in the
// Arabic admin English text runs right to left and its full stop leads. Give each segment the
// direction and language of its side: the source's on the original, the target's on the
// translation (and on the text box that edits it). Its heading "<source> to <target> translation"
// and the "More actions" label are written in English in its code; the hook hands us the admin
// language's words for them.
(() => {
  const headingTemplate = document.currentScript?.dataset.heading;
  const moreActions = document.currentScript?.dataset.moreActions;
  const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur"]);
  const SOURCE = "li.complete > p, li.incomplete > p";
  const TARGET = "li.complete > div, li.incomplete > div";

  const direction = (code) => (RIGHT_TO_LEFT.has(code.split("-")[0]) ? "rtl" : "ltr");

  const mark = (root, selector, code) => {
    root.querySelectorAll(selector).forEach((element) => {
      if (element.lang !== code) {
        element.lang = code;
        element.dir = direction(code);
      }
    });
  };

  const start = () => {
    const editor = document.querySelector(".js-translation-editor[data-props]");
    if (!editor) return;
    const props = JSON.parse(editor.dataset.props);
    const source = props.sourceLocale.code;
    const target = props.locale.code;
    const englishHeading = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
    const heading = headingTemplate
      ?.replace("%(source)s", props.sourceLocale.displayName)
      .replace("%(target)s", props.locale.displayName);
    const update = () => {
      mark(editor, SOURCE, source);
      mark(editor, TARGET, target);
      if (!heading) return;
      editor.querySelectorAll("h3").forEach((element) => {
        if (element.textContent === englishHeading) element.textContent = heading;
      });
      editor.querySelectorAll(".w-sr-only").forEach((element) => {
        if (moreActions && element.textContent === "More actions") element.textContent = moreActions;
      });
    };
    new MutationObserver(update).observe(editor, { childList: true, subtree: true });
    update();
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// gongkai: pages work without this file; it only adds small conveniences.
// Focus the main content after following the skip link (for older browsers).
document.addEventListener("DOMContentLoaded", function () {
  var skip = document.querySelector(".skip-link");
  if (skip) {
    skip.addEventListener("click", function () {
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    });
  }
});
// Penalty comparison page: text selected in the original column fills “补充遮蔽的文字”.
document.addEventListener("DOMContentLoaded", function () {
  var extra = document.getElementById("extra");
  var compare = document.getElementById("compare");
  if (!extra || !compare) { return; }
  var take = function () {
    var sel = window.getSelection ? String(window.getSelection()).trim() : "";
    var node = window.getSelection && window.getSelection().anchorNode;
    var source = node && (node.nodeType === 1 ? node : node.parentElement);
    if (sel && sel.length <= 100 && source && source.closest(".source")) { extra.value = sel; }
  };
  compare.addEventListener("mouseup", take);
  compare.addEventListener("keyup", take);
});

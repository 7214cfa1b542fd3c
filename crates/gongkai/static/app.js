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

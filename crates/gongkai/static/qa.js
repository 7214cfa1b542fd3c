// 智能小城: turns the assistant's page into a chat panel. The page works without this
// file (a plain form and answer); here questions go to /api/v1/qa and the answers
// are appended to the conversation. No inline script, no third-party code.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("qa-form");
  var input = document.getElementById("qa-q");
  var log = document.getElementById("qa-log");
  if (!form || !input || !log || !window.fetch) { return; }
  var el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  };
  var link = function (href, text) {
    var a = el("a", "", text);
    // Only our own pages and web addresses.
    if (/^(\/|https?:\/\/)/.test(href)) { a.href = href; }
    return a;
  };
  var list = function (items) {
    var ul = el("ul");
    items.forEach(function (i) { var li = el("li"); li.appendChild(link(i.url, i.title)); ul.appendChild(li); });
    return ul;
  };
  form.addEventListener("submit", function (ev) {
    var q = input.value.trim();
    if (!q) { return; }
    ev.preventDefault();
    var examples = log.querySelector(".qa-examples");
    if (examples) { examples.remove(); }
    var turn = el("section", "qa-turn");
    turn.setAttribute("aria-label", "问答");
    turn.appendChild(el("p", "qa-you", q));
    var bot = el("div", "qa-bot", "小城正在查找……");
    turn.appendChild(bot);
    log.appendChild(turn);
    input.value = "";
    var interact = "/interact?q=" + encodeURIComponent(q);
    fetch("/api/v1/qa?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (r) {
        bot.textContent = "";
        if (r.declined || !r.answers.length) {
          bot.className = "qa-bot qa-declined";
          bot.appendChild(el("h2", "", "小城暂时回答不了这个问题"));
          bot.appendChild(el("p", "", "问答库里没有足够接近的答案，小城不乱猜。"));
          if (r.suggestions.length) { bot.appendChild(el("h3", "", "您可能想找")); bot.appendChild(list(r.suggestions)); }
        } else {
          var a = r.answers[0];
          bot.appendChild(el("h2", "", a.question));
          a.answer.split("\n").forEach(function (p) { bot.appendChild(el("p", "", p)); });
          if (a.sources.length) { bot.appendChild(el("h3", "", "依据")); bot.appendChild(list(a.sources)); }
          var more = el("p", "hint");
          more.appendChild(link("/qa?q=" + encodeURIComponent(q), "评价这个回答（有用 / 没用）"));
          bot.appendChild(more);
          if (r.answers.length > 1) {
            var rel = el("div", "qa-related");
            rel.appendChild(el("h3", "", "相关问题"));
            rel.appendChild(list(r.answers.slice(1).map(function (x) {
              return { title: x.question, url: "/qa?q=" + encodeURIComponent(x.question) };
            })));
            turn.appendChild(rel);
          }
        }
        var p = el("p", "hint");
        p.appendChild(link(interact, "把问题作为网民留言提交"));
        bot.appendChild(p);
        bot.focus && bot.setAttribute("tabindex", "-1");
      })
      .catch(function () { form.submit(); });
  });
});

// A sale that has not opened yet: <p data-countdown="ISO date"> counts down and reloads the page at zero.
(function () {
  var el = document.querySelector('[data-countdown]');
  if (!el) return;
  var target = Date.parse(el.dataset.countdown);
  function tick() {
    var left = Math.max(0, Math.floor((target - Date.now()) / 1000));
    if (left === 0) { window.location.reload(); return; }
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    el.textContent = 'Opens in ' + (d ? d + 'd ' : '') + h + 'h ' + m + 'm ' + s + 's';
    setTimeout(tick, 1000);
  }
  tick();
})();

// The customers' app: the cancel dialog, the payment form, and the live status (server-sent events, same origin).
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-opens]');
    if (opener) {
      var dialog = document.getElementById(opener.dataset.opens);
      if (dialog && dialog.showModal) { dialog.showModal(); }
    }
    var closer = event.target.closest('[data-closes]');
    if (closer) {
      var open = document.getElementById(closer.dataset.closes);
      if (open) { open.close(); }
    }
    var revealer = event.target.closest('[data-reveals]');
    if (revealer) {
      var form = document.getElementById(revealer.dataset.reveals);
      if (form) {
        form.hidden = false;
        revealer.setAttribute('aria-expanded', 'true');
        var first = form.querySelector('select, input:not([type=hidden])');
        if (first) { first.focus(); }
      }
    }
  });

  var live = document.querySelector('[data-live]');
  if (!live || !window.EventSource) { return; }
  var words = {};
  document.querySelectorAll('#status-words [data-code]').forEach(function (item) {
    words[item.dataset.code] = item.textContent.trim();
  });
  function show(id, status) {
    var element = document.getElementById(id);
    if (!element || !status || element.dataset.status === status) { return; }
    element.dataset.status = status;
    element.textContent = words[status] || status;
  }
  var source = new EventSource(live.dataset.live);
  source.onmessage = function (event) {
    var view;
    try { view = JSON.parse(event.data); } catch (notJson) { return; }
    show('reservation-status', view.reservationStatus);
    show('appointment-status', view.appointmentStatus);
    // A bill issued or paid since the page was drawn: draw it again, with the bill.
    if (view.billStatus && view.billStatus !== (live.dataset.bill || '')) {
      source.close();
      window.location.reload();
    }
  };
  window.addEventListener('pagehide', function () { source.close(); });
})();

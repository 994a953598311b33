// privdiff HTML report: filter findings by severity, jurisdiction and recipient.
// Inlined verbatim and allowed by its SHA-256 hash in the report's Content-Security-Policy,
// so it must stay static: it reads report data only from escaped data-* attributes.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var status = document.getElementById('filter-status');
  var field = function (name) { return form.elements.namedItem(name); };

  function matches(el, severity, jurisdiction, recipient) {
    if (severity && el.getAttribute('data-severity') !== severity) return false;
    if (jurisdiction && (el.getAttribute('data-jurisdictions') || '').split(' ').indexOf(jurisdiction) < 0) return false;
    if (recipient && el.getAttribute('data-recipient') !== recipient) return false;
    return true;
  }

  function apply() {
    var severity = field('severity').value;
    var jurisdiction = field('jurisdiction').value;
    var recipient = field('recipient').value;
    var shown = 0;
    findings.forEach(function (el) {
      var ok = matches(el, severity, jurisdiction, recipient);
      el.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = (status.getAttribute('data-template') || '')
      .replace('{{n}}', String(shown)).replace('{{total}}', String(findings.length));
  }

  form.hidden = false;
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  // A reset changes the fields after the event; apply once they have their defaults back.
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-severity]'), function (button) {
    button.addEventListener('click', function () {
      field('severity').value = button.getAttribute('data-filter-severity');
      apply();
      form.scrollIntoView({ block: 'start' });
    });
  });
  apply();
})();

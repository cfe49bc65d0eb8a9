// A sample course page that hosts Loopscope embeds and drives them through postMessage.
// It is plain JavaScript with no build step, so a teacher can copy it as it is.
// The embeds' origin: this page's own by default; `?loopscope=https://host/path/` points the
// frames at a Loopscope served elsewhere.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var base = new URL(params.get('loopscope') || './', location.href);
  var embedOrigin = base.origin;
  var frames = {};
  var nextId = 1;
  var log = document.getElementById('log');

  function addLog(text) {
    var item = document.createElement('li');
    item.textContent = text;
    log.appendChild(item);
  }

  document.querySelectorAll('iframe[data-path]').forEach(function (frame) {
    frame.src = new URL(frame.getAttribute('data-path'), base).href;
    frames[frame.id] = frame;
  });

  // Send a command to one embed. The target origin makes the browser drop the message if the
  // frame has navigated somewhere else.
  function send(target, type, payload) {
    var id = target + '-' + nextId++;
    frames[target].contentWindow.postMessage(
      { source: 'loopscope', version: 1, type: type, id: id, payload: payload || {} },
      embedOrigin,
    );
    return id;
  }

  window.addEventListener('message', function (event) {
    // Trust only our own frames, at the origin we loaded them from.
    if (event.origin !== embedOrigin) return;
    var name = Object.keys(frames).find(function (key) {
      return frames[key].contentWindow === event.source;
    });
    var data = event.data;
    if (!name || !data || data.source !== 'loopscope' || data.version !== 1) return;
    addLog(
      name + ' ' + data.type + ' ' + JSON.stringify(data.payload) + (data.id ? ' #' + data.id : ''),
    );
  });

  document.querySelectorAll('.controls').forEach(function (box) {
    var target = box.getAttribute('data-target');
    box.addEventListener('click', function (event) {
      var action = event.target.getAttribute && event.target.getAttribute('data-action');
      if (action === 'set-code')
        send(target, 'set-code', { code: document.getElementById('code').value });
      else if (action === 'run') send(target, 'run');
      else if (action === 'seek')
        send(target, 'seek', { step: Number(box.querySelector('[data-seek]').value) });
    });
  });

  // For scripts (and the e2e test) that want to drive the page without clicking.
  window.loopscopeHost = { send: send, frames: frames };
})();

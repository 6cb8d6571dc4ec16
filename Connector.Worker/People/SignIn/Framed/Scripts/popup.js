// The popup of the framed sign-in, signed in: it hands the one-time code to the frame that opened it and closes.
(() => {
  'use strict';
  const code = document.getElementById('handoff').dataset.code;
  if (window.opener && !window.opener.closed) {
    // To this Worker's own origin only: if another site's page opened this window, the browser delivers nothing.
    window.opener.postMessage({ type: 'connector:signin-handoff', code }, window.location.origin);
    window.close();
  }
})();

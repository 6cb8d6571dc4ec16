// /signin inside the CRM's iframe with an OpenID provider: providers refuse to be framed, so the button opens the
// sign-in in a popup (top level, where they show). The popup cannot set this frame's session cookie (it is
// partitioned by the top-level site), so it posts back a one-time code, which this page trades at /signin/handoff
// for a session of its own, then goes where the panel was going.
(() => {
  'use strict';
  const MessageType = 'connector:signin-handoff';
  const button = document.getElementById('open-popup');
  const form = document.getElementById('handoff');
  const error = document.getElementById('error');
  let popup = null;

  const fail = (message) => {
    error.textContent = message;
    error.hidden = false;
    button.disabled = false;
  };

  button.addEventListener('click', () => {
    error.hidden = true;
    popup = window.open(button.dataset.popup, 'connector-signin', 'popup,width=520,height=680');
    if (!popup) {
      fail('The browser blocked the sign-in window: allow pop-ups for this site, then press the button again.');
    }
  });

  window.addEventListener('message', async (event) => {
    // Only the window this page opened, showing a page of this Worker, may hand a sign-in over.
    if (popup === null || event.source !== popup || event.origin !== window.location.origin) {
      return;
    }

    const data = event.data;
    if (!data || data.type !== MessageType || typeof data.code !== 'string') {
      return;
    }

    popup = null;
    button.disabled = true;
    const body = new URLSearchParams(new FormData(form)); // the antiforgery token
    body.set('code', data.code);
    let response;
    let result;
    try {
      response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
      result = await response.json();
    } catch (failure) {
      fail(`Signing in failed (${failure.message}). Press the button to try again.`);
      return;
    }

    if (!response.ok) {
      fail(`${result.detail || result.title || 'Signing in failed.'} Press the button to try again.`);
      return;
    }

    // The Worker answers with a path of its own; anything else is not followed.
    const next = new URL(result.location, window.location.origin);
    window.location.assign(next.origin === window.location.origin ? next.href : '/signin');
  });
})();

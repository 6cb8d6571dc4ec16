// GET /chat/widget.js: what a website includes to offer the chat,
//   <script src="https://{connector}/chat/widget.js" async></script>
// It adds a button that opens /chat/widget from the same origin in an iframe (loaded on first open, then kept, so closing
// keeps the chat). It also keeps the widget's session in the website's sessionStorage (see the message handler).
// Options as data attributes on the script tag: data-label (button text), data-open="true" (open at once).
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || document.getElementById('connector-chat-button')) {
    return;
  }
  const widgetUrl = new URL('widget', script.src).toString();
  const label = script.dataset.label || 'Chat with us';

  const button = document.createElement('button');
  button.id = 'connector-chat-button';
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483646;padding:12px 18px;border:0;border-radius:24px;'
    + 'background:#0f5ea8;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)';

  let frame = null;
  function toggle() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'connector-chat-frame';
      frame.title = label;
      frame.src = widgetUrl;
      frame.style.cssText = 'position:fixed;right:20px;bottom:76px;z-index:2147483647;width:min(370px,calc(100vw - 40px));'
        + 'height:min(560px,calc(100vh - 100px));border:1px solid #ccc;border-radius:8px;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.25)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  }

  // The widget keeps its session here, in the website's own sessionStorage: browsers that block third-party
  // storage deny it inside the iframe, and a reload of the website must continue the chat.
  const widgetOrigin = new URL(widgetUrl).origin;
  const storageKey = 'connector-chat-session';
  window.addEventListener('message', event => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== widgetOrigin || !event.data) {
      return;
    }
    if (event.data.type === 'connector-chat:ready') {
      let saved = null;
      try {
        saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      } catch {
        saved = null;
      }
      frame.contentWindow.postMessage({ type: 'connector-chat:session', session: saved }, widgetOrigin);
    } else if (event.data.type === 'connector-chat:store') {
      try {
        if (event.data.session) {
          sessionStorage.setItem(storageKey, JSON.stringify(event.data.session));
        } else {
          sessionStorage.removeItem(storageKey);
        }
      } catch {
        // No storage at all: the chat still works, a reload starts a new one.
      }
    }
  });

  button.addEventListener('click', toggle);
  function mount() {
    document.body.appendChild(button);
    if (script.dataset.open === 'true') {
      toggle();
    }
  }
  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();

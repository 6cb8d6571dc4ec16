// The chat widget page's script (GET /chat/chat.js, loaded by /chat/widget): it starts a session with
// POST /api/chat/sessions, then talks to ACS Chat directly with the visitor's token (send, and list every two seconds),
// as ACS Chat intends (Microsoft Learn, "Chat concepts",
// https://learn.microsoft.com/azure/communication-services/concepts/chat/concepts). The session is kept in
// sessionStorage, also the website's through the loader (browsers may deny storage to a third-party iframe), so a reload
// continues the chat. Settings come from the page's body: data-chat-api-version, data-sessions-url.
(() => {
  'use strict';
  const apiVersion = document.body.dataset.chatApiVersion;
  const sessionsUrl = document.body.dataset.sessionsUrl;
  const storageKey = 'connector-chat-session';
  const pollEveryMs = 2000;
  const embedded = window.parent !== window;
  // The embedding page's origin where the browser tells it; the loader checks where its messages come from.
  const parentOrigin = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : '*';
  const $ = id => document.getElementById(id);
  let session = null;
  let polling = null;
  let shown = '';

  function valid(s) {
    return s && s.threadId && s.token && s.endpoint && new Date(s.expiresOn) > new Date() ? s : null;
  }

  // The session lives in this page's sessionStorage and, when embedded, with the loader in the website's own
  // sessionStorage too: browsers that block third-party storage deny ours inside the website's iframe.
  function readOwn() {
    try {
      return valid(JSON.parse(sessionStorage.getItem(storageKey) || 'null'));
    } catch {
      return null;
    }
  }

  function keep(s) {
    try {
      if (s) {
        sessionStorage.setItem(storageKey, JSON.stringify(s));
      } else {
        sessionStorage.removeItem(storageKey);
      }
    } catch {
      // Third-party storage blocked: the loader keeps it in the website's storage.
    }
    if (embedded) {
      window.parent.postMessage({ type: 'connector-chat:store', session: s }, parentOrigin);
    }
  }

  function showError(message) {
    $('error').textContent = message || '';
    $('error').hidden = !message;
  }

  function showForm() {
    clearTimeout(polling);
    $('chat').hidden = true;
    $('prechat').hidden = false;
    $('name').focus();
  }

  function showChat() {
    $('prechat').hidden = true;
    $('chat').hidden = false;
    showVerification();
    $('text').focus();
    poll();
  }

  function endSession(message) {
    keep(null);
    session = null;
    shown = '';
    $('messages').replaceChildren();
    showForm();
    showError(message);
  }

  async function problemOf(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || (body.error && body.error.message) || response.statusText;
    } catch {
      return response.statusText || ('HTTP ' + response.status);
    }
  }

  // ACS Chat REST with the visitor's own token; paths are relative to the resource endpoint.
  async function chatApi(path, init) {
    const url = new URL(path, session.endpoint);
    if (!url.searchParams.has('api-version')) {
      url.searchParams.set('api-version', apiVersion);
    }
    const headers = { Authorization: 'Bearer ' + session.token };
    if (init && init.body) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, Object.assign({}, init, { headers }));
    if (response.status === 401) {
      endSession('Your chat session has ended. Start a new chat to carry on.');
      throw new Error('session ended');
    }
    if (!response.ok) {
      throw new Error(await problemOf(response));
    }
    return response;
  }

  function threadPath(suffix) {
    return 'chat/threads/' + encodeURIComponent(session.threadId) + suffix;
  }

  async function listMessages() {
    const all = [];
    let next = threadPath('/messages?maxPageSize=200');
    while (next) {
      const page = await (await chatApi(next)).json();
      all.push(...(page.value || []));
      // Follow nextLink only on the resource's own origin: the token must not travel elsewhere.
      next = page.nextLink && new URL(page.nextLink, session.endpoint).origin === new URL(session.endpoint).origin ? page.nextLink : null;
    }
    return all
      .filter(m => (m.type === 'text' || m.type === 'html') && m.content && m.content.message && !m.deletedOn)
      .sort((a, b) => Number(a.sequenceId) - Number(b.sequenceId));
  }

  function plainText(message) {
    if (message.type !== 'html') {
      return message.content.message;
    }
    // Agents' html is shown as text: nothing from the thread runs as markup here.
    return new DOMParser().parseFromString(message.content.message, 'text/html').body.textContent || '';
  }

  function render(messages) {
    const signature = messages.map(m => m.id + ':' + (m.version || '')).join('|');
    if (signature === shown) {
      return;
    }
    shown = signature;
    const list = $('messages');
    list.replaceChildren(...messages.map(m => {
      const sender = m.senderCommunicationIdentifier && (m.senderCommunicationIdentifier.rawId
        || (m.senderCommunicationIdentifier.communicationUser && m.senderCommunicationIdentifier.communicationUser.id));
      const mine = sender === session.userId;
      const item = document.createElement('li');
      item.className = mine ? 'mine' : 'theirs';
      item.dataset.messageId = m.id;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = mine ? 'You' : (m.senderDisplayName || 'Contact centre');
      item.append(who, document.createTextNode(plainText(m)));
      return item;
    }));
    list.scrollTop = list.scrollHeight;
  }

  async function poll() {
    clearTimeout(polling);
    if (!session) {
      return;
    }
    try {
      render(await listMessages());
      showError('');
    } catch (e) {
      if (!session) {
        return;
      }
      showError('Could not load messages: ' + e.message);
    }
    if (session) {
      polling = setTimeout(poll, pollEveryMs);
    }
  }

  $('prechat').addEventListener('submit', async event => {
    event.preventDefault();
    const start = $('start');
    start.disabled = true;
    showError('');
    try {
      const details = { displayName: $('name').value.trim() };
      if ($('email').value.trim()) { details.email = $('email').value.trim(); }
      if ($('phone').value.trim()) { details.phone = $('phone').value.trim(); }
      const response = await fetch(new URL(sessionsUrl, location.href), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(details),
      });
      if (!response.ok) {
        throw new Error(await problemOf(response));
      }
      const started = await response.json();
      // What the visitor typed is only claimed until a code proves it; the kinds to offer are known here, since the
      // Worker echoes nothing typed (nor any customer id).
      session = {
        endpoint: started.endpoint, threadId: started.threadId, userId: started.userId,
        token: started.token, expiresOn: started.expiresOn, displayName: details.displayName,
        sessionKey: started.sessionKey, unverified: ['phone', 'email'].filter(kind => details[kind]),
      };
      keep(session);
      showChat();
    } catch (e) {
      showError('The chat could not start: ' + e.message);
    } finally {
      start.disabled = false;
    }
  });

  // Proving a typed phone or email: a code goes to it (WhatsApp, email) and comes back typed here, with the session key.
  function verificationUrl(suffix) {
    return new URL(sessionsUrl + '/' + encodeURIComponent(session.threadId) + suffix, location.href);
  }

  async function verificationCall(suffix, body) {
    const response = await fetch(verificationUrl(suffix), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Chat-Session-Key': session.sessionKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(await problemOf(response));
    }
    return response.json();
  }

  function showVerification() {
    const pending = session && session.sessionKey && session.unverified ? session.unverified : [];
    $('verify').hidden = pending.length === 0;
    if (pending.length) {
      $('verify-prompt').textContent = 'Confirm the ' + pending[0] + ' you gave is yours, so we can find your earlier conversations.';
      $('send-code').hidden = false;
      $('code-label').hidden = true;
      $('check-code').hidden = true;
    }
  }

  $('send-code').addEventListener('click', async () => {
    const kind = session.unverified[0];
    $('send-code').disabled = true;
    try {
      await verificationCall('/verification-codes', { kind });
      $('verify-status').textContent = 'We sent a code to your ' + kind + '.';
      $('code-label').hidden = false;
      $('check-code').hidden = false;
      $('code').focus();
    } catch (e) {
      $('verify-status').textContent = 'No code was sent: ' + e.message;
    } finally {
      $('send-code').disabled = false;
    }
  });

  $('verify').addEventListener('submit', async event => {
    event.preventDefault();
    const kind = session.unverified[0];
    $('check-code').disabled = true;
    try {
      await verificationCall('/verify', { kind, code: $('code').value.trim() });
      $('verify-status').textContent = 'Your ' + kind + ' is confirmed.';
      $('code').value = '';
      session.unverified = session.unverified.slice(1);
      keep(session);
      showVerification();
    } catch (e) {
      $('verify-status').textContent = 'Not confirmed: ' + e.message;
    } finally {
      $('check-code').disabled = false;
    }
  });

  $('composer').addEventListener('submit', async event => {
    event.preventDefault();
    const text = $('text').value.trim();
    if (!text || !session) {
      return;
    }
    const send = $('send');
    send.disabled = true;
    try {
      await chatApi(threadPath('/messages'), {
        method: 'POST',
        body: JSON.stringify({ content: text, senderDisplayName: session.displayName, type: 'text' }),
      });
      $('text').value = '';
      showError('');
      poll();
    } catch (e) {
      if (session) {
        showError('Your message was not sent: ' + e.message);
      }
    } finally {
      send.disabled = false;
      $('text').focus();
    }
  });

  let started = false;
  function begin(saved) {
    if (started) {
      return;
    }
    started = true;
    session = valid(saved);
    if (session) {
      showChat();
    } else {
      showForm();
    }
  }

  const own = readOwn();
  if (own || !embedded) {
    begin(own);
  } else {
    // Ask the loader for the session it kept; framed without the loader, nobody answers and the form shows.
    window.addEventListener('message', event => {
      if (event.source === window.parent && event.data && event.data.type === 'connector-chat:session') {
        begin(event.data.session);
      }
    });
    setTimeout(() => begin(null), 1000);
    window.parent.postMessage({ type: 'connector-chat:ready' }, parentOrigin);
  }
})();

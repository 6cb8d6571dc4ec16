// A stand-in for Salesforce's Open CTI library for Lightning (sforce.opencti), served by FakeLightningHost at the
// path Salesforce serves the real one. Like the real library it runs inside the softphone's iframe and carries every
// call to the Lightning page around it by postMessage, where the host decides (host.js): callbacks receive
// { success, returnValue, errors }, and what Salesforce refuses comes back as success: false with errors.
// A method whose callback or listener is required and missing has nothing to call back: it throws, and the host
// still records the refused call.
(() => {
  "use strict";
  // The host is whoever served this script (the real library likewise talks only to the org it came from).
  const hostOrigin = new URL(document.currentScript.src).origin;
  const methods = [
    "enableClickToDial", "disableClickToDial", "onClickToDial", "onNavigationChange", "screenPop", "saveLog",
    "refreshView", "setSoftphonePanelVisibility", "isSoftphonePanelVisible", "notifyInitializationComplete", "getAppViewInfo",
  ];
  const requiresCallback = new Set(["isSoftphonePanelVisible", "getAppViewInfo"]);
  const requiresListener = new Set(["onClickToDial", "onNavigationChange"]);
  const listenerEvents = { onClickToDial: "clickToDial", onNavigationChange: "navigationChange" };
  const pending = new Map();
  const listeners = {};
  let nextId = 1;

  function send(method, args) {
    const { callback, listener, ...rest } = args ?? {};
    const missing = requiresListener.has(method) && typeof listener !== "function" ? "listener"
      : requiresCallback.has(method) && typeof callback !== "function" ? "callback"
      : null;
    const id = nextId++;
    window.parent.postMessage({ openCti: "call", id, method, args: rest, missing }, hostOrigin);
    if (missing) {
      throw new Error(`sforce.opencti.${method}: ${missing} is required`);
    }
    if (typeof callback === "function") {
      pending.set(id, callback);
    }
    if (method in listenerEvents) {
      listeners[listenerEvents[method]] = listener;
    }
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== hostOrigin || event.source !== window.parent || event.data?.openCti === undefined) {
      return;
    }
    const message = event.data;
    if (message.openCti === "result") {
      const callback = pending.get(message.id);
      pending.delete(message.id);
      callback?.(message.result);
    } else if (message.openCti === "event") {
      listeners[message.event]?.(message.payload);
    }
  });

  const api = {
    SCREENPOP_TYPE: Object.freeze({
      SOBJECT: "sobject", URL: "url", OBJECTHOME: "objecthome", LIST: "list", SEARCH: "search",
      NEW_RECORD_MODAL: "newRecord", FLOW: "flow",
    }),
    CALL_TYPE: Object.freeze({ INBOUND: "inbound", OUTBOUND: "outbound", INTERNAL: "internal" }),
  };
  for (const method of methods) {
    api[method] = (args) => send(method, args);
  }
  window.sforce = window.sforce ?? {};
  window.sforce.opencti = Object.freeze(api);
})();

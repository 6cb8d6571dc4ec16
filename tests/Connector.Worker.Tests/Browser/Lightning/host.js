// The Lightning page of FakeLightningHost: frames the panel as Salesforce frames the call center's adapter URL
// (?sfdcIframeOrigin={this origin}&mode=Lightning), answers the Open CTI calls the frame's opencti_min.js carries here,
// records each in window.openCtiCalls ({ method, args, success, errors }), and lets tests fire the host's events:
// window.clickToDial(number, recordId, objectType) and window.navigate(recordId, objectType), each returning whether a
// listener got it. Click-to-dial reaches the panel only once it enabled it, as in Salesforce.
(() => {
  "use strict";
  const frame = document.getElementById("softphone-frame");
  const calls = [];
  // The utility item starts loaded in the background and folded away, as with "Start automatically"; the frame
  // stays on screen all the same, so that tests can use the panel: visibility is state, read by isSoftphonePanelVisible.
  const state = {
    clickToDialEnabled: false,
    listeners: { clickToDial: false, navigationChange: false },
    visible: false,
    initialized: false,
    refreshes: 0,
    page: { url: location.href, recordId: null, recordName: null, objectType: null },
  };
  window.openCtiCalls = calls;
  window.openCtiState = state;

  // screenPop's types and the params each requires (Open CTI Developer Guide, screenPop() for Lightning).
  const screenPopParams = {
    sobject: ["recordId"], url: ["url"], objecthome: ["scope"], list: ["listViewId", "scope"],
    search: ["searchString"], newRecord: ["entityName"], flow: ["flowDevName"],
  };
  // Key prefixes of the objects the connector writes, to name a popped record's type.
  const prefixes = { "001": "Account", "003": "Contact", "00Q": "Lead", "00T": "Task", "500": "Case", "02s": "EmailMessage" };
  let created = 0;

  const ok = (returnValue = null) => ({ success: true, returnValue, errors: null });
  const refused = (...errors) => ({ success: false, returnValue: null, errors });
  const nonEmpty = (value) => typeof value === "string" && value.length > 0;

  function post(event, payload) {
    frame.contentWindow.postMessage({ openCti: "event", event, payload }, new URL(frame.src).origin);
  }

  function show(recordId, objectType) {
    state.page = recordId
      ? { url: `${location.origin}/lightning/r/${objectType}/${recordId}/view`, recordId, recordName: `${objectType} ${recordId}`, objectType }
      : { url: `${location.origin}/lightning/page/home`, recordId: null, recordName: null, objectType: null };
    if (state.listeners.navigationChange) {
      post("navigationChange", state.page);
      return true;
    }
    return false;
  }

  const handlers = {
    enableClickToDial: () => { state.clickToDialEnabled = true; return ok(); },
    disableClickToDial: () => { state.clickToDialEnabled = false; return ok(); },
    onClickToDial: () => { state.listeners.clickToDial = true; return ok(); },
    onNavigationChange: () => { state.listeners.navigationChange = true; return ok(); },
    screenPop: ({ type, params }) => {
      if (!(type in screenPopParams)) {
        return refused(`Invalid screenPop type: ${type}`);
      }
      const missing = screenPopParams[type].filter((name) => !nonEmpty(params?.[name]));
      if (missing.length > 0) {
        return refused(...missing.map((name) => `params.${name} is required for screenPop type ${type}`));
      }
      if (type === "sobject") {
        show(params.recordId, prefixes[params.recordId.slice(0, 3)] ?? "");
      }
      return ok();
    },
    saveLog: ({ value }) => {
      if (value === null || typeof value !== "object") {
        return refused("value is required");
      }
      if (!nonEmpty(value.Id) && !nonEmpty(value.entityApiName)) {
        return refused("value must have Id (to update a record) or entityApiName (to create one)");
      }
      return ok({ recordId: value.Id ?? `00T${String(++created).padStart(15, "0")}` });
    },
    refreshView: () => { state.refreshes++; return ok(); },
    setSoftphonePanelVisibility: ({ visible }) => {
      if (typeof visible !== "boolean") {
        return refused("visible must be true or false");
      }
      state.visible = visible;
      document.getElementById("softphone").dataset.visible = String(visible);
      return ok();
    },
    isSoftphonePanelVisible: () => ok({ visible: state.visible }),
    notifyInitializationComplete: () => { state.initialized = true; return ok(); },
    getAppViewInfo: () => ok({ ...state.page }),
  };

  window.addEventListener("message", (event) => {
    // Only the softphone's frame speaks Open CTI to this page.
    if (event.source !== frame.contentWindow || event.data?.openCti !== "call") {
      return;
    }
    const { id, method, args, missing } = event.data;
    const handler = handlers[method];
    const result = missing ? refused(`${missing} is required`)
      : handler ? handler(args ?? {})
      : refused(`Unknown Open CTI method: ${method}`);
    calls.push({ method, args: args ?? {}, success: result.success, errors: result.errors });
    if (!missing) {
      event.source.postMessage({ openCti: "result", id, result }, event.origin);
    }
  });

  window.clickToDial = (number, recordId, objectType) => {
    if (!state.clickToDialEnabled || !state.listeners.clickToDial) {
      return false;
    }
    post("clickToDial", { number, recordId: recordId ?? null, recordName: recordId ? `${objectType} ${recordId}` : null, objectType: objectType ?? null });
    return true;
  };
  window.navigate = (recordId, objectType) => show(recordId ?? null, objectType ?? null);

  const panel = new URLSearchParams(location.search).get("panel");
  if (!panel) {
    document.getElementById("record").textContent = "No ?panel= URL to frame.";
    return;
  }
  const src = new URL(panel, location.href);
  src.searchParams.set("sfdcIframeOrigin", location.origin);
  src.searchParams.set("mode", "Lightning");
  frame.src = src.href;
})();

namespace Connector.Worker.Acs.Wire;

/// <summary><c>{"refValue":"…"}</c>: one body placeholder.</summary>
internal sealed record MessageTemplateBindingWire(string RefValue);

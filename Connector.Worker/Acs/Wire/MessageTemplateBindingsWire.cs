namespace Connector.Worker.Acs.Wire;

/// <summary>WhatsApp bindings of a template: which values fill the body placeholders, in order.</summary>
internal sealed record MessageTemplateBindingsWire(string Kind, IReadOnlyList<MessageTemplateBindingWire> Body);

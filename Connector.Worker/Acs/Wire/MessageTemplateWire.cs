namespace Connector.Worker.Acs.Wire;

/// <summary>A WhatsApp template: name, language, named values and how they bind to the template body.</summary>
internal sealed record MessageTemplateWire(string Name, string Language, IReadOnlyList<MessageTemplateValueWire> Values, MessageTemplateBindingsWire? Bindings);

namespace Connector.Worker.Acs.Wire;

/// <summary>A named template value of kind <c>text</c>.</summary>
internal sealed record MessageTemplateValueWire(string Name, string Kind, string Text);

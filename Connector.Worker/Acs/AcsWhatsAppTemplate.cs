namespace Connector.Worker.Acs;

/// <summary>An approved WhatsApp template and the texts for its body placeholders, in order ({{1}}, {{2}}…).</summary>
public sealed record AcsWhatsAppTemplate(string Name, string Language, IReadOnlyList<string> BodyParameters);

using System.Globalization;
using Connector.Core.Customers;
using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Claims;

/// <summary>Sends a one-time code over the claimed channel itself: an email through ACS Email, a phone through a WhatsApp template.</summary>
internal sealed class ClaimCodeSender(
    AcsConnection acs, AcsEmailClient email, AcsMessagesClient whatsApp, IOptions<AcsOptions> acsOptions, IOptions<ClaimVerificationOptions> options)
{
    /// <summary>Why a code cannot go to this kind of identity (naming the setting), or null when it can.</summary>
    public string? Unavailable(IdentityKind kind)
    {
        if (!acs.IsConfigured)
        {
            return AcsConnection.NotConfigured;
        }

        return kind switch
        {
            IdentityKind.Email when string.IsNullOrWhiteSpace(acsOptions.Value.Email.SenderAddress) =>
                "Acs:Email:SenderAddress is not configured, so no code can be mailed.",
            IdentityKind.Phone when Template() is null =>
                $"{ClaimVerificationOptions.Section}:WhatsAppTemplate names none of Acs:WhatsApp:Templates, so no code can be sent to a phone.",
            IdentityKind.Email or IdentityKind.Phone => null,
            _ => $"A {Core.WireNames.Of(kind)} identity is not verified by code.",
        };
    }

    public async Task SendAsync(CustomerIdentity to, string code, CancellationToken ct)
    {
        var minutes = Math.Max(1, (int)Math.Round(options.Value.CodeLifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        if (to.Kind == IdentityKind.Email)
        {
            await email.SendAsync(new AcsEmailMessage
            {
                Subject = "Your verification code",
                To = [new AcsEmailAddress(to.Value)],
                PlainText = $"Your code is {code}. Type it into the chat to confirm this address is yours; it expires in {minutes} minutes.\n\nIf you did not ask for it, ignore this mail.",
                UserEngagementTrackingDisabled = true,
            }, Guid.NewGuid(), ct);
            return;
        }

        var template = Template() ?? throw new InvalidOperationException(Unavailable(to.Kind));
        await whatsApp.SendTemplateAsync(to.Value, new AcsWhatsAppTemplate(template.Name, template.Language, [code]), ct);
    }

    private WhatsApp.WhatsAppTemplateOptions? Template() =>
        options.Value.WhatsAppTemplate is { Length: > 0 } name ? acsOptions.Value.WhatsApp.Templates.FirstOrDefault(t => t.Name == name) : null;
}

using Connector.Worker.Email;
using MimeKit;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>Which <c>Authentication-Results</c> make a From verified: only the trusted receiving server's DMARC pass for the From's domain.</summary>
public sealed class SenderAuthenticationTests
{
    private const string Trusted = "mx.contact.example";

    [Fact]
    public void The_trusted_servers_dmarc_pass_for_the_From_domain_verifies_the_sender()
    {
        var mail = Mail($"{Trusted}; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass (p=REJECT) header.from=Example.com");

        Assert.True(SenderAuthentication.DmarcPassed(mail, "kim@example.com", Trusted));
    }

    [Theory]
    [InlineData("mx.contact.example; dmarc=fail (p=NONE) header.from=example.com")]
    [InlineData("mx.contact.example; dmarc=none header.from=example.com")]
    [InlineData("mx.contact.example; dmarc=pass header.from=other.example")]
    [InlineData("mx.contact.example; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com")]
    [InlineData("mx.attacker.example; dmarc=pass header.from=example.com")]
    [InlineData("not a header at all")]
    public void Anything_else_leaves_the_From_claimed(string header)
    {
        Assert.False(SenderAuthentication.DmarcPassed(Mail(header), "kim@example.com", Trusted));
    }

    [Fact]
    public void Without_a_trusted_server_configured_no_header_is_believed()
    {
        var mail = Mail($"{Trusted}; dmarc=pass header.from=example.com");

        Assert.False(SenderAuthentication.DmarcPassed(mail, "kim@example.com", null));
        Assert.False(SenderAuthentication.DmarcPassed(mail, "kim@example.com", " "));
    }

    [Fact]
    public void Only_the_topmost_header_of_the_trusted_server_counts_so_a_pass_written_by_the_sender_below_it_is_ignored()
    {
        // The receiving server prepends its verdict; a forged one the sender wrote sits below it.
        var mail = Mail($"{Trusted}; dmarc=fail header.from=example.com", $"{Trusted}; dmarc=pass header.from=example.com");

        Assert.False(SenderAuthentication.DmarcPassed(mail, "kim@example.com", Trusted));
    }

    private static MimeMessage Mail(params string[] authenticationResults)
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "Hi" } };
        foreach (var header in authenticationResults)
        {
            message.Headers.Add(HeaderId.AuthenticationResults, header);
        }

        return message;
    }
}

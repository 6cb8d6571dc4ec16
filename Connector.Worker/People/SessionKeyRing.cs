using System.Xml.Linq;
using Connector.Worker.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Connector.Worker.People;

/// <summary>
/// ASP.NET Core Data Protection keeps its key ring here, in the store (<c>data_protection_keys</c>, migration 0018):
/// every Worker sharing the store reads the session and antiforgery cookies the others made, and a restart signs
/// nobody out. Data Protection asks synchronously, and rarely (it caches the ring), hence the blocking calls.
/// </summary>
internal sealed class SessionKeyRing(SqlDialect dialect, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dialect.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dialect.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@friendlyName, @xml, @at) ON CONFLICT (name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), at = time.GetUtcNow() });
    }
}

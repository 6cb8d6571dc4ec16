using Connector.Core.Storage;

namespace Connector.Worker.Hosting;

/// <summary>Migrates the store before anything else starts; registered first, so jobs never see an old schema.</summary>
internal sealed class SchemaMigrationService(ISchemaMigrator migrator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

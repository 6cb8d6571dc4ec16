namespace Connector.Worker.Crm;

/// <summary>
/// One CRM adapter of this build: the name <c>Crm:Provider</c> selects it by, and the method of its own project that
/// registers it (<c>{Crm}ServiceCollectionExtensions.Add{Crm}Adapter</c>: options, client, ports, descriptor).
/// </summary>
public sealed record CrmAdapterRegistration(string Name, Func<IServiceCollection, IConfiguration, IServiceCollection> AddAdapter);

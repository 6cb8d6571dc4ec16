namespace Connector.Zendesk;

internal enum ZendeskAuthMode
{
    None,
    ApiToken,
    OAuthRefresh,
    OAuthBearer,
}

using Connector.Core.Crm;

namespace Connector.Zendesk;

/// <summary>A file on its way to a ticket: uploaded (its token), or linked (a recording over the upload limit).</summary>
internal sealed record ZendeskFile(CrmAttachment File, string? Token, CrmFileLink? Link);

using System.Security.Claims;
using Connector.Worker.People;
using Microsoft.AspNetCore.SignalR;

namespace Connector.Worker.Push;

/// <summary>
/// <c>/hubs/agent</c>: agents, supervisors and admins receive their stream's messages (client method <c>push</c>, a
/// <see cref="PushMessage"/>). A client calls <c>Resume(afterSeq)</c> with the last number it has (negative: none,
/// start from now) and is sent what it missed, then live messages; <c>Ack(seq)</c> lets the journal forget up to there.
/// </summary>
internal sealed class AgentHub(PushSessions sessions, PushAcks acks) : Hub
{
    public const string Path = "/hubs/agent";

    /// <summary>The query parameter by which an admin who is also an agent asks for the admins' stream.</summary>
    public const string StreamParameter = "stream";

    public override Task OnConnectedAsync()
    {
        var requested = Context.GetHttpContext()?.Request.Query[StreamParameter].ToString();
        var stream = StreamOf(Context.User, string.IsNullOrEmpty(requested) ? null : requested)
            ?? throw new HubException("This sign-in has no stream here: it acts as no agent and is not an admin (or asked for a stream it may not follow).");
        sessions.Open(Context.ConnectionId, stream);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Close(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Sends what followed <paramref name="afterSeq"/>, in order, then live messages; returns the last number sent by then.</summary>
    public Task<long> Resume(long afterSeq) => Session().ResumeAsync(afterSeq);

    /// <summary>The client has everything up to <paramref name="seq"/> (written with others within <see cref="PushOptions.AckWriteInterval"/>).</summary>
    public void Ack(long seq) => acks.Record(Session().Stream, seq);

    /// <summary>The agent's own stream, or the admins' for an admin who acts as no agent or asks for it.</summary>
    internal static string? StreamOf(ClaimsPrincipal? user, string? requested)
    {
        var agentId = user?.FindFirst(ConnectorClaims.AgentId)?.Value;
        var admin = user?.IsInRole(Roles.Admin) == true;
        return requested switch
        {
            null when agentId is not null => PushStreams.Agent(agentId),
            null or PushStreams.Admins when admin => PushStreams.Admins,
            _ => null,
        };
    }

    private PushSession Session() => sessions.Find(Context.ConnectionId) ?? throw new HubException("The connection is closing.");
}

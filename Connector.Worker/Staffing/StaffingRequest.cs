using Connector.Core.Channels;

namespace Connector.Worker.Staffing;

/// <summary>One channel's forecast and service target: what <see cref="StaffingPlanner"/> sizes a team for.</summary>
/// <param name="ArrivalsPerHour">Forecast contacts per hour (Poisson arrivals).</param>
/// <param name="HandleSeconds">Mean time one contact holds a place of an agent, wrap-up included: a whole agent on
/// voice, one of <paramref name="Concurrency"/> places on the concurrent channels.</param>
/// <param name="ServiceLevel">The share of contacts to answer within <paramref name="WithinSeconds"/> (0–1, e.g. 0.8).</param>
/// <param name="Concurrency">Contacts one agent holds at once: 1 on voice; chats, WhatsApp threads, emails side by side.</param>
/// <param name="MaxOccupancy">Optional ceiling on how busy the places may be (0–1): staff up until the load is at most this share of them.</param>
internal sealed record StaffingRequest(
    Channel Channel,
    double ArrivalsPerHour,
    double HandleSeconds,
    double ServiceLevel,
    double WithinSeconds,
    int Concurrency,
    double? MaxOccupancy)
{
    /// <summary>Offered load in erlangs: the places busy on average, λ·h.</summary>
    public double Erlangs => ArrivalsPerHour * HandleSeconds / 3600;
}
